package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.AbsolutePath;
import io.appc.validator.types.InvalidValueException;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * aci.md §Image Manifest Schema, {@code pathWhitelist}: a list of absolute paths (IM-090). Go
 * accepted relative entries, so actool mode notes them; a repeated entry is noted in both modes.
 */
public final class PathWhitelistRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    JsonNode list = Nodes.array(context.root(), "pathWhitelist");
    if (list == null) {
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      if (!entry.isString()) {
        continue;
      }
      String at = JsonPointers.child("/pathWhitelist", i);
      String path = entry.asString();
      try {
        AbsolutePath.parse(path, context.compat());
      } catch (InvalidValueException e) {
        Reports.specOnlyInvalid(context, "IM-090", at, "pathWhitelist entry", e);
        continue;
      }
      Integer first = seen.putIfAbsent(path, i);
      if (first != null) {
        Reports.note(
            context,
            "IM-090",
            at,
            "pathWhitelist entry \"" + path + "\" repeats /pathWhitelist/" + first,
            "remove the repeated entry");
      }
    }
  }
}
