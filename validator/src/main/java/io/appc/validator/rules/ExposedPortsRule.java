package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcName;
import io.appc.validator.types.HostIp;
import io.appc.validator.types.InvalidValueException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    Set<String> appPorts = appPortsIfKnown(context.root());
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
      if (podPort == null && name != null && appPorts != null && !appPorts.contains(name)) {
        Reports.specOnly(
            context,
            "POD-043",
            at + "/name",
            "exposed port: need the name of a port of one of the pod's apps, got \""
                + name
                + "\" (every app overrides its app section, so its ports are known: "
                + (appPorts.isEmpty() ? "none" : String.join(", ", new TreeSet<>(appPorts)))
                + ")",
            "use the name of an app's port, or describe the port here with a podPort object");
      }
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
   * The port names of the pod's apps when the manifest alone determines them, else null. A pod port
   * refers by name to a port of an app's image manifest (pods.md); an app's {@code app} object
   * replaces the image's, so when every app has one, the names are all in this manifest.
   */
  private static Set<String> appPortsIfKnown(JsonNode root) {
    JsonNode apps = Nodes.array(root, "apps");
    if (apps == null) {
      return null;
    }
    Set<String> names = new HashSet<>();
    for (JsonNode app : apps) {
      JsonNode override = Nodes.object(app, "app");
      if (override == null) {
        return null;
      }
      JsonNode ports = Nodes.array(override, "ports");
      for (int i : Nodes.objectIndexes(ports)) {
        String name = Nodes.string(ports.get(i), "name");
        if (name != null) {
          names.add(name);
        }
      }
    }
    return names;
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
