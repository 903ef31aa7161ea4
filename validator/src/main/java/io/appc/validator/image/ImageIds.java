package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.BackgroundDigest;
import io.appc.validator.image.tar.ImageArchives;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Computes image IDs (aci.md, "Image ID"): {@code sha512-} followed by the hex sha512 of the
 * uncompressed tar stream, which equals {@code gzip -dc IMAGE | sha512sum}. This only hashes; it
 * does not validate the archive beyond recognising tar data. Decompression runs on the calling
 * thread and hashing on a second one ({@link BackgroundDigest}), as in validation.
 */
public final class ImageIds {
  private static final int BUFFER = 1 << 20;

  private ImageIds() {}

  /** The image ID of {@code archive} with the default limits. */
  public static String compute(Path archive) throws IOException {
    return compute(archive, ArchiveLimits.DEFAULT);
  }

  /**
   * The image ID of {@code archive}.
   *
   * @throws ArchiveReadException if the file is not a readable (possibly compressed) tar stream
   */
  public static String compute(Path archive, ArchiveLimits limits) throws IOException {
    return identify(archive, limits).id();
  }

  /**
   * An image ID and what was found after the compressed data.
   *
   * @param id {@code sha512-} and 128 hex digits
   * @param trailingZeros zero bytes after the compressed data, a warning
   */
  public record Identified(String id, Optional<TrailingZeros> trailingZeros) {}

  /**
   * The image ID of {@code archive}, with the warning about zero bytes after its compressed data.
   *
   * @throws ArchiveReadException if the file is not a readable (possibly compressed) tar stream, or
   *     other data follows its compressed data
   */
  public static Identified identify(Path archive, ArchiveLimits limits) throws IOException {
    try (ImageArchives.Opened opened = ImageArchives.open(archive);
        BackgroundDigest digest = new BackgroundDigest(ImageArchives.newDigest())) {
      ReadableByteChannel tar = opened.tar();
      ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
      long total = 0;
      boolean checked = false;
      int n;
      while ((n = tar.read(buffer)) >= 0) {
        total += n;
        if (total > limits.maxTotalBytes()) {
          throw new ArchiveReadException(
              Kind.LIMIT,
              "uncompressed archive is larger than the limit of "
                  + limits.maxTotalBytes()
                  + " bytes",
              null);
        }
        if (!checked) {
          if (buffer.position() < TarWriter.RECORD) {
            continue;
          }
          requireTarHeader(buffer, opened);
          checked = true;
        }
        buffer.flip();
        digest.accept(buffer);
        buffer.clear();
      }
      if (!checked) {
        requireTarHeader(buffer, opened);
      }
      return new Identified(ImageArchives.imageId(digest.finish()), opened.trailingZeros());
    } catch (ArchiveFormatException e) {
      throw ArchiveReadException.of(e);
    }
  }

  private static void requireTarHeader(ByteBuffer buffer, ImageArchives.Opened opened)
      throws ArchiveReadException {
    boolean tar = buffer.position() >= TarWriter.RECORD;
    for (int i = 0; tar && i < 5; i++) {
      tar = buffer.get(257 + i) == "ustar".getBytes(StandardCharsets.US_ASCII)[i];
    }
    if (!tar) {
      throw new ArchiveReadException(
          Kind.TAR_DATA,
          "not a tar archive: the "
              + opened.compression().label()
              + " data does not start with a tar header",
          null);
    }
  }
}
