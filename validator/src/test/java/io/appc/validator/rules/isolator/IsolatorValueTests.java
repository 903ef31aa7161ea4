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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Value details beyond the Go vectors: wildcards, names, notes and how each mode reads JSON. */
class IsolatorValueTests {
  private static List<Finding> app(String name, String value, Compat compat) {
    return validate(image(isolator(name, value)), compat);
  }

  private static final String VALUE = "/app/isolators/0/value";

  // ---- seccomp ----

  @Test
  void specWarnsAboutTheOtherIsolatorsWildcard() {
    List<Finding> remove =
        app("os/linux/seccomp-remove-set", "{\"set\": [\"@appc.io/all\"]}", Compat.SPEC);
    assertFinding(remove, "ISO-SECRM-016", Level.WARNING, VALUE + "/set/0");
    List<Finding> retain =
        app("os/linux/seccomp-retain-set", "{\"set\": [\"@appc.io/empty\"]}", Compat.SPEC);
    assertFinding(retain, "ISO-SECRT-014", Level.WARNING, VALUE + "/set/0");
    List<Finding> actool =
        app("os/linux/seccomp-remove-set", "{\"set\": [\"@appc.io/all\"]}", Compat.ACTOOL);
    assertFinding(actool, "ISO-SECRM-016", Level.NOTE, VALUE + "/set/0");
  }

  @Test
  void acceptsEachIsolatorsOwnWildcardSilently() {
    for (Compat compat : Compat.values()) {
      assertNothing(app("os/linux/seccomp-remove-set", "{\"set\": [\"@appc.io/empty\"]}", compat));
      assertNothing(app("os/linux/seccomp-retain-set", "{\"set\": [\"@appc.io/all\"]}", compat));
    }
  }

  @Test
  void reservedScopeAllowsOnlyTheDefinedWildcards() {
    String value = "{\"set\": [\"@appc.io/bogus\", \"@all\", \"@/x\", \"@appc.io/\"]}";
    List<Finding> spec = app("os/linux/seccomp-remove-set", value, Compat.SPEC);
    for (int i = 0; i < 4; i++) {
      assertFinding(spec, "ISO-SECRM-016", Level.ERROR, VALUE + "/set/" + i);
    }
    List<Finding> actool = app("os/linux/seccomp-remove-set", value, Compat.ACTOOL);
    assertNoErrors(actool);
    assertFinding(actool, "ISO-SECRM-016", Level.NOTE, VALUE + "/set/0");
  }

