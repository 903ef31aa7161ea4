package io.appc.validator.corpus;

import io.appc.validator.corpus.Outcome.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns the Go reference test vectors in testdata/go-vectors into complete manifests.
 *
 * <p>Each vector file has a {@code template} manifest in which the string {@code "@@VALUE@@"} marks
 * where a vector goes (an identifier becomes the image name, a quantity a CPU limit, ...). The
 * vectors carry Go's verdict, which is what {@code --compat actool} must say; spec mode says the
 * same unless {@code specMode.differs} lists the vector with the reason (validation-rules.md §17).
 * The format is described in testdata/README.md.
 */
final class GoVectors {
  static final String PLACEHOLDER = "\"@@VALUE@@\"";
  private static final Set<String> MEMBERS =
      Set.of(
          "source",
          "description",
          "template",
          "requirements",
          "pointer",
          "valid",
          "invalid",
          "invalidRaw",
          "cases",
          "specMode");
  private static final Set<String> CASE_MEMBERS =
      Set.of("value", "raw", "go", "requirements", "pointers", "actoolRequirements", "note");
  private static final Set<String> DIFF_MEMBERS =
      Set.of("value", "raw", "spec", "requirements", "pointers", "reason");

  private GoVectors() {}

  /** One vector: a JSON value or raw text to splice in, with Go's verdict and expectations. */
  private record Entry(
      JsonNode value,
      String raw,
      boolean goValid,
      List<String> requirements,
      List<String> pointers,
      List<String> actoolRequirements) {

    boolean sameInput(JsonNode otherValue, String otherRaw) {
      return raw != null ? raw.equals(otherRaw) : otherRaw == null && value.equals(otherValue);
    }

    String text() {
      return raw != null ? raw : TestData.MAPPER.writeValueAsString(value);
    }
  }

  /**
   * Writes one manifest per vector into {@code outDir} and returns the cases. Problems with the
   * vector files go to {@code problems}.
   */
  static List<CorpusCase> generate(Path outDir, List<String> problems) {
    List<CorpusCase> cases = new ArrayList<>();
    for (Path file : TestData.files(TestData.goVectors())) {
      if (!file.getFileName().toString().endsWith(".json")) {
        problems.add(TestData.relative(file) + ": vector files are .json");
        continue;
      }
      cases.addAll(generate(file, outDir, problems));
    }
    return cases;
  }

  private static List<CorpusCase> generate(Path file, Path outDir, List<String> problems) {
    String stem = file.getFileName().toString().replaceFirst("\\.json$", "");
    String where = TestData.relative(file) + ": ";
    JsonNode root;
    try {
      root = TestData.MAPPER.readTree(Files.readAllBytes(file));
    } catch (IOException | JacksonException e) {
      problems.add(where + "unreadable: " + e.getMessage());
      return List.of();
    }
    if (root == null || !root.isObject()) {
      problems.add(where + "need a JSON object");
      return List.of();
    }
    for (String member : root.propertyNames()) {
      if (!MEMBERS.contains(member)) {
        problems.add(where + "unknown member '" + member + "'");
      }
    }
    for (String member : List.of("source", "description")) {
      if (!root.path(member).isString() || root.path(member).asString().isBlank()) {
        problems.add(where + "need a non-blank '" + member + "'");
      }
    }
    String template =
        root.has("template") ? TestData.MAPPER.writeValueAsString(root.get("template")) : "";
    int at = template.indexOf(PLACEHOLDER);
    if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) {
      problems.add(where + "the template holds \"@@VALUE@@\" exactly once");
      return List.of();
    }
    List<String> fileRequirements = Sidecar.ids(root, "requirements", where, problems);
    String filePointer = null;
    if (root.has("pointer")) {
      JsonNode pointer = root.get("pointer");
      if (pointer.isString() && ExpectedFinding.wellFormedPointer(pointer.asString())) {
        filePointer = pointer.asString();
      } else {
        problems.add(where + "'pointer' is a JSON pointer");
      }
    }
    List<String> filePointers =
        filePointer == null ? null : Collections.nCopies(fileRequirements.size(), filePointer);

    List<Entry> entries = entries(root, where, problems);
    JsonNode differs = root.path("specMode").path("differs");
    JsonNode[] differOf = new JsonNode[entries.size()];
    if (!differs.isMissingNode()) {
      matchDiffers(differs, entries, differOf, where, problems);
    }

    List<CorpusCase> cases = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      Entry entry = entries.get(i);
      JsonNode differ = differOf[i];
      String label = String.format("#%03d %s", i, shorten(entry.text()));
      String context = where + label + ": ";
      List<ExpectedFinding> base =
          entry.requirements() != null
              ? ExpectedFinding.of(entry.requirements(), entry.pointers())
              : ExpectedFinding.of(fileRequirements, filePointers);
      Outcome actool;
      if (entry.goValid()) {
        actool = Outcome.valid();
      } else if (entry.actoolRequirements() != null) {
        actool = Outcome.invalid(ExpectedFinding.of(entry.actoolRequirements(), null));
      } else if (entry.requirements() != null || differ == null) {
        actool = Outcome.invalid(base);
      } else {
        actool = Outcome.invalid(List.of());
      }
      Outcome spec;
      if (differ == null) {
        spec = entry.goValid() ? Outcome.valid() : Outcome.invalid(base);
      } else {
        spec = specOutcome(differ, base, filePointer, entry.goValid(), context, problems);
      }
      if (spec.verdict() == Verdict.INVALID && spec.errors().isEmpty()) {
        problems.add(context + "spec mode rejects it, so name the requirements it violates");
      }
      Path out = outDir.resolve(String.format("%s-%03d.json", stem, i));
      String document =
          template.substring(0, at) + entry.text() + template.substring(at + PLACEHOLDER.length());
      try {
        Files.write(out, document.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      cases.add(
          new CorpusCase(
              "go-vectors/" + stem, label, out, spec, actool, List.of(), List.of(), List.of()));
    }
    return cases;
  }

