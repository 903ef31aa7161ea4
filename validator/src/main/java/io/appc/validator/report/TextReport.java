package io.appc.validator.report;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.Writer;

/**
 * The human format, one line per finding in the style compilers use so that editors can jump to it:
 *
 * <pre>
 * pod.json: invalid (PodManifest): 1 error
 * pod.json:4:14: error POD-012: need an AC Name, got "Web" (at /apps/0/name) -- use lower case
 * 1 file checked: 0 valid, 1 invalid; 1 error, 0 warnings, 0 notes
 * </pre>
 *
 * A quiet report leaves out the status line of each file and keeps the findings and the summary.
 */
public final class TextReport implements ReportWriter {
  private final boolean quiet;

  public TextReport(boolean quiet) {
    this.quiet = quiet;
  }

  @Override
  public void write(ValidationReport report, Writer out) throws IOException {
    for (FileResult file : report.files()) {
      if (!quiet) {
        out.write(statusLine(report, file));
        out.write('\n');
      }
      for (Finding finding : file.findings()) {
        out.write(findingLine(finding));
        out.write('\n');
      }
    }
    out.write(summaryLine(report.summary()));
    out.write('\n');
    out.flush();
  }

  static String statusLine(ValidationReport report, FileResult file) {
    StringBuilder line = new StringBuilder(oneLine(file.file())).append(": ");
    line.append(report.valid(file) ? "valid" : "invalid");
    line.append(" (").append(file.kind());
    if (file.imageId() != null) {
      line.append(", ").append(file.imageId());
    }
    line.append(')');
    String counts =
        counts(file.count(Level.ERROR), file.count(Level.WARNING), file.count(Level.NOTE), false);
    if (!counts.isEmpty()) {
      line.append(": ").append(counts);
    }
    return line.toString();
  }

  /**
   * {@code file:line:col: level ID: message (at pointer) -- hint}, leaving out unknown parts. Every
   * command prints findings as this line.
   */
  public static String findingLine(Finding finding) {
    StringBuilder line = new StringBuilder(oneLine(finding.position()));
    line.append(": ").append(finding.level().label());
    line.append(' ').append(finding.requirementId()).append(": ");
    line.append(oneLine(finding.message()));
    if (!finding.pointer().isEmpty()) {
      line.append(" (at ").append(oneLine(finding.pointer())).append(')');
    }
    if (!finding.hint().isEmpty()) {
      line.append(" -- ").append(oneLine(finding.hint()));
    }
    return line.toString();
  }

  static String summaryLine(ValidationReport.Summary s) {
    return plural(s.files(), "file")
        + " checked: "
        + s.valid()
        + " valid, "
        + s.invalid()
        + " invalid; "
        + counts(s.errors(), s.warnings(), s.notes(), true);
  }

  private static String counts(long errors, long warnings, long notes, boolean withZeros) {
    StringBuilder text = new StringBuilder();
    append(text, errors, "error", withZeros);
    append(text, warnings, "warning", withZeros);
    append(text, notes, "note", withZeros);
    return text.toString();
  }

  private static void append(StringBuilder text, long n, String noun, boolean withZeros) {
    if (n == 0 && !withZeros) {
      return;
    }
    if (text.length() > 0) {
      text.append(", ");
    }
    text.append(plural(n, noun));
  }

  private static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * Keeps one finding on one line even when a file name, pointer or message carries a line break,
   * and keeps escape sequences from the input away from the terminal: every control character (C0,
   * DEL, C1) is written as {@code \n}, {@code \r}, {@code \t} or {@code \\uXXXX}.
   */
  static String oneLine(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isISOControl(c)) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }
}
