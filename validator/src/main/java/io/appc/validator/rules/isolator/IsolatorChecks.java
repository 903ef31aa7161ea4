package io.appc.validator.rules.isolator;

import io.appc.validator.Compat;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.rules.RuleContext;
import io.appc.validator.rules.isolator.Members.Member;
import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.NameSuggestions;
import io.appc.validator.types.QuantityFormatException;
import io.appc.validator.types.ResourceQuantity;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks every isolator list of a manifest: the image's {@code /app/isolators}, each pod app's
 * {@code /apps/N/app/isolators} and the pod's own {@code /isolators}. For each entry it checks the
 * name, the value's shape and grammar; for each list the scope, multiplicity and conflicts; and
 * across a pod, that app limits stay within the pod's.
 *
 * <p>SPEC mode follows ace.md: unknown isolators only get a note (ISO-GEN-003, executors MAY ignore
 * them), scope and multiplicity are errors wherever the spec states them. ACTOOL mode raises errors
 * where the Go reference rejects (validation-rules.md §6): unknown names and the list rules inside
 * apps only, value rules everywhere; the spec's other demands become notes.
 */
public final class IsolatorChecks {

  private final RuleContext context;
  private final Reporter reporter;
  private final ResourceValues resources;
  private final CapabilityValues capabilities;
  private final SeccompValues seccomp;
  private final LinuxValues linux;
  private final SysctlValues sysctl;

  private IsolatorChecks(RuleContext context) {
    this.context = context;
    this.reporter = new Reporter(context);
    this.resources = new ResourceValues(reporter);
    this.capabilities = new CapabilityValues(reporter);
    this.seccomp = new SeccompValues(reporter);
    this.linux = new LinuxValues(reporter);
    this.sysctl = new SysctlValues(reporter);
  }

  /** Runs every isolator check on the manifest of {@code context}. */
  public static void run(RuleContext context) {
    new IsolatorChecks(context).run();
  }

  private void run() {
    JsonNode root = context.root();
    if (context.kind() == ManifestKind.IMAGE) {
      Member app = member(root, "app", "");
      if (app != null && app.node().isObject()) {
        checkList(member(app.node(), "isolators", app.pointer()), false);
      }
      return;
    }
    Member podList = member(root, "isolators", "");
    Map<IsolatorType, Limit> podLimits = checkList(podList, true);
    Member apps = member(root, "apps", "");
    if (apps == null || !apps.node().isArray()) {
      return;
    }
    for (int i = 0; i < apps.node().size(); i++) {
      JsonNode entry = apps.node().get(i);
      Member app = member(entry, "app", JsonPointers.child(apps.pointer(), i));
      if (app != null && app.node().isObject()) {
        Map<IsolatorType, Limit> appLimits =
            checkList(member(app.node(), "isolators", app.pointer()), false);
        checkBounds(appLimits, podLimits);
      }
    }
  }

  /** A resource limit in a list, for comparing apps with their pod. */
  private record Limit(ResourceQuantity quantity, String pointer) {}

  /** Checks one list; returns the last valid cpu and memory limits it sets. */
  private Map<IsolatorType, Limit> checkList(Member list, boolean podLevel) {
    Map<IsolatorType, Limit> limits = new EnumMap<>(IsolatorType.class);
    if (list == null || !list.node().isArray()) {
      return limits;
    }
    Map<IsolatorType, String> seen = new EnumMap<>(IsolatorType.class);
    for (int i = 0; i < list.node().size(); i++) {
      JsonNode entry = list.node().get(i);
      String pointer = JsonPointers.child(list.pointer(), i);
      if (!entry.isObject()) {
        continue;
      }
      Member name = member(entry, "name", pointer);
      if (name == null || !name.node().isString()) {
        continue;
      }
      String text = name.node().asString();
      if (!isAcIdentifier(text)) {
        reporter.error(
            "TYPE-ISO-002",
            name.pointer(),
            "need an AC Identifier as isolator name (lower-case a-z, 0-9 and -._~/, starting"
                + " and ending with a letter or digit), got \""
                + Members.shorten(text)
                + "\"",
            "well-known names look like resource/memory or os/linux/seccomp-remove-set");
        continue;
      }
      IsolatorType type = IsolatorType.byName(text);
      if (type == null) {
        unknown(name, text, podLevel);
        continue;
      }
      checkPlacement(type, pointer, name, podLevel, seen);
      Member value = member(entry, "value", pointer);
      if (value == null) {
        continue; // the schema reports the missing member
      }
      if (value.node().isNull()) {
        reporter.error(
            "TYPE-ISO-001",
            value.pointer(),
            "need a value for " + text + ", got null",
            "give the isolator its value; the Go reference crashes on a null value");
        continue;
      }
      checkValue(new Site(type, value.node(), value.pointer(), podLevel));
      if (type == IsolatorType.CPU || type == IsolatorType.MEMORY) {
        Limit limit = limitOf(value.node(), value.pointer());
        if (limit != null) {
          limits.put(type, limit);
        }
      }
    }
    return limits;
  }

