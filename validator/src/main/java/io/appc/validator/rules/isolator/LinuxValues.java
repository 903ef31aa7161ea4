package io.appc.validator.rules.isolator;

import io.appc.validator.finding.Level;
import io.appc.validator.rules.isolator.Members.Member;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Values of the small Linux isolators: {@code no-new-privileges} (a boolean), {@code
 * selinux-context} and {@code apparmor-profile} (objects of strings), and the code-only {@code
 * oom-score-adj} and {@code cpu-shares} (integers in a kernel range).
 */
final class LinuxValues {
  private static final List<String> SELINUX_FIELDS = List.of("user", "role", "type", "level");

  private final Reporter reporter;

  LinuxValues(Reporter reporter) {
    this.reporter = reporter;
  }

  void noNewPrivileges(Site site) {
    if (!site.value().isBoolean()) {
      reporter.error(
          site.type().shapeId,
          site.pointer(),
          "need true or false for " + site.name() + ", got " + Members.describe(site.value()),
          "write a JSON boolean without quotes");
    }
  }

  void selinux(Site site) {
    JsonNode value = site.value();
    if (!value.isObject()) {
      reporter.error(
          site.type().shapeId,
          site.pointer(),
          "need an object {\"user\", \"role\", \"type\", \"level\"} for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "e.g. {\"user\": \"system_u\", \"role\": \"system_r\", \"type\": \"svirt_lxc_net_t\","
              + " \"level\": \"s0\"}");
      return;
    }
    Members.noteUnknown(reporter, value, site.pointer(), site.name(), SELINUX_FIELDS);
    for (String field : SELINUX_FIELDS) {
      Member member = Members.get(value, field, site.pointer(), reporter.actool());
      String pointer = member == null ? site.pointer() : member.pointer();
      if (member != null && !member.node().isNull() && !member.node().isString()) {
        reporter.error(
            site.type().shapeId,
            pointer,
            "need a string for the SELinux " + field + ", got " + Members.describe(member.node()),
            "write the " + field + " in quotes");
        continue;
      }
      String text = member == null || member.node().isNull() ? "" : member.node().asString();
      if (text.isEmpty()) {
        reporter.error(
            site.type().shapeId,
            pointer,
            "need a non-empty SELinux "
                + field
                + ", got "
                + (member == null ? "none" : Members.describe(member.node())),
            "the context is user:role:type:level and every part is required");
      } else if (!field.equals("level") && text.indexOf(':') >= 0) {
        reporter.error(
            site.type().shapeId,
            pointer,
            "need an SELinux " + field + " without ':', got \"" + Members.shorten(text) + "\"",
            "give each part of user:role:type:level in its own member; only level may contain"
                + " ':' (e.g. s0-s0:c0)");
      }
    }
  }

  void apparmor(Site site) {
    JsonNode value = site.value();
    if (!value.isObject()) {
      reporter.error(
          site.type().shapeId,
          site.pointer(),
          "need an object {\"profile\": \"...\"} for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "e.g. {\"profile\": \"rkt-default\"}");
      return;
    }
    Members.noteUnknown(reporter, value, site.pointer(), site.name(), List.of("profile"));
    Member profile = Members.get(value, "profile", site.pointer(), reporter.actool());
    String pointer = profile == null ? site.pointer() : profile.pointer();
    if (profile != null && !profile.node().isNull() && !profile.node().isString()) {
      reporter.error(
          site.type().shapeId,
          pointer,
          "need the profile name as a string, got " + Members.describe(profile.node()),
          "write the name in quotes");
    } else if (profile == null || profile.node().isNull() || profile.node().asString().isEmpty()) {
      reporter.error(
          site.type().shapeId,
          pointer,
          "need the name of a loaded AppArmor profile, got "
              + (profile == null ? "none" : Members.describe(profile.node())),
          "e.g. {\"profile\": \"rkt-default\"}");
    }
  }

  /**
   * A code-only integer isolator. Go decodes it into an {@code int}, so a fraction, an exponent and
   * even {@code 2048.0} fail there; a JSON Schema {@code integer} would accept the last two, so
   * this check covers every non-integer token. The spec text does not define these isolators, so in
   * spec mode they are implementation extensions an executor may ignore: a bad value is a note
   * there, and an error only in actool mode, where Go rejected it.
   */
  void integerInRange(Site site, long min, long max) {
    JsonNode value = site.value();
    if (!value.isNumber() || !value.isIntegralNumber()) {
      reporter.byMode(
          site.type().shapeId,
          Level.NOTE,
          Level.ERROR,
          site.pointer(),
          "need a JSON integer for " + site.name() + ", got " + Members.describe(value),
          "write a whole number without quotes, fraction or exponent, e.g. "
              + (site.type() == IsolatorType.CPU_SHARES ? "1024" : "-500"));
      return;
    }
    BigDecimal number = new BigDecimal(value.bigIntegerValue());
    if (number.compareTo(BigDecimal.valueOf(min)) < 0
        || number.compareTo(BigDecimal.valueOf(max)) > 0) {
      reporter.byMode(
          site.type().shapeId,
          Level.NOTE,
          Level.ERROR,
          site.pointer(),
          "need an integer from "
              + min
              + " to "
              + max
              + " for "
              + site.name()
              + ", got "
              + Members.shorten(value.bigIntegerValue().toString()),
          "the kernel accepts only this range");
    }
  }
}
