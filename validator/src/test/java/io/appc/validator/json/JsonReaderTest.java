package io.appc.validator.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {
  private final JsonReader reader = new JsonReader(JsonLimits.DEFAULT);

  private List<Finding> problems(byte[] source) {
    Findings findings = new Findings("m.json");
    reader.read(source, findings);
    return findings.toList();
  }

  private List<Finding> problems(String source) {
    return problems(source.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsAnObjectWithoutFindings() {
    Findings findings = new Findings("m.json");
    JsonDocument doc =
        reader.read("{\"a\": [1, 2.5, true, null, {\"b\": \"c\"}]}".getBytes(), findings);
    assertNotNull(doc);
    assertTrue(findings.toList().isEmpty());
    assertEquals("c", doc.root().get("a").get(4).get("b").asString());
  }

  @Test
  void keepsDecimalsDistinctFromIntegers() {
    JsonDocument doc = reader.read("{\"a\": 2048.0, \"b\": 2048}".getBytes(), new Findings("m"));
    assertTrue(doc.root().get("a").isFloatingPointNumber());
    assertTrue(doc.root().get("b").isIntegralNumber());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "[1]",
        "\"text\"",
        "42",
        "{\"a\": 1,}",
        "{'a': 1}",
        "{\"a\": 1} {}",
        "{\"a\": 1} x",
        "{\"a\": /* c */ 1}",
        "{\"a\": ",
        "{\"a\": NaN}"
      })
  void reportsMalformedDocumentsAsInvalidJson(String source) {
    List<Finding> found = problems(source);
    assertEquals(1, found.size(), () -> found.toString());
    assertEquals("IM-001", found.get(0).requirementId());
    assertEquals(Level.ERROR, found.get(0).level());
  }

  @Test
  void reportsEveryDuplicateMemberWithItsPointerAndPosition() {
    List<Finding> found = problems("{\"a\": 1,\n \"a\": 2,\n \"o\": {\"x\": 1, \"x\": 2}}");
    assertEquals(2, found.size());
    assertEquals("/a", found.get(0).pointer());
    assertEquals(2, found.get(0).line());
    assertEquals("/o/x", found.get(1).pointer());
    assertEquals(3, found.get(1).line());
  }

  @Test
  void rejectsAByteOrderMark() {
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};
    assertTrue(problems(bom).get(0).message().contains("byte-order mark"));
  }

  @Test
  void rejectsInvalidUtf8WithAPosition() {
    byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'};
    List<Finding> found = problems(bad);
    assertEquals(1, found.size());
    assertEquals(1, found.get(0).line());
  }

  @Test
  void limitsNestingDepthWithoutOverflowingTheStack() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    List<Finding> found = problems(deep);
    assertEquals(1, found.size());
    assertTrue(found.get(0).message().contains("nesting is too deep"), found.get(0).message());
    assertEquals(1, found.get(0).line());
    assertTrue(found.get(0).column() > 64, "column " + found.get(0).column());
  }

  @Test
  void reportsDuplicatesAtTheGivenLevelAndKeepsTheLastCopy() {
    JsonReader lenient = new JsonReader(JsonLimits.DEFAULT, Level.NOTE);
    Findings findings = new Findings("m.json");
    JsonDocument doc = lenient.read("{\"a\": 1, \"a\": 2}".getBytes(), findings);
    assertEquals(2, doc.root().get("a").asInt());
    assertEquals(Level.NOTE, findings.toList().get(0).level());
  }

  @Test
  void keepsEarlierCopiesOfRepeatedMembersWithTheirPositions() {
    Findings findings = new Findings("m.json");
    JsonDocument doc =
        new JsonReader(JsonLimits.DEFAULT, Level.NOTE)
            .read("{\"o\": {\"a\": 1, \"a\": 2, \"a\": 3}}".getBytes(), findings);
    assertEquals(3, doc.root().get("o").get("a").asInt());
    assertEquals(2, doc.shadowed().size());
    assertEquals("/o/a", doc.shadowed().get(0).pointer());
    assertEquals(1, doc.shadowed().get(0).value().asInt());
    assertEquals(new Findings.Position(1, 13), doc.shadowed().get(0).position());
    assertEquals(2, doc.shadowed().get(1).value().asInt());
  }

  @Test
  void rejectsInvalidUtf8ByDefault() {
    byte[] source = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};
    assertEquals(1, problems(source).size());
  }

  /** VR R-JSON-06: Go reads every byte outside valid UTF-8 as U+FFFD. */
  @Test
  void repairsInvalidUtf8LikeGoWhenAsked() {
    JsonReader go = new JsonReader(JsonLimits.DEFAULT, Level.NOTE, true);
    byte[] source = {
      '{',
      '"',
      'a',
      '"',
      ':',
      '"',
      (byte) 0xC3,
      '(',
      (byte) 0xE2,
      (byte) 0x82,
      'x',
      (byte) 0xC0,
      (byte) 0xAF,
      (byte) 0xED,
      (byte) 0xA0,
      (byte) 0x80,
      (byte) 0xC3,
      (byte) 0xA9,
      '"',
      '}'
    };
    Findings findings = new Findings("m.json");
    JsonDocument doc = go.read(source, findings);
    assertEquals(List.of(), findings.toList());
    assertEquals(
        "\uFFFD(\uFFFD\uFFFDx\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u00E9", doc.root().get("a").asString());
  }

  @Test
  void aRepairedStrayByteOutsideAStringIsStillMalformed() {
    JsonReader go = new JsonReader(JsonLimits.DEFAULT, Level.NOTE, true);
    Findings findings = new Findings("m.json");
    assertNull(go.read(new byte[] {'{', (byte) 0xFF, '}'}, findings));
    assertEquals(JsonReader.VALID_JSON, findings.toList().get(0).requirementId());
  }

  @Test
  void limitsDocumentSize() {
    JsonReader small = new JsonReader(new JsonLimits(10, 64));
    Findings findings = new Findings("m.json");
    assertNull(small.read("{\"a\": \"0123456789\"}".getBytes(), findings));
    assertTrue(findings.toList().get(0).message().contains("too large"));
  }

  @Test
  void resolvesPointersToLineAndColumn() {
    String source = "{\n  \"app\": {\n    \"exec\": [\"/bin/a\", \"b\"]\n  },\n  \"x/y\": 1\n}";
    JsonDocument doc = reader.read(source.getBytes(), new Findings("m"));
    assertEquals(new Findings.Position(3, 13), doc.position("/app/exec"));
    assertEquals(new Findings.Position(3, 24), doc.position("/app/exec/1"));
    assertEquals(new Findings.Position(5, 10), doc.position("/x~1y"));
    assertEquals(new Findings.Position(2, 10), doc.position("/app/missing"));
    assertEquals(new Findings.Position(1, 1), doc.position(""));
  }

  static Stream<Arguments> commonSyntaxErrors() {
    return Stream.of(
        Arguments.of(
            "{\"a\": 1,}", "need a member name in double quotes, got '}'", "trailing comma"),
        Arguments.of("{\"a\": [1,]}", "need a value, got ']'", "trailing comma"),
        Arguments.of(
            "{'a': 1}", "need a member name in double quotes, got a single quote", "double quotes"),
        Arguments.of("{\"a\": 'x'}", "single quote", "double quotes"),
        Arguments.of("{\"a\": /* c */ 1}", "the start of a comment", "no comments"),
        Arguments.of("{\n// c\n\"a\": 1}", "the start of a comment", "no comments"),
        Arguments.of("{\"port\": NaN}", "need a number, got 'NaN'", "no NaN"),
        Arguments.of("{\"port\": -Infinity}", "need a number, got '-Infinity'", "no NaN"));
  }

  /** Syntax errors read as "need X, got Y" with the usual cause, not in the parser's terms. */
  @ParameterizedTest
  @MethodSource("commonSyntaxErrors")
  void explainsCommonSyntaxErrors(String source, String message, String hint) {
    List<Finding> found = problems(source);
    assertEquals(1, found.size(), found::toString);
    Finding f = found.get(0);
    assertTrue(f.message().startsWith("malformed JSON: need "), f.message());
    assertTrue(f.message().contains(message), f.message());
    assertTrue(f.hint().contains(hint), f.hint());
    assertTrue(!f.message().contains("code ") && !f.message().contains("Feature"), f.message());
  }

  /** An empty file still gets a position and a hint, like every other finding. */
  @Test
  void anEmptyFileIsReportedAtTheFirstPositionWithAHint() {
    List<Finding> found = problems("");
    assertEquals(1, found.size(), found::toString);
    assertEquals(1, found.get(0).line());
    assertEquals(1, found.get(0).column());
    assertTrue(found.get(0).hint().contains("ImageManifest"), found.get(0).hint());
  }
}