  private void unknown(Member name, String text, boolean podLevel) {
    String suggestion =
        NameSuggestions.closest(text, IsolatorType.names())
            .map(s -> "did you mean \"" + s + "\"? ")
            .orElse("");
    if (reporter.actool() && !podLevel) {
      reporter.error(
          "ISO-GEN-003",
          name.pointer(),
          "need a known isolator name inside an app, got \""
              + Members.shorten(text)
              + "\"; actool rejects unknown isolators in apps",
          suggestion + "remove it, or move it to the pod's isolators");
      return;
    }
    reporter.note(
        "ISO-GEN-003",
        name.pointer(),
        "unknown isolator \""
            + Members.shorten(text)
            + "\": executors may ignore it and must"
            + " tell the user",
        suggestion.isEmpty() ? "check the spelling against ace.md §Isolators" : suggestion.strip());
  }

  /** Scope, multiplicity and conflicts of one isolator within its list. */
  private void checkPlacement(
      IsolatorType type,
      String pointer,
      Member name,
      boolean podLevel,
      Map<IsolatorType, String> seen) {
    if (type.scope == IsolatorType.Scope.CODE_ONLY && !reporter.actool()) {
      reporter.note(
          type.shapeId,
          name.pointer(),
          type.isolatorName
              + " is not defined by the spec text; only the Go reference"
              + " (CHANGELOG v0.8.8) knows it, so other executors may ignore it",
          "keep it only for executors known to support it; a portable manifest leaves it out");
    }
    boolean inScope = podLevel ? type.allowedOnPods() : type.allowedOnApps();
    if (!inScope) {
      reporter.specError(
          type.scopeId,
          name.pointer(),
          "need "
              + type.isolatorName
              + " "
              + (podLevel ? "in an app's isolators" : "in the pod's isolators")
              + ", got it in "
              + (podLevel ? "the pod's isolators" : "an app's isolators")
              + (reporter.actool() ? " (actool does not check the scope)" : ""),
          podLevel
              ? "move it into the isolators of each app it should apply to"
              : "move it to the pod manifest's top-level isolators");
    }
    if (seen.containsKey(type)) {
      checkRepeat(type, name, podLevel, inScope, seen.get(type));
    }
    if (!podLevel) {
      checkConflicts(type, name, seen);
    }
    seen.putIfAbsent(type, pointer);
  }

  private void checkRepeat(
      IsolatorType type, Member name, boolean podLevel, boolean inScope, String first) {
    String onceId = podLevel ? type.oncePerPodId : type.oncePerAppId;
    String where = podLevel ? "the pod" : "an app";
    String message =
        "need at most one " + type.isolatorName + " in " + where + ", got another at " + first;
    String hint = "merge the two into one isolator";
    if (reporter.actool()) {
      if (!podLevel && !type.goMultipleAllowed) {
        reporter.error(type.oncePerAppId, name.pointer(), message, hint);
      } else if (onceId != null) {
        reporter.note(onceId, name.pointer(), message + " (actool does not check it here)", hint);
      } else {
        noteRepeatable(type, name, where);
      }
      return;
    }
    if (!inScope) {
      return; // the scope finding already covers every instance
    }
    if (type.scope == IsolatorType.Scope.CODE_ONLY && onceId != null) {
      // Not in the spec text: "at most one" is the Go reference's rule for its own extension.
      reporter.note(onceId, name.pointer(), message + " (the Go reference allows one)", hint);
    } else if (onceId != null) {
      reporter.error(onceId, name.pointer(), message, hint);
    } else {
      noteRepeatable(type, name, where);
    }
  }

  private void noteRepeatable(IsolatorType type, Member name, String where) {
    reporter.note(
        "LINT-ISO-001",
        name.pointer(),
        "another "
            + type.isolatorName
            + " in "
            + where
            + "; the spec does not say how several"
            + " combine, and executors differ",
        "merge them into one isolator");
  }

