package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentNameTest {
  /** Go environment_test.go good values. */
  @ParameterizedTest
  @ValueSource(
      strings = {"DEBUG", "_0_DEBUG_0_", "DEBUG.0", "DEBUG-0", "path", "REDUCE_WORKER_DEBUG"})
  void acceptsNamesInBothModes(String value) throws InvalidValueException {
    assertEquals(value, EnvironmentName.parse(value, Compat.SPEC).value());
    EnvironmentName.parse(value, Compat.ACTOOL);
  }

  /** The spec allows any order of the allowed characters; Go wanted a letter or '_' first. */
  @ParameterizedTest
  @ValueSource(strings = {"0DEBUG", ".hidden", "-x", "9"})
  void acceptsLeadingDigitsOnlyInSpecMode(String value) throws InvalidValueException {
    assertFalse(EnvironmentName.parse(value, Compat.SPEC).posixPortable());
    assertThrows(InvalidValueException.class, () -> EnvironmentName.parse(value, Compat.ACTOOL));
  }

  /** Go environment_test.go and VR §16.31 bad values. */
  @ParameterizedTest
  @ValueSource(strings = {"", "VERBOSE|DEBUG", "A=B", "\u00c9", "A B", "A\n"})
  void rejectsInBothModes(String value) {
    assertThrows(InvalidValueException.class, () -> EnvironmentName.parse(value, Compat.SPEC));
    assertThrows(InvalidValueException.class, () -> EnvironmentName.parse(value, Compat.ACTOOL));
  }

  @Test
  void explainsAnAssignmentInTheName() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> EnvironmentName.parse("A=B", Compat.SPEC));
    assertTrue(e.hint().contains("separate members"), e.hint());
  }

  @Test
  void knowsPosixPortableNames() throws InvalidValueException {
    assertTrue(EnvironmentName.parse("_A1", Compat.SPEC).posixPortable());
    assertFalse(EnvironmentName.parse("A.B", Compat.SPEC).posixPortable());
  }
}
