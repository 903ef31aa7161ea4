package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcName;
import io.appc.validator.types.HostIp;
import io.appc.validator.types.InvalidValueException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * pods.md §Pod Manifest Schema, {@code ports[]} (ports exposed on the host):
 *
 * <ul>
 *   <li>{@code name} is an AC Name (POD-043). A name identifies one port of the pod (POD-044), so
 *       exposing it twice is ambiguous.
 *   <li>{@code hostPort} is a host port number, 1-65535 (POD-045). Go accepted any unsigned number,
 *       so actool mode notes it.
 *   <li>{@code hostIP} is a dotted-quad IPv4 address (POD-046); actool mode accepts what Go's
 *       {@code net.ParseIP} accepts, and {@code ""} as absent.
 *   <li>{@code podPort} follows the image manifest's port rules (POD-047, see {@link PortRules}); a
 *       {@code podPort.name} different from {@code name} is noted, since the override is found by
 *       name.
 * </ul>
 */
public final class ExposedPortsRule implements ManifestRule {
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
      Long hostPort = Nodes.integer(port, "hostPort");
      if (hostPort != null && (hostPort < 1 || hostPort > 65535)) {
        Reports.specOnly(
            context,
            "POD-045",
            at + "/hostPort",
            "hostPort: need a port number from 1 to 65535, got " + hostPort,
            "choose a port the host can listen on");
      }
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
}
