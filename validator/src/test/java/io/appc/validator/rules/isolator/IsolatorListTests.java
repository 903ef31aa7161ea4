package io.appc.validator.rules.isolator;

import static io.appc.validator.rules.isolator.Manifests.assertFinding;
import static io.appc.validator.rules.isolator.Manifests.assertNoErrors;
import static io.appc.validator.rules.isolator.Manifests.assertNoFinding;
import static io.appc.validator.rules.isolator.Manifests.assertNothing;
import static io.appc.validator.rules.isolator.Manifests.image;
import static io.appc.validator.rules.isolator.Manifests.isolator;
import static io.appc.validator.rules.isolator.Manifests.pod;
import static io.appc.validator.rules.isolator.Manifests.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Names, scope, multiplicity and conflicts of isolator lists, in both modes. */
class IsolatorListTests {
  private static final String CPU = isolator("resource/cpu", "{\"limit\": \"1\"}");
  private static final String NNP = isolator("os/linux/no-new-privileges", "true");
  private static final String RETAIN_CAPS =
      isolator("os/linux/capabilities-retain-set", "{\"set\": [\"CAP_KILL\"]}");
  private static final String REMOVE_CAPS =
      isolator("os/linux/capabilities-remove-set", "{\"set\": [\"CAP_KILL\"]}");
  private static final String REMOVE_SECCOMP =
      isolator("os/linux/seccomp-remove-set", "{\"set\": [\"reboot\"]}");
  private static final String RETAIN_SECCOMP =
      isolator("os/linux/seccomp-retain-set", "{\"set\": [\"read\"]}");
  private static final String SYSCTL =
      isolator("os/unix/sysctl", "{\"net.ipv4.tcp_rfc1337\": \"1\"}");
  private static final String SELINUX =
      isolator(
          "os/linux/selinux-context",
          "{\"user\": \"u\", \"role\": \"r\", \"type\": \"t\", \"level\": \"s0\"}");
  private static final String APPARMOR =
      isolator("os/linux/apparmor-profile", "{\"profile\": \"rkt-default\"}");
  private static final String OOM = isolator("os/linux/oom-score-adj", "100");
  private static final String UNKNOWN = isolator("example.com/foo", "1");

  private static String list(String... isolators) {
    return String.join(", ", isolators);
  }

  // ---- unknown names (ISO-GEN-003, VR R-ISO-04/05) ----

  @Test
  void actoolRejectsUnknownIsolatorsInsideApps() {
    List<Finding> findings = validate(image(UNKNOWN), Compat.ACTOOL);
    assertFinding(findings, "ISO-GEN-003", Level.ERROR, "/app/isolators/0/name");
  }

