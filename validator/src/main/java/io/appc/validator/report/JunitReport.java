package io.appc.validator.report;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * JUnit XML, the format CI servers show as test results: one {@code testsuite} with one {@code
 * testcase} per input file. The findings that make a file invalid go into a {@code failure}; an
 * input that could not be read at all is an {@code error}; the other findings go to {@code
 * system-out}.
 */
public final class JunitReport implements ReportWriter {
  @Override
  public void write(ValidationReport report, Writer out) throws IOException {
    ValidationReport.Summary s = report.summary();
    long unreadable = report.files().stream().filter(ValidationReport::unreadable).count();
    out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.write("<testsuites name=\"appc validate\"");
    attribute(out, "tests", Long.toString(s.files()));
    attribute(out, "failures", Long.toString(s.invalid() - unreadable));
    attribute(out, "errors", Long.toString(unreadable));
    out.write(">\n");
    for (FileResult file : report.files()) {
      writeSuite(out, report, file);
    }
    out.write("</testsuites>\n");
    out.flush();
  }

  private static void writeSuite(Writer out, ValidationReport report, FileResult file)
      throws IOException {
    boolean valid = report.valid(file);
    boolean unreadable = ValidationReport.unreadable(file);
    List<Finding> failing = file.findings().stream().filter(f -> report.fails(f.level())).toList();
    List<Finding> other = file.findings().stream().filter(f -> !report.fails(f.level())).toList();
    out.write("  <testsuite");
    attribute(out, "name", file.file());
    attribute(out, "tests", "1");
    attribute(out, "failures", !valid && !unreadable ? "1" : "0");
    attribute(out, "errors", unreadable ? "1" : "0");
    attribute(out, "skipped", "0");
    out.write(">\n    <testcase");
    attribute(out, "name", file.file());
    attribute(out, "classname", "appc.validate." + file.kind());
    if (valid && other.isEmpty()) {
      out.write("/>\n  </testsuite>\n");
      return;
    }
    out.write(">\n");
    if (!valid) {
      String element = unreadable ? "error" : "failure";
      out.write("      <" + element);
      attribute(out, "message", headline(file, failing));
      attribute(out, "type", failing.isEmpty() ? "invalid" : failing.get(0).requirementId());
      out.write(">");
      out.write(text(lines(failing)));
      out.write("</" + element + ">\n");
    }
    if (!other.isEmpty()) {
      out.write("      <system-out>");
      out.write(text(lines(other)));
      out.write("</system-out>\n");
    }
    out.write("    </testcase>\n  </testsuite>\n");
  }

  private static String headline(FileResult file, List<Finding> failing) {
    long errors = failing.stream().filter(f -> f.level() == Level.ERROR).count();
    long warnings = failing.size() - errors;
    StringBuilder text = new StringBuilder(file.file()).append(" is invalid: ");
    text.append(errors).append(errors == 1 ? " error" : " errors");
    if (warnings > 0) {
      text.append(", ").append(warnings).append(warnings == 1 ? " warning" : " warnings");
    }
    return text.toString();
  }

  private static String lines(List<Finding> findings) {
    StringBuilder text = new StringBuilder("\n");
    for (Finding f : findings) {
      text.append(TextReport.findingLine(f)).append('\n');
    }
    return text.toString();
  }

  private static void attribute(Writer out, String name, String value) throws IOException {
    out.write(' ');
    out.write(name);
    out.write("=\"");
    out.write(escape(value, true));
    out.write('"');
  }

  private static String text(String value) {
    return escape(value, false);
  }

  /**
   * Escapes markup characters, and replaces characters XML 1.0 cannot carry at all (most control
   * characters, unpaired surrogates) by U+FFFD, since even a reference to them is not allowed.
   */
  static String escape(String value, boolean attribute) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    int i = 0;
    while (i < value.length()) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append(attribute ? "&quot;" : "\"");
          break;
        case '\n':
          out.append(attribute ? "&#10;" : "\n");
          break;
        case '\r':
          out.append("&#13;");
          break;
        case '\t':
          out.append(attribute ? "&#9;" : "\t");
          break;
        default:
          out.appendCodePoint(allowed(c) ? c : 0xFFFD);
      }
    }
    return out.toString();
  }

  private static boolean allowed(int c) {
    return (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
