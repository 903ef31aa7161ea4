package io.appc.validator.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.finding.Requirements;
import io.appc.validator.manifest.ManifestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaFindingsTest {

  static Stream<SchemaCases.Case> cases() {
    return SchemaCases.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsTheExpectedRequirementsAndPointersInSpecMode(SchemaCases.Case c) {
    List<Finding> findings = SchemaCases.validate(c.manifest(), c.kind(), Compat.SPEC);
    assertEquals(c.spec(), SchemaCases.idsAndPointers(findings), () -> "findings: " + findings);
    if (c.message() != null) {
      assertTrue(
          findings.stream().anyMatch(f -> f.message().contains(c.message())),
          () -> "no message containing [" + c.message() + "] in " + findings);
    }
    if (c.hint() != null) {
      assertTrue(
          findings.stream().anyMatch(f -> f.hint().contains(c.hint())),
          () -> "no hint containing [" + c.hint() + "] in " + findings);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dropsWhatActoolAcceptedInActoolMode(SchemaCases.Case c) {
    List<Finding> findings = SchemaCases.validate(c.manifest(), c.kind(), Compat.ACTOOL);
    assertEquals(c.actool(), SchemaCases.idsAndPointers(findings), () -> "findings: " + findings);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void levelsFollowTheRequirementCatalogExceptThatTypeViolationsAreErrors(SchemaCases.Case c) {
    Set<String> wrongTypes =
        SchemaValidator.violations(c.manifest(), c.kind()).stream()
            .filter(v -> "type".equals(v.keyword()) || v.typeFact())
            .map(SchemaViolation::pointer)
            .collect(Collectors.toSet());
    for (Finding f : SchemaCases.validate(c.manifest(), c.kind(), Compat.SPEC)) {
      Level expected =
          wrongTypes.contains(f.pointer())
              ? Level.ERROR
              : Requirements.findingLevel(f.requirementId());
      assertEquals(expected, f.level(), f::toString);
      assertTrue(Requirements.known(f.requirementId()), f::toString);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyViolationActoolKeepsIsAnError(SchemaCases.Case c) {
    for (Finding f : SchemaCases.validate(c.manifest(), c.kind(), Compat.ACTOOL)) {
      assertEquals(Level.ERROR, f.level(), f::toString);
    }
  }

  @Test
  void aWrongTypeIsAnErrorEvenForAShouldRow() {
    SchemaCases.Case c = find("pod volume members of wrong types");
    assertEquals(Level.ERROR, levelAt(c, Compat.SPEC, "/volumes/0/recursive"));
    assertEquals(Level.ERROR, levelAt(c, Compat.SPEC, "/volumes/0/uid"));
  }

  /**
   * aci.md types supplementaryGIDs as a "list of unsigned integers": the sign is part of the type,
   * so -1 is an error although IM-037 is a SHOULD* row. Go decoded GIDs into int and accepted it.
   */
  @Test
  void aNegativeSupplementaryGidBreaksTheTypeSoItIsAnErrorInSpecMode() {
    SchemaCases.Case c = find("supplementaryGIDs negative");
    assertEquals(Level.ERROR, levelAt(c, Compat.SPEC, "/app/supplementaryGIDs/0"));
    assertTrue(SchemaCases.validate(c.manifest(), c.kind(), Compat.ACTOOL).isEmpty());
  }

  // IM-084: a negative dependency size
  @Test
  void aShouldRowsRangeIsAWarningInSpecModeAndAnErrorInActoolMode() {
    SchemaCases.Case c = find("dependency members of wrong types");
    assertEquals(Level.WARNING, levelAt(c, Compat.SPEC, "/dependencies/0/size"));
    assertEquals(Level.ERROR, levelAt(c, Compat.ACTOOL, "/dependencies/0/size"));
  }

  private static Level levelAt(SchemaCases.Case c, Compat compat, String pointer) {
    return SchemaCases.validate(c.manifest(), c.kind(), compat).stream()
        .filter(f -> f.pointer().equals(pointer))
        .findFirst()
        .orElseThrow()
        .level();
  }

  @Test
  void everySchemaErrorOfTheCorpusNamesARequirement() {
    List<SchemaViolation> unmapped = new ArrayList<>();
    for (SchemaCases.Case c : SchemaCases.all()) {
      SchemaValidator.violations(c.manifest(), c.kind()).stream()
          .filter(v -> !v.mapped())
          .forEach(unmapped::add);
    }
    assertEquals(List.of(), unmapped);
  }

  @Test
  void everyActoolRelaxationIsExercisedByTheCorpus() {
    List<SchemaViolation> violations = new ArrayList<>();
    for (SchemaCases.Case c : SchemaCases.all()) {
      violations.addAll(SchemaValidator.violations(c.manifest(), c.kind()));
    }
    for (ActoolRelaxations.Relaxation r : ActoolRelaxations.ALL) {
      assertTrue(
          violations.stream().anyMatch(r.applies()), () -> "no case exercises " + r.source());
    }
  }

  @Test
  void theKindDecidesWhichSchemaApplies() {
    SchemaCases.Case image = find("minimal image manifest is valid");
    List<Finding> asPod = SchemaCases.validate(image.manifest(), ManifestKind.POD, Compat.SPEC);
    assertEquals(List.of("POD-011 /acKind", "POD-012 "), SchemaCases.idsAndPointers(asPod));
  }

  /**
   * The reader already rejects a top-level value that is not an object (IM-001), so the pipeline
   * never hands one to the schema layer; the schemas still say "object" for editors, under IM-001.
   */
  @Test
  void rootThatIsNotAnObjectIsReportedUnderValidJson() {
    for (ManifestKind kind : ManifestKind.values()) {
      List<SchemaViolation> violations =
          SchemaValidator.violations(SchemaCases.MAPPER.readTree("[1]"), kind);
      assertEquals(1, violations.size());
      assertEquals("IM-001", violations.get(0).requirementId());
      assertEquals("", violations.get(0).pointer());
      assertEquals("need an object, got an array", violations.get(0).message());
    }
  }

  private static SchemaCases.Case find(String name) {
    return SchemaCases.all().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }
}
