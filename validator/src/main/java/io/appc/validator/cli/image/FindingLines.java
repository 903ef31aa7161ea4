package io.appc.validator.cli.image;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.PrintWriter;
import java.util.Collection;

/**
 * Prints findings as single lines: {@code FILE[:LINE:COL] [(ENTRY)]: LEVEL ID: MESSAGE}, with the
 * hint indented on the next line.
 */
final class FindingLines {
  private FindingLines() {}

  static void print(PrintWriter err, Collection<Finding> findings, Level lowest) {
    for (Finding f : findings) {
      if (f.level().compareTo(lowest) > 0) {
        continue;
      }
      err.println(line(f));
      if (!f.hint().isEmpty()) {
        err.println("    hint: " + f.hint());
      }
    }
    err.flush();
  }

  static String line(Finding f) {
    String where = f.position();
    if (f.line() == 0 && !f.pointer().isEmpty()) {
      where += " (" + f.pointer() + ")";
    } else if (f.line() > 0 && !f.pointer().isEmpty()) {
      where += " " + f.pointer();
    }
    return where + ": " + f.level().label() + " " + f.requirementId() + ": " + f.message();
  }
}
