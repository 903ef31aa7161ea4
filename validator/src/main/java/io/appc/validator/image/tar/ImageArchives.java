package io.appc.validator.image.tar;

import io.appc.validator.image.Compression;
import java.io.BufferedInputStream;
import java.io.Closeable;
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

/** Opening image archives as uncompressed tar streams, and image IDs. */
public final class ImageArchives {
  private static final int STREAM_BUFFER = 1 << 16;

  private ImageArchives() {}

  /**
   * An open archive.
   *
   * @param compression what the file was, found by its first bytes
   * @param tar the uncompressed tar stream
   */
  public record Opened(Compression compression, ReadableByteChannel tar) implements Closeable {
    @Override
    public void close() throws IOException {
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
    FileChannel file = FileChannel.open(archive, StandardOpenOption.READ);
    try {
      ByteBuffer head = ByteBuffer.allocate(Compression.MAGIC_LENGTH);
      while (head.hasRemaining() && file.read(head) > 0) {
        // keep reading: a short read is not the end of the file
      }
      Compression compression = Compression.detect(head.array(), head.position());
      file.position(0);
      if (compression == Compression.NONE) {
        return new Opened(compression, file);
      }
      refuse(compression);
      InputStream raw = new BufferedInputStream(Channels.newInputStream(file), STREAM_BUFFER);
      return new Opened(compression, Channels.newChannel(compression.decompress(raw)));
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** Opens an archive given as a stream; {@code raw} must support mark and reset. */
  public static Opened open(BufferedInputStream raw) throws IOException {
    Compression compression = Compression.detect(raw);
    refuse(compression);
    return new Opened(compression, Channels.newChannel(compression.decompress(raw)));
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

  private static void refuse(Compression compression) throws ArchiveFormatException {
    if (compression == Compression.OPENPGP) {
      throw new ArchiveFormatException(
          "ACI-ARCH-008", "the archive is OpenPGP-encrypted; decrypt it first (gpg --decrypt)");
    }
    if (compression == Compression.UNKNOWN) {
      throw new ArchiveFormatException(
          "ACI-ARCH-002", "need a tar archive (plain, gzip, bzip2 or xz), got an unknown format");
    }
  }
}
