package io.appc.validator.rules;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.KnownMembers.Member;
import io.appc.validator.rules.KnownMembers.ObjectType;
import io.appc.validator.types.NameSuggestions;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Notes every object member the spec does not define, at every level of the manifest. A consumer
 * ignores such members, so a typo silently drops a setting ({@code workingDir} instead of {@code
 * workingDirectory}); the note names the member that was probably meant. Free-form objects ({@code
 * userAnnotations}, {@code userLabels}, isolator values) are not looked into.
 */
public final class UnknownMembersRule implements ManifestRule {
  /** The toolkit's own ID for this lint; it is not in the requirement catalog. */
  public static final String ID = "LINT-UNKNOWN-MEMBER";

  @Override
  public void check(RuleContext context) {
    JsonNode root = context.root();
    if (root != null && root.isObject()) {
      walk(context, root, "", ObjectType.root(context.kind()));
    }
  }

  private static void walk(RuleContext ctx, JsonNode object, String pointer, ObjectType type) {
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      String child = JsonPointers.child(pointer, name);
      Member member = type.member(name);
      if (member == null) {
        String suggestion = suggest(name, type.members().keySet());
        String hint;
        if (suggestion == null) {
          hint = "the spec defines " + String.join(", ", type.members().keySet());
        } else if (suggestion.equalsIgnoreCase(name)) {
          hint =
              "member names are case-sensitive: write \""
                  + suggestion
                  + "\" (actool matched names without regard to case)"
                  + (name.equals("supplementaryGids")
                      ? "; aci.md's example spells it supplementaryGids, but its field list, which"
                          + " defines the member, says supplementaryGIDs"
                      : "");
        } else {
          hint = "did you mean \"" + suggestion + "\"?";
        }
        Reports.note(
            ctx,
            ID,
            child,
            "unknown member \"" + name + "\" in " + type.label() + " is ignored",
            hint);
        continue;
      }
      if (!member.structured()) {
        continue;
      }
      JsonNode value = property.getValue();
      if (member.list()) {
        for (int i : Nodes.objectIndexes(value)) {
          walk(ctx, value.get(i), JsonPointers.child(child, i), member.type());
        }
      } else if (value.isObject()) {
        walk(ctx, value, child, member.type());
      }
    }
  }

  /**
   * The known name that {@code unknown} most likely misspells, or {@code null}. Candidates, best
   * first: the same name in another case or with {@code _}/{@code -} removed; a name at a small
   * edit distance; a name that starts with the unknown one (an abbreviation such as {@code
   * workingDir}) or the other way round.
   */
  public static String suggest(String unknown, Collection<String> known) {
    String key = squash(unknown);
    for (String k : known) {
      if (squash(k).equals(key)) {
        return k;
      }
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int allowed = Math.max(1, Math.min(3, key.length() / 4));
    for (String k : known) {
      int d = NameSuggestions.distance(key, squash(k));
      if (d <= allowed && d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best != null) {
      return best;
    }
    if (key.length() >= 3) {
      for (String k : known) {
        String sk = squash(k);
        if (sk.startsWith(key) || (key.startsWith(sk) && sk.length() >= 3)) {
          return k;
        }
      }
    }
    return null;
  }

  private static String squash(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }
}
