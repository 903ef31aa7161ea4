package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * An AC Name (types.md): the format of app, volume, mount point and port names, e.g. {@code
 * reduce-worker}. Lower-case letters, digits and {@code -}. Immutable.
 *
 * <p>The spec's expression is {@code ^[a-z0-9]+([-][a-z0-9]+)*$}; the Go reference code did not
 * reject a run of dashes ({@code a--b}), which {@link Compat#ACTOOL} therefore accepts.
 *
 * @param value the name text
 */
public record AcName(String value) {
  static final String NEED = "an AC Name";

  public AcName {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses an AC Name.
   *
   * @throws InvalidValueException if {@code value} is not an AC Name in that mode
   */
  public static AcName parse(String value, Compat compat) throws InvalidValueException {
    AcIdentifier.check(value, compat, "-", NEED, "a-z, 0-9 and -");
    return new AcName(value);
  }

  /** True if the name is valid in the given mode. */
  public static boolean isValid(String value, Compat compat) {
    try {
      parse(value, compat);
      return true;
    } catch (InvalidValueException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
