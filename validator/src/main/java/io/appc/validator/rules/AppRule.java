package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AbsolutePath;
import io.appc.validator.types.AcName;
import io.appc.validator.types.EnvironmentName;
import io.appc.validator.types.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * aci.md §Image Manifest Schema, the {@code app} object, for the image manifest and for a pod's app
 * override (POD-019, which has the same schema; findings carry the IDs of the app rules):
 *
 * <ul>
 *   <li>{@code exec} (IM-030, IM-031): an empty list or an empty executable is noted, since there
 *       is nothing to launch. A name without {@code /} is looked up in {@code PATH} and a relative
 *       path is resolved against the working directory, both as the spec describes, so neither is
 *       flagged.
 *   <li>{@code user}, {@code group} (IM-034): non-empty.
 *   <li>{@code eventHandlers} (IM-041): at most one per name.
 *   <li>{@code workingDirectory} (IM-046): absolute. Go read {@code ""} as unset, which actool mode
 *       accepts.
 *   <li>{@code environment} (IM-051): the name grammar; duplicates make the value ambiguous, which
 *       the spec does not address (a note, IM-050) but Go rejected (an error in actool mode).
 *   <li>{@code mountPoints} (IM-060): names are AC Names; a path is not empty; paths inside the
 *       rootfs are expected to be absolute and names unique (notes: the spec states neither);
 *       overlapping paths are what an executor should refuse (ACE-VOL-006, a warning).
 *   <li>{@code ports}: see {@link PortRules}; names must be unique because pod manifests refer to
 *       ports by name (POD-044).
 * </ul>
 *
 * Isolators are checked by {@link IsolatorRules}.
 */
