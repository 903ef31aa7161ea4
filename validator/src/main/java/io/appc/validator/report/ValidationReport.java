package io.appc.validator.report;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Level;
import java.util.List;
import java.util.Objects;

/**
 * Everything a report shows: the result of every input in input order, and how the run was made.
 * Every writer renders this one value, so all formats agree on what is valid.
 *
 * @param files one result per input, in the order the inputs were given
 * @param toolVersion the version of the toolkit that made the report
 * @param compat which reading of the rules was applied
 * @param warningsAsErrors whether a warning makes a file invalid
 */
public record ValidationReport(
    List<FileResult> files, String toolVersion, Compat compat, boolean warningsAsErrors) {

  /**
   * The ID of the finding for an input that could not be read (missing, unreadable, not a regular
   * file, or a read error in the middle of an archive). It is the toolkit's own ID, not a
   * requirement of the specification, and the same as {@code ImageValidator.IO_ERROR}.
   */
  public static final String INPUT_ERROR = "IO-ERROR";

  public ValidationReport {
    files = List.copyOf(files);
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(compat, "compat");
  }

  /** Whether {@code file} passes under this report's settings. */
  public boolean valid(FileResult file) {
    return file.valid(warningsAsErrors);
  }

  /** Whether {@code file} could not be read at all, as opposed to being read and found invalid. */
  public static boolean unreadable(FileResult file) {
    return file.findings().stream().anyMatch(f -> f.requirementId().equals(INPUT_ERROR));
  }

  /** Whether a finding makes its file invalid under this report's settings. */
  public boolean fails(Level level) {
    return level == Level.ERROR || (warningsAsErrors && level == Level.WARNING);
  }

  public Summary summary() {
    long valid = files.stream().filter(this::valid).count();
    return new Summary(
        files.size(),
        valid,
        files.size() - valid,
        count(Level.ERROR),
        count(Level.WARNING),
        count(Level.NOTE));
  }

  private long count(Level level) {
    return files.stream().mapToLong(f -> f.count(level)).sum();
  }

  /** Counts over a whole report. */
  public record Summary(
      long files, long valid, long invalid, long errors, long warnings, long notes) {}
}
