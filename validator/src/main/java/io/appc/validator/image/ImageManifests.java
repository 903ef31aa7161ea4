package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the manifest out of an image archive without extracting anything else. */
public final class ImageManifests {
  private ImageManifests() {}

  /**
   * The manifest entry of an archive.
   *
   * @param bytes its content exactly as stored
   * @param entry its tar member
   * @param start offset in the uncompressed tar of its first header (extended headers included)
   * @param end offset just after its data and padding
   */
  public record Located(byte[] bytes, TarEntry entry, long start, long end) {}

  /**
   * The bytes of the first {@code manifest} entry (a regular file at the top level), exactly as
   * stored; empty if the archive has none. Reading stops at the manifest, and what follows the
   * compressed data is not checked.
   *
   * @throws ArchiveReadException if the archive cannot be read (corrupt, encrypted, unknown format,
   *     a limit exceeded, or the manifest larger than {@code maxManifestBytes})
   */
  public static Optional<byte[]> read(Path archive, ArchiveLimits limits, long maxManifestBytes)
      throws IOException {
    return locate(archive, limits, maxManifestBytes).map(Located::bytes);
  }

  /** Like {@link #read}, with where the manifest entry stands in the uncompressed tar. */
  public static Optional<Located> locate(Path archive, ArchiveLimits limits, long maxManifestBytes)
      throws IOException {
    try (ImageArchives.Opened opened = ImageArchives.openForManifest(archive)) {
      TarReader reader = reader(opened, null, limits);
      TarEntry entry;
      long count = 0;
      while ((entry = reader.next()) != null) {
        if (++count > limits.maxEntries()) {
          throw new ArchiveReadException(
              Kind.LIMIT, "more than " + limits.maxEntries() + " entries", null);
        }
        if (isManifest(entry)) {
          if (entry.realSize() > maxManifestBytes) {
            throw new ArchiveReadException(
                Kind.LIMIT,
                "IM-001",
                "manifest is too large: need at most "
                    + maxManifestBytes
                    + " bytes, got "
                    + entry.realSize(),
                null);
          }
          byte[] bytes = reader.readData(entry);
          return Optional.of(new Located(bytes, entry, entry.offset(), reader.position()));
        }
      }
      return Optional.empty();
    } catch (ArchiveFormatException e) {
      throw ArchiveReadException.of(e);
    } catch (TarFormatException e) {
      throw ArchiveReadException.of(e);
    }
  }

  /** The one tar reader, with the archive limits applied. */
  static TarReader reader(
      ImageArchives.Opened opened,
      java.util.function.Consumer<java.nio.ByteBuffer> tap,
      ArchiveLimits limits) {
    return new TarReader(opened.tar(), tap, limits.maxHeaderBytes(), limits.maxTotalBytes());
  }

  /** A regular file named {@code manifest} at the top level ({@code ./manifest} too). */
  static boolean isManifest(TarEntry entry) {
    return entry.type() == TarEntry.Type.FILE
        && EntryPath.of(TarEntry.display(entry.name())).path().equals(ImageChecks.MANIFEST);
  }
}
