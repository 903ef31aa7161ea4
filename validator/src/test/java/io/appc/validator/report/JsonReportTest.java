package io.appc.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode render(boolean warningsAsErrors) {
    return MAPPER.readTree(Reports.render(new JsonReport(), Reports.sample(warningsAsErrors)));
  }

  @Test
  void writesToolCompatFilesAndSummary() {
    JsonNode root = render(false);

    assertEquals(
        List.of("tool", "compat", "warningsAsErrors", "files", "summary"),
        List.copyOf(root.propertyNames()));
    assertEquals("appc", root.at("/tool/name").asString());
    assertEquals("1.2.3", root.at("/tool/version").asString());
    assertEquals("spec", root.at("/compat").asString());
    assertEquals(3, root.at("/files").size());
    assertEquals(3, root.at("/summary/files").asInt());
    assertEquals(1, root.at("/summary/valid").asInt());
    assertEquals(2, root.at("/summary/invalid").asInt());
    assertEquals(2, root.at("/summary/errors").asInt());
    assertEquals(1, root.at("/summary/warnings").asInt());
    assertEquals(1, root.at("/summary/notes").asInt());
  }

  @Test
  void writesEveryFindingMemberWithNullForUnknownValues() {
    // Findings come in Finding.ORDER: the note without a position sorts first.
    JsonNode bad = render(false).at("/files/1");

    assertEquals("dir/bad pod.json", bad.get("file").asString());
    assertEquals("PodManifest", bad.get("kind").asString());
    assertFalse(bad.get("valid").asBoolean());
    assertTrue(bad.get("imageId").isNull());
    JsonNode error = bad.at("/findings/1");
    assertEquals(
        List.of("requirement", "level", "file", "pointer", "line", "column", "message", "hint"),
        List.copyOf(error.propertyNames()));
    assertEquals("POD-013", error.get("requirement").asString());
    assertEquals("error", error.get("level").asString());
    assertEquals("/apps/0/name", error.get("pointer").asString());
    assertEquals(4, error.get("line").asInt());
    assertEquals(14, error.get("column").asInt());
    assertEquals("fix", error.get("hint").asString());
    JsonNode note = bad.at("/findings/0");
    assertEquals("note", note.get("level").asString());
    assertTrue(note.get("line").isNull());
    assertTrue(note.get("column").isNull());
    assertTrue(note.get("hint").isNull());
  }

  @Test
  void writesTheImageIdOfAnArchive() {
    assertEquals("sha512-" + "ab".repeat(64), render(false).at("/files/2/imageId").asString());
  }

  @Test
  void validFollowsWarningsAsErrors() {
    assertTrue(render(false).at("/files/0/valid").asBoolean());
    JsonNode strict = render(true);
    assertFalse(strict.at("/files/0/valid").asBoolean());
    assertTrue(strict.at("/warningsAsErrors").asBoolean());
    assertEquals(3, strict.at("/summary/invalid").asInt());
  }
}
