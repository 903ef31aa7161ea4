package io.appc.validator.types;

import io.appc.validator.Compat;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * A URL with scheme http or https, as the {@code homepage} and {@code documentation} annotations
 * require (aci.md). Immutable.
 *
 * <p>{@link Compat#SPEC} requires an absolute URI (RFC 3986 syntax, checked with {@link URI}) whose
 * scheme is http or https in any case (schemes are case-insensitive) and which has a non-empty
 * host, because an http URI without a host cannot be dereferenced (RFC 7230 §2.7.1). {@link
 * Compat#ACTOOL} follows Go's {@code net/url.Parse} plus the scheme check of the reference code: no
 * control characters, valid percent escapes, no characters in the host that Go refuses (such as a
 * space), a numeric port, and a scheme that is http or https after lower-casing. Go did not require
 * a host, so {@code http:foo} and {@code https://} pass there.
 *
 * @param value the URL text
 * @param scheme the scheme in lower case
 * @param host the host, or empty when absent (actool mode only)
 */
public record HttpUrl(String value, String scheme, String host) {
  private static final String NEED = "an http or https URL such as \"https://example.com/docs\"";
  private static final String SCHEME_HINT =
      "aci.md allows only web URLs here: write http://... or https://...";

  public HttpUrl {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(host, "host");
  }

  /**
   * Parses an http(s) URL.
   *
   * @throws InvalidValueException if {@code value} is not such a URL in that mode
   */
  public static HttpUrl parse(String value, Compat compat) throws InvalidValueException {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, NEED, "empty", "");
    }
    return compat == Compat.ACTOOL ? parseGo(value) : parseStrict(value);
  }

  private static HttpUrl parseStrict(String value) throws InvalidValueException {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new InvalidValueException(
          value,
          NEED,
          reason(e) + (e.getIndex() >= 0 ? " at offset " + e.getIndex() : ""),
          "percent-encode spaces and other characters that URLs do not allow");
    }
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new InvalidValueException(
          value, NEED, "no scheme", "write an absolute URL starting with https://");
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    if (!lower.equals("http") && !lower.equals("https")) {
      throw new InvalidValueException(
          value, NEED, "scheme \"" + scheme + "\" is not http or https", SCHEME_HINT);
    }
    String authority = uri.getRawAuthority();
    String host = authority == null ? "" : hostOf(authority);
    if (host.isEmpty()) {
      throw new InvalidValueException(
          value, NEED, "no host", "write the host after the scheme, e.g. https://example.com/");
    }
    String port = portOf(authority);
    if (port != null && !port.isEmpty() && !port.chars().allMatch(Character::isDigit)) {
      throw new InvalidValueException(value, NEED, "port \"" + port + "\" is not a number", "");
    }
    return new HttpUrl(value, lower, host);
  }

  private static String hostOf(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      return end < 0 ? hostPort : hostPort.substring(0, end + 1);
    }
    int colon = hostPort.lastIndexOf(':');
    return colon < 0 ? hostPort : hostPort.substring(0, colon);
  }

  private static String portOf(String authority) {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    int close = hostPort.lastIndexOf(']');
    int colon = hostPort.lastIndexOf(':');
    return colon > close ? hostPort.substring(colon + 1) : null;
  }

  private static HttpUrl parseGo(String value) throws InvalidValueException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new InvalidValueException(
            value, NEED, "control character " + AcIdentifier.describe(c) + " in URL", "");
      }
    }
    String rest = value;
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      checkEscapes(value, rest.substring(hash + 1));
      rest = rest.substring(0, hash);
    }
    int colon = rest.indexOf(':');
    String scheme = colon > 0 ? rest.substring(0, colon) : "";
    if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new InvalidValueException(
          value, NEED, "no scheme", "write an absolute URL starting with https://");
    }
    String lower = scheme.toLowerCase(Locale.ROOT);
    rest = rest.substring(colon + 1);
    int question = rest.indexOf('?');
    if (question >= 0) {
      rest = rest.substring(0, question);
    }
    String host = "";
    if (rest.startsWith("//")) {
      String afterSlashes = rest.substring(2);
      int slash = afterSlashes.indexOf('/');
      String authority = slash < 0 ? afterSlashes : afterSlashes.substring(0, slash);
      rest = slash < 0 ? "" : afterSlashes.substring(slash);
      host = goHost(value, authority);
    }
    checkEscapes(value, rest);
    if (!lower.equals("http") && !lower.equals("https")) {
      throw new InvalidValueException(
          value, NEED, "scheme \"" + scheme + "\" is not http or https", SCHEME_HINT);
    }
    return new HttpUrl(value, lower, host);
  }

  /** The parser's reason in this report's words ("https://" has no host, not "authority"). */
  private static String reason(URISyntaxException e) {
    String reason = e.getReason();
    if ("Expected authority".equals(reason)) {
      return "no host after \"//\"";
    }
    return reason.isEmpty()
        ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }

  private static String goHost(String value, String authority) throws InvalidValueException {
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    String host = hostPort;
    String port = null;
    if (hostPort.startsWith("[")) {
      int end = hostPort.indexOf(']');
      if (end < 0) {
        throw new InvalidValueException(value, NEED, "missing ']' in host", "");
      }
      host = hostPort.substring(0, end + 1);
      String after = hostPort.substring(end + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new InvalidValueException(value, NEED, "text after the IPv6 host", "");
        }
        port = after.substring(1);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon >= 0) {
        host = hostPort.substring(0, colon);
        port = hostPort.substring(colon + 1);
      }
    }
    if (port != null && !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidValueException(value, NEED, "port \"" + port + "\" is not a number", "");
    }
    checkEscapes(value, host);
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c >= 0x80
              || "-._~!$&'()*+,;=:[]<>\"%".indexOf(c) >= 0;
      if (!ok) {
        throw new InvalidValueException(
            value, NEED, "invalid character " + AcIdentifier.describe(c) + " in host name", "");
      }
    }
    return host;
  }

  private static void checkEscapes(String value, String part) throws InvalidValueException {
    for (int i = 0; i < part.length(); i++) {
      if (part.charAt(i) == '%') {
        if (i + 2 >= part.length() || !isHex(part.charAt(i + 1)) || !isHex(part.charAt(i + 2))) {
          throw new InvalidValueException(
              value, NEED, "invalid percent escape", "write a literal % as %25");
        }
        i += 2;
      }
    }
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  @Override
  public String toString() {
    return value;
  }
}
