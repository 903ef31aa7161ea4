package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class OsArchTest {
  /** Go labels_test.go os/arch vectors (VR §16.18): valid pairs and whether aci.md lists them. */
  @ParameterizedTest
  @CsvSource({
    "linux, amd64, true",
    "linux, i386, true",
    "linux, aarch64, false",
    "linux, aarch64_be, false",
    "linux, armv6l, false",
    "linux, armv7l, false",
    "linux, armv7b, false",
    "linux, ppc64le, false",
    "linux, ppc64, false",
    "linux, s390x, false",
    "freebsd, amd64, true",
    "freebsd, i386, true",
    "freebsd, arm, true",
    "darwin, x86_64, true",
    "darwin, i386, true"
  })
  void acceptsTheReferenceTable(String os, String arch, boolean listedInSpec)
      throws InvalidValueException {
    for (Compat compat : Compat.values()) {
      OsArch pair = OsArch.of(os, arch, compat);
      assertEquals(listedInSpec, pair.defaultWhitelisted(), pair.toString());
      assertEquals(pair, OsArch.parse(os + "/" + arch, compat));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "linux, arm64",
    "linux, arm64_be",
    "linux, arm",
    "linux, ppc64l",
    "linux, ppc64b",
    "linux, ppc64be",
    "linux, S390x",
    "freebsd, armv7b",
    "darwin, amd64",
    "OS/360, S/360",
    "Linux, amd64",
    "'', amd64"
  })
  void rejectsPairsOutsideTheTable(String os, String arch) {
    for (Compat compat : Compat.values()) {
      assertThrows(InvalidValueException.class, () -> OsArch.of(os, arch, compat));
    }
  }

  @ParameterizedTest
  @EnumSource(Compat.class)
  void acceptsAnOsWithoutArch(Compat compat) throws InvalidValueException {
    OsArch linux = OsArch.of("linux", null, compat);
    assertEquals("linux", linux.toString());
    assertTrue(linux.defaultWhitelisted());
    assertEquals(linux, OsArch.parse("linux", compat));
  }

  @Test
  void hintsAtTheAppcNameOfGoArchitectures() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> OsArch.of("linux", "arm64", Compat.SPEC));
    assertTrue(e.hint().contains("aarch64"), e.hint());
    e = assertThrows(InvalidValueException.class, () -> OsArch.of("darwin", "amd64", Compat.SPEC));
    assertTrue(e.hint().contains("x86_64"), e.hint());
  }

  @Test
  void hintsAtCaseForAnOsInTheWrongCase() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> OsArch.of("Linux", null, Compat.SPEC));
    assertTrue(e.hint().contains("\"linux\""), e.hint());
  }

  @Test
  void defaultWhitelistHasTheSevenPairsOfTheSpecText() {
    int pairs = OsArch.defaultWhitelist().values().stream().mapToInt(java.util.List::size).sum();
    assertEquals(7, pairs);
    assertFalse(OsArch.defaultWhitelist().get("linux").contains("aarch64"));
  }
}
