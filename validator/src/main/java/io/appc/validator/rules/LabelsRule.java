package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.InvalidValueException;
import io.appc.validator.types.OsArch;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * aci.md §Image Manifest Schema, {@code labels}: names are AC Identifiers (IM-020), unique (IM-021)
 * and never {@code name} (IM-022); the {@code os}/{@code arch} pair is a supported combination
 * (IM-025), and {@code arch} alone means nothing (IM-024). The same rules apply to dependency
 * labels (IM-083) and pod image labels (POD-018), which the spec defines as the same form; their
 * findings carry the IDs of the rule they break.
 */
public final class LabelsRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    checkList(context, "/labels", Nodes.array(context.root(), "labels"));
  }

  /** Checks one label list at {@code pointer}; does nothing if {@code labels} is not a list. */
  static void checkList(RuleContext ctx, String pointer, JsonNode labels) {
    if (labels == null || !labels.isArray()) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    String os = null;
    String arch = null;
    String osPointer = null;
    String archPointer = null;
    boolean osLabel = false;
    for (int i : Nodes.objectIndexes(labels)) {
      JsonNode label = labels.get(i);
      String at = JsonPointers.child(pointer, i);
      String name = Nodes.nameKey(ctx, label);
      if (name == null) {
        continue;
      }
      boolean nameless = !label.has("name");
      String namePointer = nameless ? at : at + "/name";
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        Reports.violation(
            ctx,
            "IM-021",
            namePointer,
            "label names must be unique: need one label \""
                + name
                + "\", got another at "
                + JsonPointers.child(pointer, first)
                + (nameless ? " (actool reads a missing name as \"\")" : ""),
            "remove or rename one of them");
        continue;
      }
      if (nameless) {
        continue;
      }
      if (name.equals("name")) {
        Reports.violation(
            ctx,
            "IM-022",
            namePointer,
            "need a label name other than \"name\", got \"name\"",
            "the image name is the manifest's name member, not a label");
        continue;
      }
      try {
        AcIdentifier.parse(name, ctx.compat());
      } catch (InvalidValueException e) {
        Reports.invalid(ctx, "IM-020", namePointer, "label name", e);
        continue;
      }
      if (name.equals("os")) {
        osLabel = true;
        os = Nodes.string(label, "value");
        osPointer = at + "/value";
      } else if (name.equals("arch")) {
        arch = Nodes.string(label, "value");
        archPointer = at + "/value";
      }
    }
    if (osLabel && os == null) {
      // The os value has the wrong JSON type; the schema reports that.
      return;
    }
    checkOsArch(ctx, os, osPointer, arch, archPointer);
  }

  private static void checkOsArch(
      RuleContext ctx, String os, String osPointer, String arch, String archPointer) {
    if (os == null) {
      if (arch != null) {
        Reports.note(
            ctx,
            "IM-024",
            archPointer,
            "label arch \"" + arch + "\" has no meaning without an os label",
            "add an os label, or drop arch if the image runs on any OS");
      }
      return;
    }
    OsArch pair;
    try {
      pair = OsArch.of(os, arch, ctx.compat());
    } catch (InvalidValueException e) {
      String pointer = e.need().startsWith("a supported arch") ? archPointer : osPointer;
      Reports.invalid(ctx, "IM-025", pointer, "os/arch labels", e);
      return;
    }
    if (!ctx.actool() && !pair.defaultWhitelisted()) {
      Reports.note(
          ctx,
          "IM-026",
          arch != null ? archPointer : osPointer,
          "os/arch \""
              + pair
              + "\" is not in the spec's default whitelist; it is accepted as the extension the"
              + " reference implementation's table (types.ValidOSArch) makes",
          "executors that support only the seven default combinations may refuse this image");
    }
  }
}
