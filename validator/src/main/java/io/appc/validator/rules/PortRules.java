package io.appc.validator.rules;

import io.appc.validator.types.AcName;
import io.appc.validator.types.InvalidValueException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * aci.md §Image Manifest Schema, {@code app.ports[]}, also used for a pod's {@code podPort}: the
 * name is an AC Name (IM-063), the protocol is a non-empty string (IM-064; actool accepted {@code
 * ""}) that should be a transport-layer protocol (IM-065), and a range must end at or below 65535
 * (IM-068). The range of {@code port} and {@code count} on their own is the schema's job.
 */
final class PortRules {
  /** Transport-layer protocols an executor can be expected to recognise. */
  static final Set<String> TRANSPORT = Set.of("tcp", "udp", "sctp", "dccp", "udplite");

  private PortRules() {}

  /** Checks one port object at {@code pointer}. */
  static void checkPort(RuleContext ctx, String pointer, JsonNode port) {
    String name = Nodes.string(port, "name");
    if (name != null) {
      try {
        AcName.parse(name, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "IM-063", pointer + "/name", "port name", e);
      }
    }
    String protocol = Nodes.string(port, "protocol");
    if (protocol != null && protocol.isEmpty()) {
      // "protocol (string, required)": an empty string gives no protocol at all.
      Reports.specOnly(
          ctx,
          "IM-064",
          pointer + "/protocol",
          "port protocol: need the protocol used on this port, got an empty string",
          "write the transport protocol, e.g. \"tcp\" or \"udp\"");
    } else if (protocol != null && !TRANSPORT.contains(protocol)) {
      String lower = protocol.toLowerCase(Locale.ROOT);
      if (TRANSPORT.contains(lower)) {
        Reports.note(
            ctx,
            "IM-065",
            pointer + "/protocol",
            "port protocol \"" + protocol + "\" is usually written in lower case",
            "write \"" + lower + "\"; executors compare protocol names as given");
      } else {
        Reports.violation(
            ctx,
            "IM-065",
            pointer + "/protocol",
            "port protocol: need a transport-layer protocol such as \"tcp\" or \"udp\", got "
                + InvalidValueException.quote(protocol),
            "executors may refuse to run an app with an unrecognised protocol");
      }
    }
    Long number = Nodes.integer(port, "port");
    Long count = Nodes.integer(port, "count");
    if (number != null
        && count != null
        && number >= 1
        && number <= 65535
        && count >= 1
        && count > 65536 - number) {
      Reports.violation(
          ctx,
          "IM-068",
          pointer + "/count",
          "port range: need port + count - 1 <= 65535, got "
              + number
              + " + "
              + count
              + " - 1 = "
              + BigInteger.valueOf(number).add(BigInteger.valueOf(count - 1)),
          "lower count to at most " + (65536 - number));
    }
  }
}
