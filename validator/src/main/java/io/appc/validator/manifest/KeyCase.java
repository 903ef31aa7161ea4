package io.appc.validator.manifest;

import io.appc.validator.json.JsonDocument;
import io.appc.validator.rules.KnownMembers.Member;
import io.appc.validator.rules.KnownMembers.ObjectType;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Actool mode only: renames member names that match a defined member without regard to ASCII case
 * ({@code "User"}, {@code "supplementaryGids"}) to the spelling the spec uses, because Go's JSON
 * decoder matched them that way and the actool accepted such manifests. When two names map to the
 * same member, the later one wins, as it did in Go. Members the spec does not define keep their
 * name, and free-form objects (user annotations and labels, isolator values) are left alone.
 */
final class KeyCase {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KeyCase() {}

  /** Normalizes using the kind the root's {@code acKind} names (or the shape of the root). */
  static JsonDocument normalize(JsonDocument document) {
    return normalize(document, null);
  }

  /**
   * Normalizes member names.
   *
   * @param forced the kind to read the document as, or {@code null} to detect it
   */
  static JsonDocument normalize(JsonDocument document, ManifestKind forced) {
    JsonNode root = document.root();
    if (root == null || !root.isObject()) {
      return document;
    }
    ManifestKind kind = forced != null ? forced : kindOf(root);
    boolean[] changed = new boolean[1];
    JsonNode renamed = rename(root, ObjectType.root(kind), changed);
    return changed[0] ? document.withRoot(renamed) : document;
  }

  private static ManifestKind kindOf(JsonNode root) {
    boolean podShaped = false;
    for (Map.Entry<String, JsonNode> property : root.properties()) {
      String name = property.getKey();
      JsonNode value = property.getValue();
      if (name.equalsIgnoreCase("acKind") && value.isString()) {
        ManifestKind named = ManifestKind.fromAcKind(value.asString());
        if (named != null) {
          return named;
        }
      }
      if (name.equalsIgnoreCase("apps") || name.equalsIgnoreCase("volumes")) {
        podShaped = true;
      }
    }
    return podShaped ? ManifestKind.POD : ManifestKind.IMAGE;
  }

  private static JsonNode rename(JsonNode object, ObjectType type, boolean[] changed) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> property : object.properties()) {
      String name = property.getKey();
      JsonNode value = property.getValue();
      Member member = type.memberIgnoringCase(name);
      if (member == null) {
        out.set(name, value);
        continue;
      }
      if (!member.name().equals(name)) {
        changed[0] = true;
        // Go decodes both spellings into one field, the later value replacing the earlier one.
        out.remove(member.name());
      }
      out.set(member.name(), member.structured() ? child(value, member, changed) : value);
    }
    return out;
  }

  private static JsonNode child(JsonNode value, Member member, boolean[] changed) {
    if (member.list() && value.isArray()) {
      ArrayNode list = NODES.arrayNode();
      for (JsonNode element : value) {
        list.add(element.isObject() ? rename(element, member.type(), changed) : element);
      }
      return list;
    }
    if (!member.list() && value.isObject()) {
      return rename(value, member.type(), changed);
    }
    return value;
  }
}
