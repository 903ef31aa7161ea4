package io.appc.validator.rules.isolator;

import io.appc.validator.json.JsonPointers;
import io.appc.validator.types.NameSuggestions;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Looks up members of isolator objects the way each mode reads JSON. SPEC matches names exactly.
 * ACTOOL follows Go's {@code encoding/json}, which matches struct fields case-insensitively and
 * lets the last matching member win; the lookup works whether or not the document's keys were
 * already normalized.
 */
final class Members {
  /** One member: its name as written (for the JSON pointer) and its value. */
  record Member(String key, JsonNode node, String pointer) {}

  private Members() {}

  /** The member named {@code name} of {@code object}, or {@code null} when absent. */
  static Member get(JsonNode object, String name, String objectPointer, boolean actool) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (!actool) {
      return exact == null
          ? null
          : new Member(name, exact, JsonPointers.child(objectPointer, name));
    }
    Member found = null;
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        found = new Member(e.getKey(), e.getValue(), JsonPointers.child(objectPointer, e.getKey()));
      }
    }
    return found;
  }

  /**
   * Notes every member of an isolator value that its isolator does not define; executors ignore
   * such members, so a misspelt {@code "lmit"} silently drops a limit.
   */
  static void noteUnknown(
      Reporter reporter,
      JsonNode object,
      String objectPointer,
      String isolatorName,
      List<String> expected) {
    for (String key : object.propertyNames()) {
      boolean known =
          reporter.actool()
              ? expected.stream().anyMatch(key::equalsIgnoreCase)
              : expected.contains(key);
      if (known) {
        continue;
      }
      String hint =
          NameSuggestions.closest(key, expected)
              .map(s -> "did you mean \"" + s + "\"?")
              .orElse(isolatorName + " reads only " + quoteAll(expected));
      reporter.note(
          "TYPE-ISO-003",
          JsonPointers.child(objectPointer, key),
          "need only "
              + quoteAll(expected)
              + " in a "
              + isolatorName
              + " value, got \""
              + key
              + "\", which executors ignore",
          hint);
    }
  }

  static String quoteAll(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(i == names.size() - 1 ? " and " : ", ");
      }
      sb.append('"').append(names.get(i)).append('"');
    }
    return sb.toString();
  }

  /** How a JSON value reads in a "got ..." clause. */
  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      String s = node.asString();
      return s.isEmpty() ? "an empty string" : "the string \"" + shorten(s) + "\"";
    }
    if (node.isBoolean()) {
      return String.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return "the number " + shorten(node.numberValue().toString());
    }
    if (node.isArray()) {
      return node.isEmpty() ? "an empty array" : "an array";
    }
    return node.isEmpty() ? "an empty object" : "an object";
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
