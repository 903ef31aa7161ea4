package io.appc.validator.rules.isolator;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.SysctlKey;
import io.appc.validator.types.SysctlKeyFormatException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Values of {@code os/unix/sysctl}: an object mapping sysctl keys to string values. */
final class SysctlValues {
  private final Reporter reporter;

  SysctlValues(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(Site site) {
    JsonNode value = site.value();
    String id = site.type().shapeId;
    if (!value.isObject()) {
      reporter.error(
          id,
          site.pointer(),
          "need an object mapping sysctl keys to string values for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "e.g. {\"net.ipv4.tcp_keepalive_time\": \"300\"}");
      return;
    }
    Map<String, String> parameters = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      String key = e.getKey();
      JsonNode entry = e.getValue();
      String pointer = JsonPointers.child(site.pointer(), key);
      if (entry.isNull()) {
        reporter.specError(
            id,
            pointer,
            "need a string value for sysctl \""
                + Members.shorten(key)
                + "\", got null"
                + (reporter.actool() ? " (actool reads it as an empty string)" : ""),
            "write the value in quotes, e.g. \"1\"");
      } else if (!entry.isString()) {
        reporter.error(
            id,
            pointer,
            "need a string value for sysctl \""
                + Members.shorten(key)
                + "\", got "
                + Members.describe(entry),
            "write the value in quotes, e.g. \""
                + (entry.isNumber() ? entry.asString() : "1")
                + "\"");
      }
      SysctlKey parsed;
      try {
        parsed = SysctlKey.parse(key);
      } catch (SysctlKeyFormatException ex) {
        reporter.specError(
            id,
            pointer,
            ex.getMessage() + (reporter.actool() ? " (actool does not check keys)" : ""),
            "write the key as sysctl(8) does, e.g. net.ipv4.ip_forward");
        continue;
      }
      String previous = parameters.put(parsed.path(), key);
      if (previous != null) {
        reporter.note(
            "LINT-ISO-002",
            pointer,
            "\""
                + Members.shorten(key)
                + "\" sets the same parameter as \""
                + Members.shorten(previous)
                + "\"",
            "keep one of them");
      }
      if (!parsed.namespaced()) {
        reporter.note(
            "ISO-SYSCTL-005",
            pointer,
            "\""
                + Members.shorten(key)
                + "\" is not isolated by a namespace (only net.*, IPC"
                + " and UTS parameters are), so executors refuse the pod or ignore the entry",
            "set host-wide parameters on the host, not in a pod");
      }
    }
  }
}
