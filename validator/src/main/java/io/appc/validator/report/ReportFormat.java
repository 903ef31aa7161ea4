package io.appc.validator.report;

/** The output formats of {@code appc validate --format}. */
public enum ReportFormat {
  TEXT,
  JSON,
  SARIF,
  JUNIT;

  /**
   * The writer for this format.
   *
   * @param quiet for {@link #TEXT}: leave out the line per valid file; other formats ignore it
   */
  public ReportWriter writer(boolean quiet) {
    switch (this) {
      case JSON:
        return new JsonReport();
      case SARIF:
        return new SarifReport();
      case JUNIT:
        return new JunitReport();
      default:
        return new TextReport(quiet);
    }
  }
}
