package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * The name of an app environment variable (aci.md, {@code app.environment[].name}). Immutable.
 *
 * <p>{@link Compat#SPEC}: one or more ASCII letters, digits, {@code _}, {@code .} or {@code -}. The
 * text points at POSIX for letters, digits and underscore and adds period and hyphen for practical
 * reasons; it does not forbid a leading digit (see {@link #posixPortable()} for that advice).
 * {@link Compat#ACTOOL}: the Go expression {@code ^[A-Za-z_][A-Za-z_0-9.-]*$}, which also requires
 * a letter or underscore first.
 *
 * @param value the variable name
 */
public record EnvironmentName(String value) {
  private static final String NEED_SPEC =
      "an environment variable name of letters, digits, '_', '.' and '-'";
  private static final String NEED_GO =
      "an environment variable name matching ^[A-Za-z_][A-Za-z_0-9.-]*$";

  public EnvironmentName {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses an environment variable name.
   *
   * @throws InvalidValueException if {@code value} is not a valid name in that mode
   */
  public static EnvironmentName parse(String value, Compat compat) throws InvalidValueException {
    boolean go = compat == Compat.ACTOOL;
    String need = go ? NEED_GO : NEED_SPEC;
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, need, "empty", "give the variable a name");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isNameChar(c)) {
        String hint =
            c == '='
                ? "the name and the value are separate members: {\"name\": \"A\", \"value\": \"B\"}"
                : "use only ASCII letters, digits, '_', '.' and '-'";
        throw new InvalidValueException(
            value, need, AcIdentifier.describe(c) + " at offset " + i + " is not allowed", hint);
      }
    }
    char first = value.charAt(0);
    if (go && !(isLetter(first) || first == '_')) {
      throw new InvalidValueException(
          value, need, "starts with " + AcIdentifier.describe(first), "start with a letter or '_'");
    }
    return new EnvironmentName(value);
  }

  /**
   * True if the name is a POSIX portable name: a letter or underscore followed by letters, digits
   * and underscores. Other names cannot be referenced from a POSIX shell.
   */
  public boolean posixPortable() {
    char first = value.charAt(0);
    if (!(isLetter(first) || first == '_')) {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  @Override
  public String toString() {
    return value;
  }
}
