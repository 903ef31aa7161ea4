package io.appc.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SarifReportTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static JsonNode render(ValidationReport report) {
    return MAPPER.readTree(Reports.render(new SarifReport(), report));
  }

  @Test
  void writesOneRunWithTheDriver() {
    JsonNode root = render(Reports.sample(false));

    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", root.get("$schema").asString());
    assertEquals("2.1.0", root.get("version").asString());
    assertEquals(1, root.get("runs").size());
    JsonNode driver = root.at("/runs/0/tool/driver");
    assertEquals("appc", driver.get("name").asString());
    assertEquals("1.2.3", driver.get("version").asString());
    assertTrue(driver.get("informationUri").asString().startsWith("https://"));
  }

  @Test
  void listsOneRuleForEachRequirementUsedSortedById() {
    JsonNode rules = render(Reports.sample(false)).at("/runs/0/tool/driver/rules");

    List<String> ids = new ArrayList<>();
    rules.forEach(rule -> ids.add(rule.get("id").asString()));
    assertEquals(List.of("IM-012", "IM-060", "LINT-001", "POD-013"), ids);
    JsonNode im012 = rules.get(0);
    assertEquals("MUST*", im012.at("/properties/requirementLevel").asString());
    assertEquals("error", im012.at("/defaultConfiguration/level").asString());
    assertEquals(
        "https://github.com/appc/spec/blob/v0.8.11/spec/aci.md#image-manifest-schema",
        im012.get("helpUri").asString());
    JsonNode lint = rules.get(2);
    assertEquals("LINT", lint.at("/properties/requirementLevel").asString());
    assertFalse(lint.has("helpUri"));
  }

  @Test
  void writesResultsWithLevelsMessagesAndLocations() {
    JsonNode results = render(Reports.sample(false)).at("/runs/0/results");

    assertEquals(4, results.size());
    JsonNode warning = results.get(0);
    assertEquals("IM-060", warning.get("ruleId").asString());
    assertEquals(1, warning.get("ruleIndex").asInt());
    assertEquals("warning", warning.get("level").asString());
    JsonNode location = warning.at("/locations/0");
    assertEquals("dir/good.json", location.at("/physicalLocation/artifactLocation/uri").asString());
    assertEquals(3, location.at("/physicalLocation/region/startLine").asInt());
    assertEquals(5, location.at("/physicalLocation/region/startColumn").asInt());
    assertEquals("/labels", location.at("/logicalLocations/0/fullyQualifiedName").asString());

    JsonNode error = results.get(2);
    assertEquals("error", error.get("level").asString());
    assertEquals("need X, got Y for POD-013. Hint: fix", error.at("/message/text").asString());
    assertEquals(
        "dir/bad%20pod.json",
        error.at("/locations/0/physicalLocation/artifactLocation/uri").asString());

    JsonNode note = results.get(1);
    assertEquals("note", note.get("level").asString());
    assertTrue(note.at("/locations/0/physicalLocation/region").isMissingNode());
    assertTrue(note.at("/locations/0/logicalLocations").isMissingNode());
  }

  @Test
  void locatesAFindingInsideAnArchiveAtTheArchive() {
    JsonNode inArchive = render(Reports.sample(false)).at("/runs/0/results/3/locations/0");

    assertEquals("img.aci", inArchive.at("/physicalLocation/artifactLocation/uri").asString());
    assertTrue(inArchive.at("/physicalLocation/region").isMissingNode());
    assertEquals(
        "manifest#/name", inArchive.at("/logicalLocations/0/fullyQualifiedName").asString());
  }

  @Test
  void turnsAbsolutePathsIntoFileUris() {
    FileResult file =
        new FileResult(
            "/tmp/x y/m.json",
            "ImageManifest",
            List.of(Reports.finding("IM-001", Level.ERROR, "/tmp/x y/m.json", "", 1, 1, "")));
    JsonNode root = render(new ValidationReport(List.of(file), "1", Compat.SPEC, false));

    assertEquals(
        "file:///tmp/x%20y/m.json",
        root.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asString());
  }

  @Test
  void writesAnEmptyRunForNoFindings() {
    JsonNode root = render(new ValidationReport(List.of(), "1", Compat.SPEC, false));

    assertEquals(0, root.at("/runs/0/results").size());
    assertEquals(0, root.at("/runs/0/tool/driver/rules").size());
  }
}
