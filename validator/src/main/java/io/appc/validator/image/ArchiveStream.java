package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * An image archive file opened as its uncompressed tar stream: the format is recognised by its
 * first bytes, the data is decompressed on a second thread ({@link DecompressionPipe}) and every
 * uncompressed byte is hashed for the image ID. Uncompressed files go through the second thread
 * too: reading the file then overlaps with hashing, which is what limits the speed.
 *
 * <p>gzip goes through {@link GZIPInputStream}, which inflates with the platform zlib, reads
 * concatenated members and reports truncation; it was a little faster than the commons-compress
 * reader here (best of three over 1.6 GB: 6.4 s against 6.6 s, see docs/images.md).
 */
public final class ArchiveStream implements Closeable {
  private static final int FILE_BUFFER = 1 << 16;

  private final Path file;
  private final Compression compression;
  private final InputStream source;
  private final CountingInputStream compressed;
  private final DecompressionPipe pipe;
  private final DigestingInputStream tar;

  private ArchiveStream(Path file, long maxTotalBytes) throws IOException {
    this.file = file;
    InputStream raw = openFile(file);
    this.source = raw;
    this.compressed = new CountingInputStream(new FileErrors(raw, file));
    BufferedInputStream buffered = new BufferedInputStream(compressed, FILE_BUFFER);
    Compression detected;
    try {
      detected = Compression.detect(buffered);
    } catch (IOException e) {
      raw.close();
      throw e;
    }
    this.compression = detected;
    switch (detected) {
      case NONE:
      case GZIP:
      case BZIP2:
      case XZ:
        pipe =
            new DecompressionPipe(() -> decompress(detected, buffered), e -> corrupt(detected, e));
        tar = new DigestingInputStream(pipe, maxTotalBytes);
        break;
      default:
        pipe = null;
        tar = null;
    }
  }

  /**
   * Opens {@code file} and detects its format. For {@link Compression#OPENPGP} and {@link
   * Compression#UNKNOWN} the stream cannot be read; check {@link #readable()}.
   *
   * @throws ArchiveReadException of kind {@link Kind#FILE} when the file cannot be opened
   */
  public static ArchiveStream open(Path file, long maxTotalBytes) throws IOException {
    return new ArchiveStream(file, maxTotalBytes);
  }

  public Compression compression() {
    return compression;
  }

  /** True if the content is a (possibly compressed) tar stream this reader can decompress. */
  public boolean readable() {
    return tar != null;
  }

  /** The uncompressed tar stream; everything read through it is hashed. */
  public InputStream tar() {
    if (tar == null) {
      throw new IllegalStateException("cannot decompress " + compression.label());
    }
    return tar;
  }

  DigestingInputStream digesting() {
    if (tar == null) {
      throw new IllegalStateException("cannot decompress " + compression.label());
    }
    return tar;
  }

  /** Uncompressed bytes read so far (a position in the tar stream). */
  public long position() {
    return tar == null ? 0 : tar.count();
  }

  /** Compressed bytes read from the file so far (ahead of {@link #position()} when pipelined). */
  public long filePosition() {
    return compressed.count();
  }

  /**
   * Reads the rest of the stream into the hash.
   *
   * @return whether everything read was zero bytes (tar padding) rather than other data
   */
  public boolean drain() throws IOException {
    return digesting().drain(new byte[DecompressionPipe.CHUNK]);
  }

  /** The image ID, {@code sha512-} and 128 hex digits; valid once the stream is drained. */
  public String imageId() {
    return digesting().imageId();
  }

  /** The file this stream reads. */
  public Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    if (pipe != null) {
      pipe.close();
    }
    source.close();
  }

  /** Opens the decompressor for {@code compression} over the buffered file. */
  static InputStream decompress(Compression compression, InputStream in) throws IOException {
    if (compression == Compression.NONE) {
      return in;
    }
    if (compression == Compression.GZIP) {
      return new GZIPInputStream(in, FILE_BUFFER);
    }
    return compression.decompress(in);
  }

  private static IOException corrupt(Compression compression, Exception e) {
    if (e instanceof ArchiveReadException r) {
      return r;
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.io.EOFException) {
      detail = "unexpected end of data (file truncated?)";
    }
    return new ArchiveReadException(
        Kind.COMPRESSED_DATA, compression.label() + " data is corrupt or truncated: " + detail, e);
  }

  private static InputStream openFile(Path file) throws ArchiveReadException {
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new ArchiveReadException(Kind.FILE, "cannot open " + file + ": " + reason(e), e);
    }
  }

  static String reason(IOException e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? name : e.getMessage();
  }

  /** Marks read failures of the file itself, so they are not mistaken for corrupt data. */
  private static final class FileErrors extends FilterInputStream {
    private final Path file;

    FileErrors(InputStream in, Path file) {
      super(in);
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw fail(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw fail(e);
      }
    }

    private ArchiveReadException fail(IOException e) {
      return new ArchiveReadException(Kind.FILE, "cannot read " + file + ": " + reason(e), e);
    }
  }

  /** Counts the compressed bytes consumed, for messages about where compressed data broke. */
  private static final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = in.skip(n);
      count += s;
      return s;
    }
  }
}
