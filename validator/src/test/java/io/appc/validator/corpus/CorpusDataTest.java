package io.appc.validator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.corpus.Outcome.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the test data itself, without the CLI: sidecars and vector files are well-formed and name
 * only catalog IDs, every case is where its verdict says, and every manifest is the kind of input
 * it claims to be (JSON-syntax cases are not strict JSON objects, all others are).
 */
class CorpusDataTest {
  private static final String JSON_SYNTAX = "json-syntax";

  @Test
  void everySidecarIsWellFormedAndEveryInvalidCaseHasOne() {
    List<String> problems = new ArrayList<>();
    List<CorpusCase> cases = CorpusCases.load(problems);
    assertEquals(List.of(), problems);
    assertTrue(cases.size() > 400, "the corpus has " + cases.size() + " cases");
  }

  @Test
  void everyInvalidManifestHasASidecar() {
    List<String> missing = new ArrayList<>();
    List<Path> invalid = new ArrayList<>(TestData.files(TestData.manifests().resolve("invalid")));
    invalid.addAll(
        TestData.files(TestData.manifests().resolve(CorpusCases.AUDIT).resolve("invalid")));
    for (Path file : invalid) {
      if (TestData.isManifest(file) && !Files.isRegularFile(TestData.sidecarOf(file))) {
        missing.add(TestData.relative(file));
      }
    }
    for (Path file : TestData.files(TestData.examples())) {
      if (TestData.isManifest(file) && !Files.isRegularFile(TestData.sidecarOf(file))) {
        missing.add(TestData.relative(file));
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void everyAreaHasValidOrInvalidCasesAndTheSpecExamplesAreIncluded() {
    Map<String, Integer> areas = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (CorpusCase c : CorpusCases.load(problems)) {
      areas.merge(c.group(), 1, Integer::sum);
    }
    for (String example : List.of("image", "pod_runtime", "pod_template")) {
      assertTrue(
          Files.isRegularFile(TestData.examples().resolve(example + ".json")),
          "missing spec example " + example);
    }
    for (String area :
        List.of(
            "image-basic",
            "labels",
            "annotations",
            "app",
            "ports",
            "isolators",
            "dependencies",
            "pod-apps",
            "pod-volumes",
            "pod-ports",
            "pod-isolators")) {
      assertTrue(areas.containsKey("manifests/valid/" + area), "no valid cases for " + area);
      assertTrue(areas.containsKey("manifests/invalid/" + area), "no invalid cases for " + area);
    }
    assertTrue(areas.containsKey("manifests/invalid/" + JSON_SYNTAX));
  }

  @Test
  void structuredCasesAreStrictJsonAndSyntaxCasesAreNot() throws IOException {
    List<String> wrong = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (CorpusCase c : CorpusCases.load(problems)) {
      boolean syntaxCase = c.group().endsWith("/" + JSON_SYNTAX);
      boolean strict = isStrictJsonObject(Files.readAllBytes(c.file()));
      if (syntaxCase == strict) {
        wrong.add(
            TestData.relative(c.file())
                + (syntaxCase ? " is a strict JSON object" : " is not a strict JSON object"));
      }
      if (syntaxCase
          && c.spec().errors().stream().anyMatch(e -> !e.anyOf().equals(Set.of("IM-001")))) {
        wrong.add(TestData.relative(c.file()) + " is a JSON-syntax case, so it expects IM-001");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void goVectorFilesAreWellFormedAndGenerateManifests(@TempDir Path out) throws IOException {
    List<String> problems = new ArrayList<>();
    List<CorpusCase> vectors = GoVectors.generate(out, problems);
    assertEquals(List.of(), problems);
    assertTrue(vectors.size() > 500, "only " + vectors.size() + " vectors");
    long differing =
        vectors.stream().filter(v -> v.spec().verdict() != v.actool().verdict()).count();
    assertTrue(differing > 50, "spec mode differs from actool for " + differing + " vectors");
    List<String> notJson = new ArrayList<>();
    for (CorpusCase v : vectors) {
      boolean jsonError =
          Stream.of(v.spec(), v.actool())
              .flatMap(o -> o.errors().stream())
              .anyMatch(e -> e.anyOf().contains("IM-001"));
      if (!jsonError && !isJson(Files.readAllBytes(v.file()))) {
        notJson.add(v.group() + " " + v.name());
      }
      if (v.spec().verdict() == Verdict.INVALID) {
        assertTrue(!v.spec().errors().isEmpty(), v.group() + " " + v.name());
      }
    }
    assertEquals(List.of(), notJson, "generated manifests that are not JSON");
  }

  /** True for UTF-8 without BOM holding exactly one JSON object with unique member names. */
  static boolean isStrictJsonObject(byte[] bytes) {
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef) {
      return false;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      JsonNode root = TestData.MAPPER.readTree(bytes);
      return root != null && root.isObject();
    } catch (CharacterCodingException | JacksonException e) {
      return false;
    }
  }

  private static boolean isJson(byte[] bytes) {
    try {
      return TestData.MAPPER.readTree(bytes) != null;
    } catch (JacksonException e) {
      return false;
    }
  }
}
