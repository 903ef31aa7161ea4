package io.appc.validator.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Null-safe reading of a manifest tree. Every accessor returns nothing for a value of the wrong
 * JSON type, because the schema layer reports types and a rule only checks what it can read.
 */
final class Nodes {
  private Nodes() {}

  /** An object member that holds a string, or {@code null}. */
  static String string(JsonNode object, String member) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(member);
    return value != null && value.isString() ? value.asString() : null;
  }

  /** An object member that is an object, or {@code null}. */
  static JsonNode object(JsonNode object, String member) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(member);
    return value != null && value.isObject() ? value : null;
  }

  /** An object member that is an array, or {@code null}. */
  static JsonNode array(JsonNode object, String member) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(member);
    return value != null && value.isArray() ? value : null;
  }

  /** An object member that is an integer that fits in a long, or {@code null}. */
  static Long integer(JsonNode object, String member) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode value = object.get(member);
    return value != null && value.isIntegralNumber() && value.canConvertToLong()
        ? value.longValue()
        : null;
  }

  /**
   * A JSON number without a fractional part ({@code 80}, {@code 80.0}, {@code 1e30}), however
   * large, or {@code null} for anything else, including a missing value. It stays a {@code
   * BigDecimal} so that an exponent such as {@code 1e999999999} is never expanded.
   */
  static BigDecimal wholeNumber(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return new BigDecimal(value.bigIntegerValue());
    }
    BigDecimal decimal = value.decimalValue();
    return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0 ? decimal : null;
  }

  /**
   * The {@code name} of a list entry as a key for a uniqueness check, or {@code null} when there is
   * none to compare. In actool mode an entry without a {@code name} member counts as named {@code
   * ""}, because Go decoded the absent member as its zero value and then compared it
   * (validation-rules.md R-LBL-02, R-ANN-01, R-POD-10): one such entry passes, two collide.
   */
  static String nameKey(RuleContext ctx, JsonNode entry) {
    String name = string(entry, "name");
    if (name == null && ctx.actool() && entry != null && entry.isObject() && !entry.has("name")) {
      return "";
    }
    return name;
  }

  /** True if the object has the member, whatever its value (including {@code null}). */
  static boolean has(JsonNode object, String member) {
    return object != null && object.isObject() && object.has(member);
  }

  /** The indexes of the array elements that are objects, in order. */
  static List<Integer> objectIndexes(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isObject()) {
          out.add(i);
        }
      }
    }
    return out;
  }
}
