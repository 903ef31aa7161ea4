package io.appc.validator.rules.isolator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The isolators this validator understands, with where the spec allows them and how often. The
 * first fourteen come from ace.md; the last two exist only in the Go reference code (CHANGELOG
 * v0.8.8, validation-rules.md §6.2). Requirement IDs name the catalog rows a finding cites.
 */
enum IsolatorType {
  CPU("resource/cpu", Scope.APP_AND_POD, true, "ISO-CPU-001", null, null, null),
  MEMORY("resource/memory", Scope.APP_AND_POD, true, "ISO-MEM-001", null, null, null),
  BLOCK_BANDWIDTH(
      "resource/block-bandwidth", Scope.APP_AND_POD, true, "ISO-BLKBW-001", null, null, null),
  BLOCK_IOPS("resource/block-iops", Scope.APP_AND_POD, true, "ISO-BLKIOPS-001", null, null, null),
  NETWORK_BANDWIDTH(
      "resource/network-bandwidth", Scope.APP_AND_POD, true, "ISO-NETBW-001", null, null, null),
  CAPABILITIES_RETAIN(
      "os/linux/capabilities-retain-set",
      Scope.APP,
      true,
      "ISO-CAPRT-002",
      "ISO-CAPRT-001",
      null,
      null),
  CAPABILITIES_REMOVE(
      "os/linux/capabilities-remove-set",
      Scope.APP,
      true,
      "ISO-CAPRM-002",
      "ISO-CAPRM-001",
      null,
      null),
  NO_NEW_PRIVILEGES(
      "os/linux/no-new-privileges", Scope.APP, true, "ISO-NNP-001", "ISO-NNP-001", null, null),
  SECCOMP_REMOVE(
      "os/linux/seccomp-remove-set",
      Scope.APP,
      false,
      "ISO-SECRM-002",
      "ISO-SECRM-001",
      "ISO-SECRM-012",
      null),
  SECCOMP_RETAIN(
      "os/linux/seccomp-retain-set",
      Scope.APP,
      false,
      "ISO-SECRT-002",
      "ISO-SECRT-001",
      "ISO-SECRT-011",
      null),
  SELINUX(
      "os/linux/selinux-context",
      Scope.APP_AND_POD,
      false,
      "ISO-SEL-001",
      null,
      "ISO-SEL-003",
      "ISO-SEL-002"),
  APPARMOR(
      "os/linux/apparmor-profile",
      Scope.APP_AND_POD,
      false,
      "ISO-AA-001",
      null,
      "ISO-AA-003",
      "ISO-AA-002"),
  SYSCTL(
      "os/unix/sysctl",
      Scope.POD,
      false,
      "ISO-SYSCTL-002",
      "ISO-SYSCTL-001",
      "ISO-SYSCTL-003",
      "ISO-SYSCTL-003"),
  OOM_SCORE_ADJ(
      "os/linux/oom-score-adj", Scope.CODE_ONLY, false, "ISO-X-001", null, "ISO-X-001", null),
  CPU_SHARES("os/linux/cpu-shares", Scope.CODE_ONLY, false, "ISO-X-002", null, "ISO-X-002", null);

  /** Where the spec allows an isolator. */
  enum Scope {
    APP,
    POD,
    APP_AND_POD,
    /** Not in the spec text at all; the Go reference accepts it anywhere. */
    CODE_ONLY
  }

  private static final Map<String, IsolatorType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(t -> t.isolatorName, Function.identity()));

  final String isolatorName;
  final Scope scope;

  /** Whether the Go reference accepts several instances in one app's list. */
  final boolean goMultipleAllowed;

  /** The row describing the value's shape; type errors cite it. */
  final String shapeId;

  /** The row restricting the scope, or {@code null} when the isolator fits apps and pods. */
  final String scopeId;

  /** The row allowing one instance per app, or {@code null} when several are fine. */
  final String oncePerAppId;

  /** The row allowing one instance per pod, or {@code null}. */
  final String oncePerPodId;

  IsolatorType(
      String isolatorName,
      Scope scope,
      boolean goMultipleAllowed,
      String shapeId,
      String scopeId,
      String oncePerAppId,
      String oncePerPodId) {
    this.isolatorName = isolatorName;
    this.scope = scope;
    this.goMultipleAllowed = goMultipleAllowed;
    this.shapeId = shapeId;
    this.scopeId = scopeId;
    this.oncePerAppId = oncePerAppId;
    this.oncePerPodId = oncePerPodId;
  }

  static IsolatorType byName(String name) {
    return BY_NAME.get(name);
  }

  static List<String> names() {
    return Arrays.stream(values()).map(t -> t.isolatorName).toList();
  }

  boolean allowedOnApps() {
    return scope != Scope.POD;
  }

  boolean allowedOnPods() {
    return scope != Scope.APP;
  }

  boolean resource() {
    return isolatorName.startsWith("resource/");
  }
}
