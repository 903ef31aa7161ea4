package io.appc.validator.cli.image;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.report.TextReport;
import java.io.PrintWriter;
import java.util.Collection;

/** Prints findings of the image commands as the text report does, one line each. */
final class FindingLines {
  private FindingLines() {}

  /** Prints the findings at {@code lowest} level or more severe. */
  static void print(PrintWriter err, Collection<Finding> findings, Level lowest) {
    for (Finding f : findings) {
      if (f.level().compareTo(lowest) <= 0) {
        err.println(TextReport.findingLine(f));
      }
    }
    err.flush();
  }
}
