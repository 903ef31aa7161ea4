package io.appc.validator.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Findings;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonLimits;
import io.appc.validator.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class KeyCaseTest {
  private static JsonDocument read(String json) {
    return new JsonReader(JsonLimits.DEFAULT)
        .read(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), new Findings("m"));
  }

  private static List<String> findings(Compat compat, String json) {
    FileResult result =
        new ManifestValidator(ValidationOptions.DEFAULT.withCompat(compat))
            .validate(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "m");
    return result.findings().stream()
        .map(f -> f.requirementId() + " " + f.level().label() + " " + f.pointer())
        .sorted()
        .toList();
  }

  @Test
  void renamesMembersToTheSpecSpelling() {
    JsonNode root =
        KeyCase.normalize(
                read(
                    "{'ACKIND':'ImageManifest','ACVERSION':'0.8.11','NAME':'example.com/x',"
                        + "'App':{'User':'0','Group':'0','supplementaryGids':[1],"
                        + "'MountPoints':[{'NAME':'m','Path':'/m'}],'userLabels':{'Keep':'case'}},"
                        + "'Labels':[{'Name':'os','VALUE':'linux'}],'Unknown':1}"))
            .root();
    assertEquals(
        List.of("acKind", "acVersion", "name", "app", "labels", "Unknown"),
        List.copyOf(root.propertyNames()));
    assertEquals(
        List.of("user", "group", "supplementaryGIDs", "mountPoints", "userLabels"),
        List.copyOf(root.get("app").propertyNames()));
    assertEquals(
        List.of("name", "path"),
        List.copyOf(root.get("app").get("mountPoints").get(0).propertyNames()));
    assertEquals(List.of("Keep"), List.copyOf(root.get("app").get("userLabels").propertyNames()));
    assertEquals("linux", root.get("labels").get(0).get("value").asString());
  }

  @Test
  void usesThePodTableForPodManifests() {
    JsonNode root =
        KeyCase.normalize(
                read(
                    "{'acKind':'PodManifest','APPS':[{'Name':'a','ReadOnlyRootFs':true}],'Name':1}"))
            .root();
    assertEquals(List.of("acKind", "apps", "Name"), List.copyOf(root.propertyNames()));
    assertEquals(
        List.of("name", "readOnlyRootFS"), List.copyOf(root.get("apps").get(0).propertyNames()));
  }

  @Test
  void letsTheLaterOfTwoSpellingsWin() {
    JsonNode root =
        KeyCase.normalize(
                read("{'acKind':'ImageManifest','name':'example.com/a','NAME':'example.com/b'}"))
            .root();
    assertEquals("example.com/b", root.get("name").asString());
  }

  @Test
  void keepsTheDocumentWhenNothingChanges() {
    JsonDocument document = read("{'acKind':'ImageManifest','name':'example.com/a'}");
    assertSame(document, KeyCase.normalize(document));
  }

  @Test
  void appliesOnlyInActoolMode() {
    String json =
        "{'ACKIND':'ImageManifest','ACVERSION':'0.8.11','NAME':'example.com/x',"
            + "'App':{'User':'0','Group':'0','WorkingDirectory':'relative'}}";
    assertEquals(List.of("IM-046 error /app/workingDirectory"), findings(Compat.ACTOOL, json));
    // In spec mode member names are case-sensitive, so the required members are missing.
    assertEquals(
        List.of(
            "IM-010 error ",
            "IM-011 error ",
            "IM-012 error ",
            "LINT-UNKNOWN-MEMBER note /ACKIND",
            "LINT-UNKNOWN-MEMBER note /ACVERSION",
            "LINT-UNKNOWN-MEMBER note /App",
            "LINT-UNKNOWN-MEMBER note /NAME"),
        findings(Compat.SPEC, json));
  }
}
