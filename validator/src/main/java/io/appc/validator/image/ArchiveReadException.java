package io.appc.validator.image;

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
    /** The tar data is corrupt or truncated. */
    TAR_DATA,
    /** An {@link ArchiveLimits} limit was exceeded. */
    LIMIT,
    /** The file could not be read (I/O error, not a property of its content). */
    FILE
  }

  private final Kind kind;

  public ArchiveReadException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
