package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OctalModeTest {
  @ParameterizedTest
  @CsvSource({
    "0755, 493",
    "755, 493",
    "0777, 511",
    "1777, 1023",
    "01777, 1023",
    "0, 0",
    "7777, 4095"
  })
  void readsOctalModes(String value, int bits) throws InvalidValueException {
    assertEquals(bits, OctalMode.parse(value, Compat.SPEC).bits());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "rwx", "0888", "0x1ff", "-755", "17777", "000755", " 755", "493a"})
  void rejectsNonOctalModes(String value) {
    for (Compat compat : Compat.values()) {
      assertThrows(InvalidValueException.class, () -> OctalMode.parse(value, compat));
    }
  }

  /** A symbolic mode is long, but its problem is the letters, not the number of digits. */
  @ParameterizedTest
  @ValueSource(strings = {"rwxr-xr-x", "u=rwx,g=rx"})
  void namesTheFirstNonOctalCharacterOfASymbolicMode(String value) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> OctalMode.parse(value, Compat.SPEC));
    assertTrue(e.detail().endsWith("is not an octal digit"), e.detail());
    assertTrue(e.hint().contains("0750"), e.hint());
  }
}