  @Test
  void notesImplementationWildcards() {
    List<Finding> findings =
        app("os/linux/seccomp-retain-set", "{\"set\": [\"@rkt/default-whitelist\"]}", Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SECRT-014", Level.NOTE, VALUE + "/set/0");
  }

  @Test
  void notesEntriesMaskedByTheWildcard() {
    List<Finding> findings =
        app(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"reboot\", \"@appc.io/empty\"]}",
            Compat.SPEC);
    assertFinding(findings, "ISO-SECRM-017", Level.NOTE, VALUE + "/set");
    List<Finding> retain =
        app("os/linux/seccomp-retain-set", "{\"set\": [\"@appc.io/all\", \"read\"]}", Compat.SPEC);
    assertFinding(retain, "ISO-SECRT-015", Level.NOTE, VALUE + "/set");
  }

  @Test
  void notesUnknownSyscallsWithASuggestion() {
    List<Finding> findings =
        app(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"rebot\", \"reboot\", \"reboot\"]}",
            Compat.SPEC);
    assertNoErrors(findings);
    Finding unknown = assertFinding(findings, "ISO-SECRM-002", Level.NOTE, VALUE + "/set/0");
    assertTrue(unknown.hint().contains("\"reboot\""), unknown.hint());
    assertFinding(findings, "LINT-ISO-002", Level.NOTE, VALUE + "/set/2");
  }

  @Test
  void specWarnsAboutAnUnknownErrnoNameAndSuggestsTheOneATypoMeant() {
    List<Finding> findings =
        app(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"reboot\"], \"errno\": \"EACCESS\"}",
            Compat.SPEC);
    Finding f = assertFinding(findings, "ISO-SECRM-011", Level.WARNING, VALUE + "/errno");
    assertTrue(f.hint().contains("\"EACCES\""), f.hint());
    assertNoErrors(findings);
  }

  @Test
  void specRejectsAnErrnoThatHasNotTheFormOfAnErrnoName() {
    for (String errno : List.of("E", "EÄ", "E_FOO", "-EPERM", "2E")) {
      assertFinding(
          app(
              "os/linux/seccomp-retain-set",
              "{\"set\": [\"read\"], \"errno\": \"" + errno + "\"}",
              Compat.SPEC),
          "ISO-SECRT-007",
          Level.ERROR,
          VALUE + "/errno");
    }
  }

  @Test
  void specNotesLinuxSpecificErrnoCodes() {
    List<Finding> findings =
        app(
            "os/linux/seccomp-retain-set",
            "{\"set\": [\"read\"], \"errno\": \"EHWPOISON\"}",
            Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SECRT-010", Level.NOTE, VALUE + "/errno");
    assertNothing(
        app(
            "os/linux/seccomp-retain-set",
            "{\"set\": [\"read\"], \"errno\": \"ENOTSUP\"}",
            Compat.SPEC));
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsNonStringSeccompEntries(Compat compat) {
    List<Finding> findings =
        app("os/linux/seccomp-remove-set", "{\"set\": [\"reboot\", 5], \"errno\": 1}", compat);
    assertFinding(findings, "ISO-SECRM-002", Level.ERROR, VALUE + "/set/1");
    assertFinding(findings, "ISO-SECRM-008", Level.ERROR, VALUE + "/errno");
  }

  // ---- capabilities ----

  @Test
  void specSuggestsTheCapabilityATypoMeant() {
    Finding f =
        assertFinding(
            app("os/linux/capabilities-retain-set", "{\"set\": [\"cap_kill\"]}", Compat.SPEC),
            "ISO-CAPRT-002",
            Level.ERROR,
            VALUE + "/set/0");
    assertTrue(f.hint().contains("CAP_KILL"), f.hint());
  }

  @Test
  void notesRemovingACapabilityOutsideTheDefaultSet() {
    List<Finding> findings =
        app(
            "os/linux/capabilities-remove-set",
            "{\"set\": [\"CAP_SYS_ADMIN\", \"CAP_CHOWN\", \"CAP_CHOWN\"]}",
            Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-CAPRM-005", Level.NOTE, VALUE + "/set/0");
    assertNoFinding(
        findings.stream().filter(f -> f.pointer().endsWith("/set/1")).toList(), "ISO-CAPRM-005");
    assertFinding(findings, "LINT-ISO-002", Level.NOTE, VALUE + "/set/2");
  }

  @Test
  void specNotesWhatAnEmptyCapabilitySetMeans() {
    Finding f =
        assertFinding(
            app("os/linux/capabilities-retain-set", "{\"set\": []}", Compat.SPEC),
            "ISO-CAPRT-002",
            Level.NOTE,
            VALUE + "/set");
    assertTrue(f.message().contains("removes every capability"), f.message());
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void requiresTheCapabilitySet(Compat compat) {
    assertFinding(
        app("os/linux/capabilities-remove-set", "{}", compat), "ISO-CAPRM-002", Level.ERROR, VALUE);
    assertFinding(
        app("os/linux/capabilities-remove-set", "{\"set\": null}", compat),
        "ISO-CAPRM-002",
        Level.ERROR,
        VALUE + "/set");
  }

  /** Go's null on a string is a no-op: the entry reads as an unchecked empty name. */
  @Test
  void nullCapabilityEntriesFailOnlyInSpecMode() {
    String value = "{\"set\": [null]}";
    assertNoErrors(app("os/linux/capabilities-retain-set", value, Compat.ACTOOL));
    assertFinding(
        app("os/linux/capabilities-retain-set", value, Compat.SPEC),
        "ISO-CAPRT-002",
        Level.ERROR,
        VALUE + "/set/0");
  }

  // ---- JSON reading per mode ----

  /** Go matches struct fields case-insensitively (VR R-JSON-01). */
  @Test
  void actoolReadsValueMembersCaseInsensitively() {
    String value = "{\"Set\": [\"CAP_KILL\"]}";
    assertNothing(app("os/linux/capabilities-retain-set", value, Compat.ACTOOL));
    List<Finding> spec = app("os/linux/capabilities-retain-set", value, Compat.SPEC);
    assertFinding(spec, "ISO-CAPRT-002", Level.ERROR, VALUE);
    Finding unknown = assertFinding(spec, "TYPE-ISO-003", Level.NOTE, VALUE + "/Set");
    assertTrue(unknown.hint().contains("\"set\""), unknown.hint());
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void notesMisspeltValueMembers(Compat compat) {
    List<Finding> findings =
        app("resource/memory", "{\"limit\": \"1G\", \"lmit\": \"2G\"}", compat);
    assertNoErrors(findings);
    Finding f = assertFinding(findings, "TYPE-ISO-003", Level.NOTE, VALUE + "/lmit");
    assertEquals("did you mean \"limit\"?", f.hint());
  }

  @Test
  void escapesPointerTokens() {
    List<Finding> findings =
        validate(pod(isolator("os/unix/sysctl", "{\"net/ipv4/ip_forward\": 1}"), ""), Compat.SPEC);
    assertFinding(
        findings, "ISO-SYSCTL-002", Level.ERROR, "/isolators/0/value/net~1ipv4~1ip_forward");
  }

  // ---- resources ----

  @Test
  void specNotesTheUpperCaseKiloSuffixAsUnportable() {
    List<Finding> findings = app("resource/memory", "{\"limit\": \"512K\"}", Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-RES-005", Level.NOTE, VALUE + "/limit");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void notesFractionsOfABaseUnit(Compat compat) {
    assertFinding(
        app("resource/memory", "{\"limit\": \"1.5\"}", compat),
        "ISO-RES-004",
        Level.NOTE,
        VALUE + "/limit");
    assertFinding(
        app("resource/cpu", "{\"limit\": \"0.5m\"}", compat),
        "ISO-RES-004",
        Level.NOTE,
        VALUE + "/limit");
    assertNothing(app("resource/cpu", "{\"limit\": \"0.3\"}", compat));
  }

  @Test
  void actoolNotesNegativeQuantities() {
    List<Finding> findings = app("resource/memory", "{\"limit\": \"-1Gi\"}", Compat.ACTOOL);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-RES-004", Level.NOTE, VALUE + "/limit");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void notesResourceIsolatorsWithoutEffect(Compat compat) {
    assertFinding(app("resource/memory", "{}", compat), "ISO-RES-003", Level.NOTE, VALUE);
  }

  /** Go read {@code null} into a pointer (unset); the spec's quantity is a string or number. */
  @Test
  void nullQuantityIsAnErrorInSpecModeAndUnsetInActoolMode() {
    List<Finding> spec = app("resource/cpu", "{\"request\": null}", Compat.SPEC);
    assertFinding(spec, "ISO-RES-004", Level.ERROR, VALUE + "/request");
    List<Finding> actool = app("resource/cpu", "{\"request\": null}", Compat.ACTOOL);
    assertNoErrors(actool);
    assertFinding(actool, "ISO-RES-003", Level.NOTE, VALUE);
  }

  @Test
  void deviceLimitsWithoutALimitWarnInSpecMode() {
    String value = "{\"default\": true}";
    assertFinding(
        app("resource/block-iops", value, Compat.SPEC), "ISO-BLKIOPS-002", Level.WARNING, VALUE);
    List<Finding> actool = app("resource/block-iops", value, Compat.ACTOOL);
    assertNoErrors(actool);
    assertFinding(actool, "ISO-BLKIOPS-002", Level.NOTE, VALUE);
  }

  @Test
  void specNotesARequestOnADeviceLimit() {
    List<Finding> findings =
        app(
            "resource/network-bandwidth",
            "{\"default\": true, \"request\": \"1M\", \"limit\": \"2M\"}",
            Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-NETBW-001", Level.NOTE, VALUE + "/request");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsANonBooleanDefault(Compat compat) {
    assertFinding(
        app("resource/block-bandwidth", "{\"default\": \"true\", \"limit\": \"1M\"}", compat),
        "ISO-BLKBW-001",
        Level.ERROR,
        VALUE + "/default");
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsANonObjectResourceValue(Compat compat) {
    assertFinding(app("resource/cpu", "\"500m\"", compat), "ISO-CPU-001", Level.ERROR, VALUE);
  }

  // ---- selinux, apparmor, sysctl ----

  @ParameterizedTest
  @EnumSource(Compat.class)
  void requiresEverySelinuxField(Compat compat) {
    List<Finding> findings =
        app("os/linux/selinux-context", "{\"user\": \"u\", \"role\": null, \"type\": 5}", compat);
    assertFinding(findings, "ISO-SEL-001", Level.ERROR, VALUE + "/role");
    assertFinding(findings, "ISO-SEL-001", Level.ERROR, VALUE + "/type");
    assertFinding(findings, "ISO-SEL-001", Level.ERROR, VALUE);
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void requiresTheApparmorProfile(Compat compat) {
    assertFinding(app("os/linux/apparmor-profile", "{}", compat), "ISO-AA-001", Level.ERROR, VALUE);
    assertFinding(
        app("os/linux/apparmor-profile", "\"rkt-default\"", compat),
        "ISO-AA-001",
        Level.ERROR,
        VALUE);
  }

  @Test
  void sysctlKeysFollowTheSysctlGrammarInSpecMode() {
    String value = "{\"net..x\": \"1\", \"../etc\": \"1\", \"net.ipv4.ip_forward\": \"1\"}";
    List<Finding> spec = validate(pod(isolator("os/unix/sysctl", value), ""), Compat.SPEC);
    assertFinding(spec, "ISO-SYSCTL-002", Level.ERROR, "/isolators/0/value/net..x");
    assertFinding(spec, "ISO-SYSCTL-002", Level.ERROR, "/isolators/0/value/..~1etc");
    assertEquals(
        2, spec.stream().filter(f -> f.level() == Level.ERROR).count(), Manifests.render(spec));
    List<Finding> actool = validate(pod(isolator("os/unix/sysctl", value), ""), Compat.ACTOOL);
    assertNoErrors(actool);
    assertFinding(actool, "ISO-SYSCTL-002", Level.NOTE, "/isolators/0/value/net..x");
  }

  @Test
  void sysctlNotesHostWideParametersAndRepeats() {
    String value =
        "{\"vm.swappiness\": \"10\", \"net.core.somaxconn\": \"1\", \"net/core/somaxconn\": \"2\"}";
    List<Finding> findings = validate(pod(isolator("os/unix/sysctl", value), ""), Compat.SPEC);
    assertNoErrors(findings);
    assertFinding(findings, "ISO-SYSCTL-005", Level.NOTE, "/isolators/0/value/vm.swappiness");
    assertFinding(findings, "LINT-ISO-002", Level.NOTE, "/isolators/0/value/net~1core~1somaxconn");
  }

  /** Go decodes null into a string as a no-op. */
  @Test
  void nullSysctlValuesFailOnlyInSpecMode() {
    String json = pod(isolator("os/unix/sysctl", "{\"net.ipv4.ip_forward\": null}"), "");
    assertNoErrors(validate(json, Compat.ACTOOL));
    assertFinding(
        validate(json, Compat.SPEC),
        "ISO-SYSCTL-002",
        Level.ERROR,
        "/isolators/0/value/net.ipv4.ip_forward");
  }

  @Test
  void codeOnlyIsolatorValuesAreNotesInSpecModeAndErrorsInActoolMode() {
    List<Finding> spec = app("os/linux/cpu-shares", "1", Compat.SPEC);
    assertNoErrors(spec);
    assertFinding(spec, "ISO-X-002", Level.NOTE, VALUE);
    assertFinding(app("os/linux/cpu-shares", "1", Compat.ACTOOL), "ISO-X-002", Level.ERROR, VALUE);
  }

  @Test
  void requestAboveLimitIsAWarningInSpecModeAndANoteInActoolMode() {
    String value = "{\"request\": \"2G\", \"limit\": \"1G\"}";
    List<Finding> spec = app("resource/memory", value, Compat.SPEC);
    assertNoErrors(spec);
    assertFinding(spec, "ISO-RES-001", Level.WARNING, VALUE + "/request");
    assertFinding(
        app("resource/memory", value, Compat.ACTOOL),
        "ISO-RES-001",
        Level.NOTE,
        VALUE + "/request");
  }

  @Test
  void anUnknownCapabilityOfTheRightFormIsAWarningWithASuggestion() {
    List<Finding> spec =
        app("os/linux/capabilities-retain-set", "{\"set\": [\"CAP_SYSADMIN\"]}", Compat.SPEC);
    assertNoErrors(spec);
    Finding f = assertFinding(spec, "ISO-CAPRT-002", Level.WARNING, VALUE + "/set/0");
    assertTrue(f.hint().contains("CAP_SYS_ADMIN"), f.hint());
    assertFinding(
        app("os/linux/capabilities-remove-set", "{\"set\": [\"cap_kill\"]}", Compat.SPEC),
        "ISO-CAPRM-002",
        Level.ERROR,
        VALUE + "/set/0");
  }

  @Test
  void codeOnlyIsolatorsGetANoteInSpecMode() {
    List<Finding> spec = app("os/linux/oom-score-adj", "0", Compat.SPEC);
    assertNoErrors(spec);
    assertFinding(spec, "ISO-X-001", Level.NOTE, "/app/isolators/0/name");
    assertNothing(app("os/linux/oom-score-adj", "0", Compat.ACTOOL));
  }

  @Test
  void messagesFollowTheNeedGotPattern() {
    List<Finding> findings =
        validate(
            image(
                String.join(
                    ", ",
                    isolator("resource/cpu", "{\"limit\": \"1K\"}"),
                    isolator("os/linux/cpu-shares", "1"),
                    isolator("os/linux/no-new-privileges", "\"true\""))),
            Compat.ACTOOL);
    List<Finding> errors = findings.stream().filter(f -> f.level() == Level.ERROR).toList();
    assertEquals(3, errors.size(), Manifests.render(findings));
    for (Finding f : errors) {
      assertTrue(f.message().startsWith("need ") && f.message().contains(", got "), f.message());
      assertTrue(f.line() > 0, "position resolved for " + f.pointer());
      assertTrue(!f.hint().isEmpty(), f.message());
    }
  }
}