  @Test
  void actoolAcceptsUnknownIsolatorsAtPodLevel() {
    List<Finding> findings = validate(pod(UNKNOWN, ""), Compat.ACTOOL);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-GEN-003", Level.NOTE, "/isolators/0/name");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void specOnlyNotesUnknownIsolatorsBecauseExecutorsMayIgnoreThem(boolean podLevel) {
    String json = podLevel ? pod(UNKNOWN, "") : image(UNKNOWN);
    List<Finding> findings = validate(json, Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(
        findings,
        "ISO-GEN-003",
        Level.NOTE,
        podLevel ? "/isolators/0/name" : "/app/isolators/0/name");
  }

  @Test
  void unknownNamesGetADidYouMean() {
    List<Finding> findings =
        validate(image(isolator("resource/memroy", "{\"limit\": \"1G\"}")), Compat.SPEC);
    Finding note = assertFinding(findings, "ISO-GEN-003", Level.NOTE, "/app/isolators/0/name");
    assertTrue(note.hint().contains("resource/memory"), note.hint());
  }

  // ---- names (TYPE-ISO-002) and values (TYPE-ISO-001) ----

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsIsolatorNamesThatAreNoAcIdentifier(Compat compat) {
    List<Finding> findings = validate(image(isolator("Resource/CPU", "{}")), compat);
    assertFinding(findings, "TYPE-ISO-002", Level.ERROR, "/app/isolators/0/name");
    assertNoFinding(findings, "ISO-GEN-003");
  }

  @Test
  void consecutiveSeparatorsPassOnlyInActool() {
    String json = pod(isolator("example.com/a--b", "1"), "");
    assertNoErrors(validate(json, Compat.ACTOOL));
    assertFinding(validate(json, Compat.SPEC), "TYPE-ISO-002", Level.ERROR, "/isolators/0/name");
  }

  /** Go dereferences the missing value and crashes (VR R-ISO-03). */
  @ParameterizedTest
  @EnumSource(Compat.class)
  void reportsANullValueOfAKnownIsolator(Compat compat) {
    List<Finding> findings =
        validate(
            pod(isolator("resource/memory", "null"), CPU + ", " + isolator("resource/cpu", "null")),
            compat);
    assertFinding(findings, "TYPE-ISO-001", Level.ERROR, "/isolators/0/value");
    assertFinding(findings, "TYPE-ISO-001", Level.ERROR, "/apps/0/app/isolators/1/value");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void acceptsANullValueOfAnUnknownPodIsolator(Compat compat) {
    assertNoErrors(validate(pod(isolator("example.com/foo", "null"), ""), compat));
  }

  // ---- scope (ISO-*-001) ----

  @Test
  void specRejectsPodOnlySysctlInsideAnApp() {
    List<Finding> findings = validate(image(SYSCTL), Compat.SPEC);
    assertFinding(findings, "ISO-SYSCTL-001", Level.ERROR, "/app/isolators/0/name");
  }

  @Test
  void actoolAcceptsSysctlInsideAnAppWithANote() {
    List<Finding> findings = validate(image(SYSCTL), Compat.ACTOOL);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SYSCTL-001", Level.NOTE, "/app/isolators/0/name");
  }

  @Test
  void specRejectsAppOnlyIsolatorsAtPodLevel() {
    List<Finding> findings =
        validate(
            pod(list(REMOVE_SECCOMP, RETAIN_CAPS, REMOVE_CAPS, NNP, RETAIN_SECCOMP), ""),
            Compat.SPEC);
    assertFinding(findings, "ISO-SECRM-001", Level.ERROR, "/isolators/0/name");
    assertFinding(findings, "ISO-CAPRT-001", Level.ERROR, "/isolators/1/name");
    assertFinding(findings, "ISO-CAPRM-001", Level.ERROR, "/isolators/2/name");
    assertFinding(findings, "ISO-NNP-001", Level.ERROR, "/isolators/3/name");
    assertFinding(findings, "ISO-SECRT-001", Level.ERROR, "/isolators/4/name");
    // the scope errors cover these; no conflict findings at pod level
    assertNoFinding(findings, "ISO-CAPRT-003");
    assertNoFinding(findings, "ISO-SECRT-011");
  }

  /** VR §16.31: seccomp at pod level is accepted by Go. */
  @Test
  void actoolAcceptsAppOnlyIsolatorsAtPodLevel() {
    List<Finding> findings =
        validate(pod(list(REMOVE_SECCOMP, RETAIN_SECCOMP, REMOVE_SECCOMP), ""), Compat.ACTOOL);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SECRM-001", Level.NOTE, "/isolators/0/name");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void acceptsAppAndPodIsolatorsInBothPlaces(Compat compat) {
    String both = list(CPU, SELINUX, APPARMOR);
    List<Finding> findings = validate(pod(both, both), compat);
    assertNothing(findings);
  }

  // ---- multiplicity ----

  /** VR §16.31: Go rejects a second instance of these inside one app. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "os/linux/seccomp-remove-set:ISO-SECRM-012",
        "os/linux/seccomp-retain-set:ISO-SECRT-011",
        "os/linux/selinux-context:ISO-SEL-003",
        "os/linux/apparmor-profile:ISO-AA-003"
      })
  void rejectsASecondInstanceInOneAppInBothModes(String row) {
    String name = row.split(":")[0];
    String id = row.split(":")[1];
    String one =
        List.of(REMOVE_SECCOMP, RETAIN_SECCOMP, SELINUX, APPARMOR).stream()
            .filter(s -> s.contains("\"" + name + "\""))
            .findFirst()
            .orElseThrow();
    for (Compat compat : Compat.values()) {
      List<Finding> findings = validate(image(list(one, CPU, one)), compat);
      assertFinding(findings, id, Level.ERROR, "/app/isolators/2/name");
    }
  }

  /**
   * "At most one per app" is the Go reference's rule for its two extension isolators; the spec text
   * does not define them, so spec mode only notes a second instance.
   */
  @ParameterizedTest
  @ValueSource(strings = {"os/linux/oom-score-adj:ISO-X-001", "os/linux/cpu-shares:ISO-X-002"})
  void notesASecondExtensionIsolatorInSpecModeAndRejectsItInActoolMode(String row) {
    String name = row.split(":")[0];
    String id = row.split(":")[1];
    String one = name.endsWith("oom-score-adj") ? OOM : isolator(name, "1024");
    String json = image(list(one, CPU, one));
    assertFinding(validate(json, Compat.ACTOOL), id, Level.ERROR, "/app/isolators/2/name");
    List<Finding> spec = validate(json, Compat.SPEC);
    assertFinding(spec, id, Level.NOTE, "/app/isolators/2/name");
    assertNoErrors(spec);
  }

  @Test
  void twoSysctlsInAnAppAreTooManyForActoolAndOutOfScopeForTheSpec() {
    String json = image(list(SYSCTL, SYSCTL));
    List<Finding> actool = validate(json, Compat.ACTOOL);
    assertFinding(actool, "ISO-SYSCTL-003", Level.ERROR, "/app/isolators/1/name");
    List<Finding> spec = validate(json, Compat.SPEC);
    assertFinding(spec, "ISO-SYSCTL-001", Level.ERROR, "/app/isolators/0/name");
    assertFinding(spec, "ISO-SYSCTL-001", Level.ERROR, "/app/isolators/1/name");
    assertNoFinding(spec, "ISO-SYSCTL-003");
  }

  @Test
  void specAllowsOneSysctlSelinuxAndApparmorPerPod() {
    List<Finding> findings =
        validate(pod(list(SYSCTL, SELINUX, APPARMOR, SYSCTL, SELINUX, APPARMOR), ""), Compat.SPEC);
    assertFinding(findings, "ISO-SYSCTL-003", Level.ERROR, "/isolators/3/name");
    assertFinding(findings, "ISO-SEL-002", Level.ERROR, "/isolators/4/name");
    assertFinding(findings, "ISO-AA-002", Level.ERROR, "/isolators/5/name");
  }

  /** VR R-ISO-05: Go checks nothing at pod level. */
  @Test
  void actoolOnlyNotesRepeatsAtPodLevel() {
    List<Finding> findings =
        validate(pod(list(SYSCTL, SELINUX, SYSCTL, SELINUX), ""), Compat.ACTOOL);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SYSCTL-003", Level.NOTE, "/isolators/2/name");
    assertFinding(findings, "ISO-SEL-002", Level.NOTE, "/isolators/3/name");
  }

  /** VR §16.31: Go accepts these repeats inside an app. */
  @ParameterizedTest
  @EnumSource(Compat.class)
  void notesRepeatsOfIsolatorsThatMayRepeat(Compat compat) {
    List<Finding> findings =
        validate(image(list(CPU, CPU, NNP, NNP, RETAIN_CAPS, RETAIN_CAPS)), compat);
    assertNoErrors(findings);
    assertFinding(findings, "LINT-ISO-001", Level.NOTE, "/app/isolators/1/name");
    assertFinding(findings, "LINT-ISO-001", Level.NOTE, "/app/isolators/3/name");
    assertFinding(findings, "LINT-ISO-001", Level.NOTE, "/app/isolators/5/name");
  }

  // ---- conflicts ----

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsSeccompRetainWithRemoveInOneApp(Compat compat) {
    assertFinding(
        validate(image(list(RETAIN_SECCOMP, REMOVE_SECCOMP)), compat),
        "ISO-SECRM-013",
        Level.ERROR,
        "/app/isolators/1/name");
    assertFinding(
        validate(image(list(REMOVE_SECCOMP, RETAIN_SECCOMP)), compat),
        "ISO-SECRT-011",
        Level.ERROR,
        "/app/isolators/1/name");
  }

  /** ISO-CAPRT-003: Go does not enforce it (VR §6.4). */
  @Test
  void capabilityRetainWithRemoveIsAnErrorOnlyInSpecMode() {
    String json = image(list(REMOVE_CAPS, CPU, RETAIN_CAPS));
    assertFinding(
        validate(json, Compat.SPEC), "ISO-CAPRT-003", Level.ERROR, "/app/isolators/2/name");
    List<Finding> actool = validate(json, Compat.ACTOOL);
    assertNoErrors(actool);
    assertFinding(actool, "ISO-CAPRT-003", Level.NOTE, "/app/isolators/2/name");
  }

  /** VR §16.14 TestIsolatorsGetByName, placed in one app's list. */
  @Test
  void goListOfEveryKindPassesActoolButBreaksTwoSpecRules() {
    String json =
        image(
            list(
                isolator("resource/cpu", "{\"request\": \"30m\", \"limit\": \"1m\"}"),
                isolator("resource/memory", "{\"request\": \"1G\", \"limit\": \"2Gi\"}"),
                RETAIN_CAPS,
                REMOVE_CAPS,
                NNP,
                SYSCTL));
    assertNoErrors(validate(json, Compat.ACTOOL));
    List<Finding> spec = validate(json, Compat.SPEC);
    assertFinding(spec, "ISO-RES-001", Level.WARNING, "/app/isolators/0/value/request");
    assertFinding(spec, "ISO-CAPRT-003", Level.ERROR, "/app/isolators/3/name");
    assertFinding(spec, "ISO-SYSCTL-001", Level.ERROR, "/app/isolators/5/name");
    assertEquals(
        2, spec.stream().filter(f -> f.level() == Level.ERROR).count(), Manifests.render(spec));
  }

  /** VR §16.14 TestIsolatorUnrecognized: fine as a bare list, but not inside an app for Go. */
  @Test
  void unrecognizedIsolatorNextToAKnownOne() {
    String network =
        isolator("resource/network-bandwidth", "{\"default\": true, \"limit\": \"1G\"}");
    String ponies = isolator("resource/network-ponies", "0");
    assertNoErrors(validate(pod(list(network, ponies), ""), Compat.ACTOOL));
    assertFinding(
        validate(image(list(network, ponies)), Compat.ACTOOL),
        "ISO-GEN-003",
        Level.ERROR,
        "/app/isolators/1/name");
    assertNoErrors(validate(image(list(network, ponies)), Compat.SPEC));
  }

  // ---- pods ----

  @Test
  void findsTheListsOfEveryPodApp() {
    String bad = isolator("os/linux/no-new-privileges", "\"yes\"");
    List<Finding> findings = validate(pod(bad, CPU, list(CPU, bad)), Compat.SPEC);
    assertFinding(findings, "ISO-NNP-001", Level.ERROR, "/isolators/0/name");
    assertFinding(findings, "ISO-NNP-001", Level.ERROR, "/isolators/0/value");
    assertFinding(findings, "ISO-NNP-001", Level.ERROR, "/apps/1/app/isolators/1/value");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void notesAnAppLimitAboveThePodLimit(Compat compat) {
    String podMemory = isolator("resource/memory", "{\"limit\": \"1Gi\"}");
    String appMemory = isolator("resource/memory", "{\"limit\": \"2Gi\"}");
    String smallMemory = isolator("resource/memory", "{\"limit\": \"512Mi\"}");
    List<Finding> findings = validate(pod(podMemory, appMemory, smallMemory), compat);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-GEN-002", Level.NOTE, "/apps/0/app/isolators/0/value/limit");
    assertEquals(1, findings.stream().filter(f -> f.requirementId().equals("ISO-GEN-002")).count());
  }

  @Test
  void reportsEveryProblemNotOnlyTheFirst() {
    String json =
        image(
            list(
                isolator("os/linux/no-new-privileges", "1"),
                isolator("resource/memory", "{\"limit\": \"lots\"}"),
                isolator("os/linux/apparmor-profile", "{}"),
                REMOVE_SECCOMP,
                REMOVE_SECCOMP));
    List<Finding> findings = validate(json, Compat.ACTOOL);
    assertEquals(
        4,
        findings.stream().filter(f -> f.level() == Level.ERROR).count(),
        Manifests.render(findings));
  }

  /**
   * Shapes the schema reports (JSON types, required members): each problem gives exactly one
   * finding, because the isolator rules skip what they cannot read instead of reporting it again.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"isolators\": {} | TYPE-ISO-001 /app/isolators",
        "\"isolators\": [1, null, \"x\", []] | TYPE-ISO-001 /app/isolators/0,"
            + " TYPE-ISO-001 /app/isolators/1, TYPE-ISO-001 /app/isolators/2,"
            + " TYPE-ISO-001 /app/isolators/3",
        "\"isolators\": [{\"name\": 5, \"value\": 1}, {\"value\": true}, {\"name\": null}]"
            + " | TYPE-ISO-002 /app/isolators/0/name, TYPE-ISO-001 /app/isolators/1,"
            + " TYPE-ISO-001 /app/isolators/2, TYPE-ISO-002 /app/isolators/2/name",
        "\"isolators\": [{\"name\": \"resource/cpu\"}] | TYPE-ISO-001 /app/isolators/0"
      })
  void reportsEachShapeProblemOnce(String member, String expected) {
    String json =
        "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\": \"example.com/a\","
            + " \"app\": {\"exec\": [\"/a\"], \"user\": \"0\", \"group\": \"0\", "
            + member
            + "}}";
    List<String> want = Arrays.stream(expected.split(",")).map(String::strip).sorted().toList();
    for (Compat compat : Compat.values()) {
      List<Finding> findings = validate(json, compat);
      List<String> got =
          findings.stream()
              .filter(f -> f.level() == Level.ERROR)
              .map(f -> f.requirementId() + " " + f.pointer())
              .sorted()
              .toList();
      assertEquals(want, got, () -> compat + "\n" + Manifests.render(findings));
      assertEquals(want.size(), findings.size(), () -> compat + "\n" + Manifests.render(findings));
    }
  }

  @Test
  void ignoresManifestsWithoutIsolatorLists() {
    String json =
        "{\"acKind\": \"PodManifest\", \"acVersion\": \"0.8.11\", \"apps\": [1, {}, {\"app\": null}]}";
    assertNothing(validate(json, Compat.SPEC));
    assertNothing(validate("{\"acKind\": \"ImageManifest\", \"app\": []}", Compat.SPEC));
  }
}
