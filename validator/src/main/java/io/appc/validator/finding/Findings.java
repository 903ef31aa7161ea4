package io.appc.validator.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Collects the findings for one file. A location resolver turns a JSON pointer into a line and
 * column only when a finding is actually reported, so valid documents never pay for it.
 */
public final class Findings {
  /** Line and column of a JSON pointer, or {@code null} when unknown. */
  public record Position(int line, int column) {}

  private final String file;
  private final Function<String, Position> positions;
  private final List<Finding> list = new ArrayList<>();

  public Findings(String file, Function<String, Position> positions) {
    this.file = file;
    this.positions = positions;
  }

  public Findings(String file) {
    this(file, pointer -> null);
  }

  public String file() {
    return file;
  }

  public void error(String requirementId, String pointer, String message, String hint) {
    add(requirementId, Level.ERROR, pointer, message, hint);
  }

  public void warning(String requirementId, String pointer, String message, String hint) {
    add(requirementId, Level.WARNING, pointer, message, hint);
  }

  public void note(String requirementId, String pointer, String message, String hint) {
    add(requirementId, Level.NOTE, pointer, message, hint);
  }

  public void add(String requirementId, Level level, String pointer, String message, String hint) {
    Position p = positions.apply(pointer == null ? "" : pointer);
    list.add(
        new Finding(
            requirementId,
            level,
            file,
            pointer,
            p == null ? 0 : p.line(),
            p == null ? 0 : p.column(),
            message,
            hint));
  }

  /** Reports an error at a known position (used by readers that know it better than a pointer). */
  public void errorAt(
      String requirementId, String pointer, Position position, String message, String hint) {
    addAt(requirementId, Level.ERROR, pointer, position, message, hint);
  }

  /** Reports a finding at a known position. */
  public void addAt(
      String requirementId,
      Level level,
      String pointer,
      Position position,
      String message,
      String hint) {
    list.add(
        new Finding(
            requirementId,
            level,
            file,
            pointer,
            position.line(),
            position.column(),
            message,
            hint));
  }

  public void add(Finding finding) {
    list.add(finding);
  }

  public void addAll(List<Finding> findings) {
    list.addAll(findings);
  }

  public boolean hasErrors() {
    return list.stream().anyMatch(f -> f.level() == Level.ERROR);
  }

  public List<Finding> toList() {
    return List.copyOf(list);
  }
}
