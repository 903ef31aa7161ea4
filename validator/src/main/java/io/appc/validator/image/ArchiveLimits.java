package io.appc.validator.image;

/**
 * Limits applied while reading an image archive, so that a hostile or broken archive ends in a
 * finding instead of exhausting memory, disk or time. Exceeding a limit stops reading the archive;
 * the manifest size limit is the one of {@link io.appc.validator.json.JsonLimits}.
 *
 * <p>The defaults leave a wide margin over real images: a full distribution root file system has
 * around 100,000 entries and a few GiB of data, and Linux paths are at most 4096 bytes.
 *
 * @param maxEntries most entries (files, directories, links...) accepted
 * @param maxTotalBytes most bytes of uncompressed tar data accepted (bounds decompression bombs)
 * @param maxPathLength longest entry path or link target accepted, in UTF-8 bytes
 * @param maxHeaderBytes largest extended header (PAX records, GNU long names) accepted for one
 *     entry; these are the only parts of the tar format a reader has to hold in memory
 */
public record ArchiveLimits(
    long maxEntries, long maxTotalBytes, int maxPathLength, int maxHeaderBytes) {

  /** One million entries, 64 GiB, 4096-byte paths, 1 MiB of extended headers per entry. */
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(1_000_000L, 64L << 30, 4096, 1 << 20);

  public ArchiveLimits {
    if (maxEntries < 1 || maxTotalBytes < 1 || maxPathLength < 1 || maxHeaderBytes < 512) {
      throw new IllegalArgumentException(
          "limits must be positive (extended headers at least 512 bytes)");
    }
  }

  public ArchiveLimits withMaxEntries(long value) {
    return new ArchiveLimits(value, maxTotalBytes, maxPathLength, maxHeaderBytes);
  }

  public ArchiveLimits withMaxTotalBytes(long value) {
    return new ArchiveLimits(maxEntries, value, maxPathLength, maxHeaderBytes);
  }

  public ArchiveLimits withMaxPathLength(int value) {
    return new ArchiveLimits(maxEntries, maxTotalBytes, value, maxHeaderBytes);
  }

  public ArchiveLimits withMaxHeaderBytes(int value) {
    return new ArchiveLimits(maxEntries, maxTotalBytes, maxPathLength, value);
  }
}
