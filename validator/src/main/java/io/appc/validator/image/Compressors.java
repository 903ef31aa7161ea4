package io.appc.validator.image;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Compressing output streams for the formats an image archive may use (ACI-ARCH-007). */
final class Compressors {
  private static final int BUFFER = 1 << 16;

  private Compressors() {}

  /** Wraps {@code out}; call {@link #finish} before closing the file. */
  static OutputStream open(Compression compression, OutputStream out) throws IOException {
    switch (compression) {
      case NONE:
        return new java.io.BufferedOutputStream(out, BUFFER);
      case GZIP:
        return new GZIPOutputStream(out, BUFFER);
      case BZIP2:
        return new BZip2CompressorOutputStream(out);
      case XZ:
        return new XZOutputStream(out, new LZMA2Options(LZMA2Options.PRESET_DEFAULT));
      default:
        throw new IllegalArgumentException("cannot write " + compression.label());
    }
  }

  /** Writes the compressed trailer and flushes, leaving the underlying stream open. */
  static void finish(OutputStream compressed) throws IOException {
    if (compressed instanceof GZIPOutputStream gzip) {
      gzip.finish();
    } else if (compressed instanceof BZip2CompressorOutputStream bzip2) {
      bzip2.finish();
    } else if (compressed instanceof XZOutputStream xz) {
      xz.finish();
    } else {
      // the plain case buffers; the compressors have written everything on finish()
      compressed.flush();
    }
  }
}