  private static List<Entry> entries(JsonNode root, String where, List<String> problems) {
    List<Entry> entries = new ArrayList<>();
    for (JsonNode value : list(root, "valid", where, problems)) {
      entries.add(new Entry(value, null, true, null, null, null));
    }
    for (JsonNode value : list(root, "invalid", where, problems)) {
      entries.add(new Entry(value, null, false, null, null, null));
    }
    for (JsonNode raw : list(root, "invalidRaw", where, problems)) {
      if (!raw.isString()) {
        problems.add(where + "'invalidRaw' holds strings");
        continue;
      }
      entries.add(new Entry(null, raw.asString(), false, List.of("IM-001"), List.of(""), null));
    }
    for (JsonNode c : list(root, "cases", where, problems)) {
      String at = where + "case " + shorten(c.toString()) + ": ";
      if (!c.isObject()) {
        problems.add(at + "a case is an object");
        continue;
      }
      for (String member : c.propertyNames()) {
        if (!CASE_MEMBERS.contains(member)) {
          problems.add(at + "unknown member '" + member + "'");
        }
      }
      String raw = rawOf(c, at, problems);
      String go = c.path("go").asString("");
      if (!go.equals("valid") && !go.equals("invalid")) {
        problems.add(at + "'go' is \"valid\" or \"invalid\"");
      }
      List<String> requirements =
          c.has("requirements") ? Sidecar.ids(c, "requirements", at, problems) : null;
      List<String> pointers =
          requirements == null ? null : Sidecar.pointers(c, "pointers", requirements, at, problems);
      List<String> actoolRequirements =
          c.has("actoolRequirements") ? Sidecar.ids(c, "actoolRequirements", at, problems) : null;
      if (go.equals("valid") && (requirements != null || actoolRequirements != null)) {
        problems.add(at + "a Go-valid case has no requirements");
      }
      entries.add(
          new Entry(
              raw == null ? c.get("value") : null,
              raw,
              go.equals("valid"),
              requirements,
              pointers,
              actoolRequirements));
    }
    return entries;
  }

  private static void matchDiffers(
      JsonNode differs,
      List<Entry> entries,
      JsonNode[] differOf,
      String where,
      List<String> problems) {
    if (!differs.isArray()) {
      problems.add(where + "'specMode.differs' is a list");
      return;
    }
    for (JsonNode differ : differs) {
      String at = where + "difference " + shorten(differ.toString()) + ": ";
      for (String member : differ.propertyNames()) {
        if (!DIFF_MEMBERS.contains(member)) {
          problems.add(at + "unknown member '" + member + "'");
        }
      }
      if (!differ.path("reason").isString() || differ.path("reason").asString().isBlank()) {
        problems.add(at + "every difference gives its reason");
      }
      String raw = rawOf(differ, at, problems);
      JsonNode value = raw == null ? differ.get("value") : null;
      int found = -1;
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i).sameInput(value, raw)) {
          if (found >= 0) {
            problems.add(at + "matches more than one vector");
          }
          found = i;
        }
      }
      if (found < 0) {
        problems.add(at + "matches no vector");
      } else if (differOf[found] != null) {
        problems.add(at + "the vector already has a difference");
      } else {
        differOf[found] = differ;
      }
    }
  }

  private static Outcome specOutcome(
      JsonNode differ,
      List<ExpectedFinding> base,
      String filePointer,
      boolean goValid,
      String at,
      List<String> problems) {
    String spec = differ.path("spec").asString("");
    switch (spec) {
      case "valid":
        if (goValid) {
          problems.add(at + "Go accepts it too: not a difference");
        }
        return Outcome.valid();
      case "unspecified":
        return Outcome.unspecified();
      case "invalid":
        if (!goValid && !differ.has("requirements")) {
          problems.add(at + "Go rejects it too: not a difference (or name other requirements)");
        }
        if (!differ.has("requirements")) {
          return Outcome.invalid(base);
        }
        List<String> requirements = Sidecar.ids(differ, "requirements", at, problems);
        List<String> pointers =
            differ.has("pointers")
                ? Sidecar.pointers(differ, "pointers", requirements, at, problems)
                : filePointer == null
                    ? null
                    : Collections.nCopies(requirements.size(), filePointer);
        return Outcome.invalid(ExpectedFinding.of(requirements, pointers));
      default:
        problems.add(at + "'spec' is \"valid\", \"invalid\" or \"unspecified\"");
        return Outcome.unspecified();
    }
  }

  private static String rawOf(JsonNode node, String at, List<String> problems) {
    boolean hasValue = node.has("value");
    boolean hasRaw = node.has("raw");
    if (hasValue == hasRaw) {
      problems.add(at + "give exactly one of 'value' and 'raw'");
      return null;
    }
    if (hasRaw && !node.get("raw").isString()) {
      problems.add(at + "'raw' is a string");
      return null;
    }
    return hasRaw ? node.get("raw").asString() : null;
  }

  private static List<JsonNode> list(
      JsonNode root, String member, String where, List<String> problems) {
    JsonNode node = root.get(member);
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(where + "'" + member + "' is a list");
      return List.of();
    }
    List<JsonNode> list = new ArrayList<>();
    node.forEach(list::add);
    return list;
  }

  private static String shorten(String text) {
    String oneLine = text.replace("\n", "\\n").replace("\t", "\\t");
    return oneLine.length() <= 70 ? oneLine : oneLine.substring(0, 67) + "...";
  }
}
