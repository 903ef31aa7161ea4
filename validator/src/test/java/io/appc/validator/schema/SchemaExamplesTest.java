package io.appc.validator.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.manifest.ManifestKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The examples shipped with the specification, copied unchanged into testdata/examples. */
class SchemaExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "testdata", "examples");

  @ParameterizedTest
  @ValueSource(strings = {"image.json", "pod_runtime.json"})
  void specExamplesHaveNoSchemaErrors(String file) throws IOException {
    for (Compat compat : Compat.values()) {
      assertEquals(List.of(), SchemaCases.validate(read(file), kindOf(file), compat), compat::name);
    }
  }

  /**
   * pod_template.json is the spec's example of a deployable template: two of its apps name their
   * image only by name and labels. pods.md makes {@code apps[].image.id} required and says a pod
   * manifest must be fully resolved (by image ID) before it runs, so in SPEC mode the template is
   * reported as not runnable with --reified, one POD-016 per unresolved app and nothing else.
   * actool accepted templates (VR R-POD-12), so ACTOOL mode reports nothing.
   */
  @ParameterizedTest
  @EnumSource(Compat.class)
  void podTemplateLacksOnlyTheImageIdsOfUnresolvedApps(Compat compat) throws IOException {
    List<String> expected =
        compat == Compat.SPEC
            ? List.of("POD-016 /apps/1/image", "POD-016 /apps/2/image")
            : List.of();
    assertEquals(
        expected,
        SchemaCases.idsAndPointers(
            SchemaCases.validate(read("pod_template.json"), ManifestKind.POD, compat)));
  }

  /** Without --reified the same template is valid: each unresolved image is a POD-003 warning. */
  @Test
  void podTemplateIsAcceptedWithWarningsUnlessReifiedIsRequired() throws IOException {
    List<Finding> findings =
        SchemaCases.validate(read("pod_template.json"), ManifestKind.POD, Compat.SPEC, false);
    assertEquals(
        List.of("POD-003 /apps/1/image", "POD-003 /apps/2/image"),
        SchemaCases.idsAndPointers(findings));
    assertTrue(findings.stream().allMatch(f -> f.level() == Level.WARNING));
  }

  @ParameterizedTest
  @ValueSource(strings = {"image.json", "pod_runtime.json", "pod_template.json"})
  void everySchemaErrorOfTheExamplesNamesARequirement(String file) throws IOException {
    assertTrue(
        SchemaValidator.violations(read(file), kindOf(file)).stream()
            .allMatch(SchemaViolation::mapped));
  }

  private static ManifestKind kindOf(String file) {
    return file.startsWith("pod") ? ManifestKind.POD : ManifestKind.IMAGE;
  }

  private static JsonNode read(String file) throws IOException {
    return SchemaCases.MAPPER.readTree(Files.readAllBytes(EXAMPLES.resolve(file)));
  }
}
