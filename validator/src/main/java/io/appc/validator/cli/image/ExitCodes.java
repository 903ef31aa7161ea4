package io.appc.validator.cli.image;

import io.appc.validator.image.ArchiveReadException;

/** Exit statuses shared by the image commands. */
final class ExitCodes {
  /** Everything worked and every input is valid. */
  static final int OK = 0;

  /** An input is invalid or a check failed. */
  static final int INVALID = 1;

  /** Wrong usage, or a file could not be read or written. */
  static final int USAGE_OR_IO = 2;

  private ExitCodes() {}

  /** The status for a failure to read an archive: I/O trouble, or an invalid archive. */
  static int of(ArchiveReadException e) {
    return e.kind() == ArchiveReadException.Kind.FILE ? USAGE_OR_IO : INVALID;
  }
}
