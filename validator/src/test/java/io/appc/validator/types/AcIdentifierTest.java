package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcIdentifierTest {
  /** Go acidentifier_test.go good values that also match the spec's expression. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "asdf",
        "foo-bar-baz",
        "zab_rab_oof",
        "database",
        "my~database",
        "example.com/database",
        "example.com/ourapp-1.0.0",
        "sub-domain.example.com/org/product/release-1.0.0",
        "example.com/ourapp",
        "sub-domain.example.com/org/product/release",
        "a",
        "0"
      })
  void acceptsIdentifiersInBothModes(String value) throws InvalidValueException {
    assertEquals(value, AcIdentifier.parse(value, Compat.SPEC).value());
    assertEquals(value, AcIdentifier.parse(value, Compat.ACTOOL).value());
  }

  /** Consecutive separators: accepted by Go (VR §2.1), rejected by the spec's expression. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com/~bob/database",
        "sub-domain.example.com/org/product/~alice/release-1.0.0",
        "example.com/~user/app_v1",
        "a--b",
        "a//b",
        "a/.b",
        "a.-_~/b"
      })
  void acceptsSeparatorRunsOnlyInActoolMode(String value) throws InvalidValueException {
    assertEquals(value, AcIdentifier.parse(value, Compat.ACTOOL).value());
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> AcIdentifier.parse(value, Compat.SPEC));
    assertTrue(e.detail().contains("two separators"), e.getMessage());
    // The spec contradicts itself here; the hint says which reading this validator takes.
    assertTrue(e.hint().contains("example.com/~user/app_v1"), e.hint());
  }

  /** Go acidentifier_test.go bad values. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "BAR",
        "foo#",
        "EXAMPLE.com",
        "foo.com/BAR",
        "/app",
        "app/",
        "-app",
        "app-",
        ".app",
        "app.",
        "_app",
        "app_",
        "~app",
        "app~",
        "example.com/app#1",
        "~example.com/app1",
        "caf\u00e9",
        "a b"
      })
  void rejectsBadIdentifiersInBothModes(String value) {
    for (Compat compat : Compat.values()) {
      InvalidValueException e =
          assertThrows(InvalidValueException.class, () -> AcIdentifier.parse(value, compat));
      assertEquals(value, e.value());
      assertTrue(e.getMessage().startsWith("need an AC Identifier, got "), e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void suggestsLowerCaseForUpperCaseLetters(Compat compat) {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class, () -> AcIdentifier.parse("Example.com/App", compat));
    assertTrue(e.hint().contains("\"example.com/app\""), e.hint());
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void rejectsNull(Compat compat) {
    assertThrows(InvalidValueException.class, () -> AcIdentifier.parse(null, compat));
  }
}
