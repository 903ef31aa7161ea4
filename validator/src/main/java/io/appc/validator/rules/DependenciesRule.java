package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.ImageId;
import io.appc.validator.types.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * aci.md §Image Manifest Schema, {@code dependencies[]}: {@code imageName} is an AC Identifier
 * (IM-081), {@code imageID} an Image ID (IM-082), {@code labels} follow the label rules (IM-083,
 * reported with the label IDs). A dependency listed twice is noted (IM-080): the second copy adds
 * nothing but rendering time.
 */
public final class DependenciesRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    JsonNode dependencies = Nodes.array(context.root(), "dependencies");
    List<JsonNode> seen = new ArrayList<>();
    for (int i : Nodes.objectIndexes(dependencies)) {
      JsonNode dependency = dependencies.get(i);
      String at = JsonPointers.child("/dependencies", i);
      String imageName = Nodes.string(dependency, "imageName");
      if (imageName != null) {
        try {
          AcIdentifier.parse(imageName, context.compat());
        } catch (InvalidValueException e) {
          Reports.invalid(context, "IM-081", at + "/imageName", "dependency imageName", e);
        }
      }
      String imageId = Nodes.string(dependency, "imageID");
      if (ImageId.isElided(imageId) && !context.actool()) {
        // aci.md's own example writes "sha512-..."; reject real IDs, but only warn on the
        // documented placeholder so the spec's example stays usable as a template.
        context
            .findings()
            .warning(
                "IM-082",
                at + "/imageID",
                "dependency imageID: need the full digest, got the placeholder \"sha512-...\"",
                "replace the placeholder with the image ID of the dependency (appc image-id FILE)");
      } else if (imageId != null) {
        try {
          ImageId.parse(imageId, context.compat());
        } catch (InvalidValueException e) {
          Reports.invalid(context, "IM-082", at + "/imageID", "dependency imageID", e);
        }
      }
      LabelsRule.checkList(context, at + "/labels", Nodes.array(dependency, "labels"));
      int first = seen.indexOf(dependency);
      if (first >= 0) {
        Reports.note(
            context,
            "IM-080",
            at,
            "dependency is listed twice (same as /dependencies/" + first + ")",
            "remove the second copy");
      }
      seen.add(dependency);
    }
  }
}
