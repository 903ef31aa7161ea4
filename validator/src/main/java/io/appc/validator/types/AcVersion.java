package io.appc.validator.types;

import io.appc.validator.Compat;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An AC Version (types.md): the version of the spec a manifest was written for, in SemVer 2.0.0
 * form, e.g. {@code 0.8.11}. Immutable.
 *
 * <p>{@link Compat#SPEC} applies SemVer 2.0.0 exactly: numeric parts without leading zeros,
 * dot-separated pre-release and build identifiers made of {@code [0-9A-Za-z-]}, and no leading
 * zeros in numeric pre-release identifiers. {@link Compat#ACTOOL} follows the go-semver parser the
 * reference tool used: split the build part at the first {@code +} and the pre-release at the first
 * {@code -} without checking either, accept leading zeros in the three numbers (each must fit in a
 * signed 64-bit integer), and reject {@code 0.0.0} when it has neither a pre-release nor a build
 * part.
 *
 * @param major the major version
 * @param minor the minor version
 * @param patch the patch version
 * @param preRelease the pre-release part without the {@code -}, or empty
 * @param build the build metadata without the {@code +}, or empty
 */
public record AcVersion(
    BigInteger major, BigInteger minor, BigInteger patch, String preRelease, String build) {
  private static final String NEED = "a SemVer 2.0.0 version such as \"0.8.11\"";
  private static final BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  /** The spec version this toolkit implements. */
  public static final AcVersion SUPPORTED = of(0, 8, 11);

  /**
   * Every version of the App Container specification that was released with a git tag, oldest
   * first. The first tag is v0.1.1; v0.8.11 is the last.
   */
  public static final List<AcVersion> TAGGED =
      List.of(
          of(0, 1, 1),
          of(0, 2, 0),
          of(0, 3, 0),
          of(0, 4, 0),
          of(0, 4, 1),
          of(0, 5, 0),
          of(0, 5, 1),
          of(0, 5, 2),
          of(0, 6, 0),
          of(0, 6, 1),
          of(0, 7, 0),
          of(0, 7, 1),
          of(0, 7, 2),
          of(0, 7, 3),
          of(0, 7, 4),
          of(0, 8, 0),
          of(0, 8, 1),
          of(0, 8, 2),
          of(0, 8, 3),
          of(0, 8, 4),
          of(0, 8, 5),
          of(0, 8, 6),
          of(0, 8, 7),
          of(0, 8, 8),
          of(0, 8, 9),
          of(0, 8, 10),
          of(0, 8, 11));

  public AcVersion {
    Objects.requireNonNull(major, "major");
    Objects.requireNonNull(minor, "minor");
    Objects.requireNonNull(patch, "patch");
    preRelease = preRelease == null ? "" : preRelease;
    build = build == null ? "" : build;
    if (major.signum() < 0 || minor.signum() < 0 || patch.signum() < 0) {
      throw new IllegalArgumentException("version numbers cannot be negative");
    }
  }

  /** A release version without pre-release or build parts. */
  public static AcVersion of(long major, long minor, long patch) {
    return new AcVersion(
        BigInteger.valueOf(major), BigInteger.valueOf(minor), BigInteger.valueOf(patch), "", "");
  }

  /**
   * Parses an AC Version.
   *
   * @throws InvalidValueException if {@code value} is not a version in that mode
   */
  public static AcVersion parse(String value, Compat compat) throws InvalidValueException {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, NEED, "empty", "write the spec version, e.g. 0.8.11");
    }
    return compat == Compat.ACTOOL ? parseGo(value) : parseSemVer(value);
  }

  private static AcVersion parseSemVer(String value) throws InvalidValueException {
    String rest = value;
    String build = "";
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = rest.substring(plus + 1);
      rest = rest.substring(0, plus);
      identifiers(value, build, "build metadata", false);
    }
    String pre = "";
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = rest.substring(dash + 1);
      rest = rest.substring(0, dash);
      identifiers(value, pre, "pre-release", true);
    }
    String[] parts = rest.split("\\.", -1);
    if (parts.length != 3) {
      throw new InvalidValueException(
          value,
          NEED,
          "the version core has " + parts.length + " part" + (parts.length == 1 ? "" : "s"),
          "write MAJOR.MINOR.PATCH, e.g. 0.8.11");
    }
    BigInteger[] numbers = new BigInteger[3];
    for (int i = 0; i < 3; i++) {
      String part = parts[i];
      if (part.isEmpty() || !allDigits(part)) {
        throw new InvalidValueException(
            value,
            NEED,
            "\"" + part + "\" is not a number",
            value.startsWith("v") ? "drop the leading \"v\"" : "write MAJOR.MINOR.PATCH");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        throw new InvalidValueException(
            value,
            NEED,
            "\"" + part + "\" has a leading zero",
            "SemVer forbids leading zeros; write " + new BigInteger(part));
      }
      numbers[i] = new BigInteger(part);
    }
    return new AcVersion(numbers[0], numbers[1], numbers[2], pre, build);
  }

  private static void identifiers(String value, String part, String what, boolean numericRule)
      throws InvalidValueException {
    String hint = "the " + what + " is dot-separated identifiers of [0-9A-Za-z-]";
    if (part.isEmpty()) {
      throw new InvalidValueException(value, NEED, "empty " + what, hint);
    }
    for (String id : part.split("\\.", -1)) {
      if (id.isEmpty()) {
        throw new InvalidValueException(value, NEED, "empty " + what + " identifier", hint);
      }
      for (int i = 0; i < id.length(); i++) {
        char c = id.charAt(i);
        if (!((c >= '0' && c <= '9')
            || (c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || c == '-')) {
          throw new InvalidValueException(
              value, NEED, AcIdentifier.describe(c) + " is not allowed in the " + what, hint);
        }
      }
      if (numericRule && id.length() > 1 && id.charAt(0) == '0' && allDigits(id)) {
        throw new InvalidValueException(
            value,
            NEED,
            "numeric " + what + " identifier \"" + id + "\" has a leading zero",
            "SemVer forbids leading zeros in numeric pre-release identifiers");
      }
    }
  }

  private static AcVersion parseGo(String value) throws InvalidValueException {
    String rest = value;
    String build = "";
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = rest.substring(plus + 1);
      rest = rest.substring(0, plus);
    }
    String pre = "";
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = rest.substring(dash + 1);
      rest = rest.substring(0, dash);
    }
    // go-semver splits into at most three parts, so "1.2.3.4" fails on the number "3.4".
    String[] parts = rest.split("\\.", 3);
    if (parts.length != 3) {
      throw new InvalidValueException(
          value, NEED, "not in MAJOR.MINOR.PATCH form", "write MAJOR.MINOR.PATCH, e.g. 0.8.11");
    }
    BigInteger[] numbers = new BigInteger[3];
    for (int i = 0; i < 3; i++) {
      String part = parts[i];
      if (part.isEmpty() || !allDigits(part)) {
        throw new InvalidValueException(
            value, NEED, "\"" + part + "\" is not a number", "write MAJOR.MINOR.PATCH");
      }
      BigInteger n = new BigInteger(part);
      if (n.compareTo(INT64_MAX) > 0) {
        throw new InvalidValueException(
            value, NEED, "\"" + part + "\" does not fit in 64 bits", "use a smaller number");
      }
      numbers[i] = n;
    }
    AcVersion version = new AcVersion(numbers[0], numbers[1], numbers[2], pre, build);
    if (version.equals(new AcVersion(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, "", ""))) {
      throw new InvalidValueException(
          value, NEED, "0.0.0 is the zero version", "write the spec version, e.g. 0.8.11");
    }
    return version;
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }

  /**
   * Compares by SemVer precedence: numbers first, then a version with a pre-release is lower than
   * the same version without one, pre-release identifiers compared one by one (numeric ones by
   * value and below alphanumeric ones). Build metadata is ignored, so this ordering is not
   * consistent with {@link #equals}.
   */
  public int comparePrecedence(AcVersion other) {
    int c = major.compareTo(other.major);
    if (c == 0) {
      c = minor.compareTo(other.minor);
    }
    if (c == 0) {
      c = patch.compareTo(other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    String[] a = preRelease.split("\\.", -1);
    String[] b = other.preRelease.split("\\.", -1);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      boolean an = allDigits(a[i]);
      boolean bn = allDigits(b[i]);
      int d;
      if (an && bn) {
        d = new BigInteger(a[i]).compareTo(new BigInteger(b[i]));
      } else if (an != bn) {
        d = an ? -1 : 1;
      } else {
        d = a[i].compareTo(b[i]);
      }
      if (d != 0) {
        return d;
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /** True if this names a tagged release of the spec (build metadata is ignored). */
  public boolean isTaggedRelease() {
    return preRelease.isEmpty() && TAGGED.stream().anyMatch(t -> t.comparePrecedence(this) == 0);
  }

  /** The canonical text: {@code MAJOR.MINOR.PATCH[-PRE][+BUILD]}. */
  @Override
  public String toString() {
    return major
        + "."
        + minor
        + "."
        + patch
        + (preRelease.isEmpty() ? "" : "-" + preRelease)
        + (build.isEmpty() ? "" : "+" + build);
  }
}
