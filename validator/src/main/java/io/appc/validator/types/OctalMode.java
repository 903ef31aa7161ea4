package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * The permission mode of an empty volume (pods.md {@code volumes[].mode}), an octal string such as
 * {@code "0755"}. Immutable.
 *
 * <p>Accepted: one to four octal digits, optionally after one leading {@code 0}, with a value of at
 * most {@code 07777} (permission bits plus setuid, setgid and sticky). The Go reference code kept
 * the string unparsed; rules report a bad mode in actool mode as a note only, so this parser does
 * not depend on the mode.
 *
 * @param value the mode text
 * @param bits the numeric mode
 */
public record OctalMode(String value, int bits) {
  private static final String NEED = "an octal mode such as \"0755\"";

  public OctalMode {
    Objects.requireNonNull(value, "value");
    if (bits < 0 || bits > 07777) {
      throw new IllegalArgumentException("mode out of range: " + bits);
    }
  }

  /**
   * Parses an octal mode. {@code compat} is accepted for uniformity; both modes agree.
   *
   * @throws InvalidValueException if {@code value} is not an octal mode
   */
  public static OctalMode parse(String value, Compat compat) throws InvalidValueException {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, NEED, "empty", "omit mode to get 0755");
    }
    // Characters first: "rwxr-xr-x" is a symbolic mode, not an octal one with too many digits.
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '7') {
        throw new InvalidValueException(
            value,
            NEED,
            AcIdentifier.describe(c) + " is not an octal digit",
            "write the mode as octal digits, e.g. \"0750\" for rwxr-x---");
      }
    }
    String digits = value.length() == 5 && value.charAt(0) == '0' ? value.substring(1) : value;
    if (digits.length() > 4) {
      throw new InvalidValueException(value, NEED, "too many digits", "write at most 4 digits");
    }
    return new OctalMode(value, Integer.parseInt(digits, 8));
  }

  @Override
  public String toString() {
    return value;
  }
}
