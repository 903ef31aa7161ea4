package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUrlTest {
  /** Go url_test.go good values plus scheme case and ports. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://foo.com",
        "http://foo.com/huh/what?is=this",
        "https://example.com/bar",
        "http://yis.com/hello?goodbye=yes",
        "https://ohai.net",
        "HTTPS://example.com",
        "HtTp://example.com",
        "https://example.com:8443/docs#intro",
        "http://user@example.com/",
        "http://[2001:db8::1]/",
        "https://example.com/a%20b"
      })
  void acceptsHttpUrlsInBothModes(String value) throws InvalidValueException {
    assertEquals(value, HttpUrl.parse(value, Compat.SPEC).value());
    HttpUrl.parse(value, Compat.ACTOOL);
  }

  /** Go url_test.go and VR §16.31 bad values. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://foo.com",
        "unix:///hello",
        "ftp://example.com",
        "unix://file.net",
        "not a url",
        "not-A$@#URL",
        "",
        "/docs",
        "javascript:alert(1)",
        "example.com",
        "http://exa mple.com/",
        "http://example.com:port/",
        "http://example.com/%zz"
      })
  void rejectsInBothModes(String value) {
    assertThrows(InvalidValueException.class, () -> HttpUrl.parse(value, Compat.SPEC));
    assertThrows(InvalidValueException.class, () -> HttpUrl.parse(value, Compat.ACTOOL));
  }

  /** Go did not require a host (VR R-URL-03). */
  @ParameterizedTest
  @ValueSource(strings = {"http:foo", "https://", "http:///path"})
  void acceptsHostlessUrlsOnlyInActoolMode(String value) throws InvalidValueException {
    assertEquals("", HttpUrl.parse(value, Compat.ACTOOL).host());
    assertThrows(InvalidValueException.class, () -> HttpUrl.parse(value, Compat.SPEC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPS://Example.com", "https://example.com"})
  void lowerCasesTheScheme(String value) throws InvalidValueException {
    for (Compat compat : Compat.values()) {
      assertEquals("https", HttpUrl.parse(value, compat).scheme());
    }
  }

  /** Every rejection says how to fix it: the report shows the hint next to the message. */
  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com", "mailto:docs@example.com"})
  void everyRejectionCarriesAHint(String value) {
    for (Compat compat : Compat.values()) {
      InvalidValueException e =
          assertThrows(InvalidValueException.class, () -> HttpUrl.parse(value, compat));
      assertFalse(e.hint() == null || e.hint().isBlank(), value);
    }
  }

  @Test
  void aUrlWithoutAHostSaysSo() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> HttpUrl.parse("https://", Compat.SPEC));
    assertEquals("no host after \"//\" at offset 8", e.detail());
  }
}
