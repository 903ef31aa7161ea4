package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** Reads the manifest out of an image archive without extracting anything else. */
public final class ImageManifests {
  private ImageManifests() {}

  /**
   * The bytes of the first {@code manifest} entry (a regular file at the top level), exactly as
   * stored; empty if the archive has none. Reading stops at the manifest.
   *
   * @throws ArchiveReadException if the archive cannot be read (corrupt, encrypted, unknown format,
   *     a limit exceeded, or the manifest larger than {@code maxManifestBytes})
   */
  public static Optional<byte[]> read(Path archive, ArchiveLimits limits, long maxManifestBytes)
      throws IOException {
    try (ArchiveStream stream = ArchiveStream.open(archive, limits.maxTotalBytes())) {
      requireReadable(stream);
      TarReader reader = new TarReader(stream, limits);
      TarArchiveEntry entry;
      long count = 0;
      while ((entry = reader.next()) != null) {
        if (++count > limits.maxEntries()) {
          throw new ArchiveReadException(
              Kind.LIMIT, "more than " + limits.maxEntries() + " entries", null);
        }
        if (reader.canonicalName().equals(ImageChecks.MANIFEST) && entry.isFile()) {
          if (entry.getSize() > maxManifestBytes) {
            throw new ArchiveReadException(
                Kind.LIMIT,
                "manifest is too large: need at most "
                    + maxManifestBytes
                    + " bytes, got "
                    + entry.getSize(),
                null);
          }
          return Optional.of(reader.body().readAllBytes());
        }
      }
      return Optional.empty();
    }
  }

  /** Fails with a clear message for encrypted or unrecognised files. */
  static void requireReadable(ArchiveStream stream) throws ArchiveReadException {
    if (stream.readable()) {
      return;
    }
    if (stream.compression() == Compression.OPENPGP) {
      throw new ArchiveReadException(
          Kind.TAR_DATA,
          "archive is OpenPGP-encrypted (ACI-ARCH-008); decrypt it with gpg --decrypt first",
          null);
    }
    throw new ArchiveReadException(
        Kind.TAR_DATA,
        "not an image archive (ACI-ARCH-002): need a plain, gzip, bzip2 or xz compressed tar",
        null);
  }
}
