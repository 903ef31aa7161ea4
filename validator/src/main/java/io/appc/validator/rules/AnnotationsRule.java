package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.AcName;
import io.appc.validator.types.HttpUrl;
import io.appc.validator.types.InvalidValueException;
import io.appc.validator.types.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Annotation lists. For the image manifest (aci.md §Image Manifest Schema): names are AC
 * Identifiers (IM-100) and unique (IM-101); the recognized annotations {@code created} (IM-105),
 * {@code homepage} (IM-107), {@code documentation} (IM-108) and {@code
 * appc.io/executor/supports-systemd-notify} (IM-109) have typed values; and custom names should
 * carry a namespace (IM-104, a SHOULD: a warning for a name without {@code /} that the spec does
 * not recognise).
 *
 * <p>For pods (pods.md) the names are AC Names and unique, on apps (POD-025) and on the pod
 * (POD-041); the Go code checked them as AC Identifiers, which actool mode follows. App annotations
 * are merged into the image's annotations by the metadata service, so the recognized values are
 * checked there too. Pod-level annotations have no recognized names in the spec; only actool mode
 * checks their values, as Go did.
 */
public final class AnnotationsRule implements ManifestRule {
  /** Where an annotation list sits; it decides the name type and which IDs apply. */
  enum Scope {
    IMAGE("IM-100", "IM-101"),
    POD_APP("POD-025", "POD-025"),
    POD("POD-041", "POD-041");

    final String nameId;
    final String uniqueId;

    Scope(String nameId, String uniqueId) {
      this.nameId = nameId;
      this.uniqueId = uniqueId;
    }
  }

  static final String SYSTEMD_NOTIFY = "appc.io/executor/supports-systemd-notify";
  private static final Set<String> RECOGNIZED =
      Set.of("created", "authors", "homepage", "documentation", SYSTEMD_NOTIFY);

  @Override
  public void check(RuleContext context) {
    checkList(context, "/annotations", Nodes.array(context.root(), "annotations"), Scope.IMAGE);
  }

  static void checkList(RuleContext ctx, String pointer, JsonNode annotations, Scope scope) {
    if (annotations == null || !annotations.isArray()) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i : Nodes.objectIndexes(annotations)) {
      JsonNode annotation = annotations.get(i);
      String at = JsonPointers.child(pointer, i);
      String name = Nodes.nameKey(ctx, annotation);
      if (name == null) {
        continue;
      }
      boolean nameless = !annotation.has("name");
      Integer first = seen.putIfAbsent(name, i);
      if (first != null) {
        Reports.violation(
            ctx,
            scope.uniqueId,
            nameless ? at : at + "/name",
            "annotation names must be unique: need one annotation \""
                + name
                + "\", got another at "
                + JsonPointers.child(pointer, first)
                + (nameless ? " (actool reads a missing name as \"\")" : ""),
            "remove or merge one of them");
        continue;
      }
      if (nameless) {
        continue;
      }
      if (!validName(ctx, at + "/name", name, scope)) {
        continue;
      }
      if (scope == Scope.IMAGE && !RECOGNIZED.contains(name) && name.indexOf('/') < 0) {
        Reports.violation(
            ctx,
            "IM-104",
            at + "/name",
            "annotation \"" + name + "\" is not one the spec defines and has no namespace",
            "prefix custom annotations with a namespace you own, e.g. \"example.com/"
                + name
                + "\"");
      }
      String value = Nodes.string(annotation, "value");
      if (value != null && (scope != Scope.POD || ctx.actool())) {
        checkValue(ctx, at + "/value", name, value);
      }
    }
  }

  private static boolean validName(RuleContext ctx, String pointer, String name, Scope scope) {
    try {
      if (scope == Scope.IMAGE || ctx.actool()) {
        AcIdentifier.parse(name, ctx.compat());
      } else {
        AcName.parse(name, ctx.compat());
      }
      return true;
    } catch (InvalidValueException e) {
      String hint = e.hint();
      if (scope != Scope.IMAGE && AcIdentifier.isValid(name, ctx.compat())) {
        hint = "pods.md restricts pod annotation names to AC Names (actool allowed AC Identifiers)";
      }
      Reports.violation(ctx, scope.nameId, pointer, "annotation name: " + e.getMessage(), hint);
      return false;
    }
  }

  private static void checkValue(RuleContext ctx, String pointer, String name, String value) {
    try {
      switch (name) {
        case "created" -> Timestamp.parse(value, ctx.compat());
        case "homepage", "documentation" -> HttpUrl.parse(value, ctx.compat());
        case SYSTEMD_NOTIFY -> {
          if (!value.equals("true") && !value.equals("false")) {
            Reports.specOnly(
                ctx,
                "IM-109",
                pointer,
                "annotation "
                    + SYSTEMD_NOTIFY
                    + ": need \"true\" or \"false\", got "
                    + InvalidValueException.quote(value),
                "the value is a string boolean in lower case");
          }
        }
        default -> {}
      }
    } catch (InvalidValueException e) {
      String id = name.equals("created") ? "IM-105" : name.equals("homepage") ? "IM-107" : "IM-108";
      Reports.invalid(ctx, id, pointer, "annotation " + name, e);
    }
  }
}
