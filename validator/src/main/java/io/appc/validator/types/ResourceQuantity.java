package io.appc.validator.types;

import io.appc.validator.Compat;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount in a resource isolator ({@code request} or {@code limit}), held as an exact decimal in
 * the resource's base unit (bytes, cores, operations per second). Never floating point: the spec
 * demands integer arithmetic in base units (ace.md §Resource Isolators), so every computation here
 * uses {@link BigDecimal} and {@link BigInteger}.
 *
 * <p>Two grammars exist:
 *
 * <ul>
 *   <li>{@link Compat#SPEC}: exactly what ace.md §Resource Isolators lists. A non-negative decimal
 *       number ({@code 128974848}, {@code 0.3}) with at most one suffix: metric {@code E P T G M
 *       K}, binary {@code Ei Pi Ti Gi Mi Ki}, or milli-units {@code m}. Lower-case {@code k} is not
 *       in that list and is rejected, although the Go reference (whose Kubernetes parser knows only
 *       {@code k}) accepts it; {@code --compat=actool} reads it. Upper-case {@code K} is accepted;
 *       the rules add a portability note because Go-based tools reject it. No sign, no exponent, no
 *       {@code n}/{@code u} suffix, no surrounding spaces, digits on both sides of a decimal point.
 *   <li>{@link Compat#ACTOOL}: exactly what the Go reference accepts (validation-rules.md §6.3):
 *       the Kubernetes scanner with signs, exponents ({@code 1e3}, {@code 1E-3}), the suffixes
 *       {@code n u m k M G T P E Ki Mi Gi Ti Pi Ei} ({@code K} rejected), a bare suffix or sign
 *       reading as zero, values rounded away from zero to a multiple of 10<sup>-9</sup>, and
 *       binary-suffixed values clamped to 2<sup>63</sup>-1.
 * </ul>
 *
 * <p>{@link #equals} compares the written text, the suffix and the exact value including its
 * decimal scale ({@code 1k} and {@code 1000} differ); {@link #compareTo} compares amounts only.
 *
 * @param value the amount in base units; in ACTOOL mode after Go's rounding and clamping
 * @param text the quantity as written ({@link BigDecimal#toString()} for a JSON number)
 * @param suffix the suffix as written: {@code ""}, {@code "Ki"}, {@code "m"}, {@code "e3"}...
 */
public record ResourceQuantity(BigDecimal value, String text, String suffix)
    implements Comparable<ResourceQuantity> {

  private static final Pattern SPEC_GRAMMAR =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|K|M|G|T|P|E)?");

  /** Decimal suffixes with their power of ten, in the Go reference's table. */
  private static final Map<String, Integer> GO_DECIMAL =
      Map.of("", 0, "n", -9, "u", -6, "m", -3, "k", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);

  private static final Map<String, Integer> SPEC_DECIMAL =
      Map.of("", 0, "m", -3, "K", 3, "M", 6, "G", 9, "T", 12, "P", 15, "E", 18);

  /** Binary suffixes with their power of two (the same in both grammars). */
  private static final Map<String, Integer> BINARY =
      Map.of("Ki", 10, "Mi", 20, "Gi", 30, "Ti", 40, "Pi", 50, "Ei", 60);

  private static final String GO_SUFFIX_CHARS = "eEinumkKMGTP";
  private static final int NANO = 9;
  private static final BigDecimal NANO_UNIT = BigDecimal.ONE.movePointLeft(NANO);
  private static final BigDecimal GO_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final String SPEC_SUFFIXES = "m, K, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi or Ei";
  private static final String GO_SUFFIXES =
      "n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent such as e3";

  public ResourceQuantity {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(suffix, "suffix");
  }

  /**
   * Parses a quantity written as text, in the grammar of {@code compat}. Like the Go reference's
   * {@code ParseQuantity}, no surrounding whitespace is allowed; use {@link #fromJsonString} for
   * the content of a JSON string.
   */
  public static ResourceQuantity parse(String text, Compat compat) throws QuantityFormatException {
    Objects.requireNonNull(text, "text");
    return compat == Compat.ACTOOL ? parseGo(text) : parseSpec(text);
  }

  /**
   * Parses the decoded content of a JSON string. In ACTOOL mode this reproduces Go's {@code
   * Quantity.UnmarshalJSON}: surrounding Unicode whitespace is trimmed, and a string that needed a
   * JSON escape (a control character, quote or backslash) is rejected because Go parses the raw,
   * still escaped bytes. A {@code \}{@code u} escape of an ordinary character cannot be told apart
   * after decoding and is accepted (Go rejects it).
   */
  public static ResourceQuantity fromJsonString(String decoded, Compat compat)
      throws QuantityFormatException {
    Objects.requireNonNull(decoded, "decoded");
    if (compat != Compat.ACTOOL) {
      return parseSpec(decoded);
    }
    for (int i = 0; i < decoded.length(); i++) {
      char c = decoded.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        throw new QuantityFormatException(
            decoded,
            "need a quantity without JSON escape sequences, got " + quote(decoded),
            "actool parses the raw JSON text, so an escaped character makes the quantity invalid");
      }
    }
    return parseGo(trimGoSpace(decoded));
  }

  /**
   * A quantity written as a bare JSON number ({@code "limit": 100}). The spec's own example writes
   * the decimal {@code 0.3} unquoted, and the Go reference parses the number's text like a string,
   * so both modes accept it. SPEC rejects negative numbers; ACTOOL rounds away from zero to a
   * multiple of 10<sup>-9</sup> as Go does.
   */
  public static ResourceQuantity fromJsonNumber(BigDecimal number, Compat compat)
      throws QuantityFormatException {
    Objects.requireNonNull(number, "number");
    String text = number.toString();
    if (compat == Compat.ACTOOL) {
      return new ResourceQuantity(roundUpToNano(number), text, "");
    }
    if (number.signum() < 0) {
      throw new QuantityFormatException(
          text, "need a non-negative quantity, got " + text, "resource amounts cannot be negative");
    }
    return new ResourceQuantity(number, text, "");
  }

  /** The amount rounded up to a whole number of base units, saturated to the long range. */
  public long bytesCeil() {
    return ceilToLong(value);
  }

  /** The amount in thousandths (e.g. milli-cores), rounded up, saturated to the long range. */
  public long milliCeil() {
    return ceilToLong(value.movePointRight(3));
  }

  /** True if the amount is a whole number of base units (e.g. no fraction of a byte). */
  public boolean isWhole() {
    return isWhole(value);
  }

  /** True if the amount is a whole number of thousandths (e.g. no fraction of a milli-core). */
  public boolean isWholeMilli() {
    return isWhole(value.movePointRight(3));
  }

  public int signum() {
    return value.signum();
  }

  @Override
  public int compareTo(ResourceQuantity other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return text;
  }

  // ---- SPEC grammar ----

  private static ResourceQuantity parseSpec(String text) throws QuantityFormatException {
    Matcher m = SPEC_GRAMMAR.matcher(text);
    if (!m.matches()) {
      throw specFailure(text);
    }
    String suffix = m.group(2) == null ? "" : m.group(2);
    BigDecimal number = new BigDecimal(m.group(1));
    BigDecimal value =
        BINARY.containsKey(suffix)
            ? number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(BINARY.get(suffix))))
            : number.movePointRight(SPEC_DECIMAL.get(suffix));
    return new ResourceQuantity(value, text, suffix);
  }

  private static QuantityFormatException specFailure(String text) {
    String need = "need a non-negative decimal number with an optional suffix (" + SPEC_SUFFIXES;
    String got = "), got " + quote(text);
    if (text.isEmpty()) {
      return new QuantityFormatException(
          text,
          "need a quantity such as 500m, 1Gi or 2K, got an empty string",
          "write the amount, e.g. \"512Mi\"");
    }
    if (text.matches("[0-9]+(\\.[0-9]+)?k")) {
      String number = text.substring(0, text.length() - 1);
      return new QuantityFormatException(
          text,
          need + got,
          "the spec's kilo suffix is upper-case: write "
              + number
              + "K (x1000) or "
              + number
              + "Ki (x1024); --compat=actool reads k as the Go reference did");
    }
    if (!text.equals(text.strip())) {
      return new QuantityFormatException(
          text, need + got + " with surrounding spaces", "remove the spaces");
    }
    if (text.startsWith("-")) {
      return new QuantityFormatException(text, need + got, "resource amounts cannot be negative");
    }
    if (text.startsWith("+")) {
      return new QuantityFormatException(text, need + got, "drop the '+' sign");
    }
    if (text.startsWith(".") || text.matches("[0-9]+\\.[^0-9].*|[0-9]+\\.")) {
      return new QuantityFormatException(
          text, need + got, "write digits on both sides of the decimal point, e.g. 0.5 or 1");
    }
    String goSuffix = goSuffixOf(text);
    if (goSuffix != null && goSuffix.length() > 1 && (goSuffix.charAt(0) | 0x20) == 'e') {
      return new QuantityFormatException(
          text,
          need + got,
          "the spec has no exponent notation (actool reads it); use a suffix instead, e.g. 1K for"
              + " 1e3");
    }
    if ("n".equals(goSuffix) || "u".equals(goSuffix)) {
      return new QuantityFormatException(
          text,
          need + got,
          "the smallest unit the spec defines is milli (m); actool also reads n and u");
    }
    return new QuantityFormatException(text, need + got, "e.g. 250m, 0.5, 128974848, 123Mi, 2G");
  }

  /** The suffix Go's scanner would split off, or {@code null} if it fails to scan. */
  private static String goSuffixOf(String text) {
    try {
      return scanGo(text).suffix;
    } catch (QuantityFormatException e) {
      return null;
    }
  }

  // ---- ACTOOL grammar: the Go reference (Kubernetes resource.Quantity) ----

  /** The parts Go's {@code parseQuantityString} splits a quantity into. */
  private record GoParts(
      boolean negative, String num, String denom, String suffix, boolean mantissaHasDigit) {}

  private static ResourceQuantity parseGo(String text) throws QuantityFormatException {
    if (text.isEmpty()) {
      throw new QuantityFormatException(
          text,
          "need a quantity such as 500m, 1Gi or 2k, got an empty string",
          "write the amount, e.g. \"512Mi\"");
    }
    if (text.equals("0")) {
      return new ResourceQuantity(BigDecimal.ZERO, text, "");
    }
    GoParts parts = scanGo(text);
    String suffix = parts.suffix;
    boolean binary = BINARY.containsKey(suffix);
    int exponent;
    if (binary) {
      exponent = BINARY.get(suffix);
    } else if (GO_DECIMAL.containsKey(suffix)) {
      exponent = GO_DECIMAL.get(suffix);
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        // Go parses a 64-bit exponent and then truncates it to 32 bits; Java's cast does the same.
        exponent = (int) Long.parseLong(suffix.substring(1));
      } catch (NumberFormatException e) {
        throw suffixFailure(text, suffix);
      }
    } else {
      throw suffixFailure(text, suffix);
    }

    int numLength = parts.num.isEmpty() ? 1 : parts.num.length();
    int denomLength = parts.denom.length();
    String allDigits = parts.num + parts.denom;
    BigInteger digits = allDigits.isEmpty() ? BigInteger.ZERO : new BigInteger(allDigits);
    boolean fastPath;
    if (binary) {
      int precision = 15 - numLength - (int) ((float) exponent * 3 / 10) - 1;
      fastPath =
          denomLength == 0
              && precision >= 0
              && digits.shiftLeft(exponent).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) <= 0;
    } else {
      int precision = 18 - (numLength + denomLength);
      fastPath = precision >= 0 && exponent - denomLength >= -NANO;
    }
    // Go's slow path re-reads the number before the suffix with a decimal parser that needs at
    // least one digit, so "Pi", "Ei" and "e-10" fail while "Ki" and "e3" read as zero.
    if (!fastPath && !parts.mantissaHasDigit) {
      throw new QuantityFormatException(
          text,
          "need digits before the suffix " + quote(suffix) + ", got " + quote(text),
          "write a number in front of the suffix, e.g. \"1" + suffix + "\"");
    }

    BigDecimal magnitude;
    if (binary) {
      magnitude =
          new BigDecimal(digits, denomLength)
              .multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)));
    } else {
      long scale = (long) denomLength - exponent;
      if (scale > Integer.MAX_VALUE || scale < Integer.MIN_VALUE) {
        throw new QuantityFormatException(
            text,
            "need an exponent within 32 bits, got " + quote(suffix),
            "actool wraps such exponents into meaningless values; write a plain number");
      }
      magnitude = new BigDecimal(digits, (int) scale);
    }
    magnitude = roundUpToNano(magnitude);
    if (binary && magnitude.compareTo(GO_MAX) > 0) {
      magnitude = GO_MAX;
    }
    return new ResourceQuantity(parts.negative ? magnitude.negate() : magnitude, text, suffix);
  }

  /** Go's {@code parseQuantityString}: sign, zeros, integer digits, fraction, suffix. */
  private static GoParts scanGo(String str) throws QuantityFormatException {
    int end = str.length();
    int pos = 0;
    boolean negative = false;
    if (pos < end && (str.charAt(0) == '-' || str.charAt(0) == '+')) {
      negative = str.charAt(0) == '-';
      pos++;
    }
    while (pos < end && str.charAt(pos) == '0') {
      pos++;
    }
    if (pos >= end) {
      // Only a sign and zeros: Go returns the number "0" without looking further.
      return new GoParts(negative, "", "", "", true);
    }
    int numStart = pos;
    while (pos < end && isAsciiDigit(str.charAt(pos))) {
      pos++;
    }
    String num = str.substring(numStart, pos);
    String denom = "";
    if (pos < end && str.charAt(pos) == '.') {
      pos++;
      int denomStart = pos;
      while (pos < end && isAsciiDigit(str.charAt(pos))) {
        pos++;
      }
      denom = str.substring(denomStart, pos);
    }
    int suffixStart = pos;
    boolean mantissaHasDigit = false;
    for (int i = 0; i < suffixStart; i++) {
      mantissaHasDigit |= isAsciiDigit(str.charAt(i));
    }
    while (pos < end && GO_SUFFIX_CHARS.indexOf(str.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (str.charAt(pos) == '-' || str.charAt(pos) == '+')) {
      pos++;
    }
    while (pos < end && isAsciiDigit(str.charAt(pos))) {
      pos++;
    }
    if (pos < end) {
      throw new QuantityFormatException(
          str,
          "need a number ([+-], digits, optional '.' and digits) followed by a suffix ("
              + GO_SUFFIXES
              + "), got "
              + quote(str),
          "actool uses the Kubernetes quantity grammar, e.g. 500m, 1.5Gi, 2k, 1e3");
    }
    return new GoParts(negative, num, denom, str.substring(suffixStart), mantissaHasDigit);
  }

  private static QuantityFormatException suffixFailure(String text, String suffix) {
    String hint =
        suffix.startsWith("K") && !suffix.equals("Ki")
            ? "actool accepts only lower-case k for kilo (or Ki for 1024)"
            : "use one of the listed suffixes, e.g. Mi for 2^20 or M for 10^6";
    return new QuantityFormatException(
        text,
        "need a suffix " + GO_SUFFIXES + ", got " + quote(suffix) + " in " + quote(text),
        hint);
  }

  // ---- arithmetic helpers ----

  /**
   * Rounds a non-zero amount away from zero to a multiple of 10<sup>-9</sup>, as Go's {@code
   * inf.RoundUp} on the magnitude does. Amounts below 10<sup>-9</sup> become exactly
   * 10<sup>-9</sup> without computing a huge power of ten.
   */
  private static BigDecimal roundUpToNano(BigDecimal amount) {
    if (amount.signum() == 0 || amount.scale() <= NANO) {
      return amount;
    }
    long adjustedExponent = (long) amount.precision() - amount.scale() - 1;
    if (adjustedExponent < -NANO) {
      return amount.signum() > 0 ? NANO_UNIT : NANO_UNIT.negate();
    }
    return amount.setScale(NANO, RoundingMode.UP);
  }

  private static long ceilToLong(BigDecimal amount) {
    if (amount.signum() == 0) {
      return 0;
    }
    if (amount.compareTo(GO_MAX) >= 0) {
      return Long.MAX_VALUE;
    }
    if (amount.compareTo(LONG_MIN) <= 0) {
      return Long.MIN_VALUE;
    }
    long adjustedExponent = (long) amount.precision() - amount.scale() - 1;
    if (adjustedExponent < 0) {
      return amount.signum() > 0 ? 1 : 0;
    }
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  private static boolean isWhole(BigDecimal amount) {
    if (amount.signum() == 0 || amount.scale() <= 0) {
      return true;
    }
    long adjustedExponent = (long) amount.precision() - amount.scale() - 1;
    if (adjustedExponent < 0) {
      return false;
    }
    try {
      amount.setScale(0, RoundingMode.UNNECESSARY);
      return true;
    } catch (ArithmeticException e) {
      return false;
    }
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Go's {@code strings.TrimSpace}: Unicode White_Space at both ends. */
  private static String trimGoSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isGoSpace(char c) {
    switch (c) {
      case '\t',
          '\n',
          0x0B,
          '\f',
          '\r',
          ' ',
          0x85,
          0xA0,
          0x1680,
          0x2028,
          0x2029,
          0x202F,
          0x205F,
          0x3000 -> {
        return true;
      }
      default -> {
        return c >= 0x2000 && c <= 0x200A;
      }
    }
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