  private void checkConflicts(IsolatorType type, Member name, Map<IsolatorType, String> seen) {
    if (type == IsolatorType.SECCOMP_REMOVE && seen.containsKey(IsolatorType.SECCOMP_RETAIN)
        || type == IsolatorType.SECCOMP_RETAIN && seen.containsKey(IsolatorType.SECCOMP_REMOVE)) {
      IsolatorType other =
          type == IsolatorType.SECCOMP_REMOVE
              ? IsolatorType.SECCOMP_RETAIN
              : IsolatorType.SECCOMP_REMOVE;
      reporter.error(
          type == IsolatorType.SECCOMP_REMOVE ? "ISO-SECRM-013" : "ISO-SECRT-011",
          name.pointer(),
          "need either seccomp-remove-set or seccomp-retain-set in an app, got both ("
              + other.isolatorName
              + " at "
              + seen.get(other)
              + ")",
          "keep one: a remove set blocks the listed syscalls, a retain set allows only them");
    }
    if (type == IsolatorType.CAPABILITIES_REMOVE
            && seen.containsKey(IsolatorType.CAPABILITIES_RETAIN)
        || type == IsolatorType.CAPABILITIES_RETAIN
            && seen.containsKey(IsolatorType.CAPABILITIES_REMOVE)) {
      IsolatorType other =
          type == IsolatorType.CAPABILITIES_REMOVE
              ? IsolatorType.CAPABILITIES_RETAIN
              : IsolatorType.CAPABILITIES_REMOVE;
      reporter.specError(
          "ISO-CAPRT-003",
          name.pointer(),
          "need either capabilities-retain-set or capabilities-remove-set in an app, got both ("
              + other.isolatorName
              + " at "
              + seen.get(other)
              + ")"
              + (reporter.actool() ? "; actool accepts the combination" : ""),
          "keep one: a retain set lists every capability to keep");
    }
  }

  private void checkValue(Site site) {
    switch (site.type()) {
      case CPU, MEMORY, BLOCK_BANDWIDTH, BLOCK_IOPS, NETWORK_BANDWIDTH -> resources.check(site);
      case CAPABILITIES_RETAIN, CAPABILITIES_REMOVE -> capabilities.check(site);
      case SECCOMP_REMOVE, SECCOMP_RETAIN -> seccomp.check(site);
      case NO_NEW_PRIVILEGES -> linux.noNewPrivileges(site);
      case SELINUX -> linux.selinux(site);
      case APPARMOR -> linux.apparmor(site);
      case SYSCTL -> sysctl.check(site);
      case OOM_SCORE_ADJ -> linux.integerInRange(site, -1000, 1000);
      case CPU_SHARES -> linux.integerInRange(site, 2, 262144);
    }
  }

  /**
   * An app's cpu or memory limit above its pod's limit cannot take effect: pod isolators bound the
   * app isolators (ISO-GEN-002).
   */
  private void checkBounds(Map<IsolatorType, Limit> app, Map<IsolatorType, Limit> pod) {
    for (Map.Entry<IsolatorType, Limit> e : app.entrySet()) {
      Limit podLimit = pod.get(e.getKey());
      Limit appLimit = e.getValue();
      if (podLimit != null && appLimit.quantity().compareTo(podLimit.quantity()) > 0) {
        reporter.note(
            "ISO-GEN-002",
            appLimit.pointer(),
            e.getKey().isolatorName
                + " limit "
                + appLimit.quantity()
                + " of the app exceeds the"
                + " pod's limit "
                + podLimit.quantity()
                + " at "
                + podLimit.pointer()
                + "; the pod's limit bounds the app",
            "lower the app's limit to at most the pod's");
      }
    }
  }

  /** The limit of a cpu or memory value, read quietly (the value checks report problems). */
  private Limit limitOf(JsonNode value, String pointer) {
    Member limit = member(value, "limit", pointer);
    if (limit == null) {
      return null;
    }
    try {
      if (limit.node().isString()) {
        return new Limit(
            ResourceQuantity.fromJsonString(limit.node().asString(), context.compat()),
            limit.pointer());
      }
      if (limit.node().isNumber()) {
        return new Limit(
            ResourceQuantity.fromJsonNumber(limit.node().decimalValue(), context.compat()),
            limit.pointer());
      }
    } catch (QuantityFormatException e) {
      return null;
    }
    return null;
  }

  private Member member(JsonNode object, String name, String pointer) {
    return Members.get(object, name, pointer, reporter.actool());
  }

  /**
   * The isolator name grammar (TYPE-ISO-002). Kept in this one method so that it can switch to the
   * shared AC Identifier type once that exists.
   */
  private boolean isAcIdentifier(String name) {
    return AcIdentifier.isValid(name, reporter.actool() ? Compat.ACTOOL : Compat.SPEC);
  }
}
