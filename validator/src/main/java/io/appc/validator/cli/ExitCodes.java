package io.appc.validator.cli;

import io.appc.validator.report.ValidationReport;

/** The exit status of {@code appc} commands. */
public final class ExitCodes {
  /** Every input is valid (warnings are allowed unless they count as errors). */
  public static final int VALID = 0;

  /** At least one input is invalid. */
  public static final int INVALID = 1;

  /** The command line was wrong, an input could not be read, or the tool failed. */
  public static final int USAGE_OR_IO = 2;

  private ExitCodes() {}

  /**
   * The status of a validation run. An input that could not be read outranks an invalid one:
   * "invalid" would claim that it was checked.
   */
  public static int of(ValidationReport report) {
    if (report.files().isEmpty()
        || report.files().stream().anyMatch(ValidationReport::unreadable)) {
      return USAGE_OR_IO;
    }
    return report.summary().invalid() > 0 ? INVALID : VALID;
  }
}
