package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * An AC Identifier (types.md): the name format of images, labels, annotations and isolators, e.g.
 * {@code example.com/reduce-worker}. Immutable.
 *
 * <p>The spec gives the RE2 expression {@code ^[a-z0-9]+([-._~/][a-z0-9]+)*$}, which allows one
 * separator between two alphanumeric runs. The Go reference code only checked the character set and
 * the first and last character, so it also accepted runs of separators such as {@code a--b} or
 * {@code example.com/~user/app_v1} (one of the spec's own examples). {@link Compat#ACTOOL} accepts
 * that larger language.
 *
 * @param value the identifier text
 */
public record AcIdentifier(String value) {
  static final String NEED = "an AC Identifier";
  private static final String SEPARATORS = "-._~/";

  public AcIdentifier {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses an AC Identifier.
   *
   * @param value the text to check
   * @param compat {@link Compat#SPEC} for the spec's regular expression, {@link Compat#ACTOOL} for
   *     the Go character and edge checks
   * @throws InvalidValueException if {@code value} is not an AC Identifier in that mode
   */
  public static AcIdentifier parse(String value, Compat compat) throws InvalidValueException {
    check(value, compat, SEPARATORS, NEED, "a-z, 0-9 and the separators - . _ ~ /");
    return new AcIdentifier(value);
  }

  /** True if the identifier is valid in the given mode. */
  public static boolean isValid(String value, Compat compat) {
    try {
      parse(value, compat);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  /**
   * The shared grammar of AC Identifier and AC Name: alphanumeric runs joined by one separator
   * (spec) or any run of separators (actool), lower-case ASCII only.
   */
  static void check(String value, Compat compat, String separators, String need, String allowed)
      throws InvalidValueException {
    String hint = "use only " + allowed + ", and start and end with a lower-case letter or a digit";
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, need, "empty", hint);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isAlnum(c) || separators.indexOf(c) >= 0) {
        continue;
      }
      String detail = "character " + describe(c) + " at offset " + i + " is not allowed";
      String fix =
          c >= 'A' && c <= 'Z'
              ? "write it in lower case: " + InvalidValueException.quote(lowerAscii(value))
              : hint;
      throw new InvalidValueException(value, need, detail, fix);
    }
    if (!isAlnum(value.charAt(0))) {
      throw new InvalidValueException(
          value, need, "starts with " + describe(value.charAt(0)), hint);
    }
    char last = value.charAt(value.length() - 1);
    if (!isAlnum(last)) {
      throw new InvalidValueException(value, need, "ends with " + describe(last), hint);
    }
    if (compat == Compat.SPEC) {
      for (int i = 1; i < value.length(); i++) {
        if (!isAlnum(value.charAt(i)) && !isAlnum(value.charAt(i - 1))) {
          throw new InvalidValueException(
              value,
              need,
              "two separators in a row at offset " + (i - 1),
              "the spec's expression allows exactly one separator between letters or digits"
                  + (separators.equals(SEPARATORS)
                      ? "; types.md's own example example.com/~user/app_v1 breaks it too, and"
                          + " this validator follows the expression"
                      : "")
                  + " (actool accepted runs of separators)");
        }
      }
    }
  }

  static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  static String describe(char c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static String lowerAscii(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return value;
  }
}
