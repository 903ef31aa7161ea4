package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.appc.validator.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcNameTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "asdf",
        "foo-bar-baz",
        "database",
        "product-database",
        "product-database-release",
        "example",
        "foo-bar",
        "a1-2b"
      })
  void acceptsNamesInBothModes(String value) throws InvalidValueException {
    assertEquals(value, AcName.parse(value, Compat.SPEC).value());
    assertEquals(value, AcName.parse(value, Compat.ACTOOL).value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a--b", "foo---bar"})
  void acceptsDashRunsOnlyInActoolMode(String value) throws InvalidValueException {
    assertEquals(value, AcName.parse(value, Compat.ACTOOL).value());
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> AcName.parse(value, Compat.SPEC));
    // The tilde example belongs to AC Identifiers; an AC Name hint does not mention it.
    assertFalse(e.hint().contains("~"), e.hint());
  }

  /** Go acname_test.go bad values. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "foo#",
        "example.com",
        "EXAMPLE.com",
        "example/database",
        "example/database-1.0.0",
        "foo.com/BAR",
        "example.com/app_1",
        "/app",
        "app/",
        "-app",
        "app-",
        ".app",
        "app.",
        "EXAMPLE",
        "Foo"
      })
  void rejectsBadNamesInBothModes(String value) {
    for (Compat compat : Compat.values()) {
      InvalidValueException e =
          assertThrows(InvalidValueException.class, () -> AcName.parse(value, compat));
      assertEquals(value, e.value());
    }
  }
}
