package io.appc.validator.report;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Reports made from findings written out by hand, so each writer test knows what to expect. */
final class Reports {
  private Reports() {}

  static Finding finding(
      String id, Level level, String file, String pointer, int line, int column, String hint) {
    return new Finding(id, level, file, pointer, line, column, "need X, got Y for " + id, hint);
  }

  /**
   * Three files: a valid manifest with a warning, an invalid manifest with an error at a known
   * position and a note without one, and an archive whose embedded manifest has an error.
   */
  static ValidationReport sample(boolean warningsAsErrors) {
    FileResult good =
        new FileResult(
            "dir/good.json",
            "ImageManifest",
            List.of(finding("IM-060", Level.WARNING, "dir/good.json", "/labels", 3, 5, "")));
    FileResult bad =
        new FileResult(
            "dir/bad pod.json",
            "PodManifest",
            List.of(
                finding("POD-013", Level.ERROR, "dir/bad pod.json", "/apps/0/name", 4, 14, "fix"),
                finding("LINT-001", Level.NOTE, "dir/bad pod.json", "", 0, 0, "")));
    FileResult archive =
        new FileResult(
            "img.aci",
            "ImageArchive",
            List.of(finding("IM-012", Level.ERROR, "img.aci!manifest", "/name", 2, 3, "")),
            "sha512-" + "ab".repeat(64));
    return new ValidationReport(
        List.of(good, bad, archive), "1.2.3", Compat.SPEC, warningsAsErrors);
  }

  static String render(ReportWriter writer, ValidationReport report) {
    StringWriter out = new StringWriter();
    try {
      writer.write(report, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
