package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {
  /** A finding without a hint leaves the user guessing, so an empty hint falls back to the need. */
  @Test
  void anEmptyHintBecomesAnInstructionToWriteWhatIsNeeded() {
    InvalidValueException e =
        new InvalidValueException("x", "an AC Name such as \"web\"", "too short", "");
    assertEquals("write an AC Name such as \"web\"", e.hint());
    assertEquals(
        "write an AC Name such as \"web\"",
        new InvalidValueException("x", "an AC Name such as \"web\"", "", null).hint());
  }

  @Test
  void aGivenHintIsKept() {
    assertEquals(
        "use lower case",
        new InvalidValueException("X", "an AC Name", "", "use lower case").hint());
  }
}
