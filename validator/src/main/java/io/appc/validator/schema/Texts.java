package io.appc.validator.schema;

import com.networknt.schema.Error;
import io.appc.validator.types.NameSuggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Messages ("need X, got Y") and hints for schema errors. */
final class Texts {
  /** A finding's message and hint. */
  record Text(String message, String hint) {}

  private static final int SHOWN_CHARS = 40;

  private Texts() {}

  /**
   * Describes one failed keyword.
   *
   * @param subschema the original subschema that holds the keyword (with descriptions)
   * @param member the missing member for {@code required}
   */
  static Text describe(String keyword, Error error, JsonNode subschema, String member) {
    JsonNode value = error.getInstanceNode();
    JsonNode expected = error.getSchemaNode();
    return switch (keyword) {
      case "type" -> type(expected, value);
      case "required" -> required(subschema, member);
      case "enum" ->
          new Text(
              "need one of " + list(expected) + ", got " + shown(value), closest(expected, value));
      case "const" -> constant(expected, value);
      case "minimum", "maximum" -> range(subschema, value);
      case "minLength" -> minLength(expected, value, subschema);
      case "maxLength" ->
          new Text(
              "need at most " + expected + " characters, got " + value.stringValue("").length(),
              "shorten the value");
      case "minItems" ->
          new Text(
              "need at least " + expected + " " + entries(expected) + ", got " + value.size(),
              "add entries to the list");
      case "maxItems" ->
          new Text(
              "need at most " + expected + " " + entries(expected) + ", got " + value.size(),
              "remove entries from the list");
      case "oneOf" ->
          new Text(
              "need a value that matches exactly one of the allowed forms, got one that matches"
                  + " several",
              "make the value fit only one of the allowed forms");
      default -> new Text(error.getMessage(), "");
    };
  }

  private static Text type(JsonNode expected, JsonNode value) {
    String need = typePhrase(expected);
    String message = "need " + need + ", got " + actual(value);
    return new Text(message, typeHint(expected, value, need));
  }

  private static String typeHint(JsonNode expected, JsonNode value, String need) {
    boolean wantsNumber = mentions(expected, "integer") || mentions(expected, "number");
    if (value.isNull()) {
      return "remove the null or replace it with " + need;
    }
    if (wantsNumber && value.isString() && isNumeric(value.stringValue())) {
      return "write the number without quotes: " + value.stringValue().strip();
    }
    if (mentions(expected, "boolean") && value.isString()) {
      String text = value.stringValue().strip().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return "write " + text + " without quotes";
      }
    }
    if (mentions(expected, "string") && (value.isNumber() || value.isBoolean())) {
      return "put the value in quotes: \"" + value + "\"";
    }
    if (mentions(expected, "array") && !value.isArray()) {
      return "write a JSON list, e.g. [" + (value.isObject() ? "{...}" : shown(value)) + "]";
    }
    return "replace the value with " + need;
  }

  private static Text required(JsonNode subschema, String member) {
    String message = "required member \"" + member + "\" is missing";
    JsonNode property = subschema.path("properties").path(member);
    JsonNode example = property.path("examples").path(0);
    if (example.isMissingNode()) {
      example = property.path("default");
    }
    String hint;
    String add = "add the member \"" + member + "\"";
    if (!example.isMissingNode()) {
      hint = add + ", e.g. \"" + member + "\": " + example;
    } else if (property.path("description").isString()) {
      hint = add + ". " + firstSentence(property.path("description").stringValue());
    } else {
      hint = add;
    }
    return new Text(message, hint);
  }

  private static Text constant(JsonNode expected, JsonNode value) {
    String message = "need " + json(expected) + ", got " + shown(value);
    String hint = "set it to " + json(expected);
    if (expected.isString()
        && value.isString()
        && expected.stringValue().equalsIgnoreCase(value.stringValue())) {
      hint = "the value is case-sensitive: use " + json(expected);
    }
    return new Text(message, hint);
  }

  private static Text range(JsonNode subschema, JsonNode value) {
    JsonNode min = subschema.path("minimum");
    JsonNode max = subschema.path("maximum");
    String noun = typePhrase(subschema.path("type"));
    String bounds;
    String hint;
    if (min.isNumber() && max.isNumber()) {
      bounds = " from " + min + " to " + max;
      hint = "use a value from " + min + " to " + max;
    } else if (min.isNumber()) {
      bounds = " of at least " + min;
      hint = "use a value of at least " + min;
    } else {
      bounds = " of at most " + max;
      hint = "use a value of at most " + max;
    }
    return new Text("need " + noun + bounds + ", got " + value, hint);
  }

  private static Text minLength(JsonNode expected, JsonNode value, JsonNode subschema) {
    JsonNode example = subschema.path("examples").path(0);
    String exampleText = example.isMissingNode() ? "" : ", e.g. " + example;
    if (expected.asInt() == 1) {
      return new Text("need a non-empty string, got \"\"", "give a value" + exampleText);
    }
    return new Text(
        "need at least " + expected + " characters, got " + value.stringValue("").length(),
        "lengthen the value" + exampleText);
  }

  /** "a string", "an integer or null", ... for the value of a {@code type} keyword. */
  static String typePhrase(JsonNode type) {
    if (type.isArray()) {
      List<String> parts = new ArrayList<>();
      type.forEach(t -> parts.add(typePhrase(t)));
      return String.join(" or ", parts);
    }
    return switch (type.stringValue("")) {
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "a boolean";
      case "object" -> "an object";
      case "array" -> "an array";
      case "null" -> "null";
      default -> "a value";
    };
  }

  /** What a value is, for the "got" half of a message. */
  static String actual(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isString()) {
      return "a string (" + shown(value) + ")";
    }
    if (value.isNumber()) {
      return "a number (" + value + ")";
    }
    if (value.isBoolean()) {
      return "a boolean (" + value + ")";
    }
    return value.isArray() ? "an array" : "an object";
  }

  /** A value as JSON text, shortened; objects and arrays are only named. */
  static String shown(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    return json(value);
  }

  static String json(JsonNode value) {
    String text = value.toString();
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS - 3) + "...";
  }

  /** {@code "a", "b"} for an {@code enum} value. */
  static String list(JsonNode values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(v.toString()));
    return String.join(", ", parts);
  }

  private static String closest(JsonNode allowed, JsonNode value) {
    if (value.isString()) {
      List<String> names = new ArrayList<>();
      allowed.forEach(candidate -> names.add(candidate.stringValue("")));
      String got = value.stringValue();
      Optional<String> best = NameSuggestions.nearest(got, names, Math.max(2, got.length() / 2));
      if (best.isPresent()) {
        return "did you mean \"" + best.get() + "\"?";
      }
    }
    return "use one of " + list(allowed);
  }

  private static boolean mentions(JsonNode type, String name) {
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (name.equals(t.stringValue(""))) {
          return true;
        }
      }
      return false;
    }
    return name.equals(type.stringValue(""));
  }

  private static boolean isNumeric(String text) {
    return text.strip().matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  }

  private static String entries(JsonNode count) {
    return count.asInt() == 1 ? "entry" : "entries";
  }

  private static String firstSentence(String description) {
    int end = description.indexOf(". ");
    String sentence = end < 0 ? description : description.substring(0, end + 1);
    return sentence.length() <= 120 ? sentence : sentence.substring(0, 117) + "...";
  }
}
