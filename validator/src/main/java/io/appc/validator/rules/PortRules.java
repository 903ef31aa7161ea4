package io.appc.validator.rules;

import io.appc.validator.types.AcName;
import io.appc.validator.types.InvalidValueException;
import java.math.BigDecimal;
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

  private static final BigDecimal MAX_PORT = BigDecimal.valueOf(65535);

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
    checkRange(ctx, pointer, port.get("port"), port.get("count"));
  }

  /**
   * IM-068: the range must end at or below 65535. JSON has one number type, so {@code 1e5} and a
   * count beyond 64 bits are whole numbers too and are compared as such; in actool mode only plain
   * integer literals reach the range check, because Go's decoder already refused the others (see
   * {@link GoIntegersRule}).
   */
  private static void checkRange(RuleContext ctx, String pointer, JsonNode port, JsonNode count) {
    BigDecimal number = Nodes.wholeNumber(port);
    BigDecimal length = Nodes.wholeNumber(count);
    if (number == null
        || length == null
        || (ctx.actool() && !(port.isIntegralNumber() && count.isIntegralNumber()))
        || number.compareTo(BigDecimal.ONE) < 0
        || number.compareTo(MAX_PORT) > 0
        || length.compareTo(BigDecimal.ONE) < 0) {
      return; // no range, or a port or count the schema reports on its own
    }
    long first = number.longValueExact();
    BigDecimal room = BigDecimal.valueOf(65536 - first);
    if (length.compareTo(room) <= 0) {
      return;
    }
    // A count of 1e999999999 is shown as written: its digits would not fit in memory.
    boolean small = length.precision() - length.scale() <= 40;
    String shown = small ? length.toBigInteger().toString() : length.toString();
    String sum =
        small
            ? " = " + BigInteger.valueOf(first).add(length.toBigInteger()).subtract(BigInteger.ONE)
            : "";
    Reports.violation(
        ctx,
        "IM-068",
        pointer + "/count",
        "port range: need port + count - 1 <= 65535, got " + first + " + " + shown + " - 1" + sum,
        "lower count to at most " + room);
  }
}
