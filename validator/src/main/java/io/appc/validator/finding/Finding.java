package io.appc.validator.finding;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in one file. This is the only way any part of the toolkit reports a problem
 * with user input.
 *
 * @param requirementId stable ID from the requirements catalog, e.g. {@code IM-012}
 * @param level error, warning or note
 * @param file the file as shown to the user; inside an archive {@code image.aci!manifest}
 * @param pointer JSON pointer ({@code /app/exec}) or archive entry path ({@code rootfs/etc}); empty
 *     for the whole file
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 * @param message what is wrong, phrased "need X, got Y" where possible
 * @param hint how to fix it; may be empty
 */
public record Finding(
    String requirementId,
    Level level,
    String file,
    String pointer,
    int line,
    int column,
    String message,
    String hint) {

  /** Stable order for output: file, then position, then ID. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::pointer)
          .thenComparing(Finding::requirementId)
          .thenComparing(Finding::message);

  public Finding {
    Objects.requireNonNull(requirementId, "requirementId");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(file, "file");
    pointer = pointer == null ? "" : pointer;
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  /** The location as a user reads it: {@code file:line:column} or {@code file}. */
  public String position() {
    return line > 0 ? file + ":" + line + ":" + column : file;
  }

  /** The same finding reported against another file name (e.g. a manifest inside an archive). */
  public Finding inFile(String otherFile) {
    return new Finding(requirementId, level, otherFile, pointer, line, column, message, hint);
  }
}
