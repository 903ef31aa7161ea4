package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AbsolutePathTest {
  @ParameterizedTest
  @ValueSource(strings = {"/", "/opt/work", "/../x", "/a/./b/", "//double"})
  void acceptsAbsolutePathsInBothModes(String value) throws InvalidValueException {
    for (Compat compat : Compat.values()) {
      assertEquals(value, AbsolutePath.parse(value, compat).value());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "stuff", "../home/fred", "./x", "a/b", "/a\0b"})
  void rejectsOtherPathsInBothModes(String value) {
    for (Compat compat : Compat.values()) {
      assertThrows(InvalidValueException.class, () -> AbsolutePath.parse(value, compat));
    }
  }

  @ParameterizedTest
  @CsvSource({"/, /", "/a/./b/, /a/b", "/../x, /x", "//a//b/../c, /a/c", "/a/.., /"})
  void normalizesLexically(String value, String normalized) throws InvalidValueException {
    assertEquals(normalized, AbsolutePath.parse(value, Compat.SPEC).normalized());
  }

  @Test
  void detectsOverlappingPaths() throws InvalidValueException {
    AbsolutePath work = AbsolutePath.parse("/var/lib/work", Compat.SPEC);
    assertTrue(work.overlaps(AbsolutePath.parse("/var/lib/work/", Compat.SPEC)));
    assertTrue(work.overlaps(AbsolutePath.parse("/var/lib", Compat.SPEC)));
    assertTrue(work.overlaps(AbsolutePath.parse("/var/lib/work/cache", Compat.SPEC)));
    assertTrue(work.overlaps(AbsolutePath.parse("/", Compat.SPEC)));
    assertFalse(work.overlaps(AbsolutePath.parse("/var/lib/workshop", Compat.SPEC)));
    assertFalse(work.overlaps(AbsolutePath.parse("/mnt/bar", Compat.SPEC)));
  }
}