public final class AppRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    checkApp(context, "/app", Nodes.object(context.root(), "app"));
  }

  /** Checks one app object at {@code pointer}; does nothing if {@code app} is not an object. */
  static void checkApp(RuleContext ctx, String pointer, JsonNode app) {
    if (app == null || !app.isObject()) {
      return;
    }
    checkExec(ctx, pointer + "/exec", Nodes.array(app, "exec"), "IM-030");
    for (String member : new String[] {"user", "group"}) {
      String value = Nodes.string(app, member);
      if (value != null && value.isEmpty()) {
        Reports.violation(
            ctx,
            "IM-034",
            pointer + "/" + member,
            "app " + member + ": need a name, a numeric ID or an absolute path, got \"\"",
            "write e.g. \"0\" to run as root");
      }
    }
    checkEventHandlers(ctx, pointer + "/eventHandlers", Nodes.array(app, "eventHandlers"));
    String workingDirectory = Nodes.string(app, "workingDirectory");
    if (workingDirectory != null && !(ctx.actool() && workingDirectory.isEmpty())) {
      try {
        AbsolutePath.parse(workingDirectory, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "IM-046", pointer + "/workingDirectory", "workingDirectory", e);
      }
    }
    checkEnvironment(ctx, pointer + "/environment", Nodes.array(app, "environment"));
    checkMountPoints(ctx, pointer + "/mountPoints", Nodes.array(app, "mountPoints"));
    checkPorts(ctx, pointer + "/ports", Nodes.array(app, "ports"));
  }

  private static void checkExec(RuleContext ctx, String pointer, JsonNode exec, String id) {
    if (exec == null) {
      return;
    }
    if (exec.isEmpty()) {
      Reports.note(
          ctx,
          id,
          pointer,
          "exec is an empty list, so there is nothing to launch",
          "name the executable and its arguments, or omit exec");
    } else if (exec.get(0).isString() && exec.get(0).asString().isEmpty()) {
      Reports.note(
          ctx,
          "IM-031",
          pointer + "/0",
          "the executable is an empty string, which cannot be run",
          "name the executable, e.g. \"/usr/bin/app\"");
    }
  }

  private static final List<String> EVENT_HANDLER_NAMES = List.of("pre-start", "post-stop");

  private static void checkEventHandlers(RuleContext ctx, String pointer, JsonNode handlers) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i : Nodes.objectIndexes(handlers)) {
      JsonNode handler = handlers.get(i);
      String at = JsonPointers.child(pointer, i);
      checkExec(ctx, at + "/exec", Nodes.array(handler, "exec"), "IM-040");
      String name = Nodes.string(handler, "name");
      if (name == null) {
        continue;
      }
      Reports.notOneOf(ctx, "IM-042", at + "/name", name, EVENT_HANDLER_NAMES);
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        Reports.violation(
            ctx,
            "IM-041",
            at + "/name",
            "need at most one event handler named \""
                + name
                + "\", got another at "
                + JsonPointers.child(pointer, first),
            "merge the two handlers into one script");
      }
    }
  }

  private static void checkEnvironment(RuleContext ctx, String pointer, JsonNode environment) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i : Nodes.objectIndexes(environment)) {
      String at = JsonPointers.child(pointer, i) + "/name";
      String name = Nodes.string(environment.get(i), "name");
      if (name == null) {
        continue;
      }
      EnvironmentName parsed;
      try {
        parsed = EnvironmentName.parse(name, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "IM-051", at, "environment variable name", e);
        continue;
      }
      char c = parsed.value().charAt(0);
      if (!ctx.actool() && !(Character.isLetter(c) || c == '_')) {
        Reports.note(
            ctx,
            "IM-051",
            at,
            "environment variable \"" + name + "\" does not start with a letter or '_'",
            "POSIX names do not begin with a digit, and shells cannot reference such a variable");
      }
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        String message =
            "environment variable \""
                + name
                + "\" is set twice (first at "
                + JsonPointers.child(pointer, first)
                + ")";
        String hint = "keep one entry; which value wins is not defined";
        if (ctx.actool()) {
          Reports.violation(ctx, "IM-051", at, message + "; actool rejects duplicates", hint);
        } else {
          Reports.note(ctx, "IM-050", at, message, hint);
        }
      }
    }
  }

  private static void checkMountPoints(RuleContext ctx, String pointer, JsonNode mountPoints) {
    Map<String, Integer> names = new HashMap<>();
    List<Target> targets = new ArrayList<>();
    for (int i : Nodes.objectIndexes(mountPoints)) {
      JsonNode mountPoint = mountPoints.get(i);
      String at = JsonPointers.child(pointer, i);
      String name = Nodes.string(mountPoint, "name");
      if (name != null) {
        try {
          AcName.parse(name, ctx.compat());
          Integer first = names.putIfAbsent(name, i);
          if (first != null) {
            Reports.note(
                ctx,
                "IM-060",
                at + "/name",
                "mount point name \""
                    + name
                    + "\" is used twice (first at "
                    + JsonPointers.child(pointer, first)
                    + "), so a volume of that name fills both",
                "give each mount point its own name");
          }
        } catch (InvalidValueException e) {
          Reports.invalid(ctx, "IM-060", at + "/name", "mount point name", e);
        }
      }
      String path = Nodes.string(mountPoint, "path");
      if (path != null) {
        Target target = Target.of(ctx, "IM-060", at + "/path", path, "mount point path");
        if (target != null) {
          targets.add(target);
        }
      }
    }
    Target.reportOverlaps(ctx, targets);
  }

  private static void checkPorts(RuleContext ctx, String pointer, JsonNode ports) {
    Map<String, Integer> names = new HashMap<>();
    for (int i : Nodes.objectIndexes(ports)) {
      String at = JsonPointers.child(pointer, i);
      JsonNode port = ports.get(i);
      PortRules.checkPort(ctx, at, port);
      String name = Nodes.string(port, "name");
      if (name == null) {
        continue;
      }
      Integer first = names.putIfAbsent(name, i);
      if (first != null) {
        Reports.specOnly(
            ctx,
            "POD-044",
            at + "/name",
            "port names must be unique: need one port \""
                + name
                + "\", got another at "
                + JsonPointers.child(pointer, first),
            "pod manifests refer to ports by name; rename one of them");
      }
    }
  }

  /** A mount target path inside an app, for the overlap check. */
  record Target(String pointer, AbsolutePath path) {
    /**
     * Parses a target path; rejects an empty one (an error in spec mode), notes a relative one (the
     * spec says the path is inside the rootfs but not that it is absolute) and returns {@code null}
     * for both.
     */
    static Target of(RuleContext ctx, String id, String pointer, String path, String what) {
      if (path.isEmpty()) {
        // The path says where the volume goes; "" names no place. Go never checked it.
        Reports.specOnly(
            ctx,
            id,
            pointer,
            what + ": need the path where the volume is mounted, got an empty string",
            "write an absolute path inside the app's root filesystem, e.g. \"/var/lib/work\"");
        return null;
      }
      try {
        return new Target(pointer, AbsolutePath.parse(path, ctx.compat()));
      } catch (InvalidValueException e) {
        Reports.note(ctx, id, pointer, what + ": " + e.getMessage(), e.hint());
        return null;
      }
    }

    /** Warns about every pair of targets that are equal or nested (ACE-VOL-006). */
    static void reportOverlaps(RuleContext ctx, List<Target> targets) {
      for (int i = 0; i < targets.size(); i++) {
        for (int j = 0; j < i; j++) {
          Target later = targets.get(i);
          Target earlier = targets.get(j);
          if (later.path().overlaps(earlier.path())) {
            Reports.violation(
                ctx,
                "ACE-VOL-006",
                later.pointer(),
                "mount target \""
                    + later.path()
                    + "\" overlaps \""
                    + earlier.path()
                    + "\" at "
                    + earlier.pointer()
                    + "; executors should refuse overlapping targets",
                "mount each volume at its own, non-nested path");
            break;
          }
        }
      }
    }
  }
}
