package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcName;
import io.appc.validator.types.HostIp;
import io.appc.validator.types.InvalidValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * pods.md §Pod Manifest Schema, {@code ports[]} (ports exposed on the host):
 *
 * <ul>
 *   <li>{@code name} is an AC Name (POD-043). A name identifies one port of the pod (POD-044), so
 *       exposing it twice is ambiguous.
 *   <li>{@code hostPort} is a host port number, 1-65535 (POD-045). Go accepted any number that fits
 *       a 64-bit unsigned integer, so actool mode notes those; the schema reports only the type.
 *   <li>{@code hostIP} is a dotted-quad IPv4 address (POD-046); actool mode accepts what Go's
 *       {@code net.ParseIP} accepts, and {@code ""} as absent.
 *   <li>{@code podPort} follows the image manifest's port rules (POD-047, see {@link PortRules}); a
 *       {@code podPort.name} different from {@code name} is noted, since the override is found by
 *       name.
 * </ul>
 */
public final class ExposedPortsRule implements ManifestRule {
  private static final BigDecimal MAX_PORT = BigDecimal.valueOf(65535);
  private static final BigDecimal MAX_GO_UINT =
      new BigDecimal(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));

  @Override
  public void check(RuleContext context) {
    JsonNode ports = Nodes.array(context.root(), "ports");
    Map<String, Integer> seen = new HashMap<>();
    for (int i : Nodes.objectIndexes(ports)) {
      JsonNode port = ports.get(i);
      String at = JsonPointers.child("/ports", i);
      String name = Nodes.string(port, "name");
      if (name != null) {
        Integer first = seen.putIfAbsent(name, i);
        if (first != null) {
          Reports.specOnly(
              context,
              "POD-044",
              at + "/name",
              "exposed port names must be unique: need one entry \""
                  + name
                  + "\", got another at /ports/"
                  + first,
              "a port name identifies one port of the pod; remove one entry");
        } else {
          try {
            AcName.parse(name, context.compat());
          } catch (InvalidValueException e) {
            Reports.invalid(context, "POD-043", at + "/name", "exposed port name", e);
          }
        }
      }
      checkHostPort(context, at + "/hostPort", port.get("hostPort"));
      String hostIp = Nodes.string(port, "hostIP");
      if (hostIp != null && !(context.actool() && hostIp.isEmpty())) {
        try {
          HostIp.parse(hostIp, context.compat());
        } catch (InvalidValueException e) {
          Reports.invalid(context, "POD-046", at + "/hostIP", "hostIP", e);
        }
      }
      JsonNode podPort = Nodes.object(port, "podPort");
      if (podPort != null) {
        PortRules.checkPort(context, at + "/podPort", podPort);
        String podPortName = Nodes.string(podPort, "name");
        if (name != null && podPortName != null && !podPortName.equals(name)) {
          Reports.note(
              context,
              "POD-047",
              at + "/podPort/name",
              "podPort name \""
                  + podPortName
                  + "\" differs from the exposed port's name \""
                  + name
                  + "\"",
              "use the same name in both places so the override is unambiguous");
        }
      }
    }
  }

  /**
   * The range is checked here rather than in the schema because its level depends on the mode. Go
   * read hostPort into a {@code uint}, so actool accepted any value that fits one and rejected,
   * while decoding, negative or larger values and numbers written with a fraction or exponent.
   */
  private static void checkHostPort(RuleContext ctx, String pointer, JsonNode hostPort) {
    BigDecimal value = Nodes.wholeNumber(hostPort);
    if (value == null || (value.signum() > 0 && value.compareTo(MAX_PORT) <= 0)) {
      return;
    }
    String message = "hostPort: need a port number from 1 to 65535, got " + value;
    String hint = "choose a port the host can listen on";
    boolean goRejected =
        value.signum() < 0 || value.compareTo(MAX_GO_UINT) > 0 || !hostPort.isIntegralNumber();
    if (goRejected) {
      Reports.violation(ctx, "POD-045", pointer, message, hint);
    } else {
      Reports.specOnly(ctx, "POD-045", pointer, message, hint);
    }
  }
}
