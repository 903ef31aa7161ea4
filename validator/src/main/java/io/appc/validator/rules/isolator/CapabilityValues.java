package io.appc.validator.rules.isolator;

import io.appc.validator.finding.Level;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.isolator.Members.Member;
import io.appc.validator.types.Capability;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Values of {@code os/linux/capabilities-retain-set} and {@code -remove-set}: {@code {"set":
 * [...]}}.
 */
final class CapabilityValues {
  private final Reporter reporter;

  CapabilityValues(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(Site site) {
    JsonNode value = site.value();
    String id = site.type().shapeId;
    boolean retain = site.type() == IsolatorType.CAPABILITIES_RETAIN;
    if (!value.isObject()) {
      reporter.error(
          id,
          site.pointer(),
          "need an object {\"set\": [\"CAP_...\"]} for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "list the capabilities under \"set\"");
      return;
    }
    Members.noteUnknown(reporter, value, site.pointer(), site.name(), List.of("set"));
    Member set = Members.get(value, "set", site.pointer(), reporter.actool());
    if (set == null || set.node().isNull()) {
      reporter.error(
          id,
          set == null ? site.pointer() : set.pointer(),
          "need a \"set\" of capability names for "
              + site.name()
              + ", got "
              + (set == null ? "none" : "null"),
          "e.g. \"set\": [\"CAP_NET_BIND_SERVICE\"]");
      return;
    }
    if (!set.node().isArray()) {
      reporter.error(
          id,
          set.pointer(),
          "need an array of capability names for \"set\", got " + Members.describe(set.node()),
          "e.g. \"set\": [\"CAP_NET_BIND_SERVICE\"]");
      return;
    }
    if (set.node().isEmpty()) {
      reporter.byMode(
          id,
          Level.NOTE,
          Level.ERROR,
          set.pointer(),
          reporter.actool()
              ? "need a non-empty \"set\" for " + site.name() + ", got an empty array"
              : (retain
                      ? "an empty retain set removes every capability"
                      : "an empty remove set removes nothing")
                  + "; the Go reference (actool) rejects an empty set",
          retain ? "list the capabilities to keep" : "remove the isolator or list capabilities");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < set.node().size(); i++) {
      JsonNode entry = set.node().get(i);
      String pointer = JsonPointers.child(set.pointer(), i);
      String name;
      if (entry.isString()) {
        name = entry.asString();
      } else if (entry.isNull() && reporter.actool()) {
        name = "";
      } else {
        reporter.error(
            id,
            pointer,
            "need a capability name string, got " + Members.describe(entry),
            "write the name in quotes, e.g. \"CAP_KILL\"");
        continue;
      }
      checkName(site, id, pointer, name, retain);
      if (!seen.add(name)) {
        reporter.note(
            "LINT-ISO-002",
            pointer,
            "\"" + name + "\" is listed more than once in this set",
            "remove the repeated entry");
      }
    }
  }

  private void checkName(Site site, String id, String pointer, String name, boolean retain) {
    if (!Capability.known(name)) {
      String hint =
          Capability.suggestion(name)
              .map(s -> "did you mean \"" + s + "\"?")
              .orElse("see capabilities(7) for the CAP_ names");
      if (Capability.hasCapabilityForm(name)) {
        // Possibly a capability newer than the table; an executor that does not know it cannot
        // grant or drop it, which changes what the isolator does but does not break the manifest.
        reporter.byMode(
            id,
            Level.WARNING,
            Level.NOTE,
            pointer,
            "\""
                + Members.shorten(name)
                + "\" is not a known Linux capability; executors cannot "
                + (retain ? "retain" : "remove")
                + " a capability they do not know",
            hint);
        return;
      }
      reporter.specError(
          id,
          pointer,
          "need a Linux capability name such as CAP_NET_ADMIN, got \""
              + Members.shorten(name)
              + "\""
              + (reporter.actool() ? " (actool does not check the names)" : ""),
          hint);
      return;
    }
    if (!retain && !Capability.inDefaultSet(name)) {
      reporter.note(
          "ISO-CAPRM-005",
          pointer,
          name + " is not in the default set of 14 capabilities, so removing it has no effect",
          "use os/linux/capabilities-retain-set to grant or control capabilities beyond the"
              + " default set");
    }
  }
}
