package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.report.ValidationReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  private static FileResult file(String name, Level... levels) {
    List<Finding> findings =
        java.util.Arrays.stream(levels)
            .map(l -> new Finding("IM-060", l, name, "", 0, 0, "m", ""))
            .toList();
    return new FileResult(name, "ImageManifest", findings);
  }

  private static FileResult unreadable(String name) {
    return new FileResult(
        name,
        "unknown",
        List.of(new Finding(ValidationReport.INPUT_ERROR, Level.ERROR, name, "", 0, 0, "m", "")));
  }

  private static int status(boolean warningsAsErrors, FileResult... files) {
    return ExitCodes.of(new ValidationReport(List.of(files), "1", Compat.SPEC, warningsAsErrors));
  }

  @Test
  void allowsWarningsAndNotesByDefault() {
    assertEquals(ExitCodes.VALID, status(false, file("a"), file("b", Level.WARNING, Level.NOTE)));
  }

  @Test
  void countsWarningsWhenTheyAreErrors() {
    assertEquals(ExitCodes.INVALID, status(true, file("a"), file("b", Level.WARNING)));
    assertEquals(ExitCodes.VALID, status(true, file("a"), file("b", Level.NOTE)));
  }

  @Test
  void failsOnAnyError() {
    assertEquals(ExitCodes.INVALID, status(false, file("a"), file("b", Level.ERROR)));
  }

  @Test
  void putsUnreadableInputsAboveInvalidOnes() {
    assertEquals(
        ExitCodes.USAGE_OR_IO, status(false, file("a", Level.ERROR), unreadable("b"), file("c")));
  }

  @Test
  void treatsNothingCheckedAsUsageError() {
    assertEquals(ExitCodes.USAGE_OR_IO, status(false));
  }
}
