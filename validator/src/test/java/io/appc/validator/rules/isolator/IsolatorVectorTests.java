package io.appc.validator.rules.isolator;

import static io.appc.validator.rules.isolator.Manifests.assertFinding;
import static io.appc.validator.rules.isolator.Manifests.assertNoErrors;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The single-isolator vectors of validation-rules.md §16.14–16.17 and the value rows of §16.31,
 * each in both modes. ACTOOL must reject exactly what Go rejects; SPEC follows ace.md, which
 * differs where the comments say. Pod-scoped isolators sit in the pod's list, the others in an
 * image's app, so that no scope finding mixes in.
 *
 * <p>Expectations: {@code "ok"} means no error; otherwise {@code "ID@/suffix"} names the error and
 * its pointer below the isolator.
 */
class IsolatorVectorTests {
  private static final String OK = "ok";

  static Stream<Arguments> vectors() {
    return Stream.of(
        // §16.14 TestIsolatorUnmarshal
        row("os/linux/cpu-shares", "2048", OK, OK),
        // cpu-shares and oom-score-adj are not in the spec text: spec mode only notes bad values
        row("os/linux/cpu-shares", "1", "ISO-X-002@/value", OK),
        row("os/linux/cpu-shares", "\"pants\"", "ISO-X-002@/value", OK),
        row("os/linux/cpu-shares", "\"262145\"", "ISO-X-002@/value", OK),
        row("os/linux/cpu-shares", "\"-1\"", "ISO-X-002@/value", OK),
        row("os/linux/oom-score-adj", "250", OK, OK),
        row("os/linux/oom-score-adj", "-250", OK, OK),
        row("os/linux/oom-score-adj", "-2500", "ISO-X-001@/value", OK),
        row("os/linux/oom-score-adj", "\"pants\"", "ISO-X-001@/value", OK),
        row("os/linux/no-new-privileges", "true", OK, OK),
        row("os/linux/no-new-privileges", "false", OK, OK),
        row("os/linux/no-new-privileges", "123", "ISO-NNP-001@/value", "ISO-NNP-001@/value"),
        row(
            "os/linux/no-new-privileges",
            "{\"set\": [\"CAP_KILL\"]}",
            "ISO-NNP-001@/value",
            "ISO-NNP-001@/value"),
        row("os/linux/no-new-privileges", "\"foo\"", "ISO-NNP-001@/value", "ISO-NNP-001@/value"),
        row("os/linux/capabilities-retain-set", "{\"set\": [\"CAP_KILL\"]}", OK, OK),
        // names are unchecked in Go; a well-formed unknown name is a warning in spec mode
        row("os/linux/capabilities-retain-set", "{\"set\": [\"CAP_PONIES\"]}", OK, OK),
        // Go rejects an empty set; per the spec an empty retain set drops every capability
        row("os/linux/capabilities-retain-set", "{\"set\": []}", "ISO-CAPRT-002@/value/set", OK),
        row(
            "os/linux/capabilities-retain-set",
            "{\"set\": \"CAP_PONIES\"}",
            "ISO-CAPRT-002@/value/set",
            "ISO-CAPRT-002@/value/set"),
        row("resource/block-bandwidth", "{\"default\": true, \"limit\": \"1G\"}", OK, OK),
        row(
            "resource/block-bandwidth",
            "{\"default\": false, \"limit\": \"1G\"}",
            "ISO-BLKBW-001@/value/default",
            "ISO-BLKBW-001@/value/default"),
        row(
            "resource/block-bandwidth",
            "{\"request\": \"30G\", \"limit\": \"1G\"}",
            "ISO-BLKBW-001@/value/request",
            "ISO-BLKBW-001@/value"),
        row("resource/block-iops", "{\"default\": true, \"limit\": \"1G\"}", OK, OK),
        row(
            "resource/block-iops",
            "{\"default\": false, \"limit\": \"1G\"}",
            "ISO-BLKIOPS-001@/value/default",
            "ISO-BLKIOPS-001@/value/default"),
        row(
            "resource/block-iops",
            "{\"request\": \"30G\", \"limit\": \"1G\"}",
            "ISO-BLKIOPS-001@/value",
            "ISO-BLKIOPS-001@/value"),
        // request > limit is contradictory but not forbidden: a warning in spec mode
        row("resource/cpu", "{\"request\": \"30m\", \"limit\": \"1m\"}", OK, OK),
        row("resource/memory", "{\"request\": \"1G\", \"limit\": \"2Gi\"}", OK, OK),
        // the spec gives cpu and memory no "default"; Go rejects true
        row(
            "resource/memory",
            "{\"default\": true, \"request\": \"1G\", \"limit\": \"2G\"}",
            "ISO-MEM-001@/value/default",
            OK),
        row("resource/network-bandwidth", "{\"default\": true, \"limit\": \"1G\"}", OK, OK),
        row(
            "resource/network-bandwidth",
            "{\"default\": false, \"limit\": \"1G\"}",
            "ISO-NETBW-001@/value/default",
            "ISO-NETBW-001@/value/default"),
        row(
            "resource/network-bandwidth",
            "{\"request\": \"30G\", \"limit\": \"1G\"}",
            "ISO-NETBW-001@/value/request",
            "ISO-NETBW-001@/value"),
        row("os/unix/sysctl", "{\"net.ipv4.tcp_rfc1337\": \"1\"}", OK, OK),
        row(
            "os/unix/sysctl",
            "{\"net.ipv4.tcp_rfc1337\": 1}",
            "ISO-SYSCTL-002@/value/net.ipv4.tcp_rfc1337",
            "ISO-SYSCTL-002@/value/net.ipv4.tcp_rfc1337"),
        row("os/linux/selinux-context", selinux("user_u", "role_r", "type_r", "s0-s0"), OK, OK),
        row("os/linux/selinux-context", selinux("user_u", "role_r", "type_r", "s0-s0:c0"), OK, OK),
        row(
            "os/linux/selinux-context",
            selinux("user_u", "role_r:type_t", "type_r", "s0-s0"),
            "ISO-SEL-001@/value/role",
            "ISO-SEL-001@/value/role"),
        row(
            "os/linux/selinux-context",
            selinux("user_u", "", "type_r", "s0-s0"),
            "ISO-SEL-001@/value/role",
            "ISO-SEL-001@/value/role"),
        row("os/linux/apparmor-profile", "{\"profile\": \"rkt-default\"}", OK, OK),
        row(
            "os/linux/apparmor-profile",
            "{\"profile\": \"\"}",
            "ISO-AA-001@/value/profile",
            "ISO-AA-001@/value/profile"),
        // §16.15 constructors
        row("os/linux/capabilities-retain-set", "{\"set\": [\"CAP_ADMIN\"]}", OK, OK),
        row(
            "os/linux/capabilities-retain-set",
            "{\"set\": [\"CAP_AUDIT_READ\", \"CAP_KILL\"]}",
            OK,
            OK),
        row("os/linux/capabilities-remove-set", "{\"set\": []}", "ISO-CAPRM-002@/value/set", OK),
        row("os/linux/capabilities-remove-set", "{\"set\": [\"CAP_AUDIT_WRITE\"]}", OK, OK),
        row(
            "os/linux/capabilities-remove-set",
            "{\"set\": [\"CAP_SYS_ADMIN\", \"CAP_CHOWN\"]}",
            OK,
            OK),
        row(
            "os/linux/selinux-context",
            selinux("unconfined_u", "object_r", "user_home_t", "s0"),
            OK,
            OK),
        row(
            "os/linux/selinux-context",
            selinux("unconfined_u", "object_r", "user_home_t", "s0-s0:c0"),
            OK,
            OK),
        row(
            "os/linux/selinux-context",
            selinux("", "object_r", "user_home_t", "s0"),
            "ISO-SEL-001@/value/user",
            "ISO-SEL-001@/value/user"),
        row(
            "os/linux/selinux-context",
            selinux("unconfined_u:unconfined_t", "object_r", "user_home_t", "s0"),
            "ISO-SEL-001@/value/user",
            "ISO-SEL-001@/value/user"),
        row(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"chmod\", \"chown\"], \"errno\": \"-EPERM\"}",
            "ISO-SECRM-008@/value/errno",
            "ISO-SECRM-008@/value/errno"),
        // EACCESS is a misspelt EACCES, but of the errno form: a warning in spec mode
        row(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"@appc.io/empty\"], \"errno\": \"EACCESS\"}",
            OK,
            OK),
        row(
            "os/linux/seccomp-remove-set",
            "{\"set\": [\"chmod\", \"chown\"], \"errno\": \"\"}",
            OK,
            OK),
        row(
            "os/linux/seccomp-remove-set",
            "{\"set\": [], \"errno\": \"\"}",
            "ISO-SECRM-004@/value/set",
            "ISO-SECRM-004@/value/set"),
        row(
            "os/linux/seccomp-retain-set",
            "{\"set\": [], \"errno\": \"eaccess\"}",
            "ISO-SECRT-003@/value/set",
            "ISO-SECRT-003@/value/set"),
        row(
            "os/linux/seccomp-retain-set",
            "{\"set\": [], \"errno\": \"eaccess\"}",
            "ISO-SECRT-007@/value/errno",
            "ISO-SECRT-007@/value/errno"),
        row(
            "os/linux/seccomp-retain-set",
            "{\"set\": [\"chmod\"], \"errno\": \"EACCESS\"}",
            OK,
            OK),
        row(
            "os/linux/seccomp-retain-set",
            "{\"set\": [\"chmod\", \"chown\"], \"errno\": \"\"}",
            OK,
            OK),
        row(
            "os/linux/seccomp-retain-set",
            "{\"set\": [], \"errno\": \"\"}",
            "ISO-SECRT-003@/value/set",
            "ISO-SECRT-003@/value/set"),
        // §16.16 resource constructors
        row("resource/memory", "{\"request\": \"100M\", \"limit\": \"200M\"}", OK, OK),
        row(
            "resource/cpu",
            "{\"request\": \"\", \"limit\": \"2\"}",
            "ISO-RES-004@/value/request",
            "ISO-RES-004@/value/request"),
        row(
            "resource/cpu",
            "{\"request\": \"1\", \"limit\": \"such garbage\"}",
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        row("resource/cpu", "{\"request\": \"1\", \"limit\": \"2\"}", OK, OK),
        row("resource/cpu", "{\"request\": \"345\", \"limit\": \"6\"}", OK, OK),
        // §16.17 sysctl: keys are not checked by Go, and "foo" is a well-formed key
        row("os/unix/sysctl", "{}", OK, OK),
        row("os/unix/sysctl", "{\"foo\": \"bar\"}", OK, OK),
        // §16.31 errno and set probes
        row("os/linux/seccomp-remove-set", errno("E"), OK, "ISO-SECRM-008@/value/errno"),
        row("os/linux/seccomp-remove-set", errno("EÄ"), OK, "ISO-SECRM-008@/value/errno"),
        row("os/linux/seccomp-remove-set", errno("E2BIG"), OK, OK),
        row(
            "os/linux/seccomp-remove-set",
            errno("E_FOO"),
            "ISO-SECRM-008@/value/errno",
            "ISO-SECRM-008@/value/errno"),
        row(
            "os/linux/seccomp-remove-set",
            errno("2E"),
            "ISO-SECRM-008@/value/errno",
            "ISO-SECRM-008@/value/errno"),
        row("os/linux/seccomp-remove-set", "{\"set\": [\"\"]}", OK, "ISO-SECRM-002@/value/set/0"),
        row(
            "os/linux/seccomp-remove-set",
            "{\"errno\": \"EPERM\"}",
            "ISO-SECRM-004@/value",
            "ISO-SECRM-004@/value"),
        row(
            "os/linux/seccomp-remove-set",
            "{\"set\": null}",
            "ISO-SECRM-004@/value/set",
            "ISO-SECRM-004@/value/set"),
        // §16.31 quantity probes
        row("resource/memory", limit("\"1K\""), "ISO-RES-004@/value/limit", OK),
        row("resource/memory", limit("\"1k\""), OK, "ISO-RES-004@/value/limit"),
        row("resource/memory", limit("\"-1\""), OK, "ISO-RES-004@/value/limit"),
        row("resource/memory", limit("\"+\""), OK, "ISO-RES-004@/value/limit"),
        row("resource/memory", limit("\"m\""), OK, "ISO-RES-004@/value/limit"),
        row(
            "resource/memory",
            limit("\"1e\""),
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        row(
            "resource/memory",
            limit("\"1.5e3m\""),
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        row(
            "resource/memory",
            limit("\"0x10\""),
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        row("resource/memory", limit("\"1e-10\""), OK, "ISO-RES-004@/value/limit"),
        row("resource/memory", limit("100"), OK, OK),
        row("resource/memory", limit("\" 1G \""), OK, "ISO-RES-004@/value/limit"),
        row(
            "resource/memory",
            limit("\"xx\""),
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        row(
            "resource/memory",
            limit("true"),
            "ISO-RES-004@/value/limit",
            "ISO-RES-004@/value/limit"),
        // Go decodes these into an int: 2048.0 and exponents fail
        row("os/linux/cpu-shares", "2048.0", "ISO-X-002@/value", OK),
        row("os/linux/oom-score-adj", "1e2", "ISO-X-001@/value", OK));
  }

  private static Arguments row(String name, String value, String actool, String spec) {
    return Arguments.of(name, value, actool, spec);
  }

  private static String selinux(String user, String role, String type, String level) {
    return "{\"user\": \""
        + user
        + "\", \"role\": \""
        + role
        + "\", \"type\": \""
        + type
        + "\", \"level\": \""
        + level
        + "\"}";
  }

  private static String errno(String name) {
    return "{\"set\": [\"reboot\"], \"errno\": \"" + name + "\"}";
  }

  private static String limit(String quantity) {
    return "{\"limit\": " + quantity + "}";
  }

  @ParameterizedTest(name = "[{index}] actool {0} {1} -> {2}")
  @MethodSource("vectors")
  void actoolRejectsExactlyWhatGoRejects(String name, String value, String actool, String spec) {
    check(name, value, actool, Compat.ACTOOL);
  }

  @ParameterizedTest(name = "[{index}] spec {0} {1} -> {3}")
  @MethodSource("vectors")
  void specFollowsTheSpecText(String name, String value, String actool, String spec) {
    check(name, value, spec, Compat.SPEC);
  }

  private static void check(String name, String value, String expected, Compat compat) {
    boolean podScoped = name.equals("os/unix/sysctl");
    String isolator = Manifests.isolator(name, value);
    String json = podScoped ? Manifests.pod(isolator, "") : Manifests.image(isolator);
    String base = podScoped ? "/isolators/0" : "/app/isolators/0";
    List<Finding> findings = Manifests.validate(json, compat);
    if (expected.equals(OK)) {
      assertNoErrors(findings);
    } else {
      String[] parts = expected.split("@", 2);
      assertFinding(findings, parts[0], Level.ERROR, base + parts[1]);
    }
  }

  /** §16.14: a sysctl value that is not even JSON fails as JSON. */
  @Test
  void malformedSysctlValueFailsAsJson() {
    String json = Manifests.pod("{\"name\": \"os/unix/sysctl\", \"value\": {[\"x\"]}}", "");
    for (Compat compat : Compat.values()) {
      List<Finding> findings = Manifests.validate(json, compat);
      assertFinding(findings, "IM-001", Level.ERROR, "");
    }
  }
}
