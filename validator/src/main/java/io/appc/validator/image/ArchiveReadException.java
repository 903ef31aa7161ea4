package io.appc.validator.image;

import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.TarFormatException;
import java.io.IOException;

/**
 * Reading an image archive failed, and why. Readers turn this into a finding; the kind tells a
 * broken archive (the user's input is invalid) from a failing disk or file system.
 */
public final class ArchiveReadException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why reading stopped. */
  public enum Kind {
    /** The compressed data is corrupt or truncated. */
    COMPRESSED_DATA,
    /**
     * Bytes that are not all zero follow the end of the compressed data and start no further
     * member: the file is not a valid gzip, bzip2 or xz file ({@link CompressedStream}).
     */
    TRAILING_DATA,
    /** The tar data is corrupt or truncated. */
    TAR_DATA,
    /** An {@link ArchiveLimits} limit was exceeded. */
    LIMIT,
    /** The file could not be read (I/O error, not a property of its content). */
    FILE
  }

  private final Kind kind;
  private final String requirementId;

  /** A failure with the usual requirement: none for {@link Kind#FILE}, else ACI-ARCH-002. */
  public ArchiveReadException(Kind kind, String message, Throwable cause) {
    this(kind, kind == Kind.FILE ? null : "ACI-ARCH-002", message, cause);
  }

  /** A failure of the archive's content that breaks {@code requirementId}. */
  public ArchiveReadException(Kind kind, String requirementId, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.requirementId = requirementId;
  }

  public Kind kind() {
    return kind;
  }

  /** The requirement the archive breaks, or {@code null} when the file could not be read. */
  public String requirementId() {
    return requirementId;
  }

  /**
   * The failure for an archive the tar reader rejected: an exceeded limit or damaged tar data, with
   * the offset in the uncompressed stream.
   */
  public static ArchiveReadException of(TarFormatException e) {
    return e.isLimit()
        ? new ArchiveReadException(Kind.LIMIT, e.getMessage(), e)
        : new ArchiveReadException(Kind.TAR_DATA, "tar data is corrupt: " + e.getMessage(), e);
  }

  /** The failure for an archive refused for its format (encrypted, or not a tar). */
  public static ArchiveReadException of(ArchiveFormatException e) {
    String message =
        e.compression() == Compression.OPENPGP
            ? "archive is OpenPGP-encrypted; decrypt it with gpg --decrypt first"
            : "not an image archive: " + e.getMessage();
    return new ArchiveReadException(Kind.TAR_DATA, e.requirementId(), message, e);
  }

  /** Why a file operation failed, in a few words ("no such file", "permission denied"). */
  public static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
