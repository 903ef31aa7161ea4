package io.appc.validator.corpus;

import io.appc.validator.corpus.Outcome.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code <case>.expect.json} sidecar into a {@link CorpusCase}, collecting every problem
 * with the sidecar instead of stopping at the first. The format is described in testdata/README.md.
 */
final class Sidecar {
  private static final Set<String> MEMBERS =
      Set.of(
          "description",
          "valid",
          "requirements",
          "pointers",
          "warnings",
          "notes",
          "actool",
          "actoolReason",
          "actoolRequirements",
          "actoolPointers",
          "options");

  /** CLI options a sidecar may ask for; each changes what the validator demands. */
  private static final Set<String> OPTIONS = Set.of("--reified");

  private Sidecar() {}

  /**
   * Reads the sidecar of {@code manifest}.
   *
   * @param folderVerdict VALID or INVALID when the folder decides the verdict, else {@code null}
   *     (then the sidecar must say {@code "valid"})
   * @param problems receives every problem; the result is {@code null} when any was found
   */
  static CorpusCase read(Path manifest, Verdict folderVerdict, List<String> problems) {
    Path sidecar = TestData.sidecarOf(manifest);
    String where = TestData.relative(sidecar) + ": ";
    int before = problems.size();
    JsonNode root;
    try {
      root = TestData.MAPPER.readTree(Files.readAllBytes(sidecar));
    } catch (java.io.IOException | JacksonException e) {
      problems.add(where + "unreadable: " + e.getMessage());
      return null;
    }
    if (root == null || !root.isObject()) {
      problems.add(where + "need a JSON object");
      return null;
    }
    for (String member : root.propertyNames()) {
      if (!MEMBERS.contains(member)) {
        problems.add(where + "unknown member '" + member + "'");
      }
    }
    JsonNode description = root.get("description");
    if (description == null || !description.isString() || description.asString().isBlank()) {
      problems.add(where + "need a non-blank description");
    }
    Verdict verdict = verdict(root.get("valid"), folderVerdict, where, problems);
    List<String> requirements = ids(root, "requirements", where, problems);
    List<String> pointers = pointers(root, "pointers", requirements, where, problems);
    List<String> warnings = ids(root, "warnings", where, problems);
    List<String> notes = ids(root, "notes", where, problems);
    if (verdict == Verdict.INVALID && requirements.isEmpty()) {
      problems.add(where + "an invalid case names the requirements it violates");
    }
    if (verdict == Verdict.VALID && !requirements.isEmpty()) {
      problems.add(where + "a valid case lists expected warnings/notes, not requirements");
    }
    Outcome spec =
        verdict == Verdict.VALID
            ? Outcome.valid()
            : Outcome.invalid(ExpectedFinding.of(requirements, pointers));
    Outcome actool = actool(root, verdict, spec, where, problems);
    List<String> options = options(root.get("options"), where, problems);
    if (problems.size() > before) {
      return null;
    }
    String group = TestData.relative(manifest.getParent());
    String name = manifest.getFileName().toString().replaceFirst("\\.json$", "");
    return new CorpusCase(group, name, manifest, spec, actool, warnings, notes, options);
  }

  private static Verdict verdict(
      JsonNode valid, Verdict folderVerdict, String where, List<String> problems) {
    if (valid != null && !valid.isBoolean()) {
      problems.add(where + "'valid' is a boolean");
      return folderVerdict == null ? Verdict.INVALID : folderVerdict;
    }
    if (valid == null) {
      if (folderVerdict == null) {
        problems.add(where + "need 'valid' outside manifests/valid and manifests/invalid");
        return Verdict.INVALID;
      }
      return folderVerdict;
    }
    Verdict stated = valid.asBoolean() ? Verdict.VALID : Verdict.INVALID;
    if (folderVerdict != null && stated != folderVerdict) {
      problems.add(where + "'valid' contradicts the folder");
    }
    return stated;
  }

  private static Outcome actool(
      JsonNode root, Verdict verdict, Outcome spec, String where, List<String> problems) {
    JsonNode actool = root.get("actool");
    String value = actool != null && actool.isString() ? actool.asString() : "";
    boolean reason = root.has("actoolReason") && root.get("actoolReason").isString();
    boolean differs =
        (value.equals("valid") && verdict == Verdict.INVALID)
            || (value.equals("invalid") && verdict == Verdict.VALID);
    if (differs && !reason) {
      problems.add(where + "actool differs from spec mode: say why in 'actoolReason'");
    }
    List<String> requirements = ids(root, "actoolRequirements", where, problems);
    List<String> pointers = pointers(root, "actoolPointers", requirements, where, problems);
    if (!requirements.isEmpty() && !value.equals("invalid")) {
      problems.add(where + "'actoolRequirements' only go with \"actool\": \"invalid\"");
    }
    switch (value) {
      case "same":
        return spec;
      case "valid":
        return Outcome.valid();
      case "invalid":
        return Outcome.invalid(ExpectedFinding.of(requirements, pointers));
      default:
        problems.add(where + "'actool' is \"valid\", \"invalid\" or \"same\"");
        return spec;
    }
  }

  /** Extra CLI options, sorted so that equal sets share a run; absent means none. */
  private static List<String> options(JsonNode node, String where, List<String> problems) {
    if (node == null) {
      return List.of();
    }
    List<String> list = new ArrayList<>();
    if (!node.isArray() || node.isEmpty()) {
      problems.add(where + "'options' is a non-empty list of CLI options");
      return list;
    }
    for (JsonNode element : node) {
      if (!element.isString() || !OPTIONS.contains(element.asString())) {
        problems.add(where + "'options' holds only " + OPTIONS);
      } else if (list.contains(element.asString())) {
        problems.add(where + "'options' names " + element.asString() + " twice");
      } else {
        list.add(element.asString());
      }
    }
    list.sort(null);
    return list;
  }

  /** A list of requirement expressions; absent means empty. */
  static List<String> ids(JsonNode root, String member, String where, List<String> problems) {
    JsonNode node = root.get(member);
    if (node == null) {
      return List.of();
    }
    List<String> list = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(where + "'" + member + "' is a list of requirement IDs");
      return list;
    }
    for (JsonNode element : node) {
      if (!element.isString()) {
        problems.add(where + "'" + member + "' holds strings");
        continue;
      }
      for (String problem : ExpectedFinding.problemsOf(element.asString())) {
        problems.add(where + problem);
      }
      list.add(element.asString());
    }
    return list;
  }

  /** Pointers aligned with {@code requirements}; {@code null} when absent. */
  static List<String> pointers(
      JsonNode root,
      String member,
      List<String> requirements,
      String where,
      List<String> problems) {
    JsonNode node = root.get(member);
    if (node == null) {
      return null;
    }
    List<String> list = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(where + "'" + member + "' is a list of JSON pointers");
      return null;
    }
    for (JsonNode element : node) {
      if (!element.isString() || !ExpectedFinding.wellFormedPointer(element.asString())) {
        problems.add(where + "'" + member + "' holds JSON pointers (\"\" or \"/...\")");
        continue;
      }
      list.add(element.asString());
    }
    if (list.size() != requirements.size()) {
      problems.add(where + "'" + member + "' needs one pointer per requirement");
      return null;
    }
    return list;
  }
}
