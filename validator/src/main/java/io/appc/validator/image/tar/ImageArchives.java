package io.appc.validator.image.tar;

import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.Compression;
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
import java.util.function.Function;

/**
 * Opening image archives as uncompressed tar streams, and image IDs. Failures say what broke: an
 * {@link ArchiveReadException} of kind {@link Kind#FILE} when the file cannot be opened or read
 * (not a property of the image), of kind {@link Kind#COMPRESSED_DATA} when the compressed data is
 * corrupt or truncated, and an {@link ArchiveFormatException} when the file is encrypted or not a
 * tar in a supported compression.
 */
public final class ImageArchives {
  private static final int STREAM_BUFFER = 1 << 16;

  private ImageArchives() {}

  /**
   * An open archive.
   *
   * @param compression what the file was, found by its first bytes
   * @param tar the uncompressed tar stream
   */
  public record Opened(
      Compression compression, ReadableByteChannel tar, ReadProgress.Handle progress)
      implements Closeable {
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
   * from its file channel, without a copy through a stream.
   *
   * @throws ArchiveFormatException when the file is encrypted or of an unknown format
   */
  public static Opened open(Path archive) throws IOException {
    FileChannel file;
    try {
      file = FileChannel.open(archive, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new ArchiveReadException(
          Kind.FILE, "cannot open " + archive + ": " + ArchiveReadException.reason(e), e);
    }
    ReadProgress.Handle progress = null;
    try {
      ByteBuffer head = ByteBuffer.allocate(Compression.MAGIC_LENGTH);
      while (head.hasRemaining() && file.read(head) > 0) {
        // keep reading: a short read is not the end of the file
      }
      Compression compression = Compression.detect(head.array(), head.position());
      file.position(0);
      progress = ReadProgress.start(archive.toString(), file.size(), () -> positionOf(file));
      if (compression == Compression.NONE) {
        return new Opened(compression, file, progress);
      }
      refuse(compression);
      InputStream raw =
          new BufferedInputStream(
              new Failures(Channels.newInputStream(file), e -> unreadable(archive, e)),
              STREAM_BUFFER);
      return new Opened(compression, Channels.newChannel(decompress(compression, raw)), progress);
    } catch (IOException | RuntimeException e) {
      if (progress != null) {
        progress.close();
      }
      file.close();
      throw e;
    }
  }

  /** Opens an archive given as a stream; {@code raw} must support mark and reset. */
  public static Opened open(BufferedInputStream raw) throws IOException {
    Compression compression = Compression.detect(raw);
    refuse(compression);
    return new Opened(compression, Channels.newChannel(decompress(compression, raw)), null);
  }

  /** How far reading has got in {@code file}; -1 once it is closed. */
  private static long positionOf(FileChannel file) {
    try {
      return file.position();
    } catch (IOException e) {
      return -1;
    }
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

  private static InputStream decompress(Compression compression, InputStream raw)
      throws IOException {
    try {
      return new Failures(compression.decompress(raw), e -> corrupt(compression, e));
    } catch (IOException | RuntimeException e) {
      throw corrupt(compression, e);
    }
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
