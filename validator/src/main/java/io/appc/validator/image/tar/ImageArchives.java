package io.appc.validator.image.tar;

import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.CompressedStream;
import io.appc.validator.image.Compression;
import io.appc.validator.image.TrailingZeros;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opening image archives as uncompressed tar streams, and image IDs. Failures say what broke: an
 * {@link ArchiveReadException} of kind {@link Kind#FILE} when the file cannot be opened or read
 * (not a property of the image), of kind {@link Kind#COMPRESSED_DATA} when the compressed data is
 * corrupt or truncated, of kind {@link Kind#TRAILING_DATA} when other data follows it, and an
 * {@link ArchiveFormatException} when the file is encrypted or not a tar in a supported
 * compression.
 */
public final class ImageArchives {
  private ImageArchives() {}

  /** An open archive: its format and its uncompressed tar stream. */
  public static final class Opened implements Closeable {
    private final Compression compression;
    private final ReadableByteChannel tar;
    private final CompressedStream compressed;
    private ReadProgress.Handle progress;

    private Opened(Compression compression, ReadableByteChannel tar, CompressedStream compressed) {
      this.compression = compression;
      this.tar = tar;
      this.compressed = compressed;
    }

    /** What the file was, found by its first bytes. */
    public Compression compression() {
      return compression;
    }

    /**
     * The uncompressed tar stream. Reading it to its end also checks what follows the compressed
     * data (except after {@link #openForManifest}): bytes that are not all zero fail the last read
     * ({@link Kind#TRAILING_DATA}), zero bytes are {@link #trailingZeros()}.
     */
    public ReadableByteChannel tar() {
      return tar;
    }

    /**
     * Zero bytes after the compressed data (a warning), known once {@link #tar()} has been read to
     * its end; always empty for an uncompressed archive, whose trailing data is part of the tar.
     */
    public Optional<TrailingZeros> trailingZeros() {
      return compressed == null ? Optional.empty() : compressed.trailingZeros();
    }

    @Override
    public void close() throws IOException {
      if (progress != null) {
        progress.close();
      }
      tar.close();
    }
  }

  /**
   * Opens {@code archive} as its uncompressed tar stream. An uncompressed archive is read straight
   * from its file channel, without a copy through a stream. For a compressed one, reading to the
   * end checks what follows the compressed data ({@link Opened#tar()}).
   *
   * @throws ArchiveFormatException when the file is encrypted or of an unknown format
   */
  public static Opened open(Path archive) throws IOException {
    return open(archive, true);
  }

  /**
   * Opens {@code archive} to read its first entries only, such as the manifest: what follows the
   * compressed data is not checked, not even when a small file happens to be decompressed to its
   * end on the way, so that such a reader gives the same answer for every archive.
   */
  public static Opened openForManifest(Path archive) throws IOException {
    return open(archive, false);
  }

  private static Opened open(Path archive, boolean checkEnd) throws IOException {
    FileChannel file;
    try {
      file = FileChannel.open(archive, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new ArchiveReadException(
          Kind.FILE, "cannot open " + archive + ": " + ArchiveReadException.reason(e), e);
    }
    try {
      ByteBuffer head = ByteBuffer.allocate(Compression.MAGIC_LENGTH);
      while (head.hasRemaining() && file.read(head) > 0) {
        // keep reading: a short read is not the end of the file
      }
      Compression compression = Compression.detect(head.array(), head.position());
      file.position(0);
      long size = file.size();
      Opened opened;
      if (compression == Compression.NONE) {
        opened = new Opened(compression, file, null);
      } else {
        refuse(compression);
        // CompressedStream buffers the file itself
        opened =
            decompress(
                compression,
                new Failures(Channels.newInputStream(file), e -> unreadable(archive, e)),
                checkEnd);
      }
      opened.progress = ReadProgress.start(archive.toString(), size, file);
      return opened;
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Opens an archive given as a stream; {@code raw} must support mark and reset. */
  public static Opened open(BufferedInputStream raw) throws IOException {
    Compression compression = Compression.detect(raw);
    if (compression == Compression.NONE) {
      return new Opened(
          compression, Channels.newChannel(new Failures(raw, e -> corrupt(compression, e))), null);
    }
    refuse(compression);
    return decompress(compression, raw, true);
  }

  /** A fresh SHA-512 digest, the only image ID algorithm (TYPE-IMGID-002). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-512", e);
    }
  }

  /** The image ID string of a finished digest. */
  public static String imageId(MessageDigest digest) {
    return "sha512-" + HexFormat.of().formatHex(digest.digest());
  }

  private static ArchiveReadException unreadable(Path archive, Exception e) {
    String reason =
        e instanceof IOException io ? ArchiveReadException.reason(io) : String.valueOf(e);
    return new ArchiveReadException(Kind.FILE, "cannot read " + archive + ": " + reason, e);
  }

  private static void refuse(Compression compression) throws ArchiveFormatException {
    if (compression == Compression.OPENPGP) {
      throw new ArchiveFormatException(
          "ACI-ARCH-008",
          compression,
          "the archive is OpenPGP-encrypted; decrypt it first (gpg --decrypt)");
    }
    if (compression == Compression.UNKNOWN) {
      throw new ArchiveFormatException(
          "ACI-ARCH-002",
          compression,
          "need a tar archive (plain, gzip, bzip2 or xz), got an unknown format");
    }
  }

  private static Opened decompress(Compression compression, InputStream raw, boolean checkEnd)
      throws IOException {
    CompressedStream compressed;
    try {
      compressed = new CompressedStream(compression, raw, checkEnd);
    } catch (IOException | RuntimeException e) {
      throw corrupt(compression, e);
    }
    InputStream checked = new Failures(compressed, e -> corrupt(compression, e));
    return new Opened(compression, Channels.newChannel(checked), compressed);
  }

  /** A failure of the decoder: corrupt or truncated data, unless reading the file failed. */
  private static ArchiveReadException corrupt(Compression compression, Exception e) {
    if (e instanceof ArchiveReadException r) {
      return r;
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof EOFException) {
      detail = "unexpected end of data (file truncated?)";
    }
    return new ArchiveReadException(
        Kind.COMPRESSED_DATA, compression.label() + " data is corrupt or truncated: " + detail, e);
  }

  /**
   * Says what failed: under a decoder it marks read failures of the file itself, so they are not
   * mistaken for corrupt data; over one it turns whatever the decoder throws (an IOException or a
   * library's RuntimeException) into a {@link Kind#COMPRESSED_DATA} failure, so hostile data never
   * escapes as an unchecked exception.
   */
  private static final class Failures extends FilterInputStream {
    private final Function<Exception, IOException> failure;

    Failures(InputStream in, Function<Exception, IOException> failure) {
      super(in);
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException | RuntimeException e) {
        throw failure.apply(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failure.apply(e);
      }
    }

    // A decoder that fails after delivering some bytes (xz on a cut footer) keeps the failure and
    // throws it from the next call, which may be available(): Channels.newChannel asks it between
    // reads. skip() can fail the same way.
    @Override
    public int available() throws IOException {
      try {
        return in.available();
      } catch (IOException | RuntimeException e) {
        throw failure.apply(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return in.skip(n);
      } catch (IOException | RuntimeException e) {
        throw failure.apply(e);
      }
    }
  }
}
