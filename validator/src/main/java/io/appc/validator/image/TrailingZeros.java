package io.appc.validator.image;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;

/**
 * Zero bytes after the end of an archive's compressed data, such as padding to a tape block. They
 * are not part of the gzip, bzip2 or xz format, nor of the image ID; gzip and bzip2 ignore them,
 * Go's readers (and xz, unless they are xz stream padding) reject the file. A warning, not an
 * error: the data itself is intact.
 *
 * @param compression the compression of the file
 * @param offset where in the file they start: the size of the compressed data
 * @param count how many there are
 */
public record TrailingZeros(Compression compression, long offset, long count) {
  /** The requirement the warning is filed under: the archive is a (compressed) tar file. */
  public static final String REQUIREMENT = "ACI-ARCH-002";

  public String message() {
    return count
        + " zero "
        + (count == 1 ? "byte follows" : "bytes follow")
        + " the end of the "
        + compression.label()
        + " data at byte offset "
        + offset
        + "; "
        + whoRejects();
  }

  /** How to remove them; the image ID stays the same. */
  public String hint() {
    return "remove them (truncate -s " + offset + " FILE); the image ID does not change";
  }

  /** The warning about {@code file}. */
  public Finding finding(String file) {
    return new Finding(REQUIREMENT, Level.WARNING, file, "", 0, 0, message(), hint());
  }

  private String whoRejects() {
    switch (compression) {
      case GZIP:
        return "gzip -d ignores them, Go's gzip reader rejects the file";
      case BZIP2:
        return "bzip2 -d ignores them with a warning, Go's bzip2 reader rejects the file";
      case XZ:
        return "they are not xz stream padding (a multiple of four bytes), so xz -d rejects the"
            + " file";
      default:
        return "they are not part of the archive";
    }
  }
}
