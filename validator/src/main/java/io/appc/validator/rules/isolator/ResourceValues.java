package io.appc.validator.rules.isolator;

import io.appc.validator.finding.Level;
import io.appc.validator.rules.isolator.Members.Member;
import io.appc.validator.types.QuantityFormatException;
import io.appc.validator.types.ResourceQuantity;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Values of the resource isolators (ace.md §Resource Isolators): {@code request} and {@code limit}
 * quantities, and the {@code default} flag that the device and network isolators must set.
 */
final class ResourceValues {
  private static final List<String> MEMBERS = List.of("default", "request", "limit");

  private final Reporter reporter;

  ResourceValues(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(Site site) {
    JsonNode value = site.value();
    if (!value.isObject()) {
      reporter.error(
          site.type().shapeId,
          site.pointer(),
          "need an object such as {\"limit\": \"1G\"} for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "write the request and limit as members of an object");
      return;
    }
    boolean actool = reporter.actool();
    Members.noteUnknown(reporter, value, site.pointer(), site.name(), MEMBERS);
    boolean perDevice = site.type() != IsolatorType.CPU && site.type() != IsolatorType.MEMORY;

    Member def = Members.get(value, "default", site.pointer(), actool);
    boolean defaultTypeOk = absent(def) || def.node().isBoolean();
    if (!defaultTypeOk) {
      reporter.error(
          site.type().shapeId,
          def.pointer(),
          "need true or false for \"default\", got " + Members.describe(def.node()),
          "write a JSON boolean without quotes");
    }
    boolean defaultTrue = def != null && def.node().isBoolean() && def.node().booleanValue();
    if (perDevice && defaultTypeOk && !defaultTrue) {
      reporter.error(
          site.type().shapeId,
          def == null ? site.pointer() : def.pointer(),
          "need \"default\": true for "
              + site.name()
              + " (the limit applies to every "
              + (site.type() == IsolatorType.NETWORK_BANDWIDTH
                  ? "interface except localhost"
                  : "block device")
              + "), got "
              + (def == null ? "no \"default\"" : Members.describe(def.node())),
          "add \"default\": true; per-device limits are not defined by the spec");
    }
    if (!perDevice && defaultTrue) {
      reporter.byMode(
          site.type().shapeId,
          Level.NOTE,
          Level.ERROR,
          def.pointer(),
          actool
              ? "need \"default\" false or absent for " + site.name() + ", got true"
              : "\"default\" has no meaning for "
                  + site.name()
                  + "; the Go reference (actool) rejects \"default\": true here",
          "remove \"default\"");
    }

    Member requestMember = Members.get(value, "request", site.pointer(), actool);
    Member limitMember = Members.get(value, "limit", site.pointer(), actool);
    ResourceQuantity request = quantity(site, requestMember);
    ResourceQuantity limit = quantity(site, limitMember);

    if (perDevice) {
      if (requestMember != null && !requestMember.node().isNull()) {
        reporter.byMode(
            site.type().shapeId,
            Level.NOTE,
            Level.ERROR,
            requestMember.pointer(),
            actool
                ? "need no \"request\" for "
                    + site.name()
                    + ", got "
                    + Members.describe(requestMember.node())
                : site.name()
                    + " defines only \"limit\", so executors ignore \"request\"; the Go"
                    + " reference (actool) rejects it",
            "remove \"request\"");
      }
      if (absent(limitMember)) {
        reporter.byMode(
            limitId(site.type()),
            Level.WARNING,
            Level.NOTE,
            site.pointer(),
            "need a \"limit\" for " + site.name() + ", got none, so the isolator limits nothing",
            "add e.g. \"limit\": \"10M\"");
      }
    } else if (absent(requestMember) && absent(limitMember)) {
      reporter.note(
          "ISO-RES-003",
          site.pointer(),
          site.name() + " has neither \"request\" nor \"limit\", so it has no effect",
          "add a limit, e.g. \"limit\": \""
              + (site.type() == IsolatorType.CPU ? "500m" : "1Gi")
              + "\"");
    }

    if (request != null && limit != null && request.compareTo(limit) > 0) {
      // Contradictory (a guaranteed minimum above the maximum), but ace.md states no rule that
      // forbids it, and the Go reference accepts it: a warning, not an error.
      reporter.byMode(
          "ISO-RES-001",
          Level.WARNING,
          Level.NOTE,
          requestMember.pointer(),
          "\"request\" "
              + request
              + " exceeds \"limit\" "
              + limit
              + ": a guaranteed minimum above the maximum cannot be honoured as written",
          "lower the request or raise the limit; executors typically cap the request at the"
              + " limit");
    }
  }

  /** The parsed quantity of a member, or {@code null} when absent or invalid. */
  private ResourceQuantity quantity(Site site, Member member) {
    if (absent(member)) {
      return null;
    }
    JsonNode node = member.node();
    ResourceQuantity q;
    try {
      if (node.isString()) {
        q = ResourceQuantity.fromJsonString(node.asString(), reporter.context().compat());
      } else if (node.isNumber()) {
        q = ResourceQuantity.fromJsonNumber(node.decimalValue(), reporter.context().compat());
      } else {
        reporter.error(
            "ISO-RES-004",
            member.pointer(),
            "need a quantity string such as \"500m\" or \"1Gi\" for \""
                + member.key()
                + "\", got "
                + Members.describe(node),
            "write the quantity as a JSON string");
        return null;
      }
    } catch (QuantityFormatException e) {
      reporter.error("ISO-RES-004", member.pointer(), e.getMessage(), e.hint());
      return null;
    }
    noteUnusual(site, member, q);
    return q;
  }

  private void noteUnusual(Site site, Member member, ResourceQuantity q) {
    if (!reporter.actool() && q.suffix().equals("K")) {
      reporter.note(
          "ISO-RES-005",
          member.pointer(),
          "the suffix K is in the spec's list, but the Go reference (actool) and Go-based"
              + " executors accept only lower-case k and reject \""
              + q.text()
              + "\"",
          "a plain number (1000 for 1K) or a binary suffix (Ki) reads the same in both");
    }
    if (q.signum() < 0) {
      reporter.note(
          "ISO-RES-004",
          member.pointer(),
          "need a non-negative amount, got " + q.text() + "; actool accepts negative quantities",
          "resource amounts cannot be negative");
      return;
    }
    boolean cpu = site.type() == IsolatorType.CPU;
    boolean whole = cpu ? q.isWholeMilli() : q.isWhole();
    if (!whole) {
      reporter.note(
          "ISO-RES-004",
          member.pointer(),
          "need a whole number of "
              + unit(site.type())
              + ", got "
              + q.text()
              + " = "
              + (cpu
                  ? q.value().movePointRight(3).toPlainString() + " milli-cores"
                  : q.value().toPlainString() + " " + unit(site.type())),
          "executors work in whole base units and round it up to "
              + (cpu ? q.milliCeil() + "m" : String.valueOf(q.bytesCeil())));
    }
  }

  /**
   * Whether a member counts as not written. In ACTOOL mode a {@code null} does too: Go reads {@code
   * request} and {@code limit} into pointers, which {@code null} leaves unset, and {@code default}
   * into a bool, which {@code null} leaves false (VR R-JSON-04). In SPEC mode {@code null} is a
   * value of the wrong type, as it is for every other member.
   */
  private boolean absent(Member member) {
    return member == null || (member.node().isNull() && reporter.actool());
  }

  private static String unit(IsolatorType type) {
    switch (type) {
      case CPU:
        return "milli-cores";
      case BLOCK_IOPS:
        return "operations per second";
      case MEMORY:
        return "bytes";
      default:
        return "bytes per second";
    }
  }

  private static String limitId(IsolatorType type) {
    switch (type) {
      case BLOCK_BANDWIDTH:
        return "ISO-BLKBW-002";
      case BLOCK_IOPS:
        return "ISO-BLKIOPS-002";
      default:
        return "ISO-NETBW-002";
    }
  }
}
