package io.appc.validator.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The CLI's JSON report: {@code {"files": [{"file", "kind", "valid", "findings": [...]}],
 * "summary": {...}}}, indexed by the absolute path of each file.
 */
final class Report {
  /**
   * One finding as the CLI printed it.
   *
   * @param requirement the requirement ID, possibly blank if the CLI misbehaves
   * @param level {@code ERROR}, {@code WARNING} or {@code NOTE} (upper-cased here)
   */
  record Finding(
      String requirement, String level, String pointer, int line, int column, String message) {
    boolean isError() {
      return level.equals("ERROR");
    }

    @Override
    public String toString() {
      return level
          + " "
          + requirement
          + " at \""
          + pointer
          + "\" ("
          + line
          + ":"
          + column
          + "): "
          + message;
    }
  }

  /** One input file as the CLI reported it. */
  record FileReport(String file, String kind, boolean valid, List<Finding> findings) {
    List<Finding> errors() {
      return findings.stream().filter(Finding::isError).toList();
    }

    String describe() {
      StringBuilder sb = new StringBuilder(file + " (" + kind + ", valid=" + valid + ")");
      findings.forEach(f -> sb.append("\n  ").append(f));
      return sb.toString();
    }
  }

  private final Map<Path, FileReport> files;

  private Report(Map<Path, FileReport> files) {
    this.files = Map.copyOf(files);
  }

  /** Parses CLI output; file names are resolved against the directory the CLI ran in. */
  static Report parse(String json, Path workDir) {
    JsonNode root = TestData.MAPPER.readTree(json);
    JsonNode list = root.path("files");
    if (!list.isArray()) {
      throw new IllegalArgumentException("the report has no 'files' list");
    }
    Map<Path, FileReport> files = new HashMap<>();
    for (JsonNode file : list) {
      List<Finding> findings = new ArrayList<>();
      for (JsonNode f : file.path("findings")) {
        findings.add(
            new Finding(
                f.path("requirement").asString(""),
                f.path("level").asString("").toUpperCase(Locale.ROOT),
                f.path("pointer").asString(""),
                f.path("line").asInt(0),
                f.path("column").asInt(0),
                f.path("message").asString("")));
      }
      String name = file.path("file").asString("");
      FileReport report =
          new FileReport(
              name, file.path("kind").asString(""), file.path("valid").asBoolean(false), findings);
      files.put(workDir.resolve(name).toAbsolutePath().normalize(), report);
    }
    return new Report(files);
  }

  /** The report for {@code file}, or {@code null} when the CLI did not mention it. */
  FileReport of(Path file) {
    return files.get(file.toAbsolutePath().normalize());
  }

  List<FileReport> all() {
    return List.copyOf(files.values());
  }
}
