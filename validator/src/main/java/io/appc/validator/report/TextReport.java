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
   * Keeps one finding on one line, and the terminal in charge of what it shows, when a message,
   * pointer or file name carries characters from the input: line breaks and tabs become {@code \n
   * \r \t}, other control characters (ESC sequences), format characters (bidi overrides, zero-width
   * spaces) and line or paragraph separators become {@code \\uXXXX}.
   */
  static String oneLine(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    int type = Character.getType(c);
    boolean hidden =
        type == Character.CONTROL
            || type == Character.FORMAT
            || type == Character.LINE_SEPARATOR
            || type == Character.PARAGRAPH_SEPARATOR;
    return hidden ? String.format("\\u%04X", (int) c) : null;
  }
}
