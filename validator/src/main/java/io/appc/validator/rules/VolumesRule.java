package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AbsolutePath;
import io.appc.validator.types.AcName;
import io.appc.validator.types.InvalidValueException;
import io.appc.validator.types.OctalMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * pods.md §Pod Manifest Schema, {@code volumes[]} and a mount's {@code appVolume} (POD-024, same
 * type): names are AC Names (POD-030) and unique in {@code volumes}; a {@code host} volume's {@code
 * source} is an absolute path (POD-035; that it is present is the schema's {@code required}); an
 * {@code empty} volume's {@code mode} is an octal string (POD-037).
 *
 * <p>Members that the text says are "only interpreted" for the other kind ({@code mode}, {@code
 * uid}, {@code gid} on host volumes; {@code recursive} on empty ones) and a {@code source} on an
 * empty volume are ignored by the spec, so they are notes; Go rejected all of them except {@code
 * recursive}, so in actool mode they are errors. The kind itself ({@code empty} or {@code host},
 * POD-032) is the schema's business.
 */
public final class VolumesRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    JsonNode volumes = Nodes.array(context.root(), "volumes");
    Map<String, Integer> seen = new HashMap<>();
    for (int i : Nodes.objectIndexes(volumes)) {
      String at = JsonPointers.child("/volumes", i);
      JsonNode volume = volumes.get(i);
      checkVolume(context, at, volume);
      String name = Nodes.string(volume, "name");
      if (name == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        Reports.violation(
            context,
            "POD-030",
            at + "/name",
            "volume names must be unique: need one volume \""
                + name
                + "\", got another at /volumes/"
                + first,
            "mounts refer to volumes by name; rename or remove one of them");
      }
    }
  }

  /** Checks one volume object at {@code pointer}. */
  static void checkVolume(RuleContext ctx, String pointer, JsonNode volume) {
    String name = Nodes.string(volume, "name");
    if (name != null) {
      try {
        AcName.parse(name, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "POD-030", pointer + "/name", "volume name", e);
      }
    }
    String kind = Nodes.string(volume, "kind");
    Reports.notOneOf(ctx, "POD-032", pointer + "/kind", kind, List.of("empty", "host"));
    if ("host".equals(kind)) {
      checkHost(ctx, pointer, volume);
    } else if ("empty".equals(kind)) {
      checkEmpty(ctx, pointer, volume);
    }
    for (String[] id : new String[][] {{"uid", "POD-038"}, {"gid", "POD-039"}}) {
      Long value = Nodes.integer(volume, id[0]);
      if (value != null && value < 0) {
        Reports.note(
            ctx,
            id[1],
            pointer + "/" + id[0],
            "volume " + id[0] + " " + value + " is negative and names no owner",
            "use a non-negative ID; 0 is the default (pods.md types "
                + id[0]
                + " as a plain integer, so this is a note, not an error)");
      }
    }
  }

  private static void checkHost(RuleContext ctx, String pointer, JsonNode volume) {
    String source = Nodes.string(volume, "source");
    JsonNode sourceNode = volume.get("source");
    if (ctx.actool() && sourceNode != null && sourceNode.isNull()) {
      // actool mode lets the schema pass a null source, because Go decoded null into the plain
      // string as "" (VR R-JSON-04), which is fine on an empty volume; a host volume needs a path.
      source = "";
    }
    if (source != null) {
      try {
        AbsolutePath.parse(source, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "POD-035", pointer + "/source", "host volume source", e);
      }
    }
    String[][] emptyOnly = {{"mode", "POD-037"}, {"uid", "POD-038"}, {"gid", "POD-039"}};
    for (String[] member : emptyOnly) {
      if (present(volume, member[0])) {
        onlyForOtherKind(ctx, member[1], pointer + "/" + member[0], member[0], "empty", "host");
      }
    }
  }

  private static void checkEmpty(RuleContext ctx, String pointer, JsonNode volume) {
    String source = Nodes.string(volume, "source");
    boolean sourceSet = present(volume, "source") && !(source != null && source.isEmpty());
    if (sourceSet) {
      onlyForOtherKind(ctx, "POD-035", pointer + "/source", "source", "host", "empty");
    }
    if (present(volume, "recursive")) {
      Reports.note(
          ctx,
          "POD-036",
          pointer + "/recursive",
          "recursive is only interpreted for host volumes and is ignored on an empty volume",
          "remove it");
    }
    String mode = Nodes.string(volume, "mode");
    if (mode != null) {
      try {
        OctalMode.parse(mode, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.specOnlyInvalid(ctx, "POD-037", pointer + "/mode", "empty volume mode", e);
      }
    }
  }

  private static void onlyForOtherKind(
      RuleContext ctx, String id, String pointer, String member, String forKind, String kind) {
    String message =
        member
            + " is only interpreted for "
            + forKind
            + " volumes, not on "
            + ("empty".equals(kind) ? "an " : "a ")
            + kind
            + " volume";
    if (ctx.actool()) {
      Reports.violation(ctx, id, pointer, message + " (actool rejects it)", "remove " + member);
    } else {
      Reports.note(ctx, id, pointer, message + ", and is ignored", "remove " + member);
    }
  }

  private static boolean present(JsonNode object, String member) {
    JsonNode value = object.get(member);
    return value != null && !value.isNull();
  }
}
