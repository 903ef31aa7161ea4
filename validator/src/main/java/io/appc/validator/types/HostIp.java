package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * The {@code hostIP} of an exposed pod port (pods.md): the address to forward from. Immutable.
 *
 * <p>{@link Compat#SPEC}: an IPv4 address in dotted-quad notation, four decimal numbers 0-255
 * without leading zeros (a leading zero reads as octal to many tools). {@link Compat#ACTOOL}: what
 * Go's {@code net.ParseIP} accepts (Go 1.19): the same IPv4 form, or an IPv6 address, possibly with
 * a trailing dotted-quad part. Go also treated {@code ""} as "absent"; that is the rule's business,
 * this parser rejects the empty string in both modes.
 *
 * @param value the address text
 * @param ipv6 true if it is an IPv6 address (actool mode only)
 */
public record HostIp(String value, boolean ipv6) {
  private static final String NEED =
      "an IPv4 address in dotted-quad notation such as \"203.0.113.23\"";
  private static final String NEED_GO = "an IP address";

  public HostIp {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses a host IP.
   *
   * @throws InvalidValueException if {@code value} is not an address in that mode
   */
  public static HostIp parse(String value, Compat compat) throws InvalidValueException {
    boolean go = compat == Compat.ACTOOL;
    String need = go ? NEED_GO : NEED;
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, need, "empty", "omit hostIP to use every address");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.') {
        if (ipv4(value) < 0) {
          throw new InvalidValueException(
              value,
              need,
              "not four numbers 0-255 without leading zeros",
              "write e.g. 203.0.113.23");
        }
        return new HostIp(value, false);
      }
      if (c == ':') {
        if (!go) {
          throw new InvalidValueException(
              value, need, "IPv6 is not allowed", "pods.md asks for an IPv4 address");
        }
        if (!ipv6(value)) {
          throw new InvalidValueException(value, need, "not a valid IPv6 address", "");
        }
        return new HostIp(value, true);
      }
    }
    throw new InvalidValueException(value, need, "not an address", "write e.g. 203.0.113.23");
  }

  /** Length consumed by a dotted quad that must fill {@code s}, or -1. */
  private static int ipv4(String s) {
    int pos = 0;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (pos >= s.length() || s.charAt(pos) != '.') {
          return -1;
        }
        pos++;
      }
      int start = pos;
      int n = 0;
      while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 0x80) {
        n = n * 10 + (s.charAt(pos) - '0');
        pos++;
        if (n > 255) {
          return -1;
        }
      }
      if (pos == start || (pos - start > 1 && s.charAt(start) == '0')) {
        return -1;
      }
    }
    return pos == s.length() ? pos : -1;
  }

  /** A port of Go 1.19 {@code net.parseIPv6} (no zones). */
  private static boolean ipv6(String s) {
    int ellipsis = -1;
    if (s.length() >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return true;
      }
    }
    int i = 0;
    while (i < 16) {
      int c = 0;
      long n = 0;
      while (c < s.length() && hex(s.charAt(c)) >= 0) {
        n = n * 16 + hex(s.charAt(c));
        c++;
        if (n >= 0xFFFFFF) {
          return false;
        }
      }
      if (c == 0 || n > 0xFFFF) {
        return false;
      }
      if (c < s.length() && s.charAt(c) == '.') {
        if (ellipsis < 0 && i != 12) {
          return false;
        }
        if (i + 4 > 16 || ipv4(s) < 0) {
          return false;
        }
        s = "";
        i += 4;
        break;
      }
      i += 2;
      s = s.substring(c);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return false;
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return false;
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return false;
    }
    if (i < 16) {
      return ellipsis >= 0;
    }
    return ellipsis < 0;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  @Override
  public String toString() {
    return value;
  }
}
