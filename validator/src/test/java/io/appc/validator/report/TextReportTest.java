package io.appc.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReportTest {
  @Test
  void printsStatusFindingsAndSummary() {
    String text = Reports.render(new TextReport(false), Reports.sample(false));

    assertEquals(
        String.join(
            "\n",
            "dir/good.json: valid (ImageManifest): 1 warning",
            "dir/good.json:3:5: warning IM-060: need X, got Y for IM-060 (at /labels)",
            "dir/bad pod.json: invalid (PodManifest): 1 error, 1 note",
            "dir/bad pod.json: note LINT-001: need X, got Y for LINT-001",
            "dir/bad pod.json:4:14: error POD-013: need X, got Y for POD-013 (at /apps/0/name)"
                + " -- fix",
            "img.aci: invalid (ImageArchive, sha512-" + "ab".repeat(64) + "): 1 error",
            "img.aci!manifest:2:3: error IM-012: need X, got Y for IM-012 (at /name)",
            "3 files checked: 1 valid, 2 invalid; 2 errors, 1 warning, 1 note",
            ""),
        text);
  }

  @Test
  void quietLeavesOutStatusLines() {
    String text = Reports.render(new TextReport(true), Reports.sample(false));

    assertEquals(5, text.lines().count());
    assertEquals(
        "3 files checked: 1 valid, 2 invalid; 2 errors, 1 warning, 1 note",
        text.lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void warningsAsErrorsMakesTheWarnedFileInvalid() {
    String text = Reports.render(new TextReport(false), Reports.sample(true));

    assertEquals(
        "dir/good.json: invalid (ImageManifest): 1 warning", text.lines().findFirst().get());
  }

  @Test
  void keepsAMultiLineMessageOnOneLine() {
    Finding finding =
        new Finding("IM-001", Level.ERROR, "m.json", "", 1, 1, "bad\nvalue", "line1\r\nline2");
    ValidationReport report =
        new ValidationReport(
            List.of(new FileResult("m.json", "unknown", List.of(finding))),
            "1",
            Compat.SPEC,
            false);

    String text = Reports.render(new TextReport(true), report);

    assertEquals(
        "m.json:1:1: error IM-001: bad\\nvalue -- line1\\r\\nline2",
        text.lines().findFirst().get());
  }

  /**
   * File names, member names and values come from the input: a newline would forge a report line,
   * an ESC sequence would drive the terminal, a bidi override would reorder the line.
   */
  @Test
  void showsControlAndInvisibleCharactersAsEscapes() {
    Finding finding =
        new Finding(
            "LINT-UNKNOWN-MEMBER",
            Level.NOTE,
            "m\n.json",
            "/\u001b[31mx\u0001",
            1,
            2,
            "unknown member \"\u001b[31mx\u0001\" \u202eevil\u2028\u0085\u007f",
            "tab\there");
    ValidationReport report =
        new ValidationReport(
            List.of(new FileResult("m\n.json", "ImageManifest", List.of(finding))),
            "1",
            Compat.SPEC,
            false);

    String text = Reports.render(new TextReport(false), report);

    assertEquals(
        String.join(
            "\n",
            "m\\n.json: valid (ImageManifest): 1 note",
            "m\\n.json:1:2: note LINT-UNKNOWN-MEMBER: unknown member \"\\u001B[31mx\\u0001\""
                + " \\u202Eevil\\u2028\\u0085\\u007F (at /\\u001B[31mx\\u0001) -- tab\\there",
            "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings, 1 note",
            ""),
        text);
  }

  @Test
  void countsInSingularAndPlural() {
    ValidationReport empty = new ValidationReport(List.of(), "1", Compat.SPEC, false);

    assertEquals(
        "0 files checked: 0 valid, 0 invalid; 0 errors, 0 warnings, 0 notes\n",
        Reports.render(new TextReport(false), empty));
  }
}
