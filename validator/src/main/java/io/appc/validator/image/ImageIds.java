package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Computes image IDs (aci.md, "Image ID"): {@code sha512-} followed by the hex sha512 of the
 * uncompressed tar stream, which equals {@code gzip -dc IMAGE | sha512sum}. This only hashes; it
 * does not validate the archive beyond recognising tar data.
 */
public final class ImageIds {
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
    try (ArchiveStream stream = ArchiveStream.open(archive, limits.maxTotalBytes())) {
      ImageManifests.requireReadable(stream);
      InputStream tar = stream.tar();
      byte[] head = tar.readNBytes(TarWriter.RECORD);
      if (head.length < TarWriter.RECORD
          || !new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
        throw new ArchiveReadException(
            Kind.TAR_DATA,
            "not a tar archive (ACI-ARCH-002): the "
                + stream.compression().label()
                + " data does not start with a tar header",
            null);
      }
      stream.drain();
      return stream.imageId();
    }
  }
}
