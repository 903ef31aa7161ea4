package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AcVersionTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0",
        "3.2.1",
        "3.2.1-foo",
        "1.2.3-alpha+git",
        "0.8.11",
        "0.8.11+git",
        "1.2.3-beta-2",
        "1.2.3+build-1",
        "1.0.0-alpha.1",
        "1.0.0-0.3.7",
        "1.0.0-x.7.z.92",
        "1.0.0+20130313144700",
        "1.0.0-beta+exp.sha.5114f85",
        "1.0.0+001",
        "0.0.0-a",
        "0.0.0+a",
        "99999999999999999999.0.0"
      })
  void acceptsSemVerInSpecMode(String value) throws InvalidValueException {
    assertEquals(value, AcVersion.parse(value, Compat.SPEC).toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "1.2",
        "1.2.3.4",
        "v1.2.3",
        " 1.2.3",
        "1.2.3 ",
        "+1.2.3",
        "-1.2.3",
        "1.2.-3",
        "1.2.+3",
        "01.02.03",
        "1.0.0-",
        "1.2.3-!!",
        "1.0.0-01",
        "1.0.0-alpha..1",
        "1.0.0+",
        "1.0.0+a..b",
        "1.0.0+a_b"
      })
  void rejectsNonSemVerInSpecMode(String value) {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> AcVersion.parse(value, Compat.SPEC));
    assertEquals(value, e.value());
  }

  /** VR R-VER-01 valid list (go-semver). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.0.0",
        "01.02.03",
        "1.0.0-",
        "1.2.3-!!",
        "1.2.3-beta-2",
        "1.2.3+build-1",
        "0.8.11+git",
        "0.0.0-a",
        "0.0.0+a",
        "3.2.1-foo",
        "1.2.3-alpha+git"
      })
  void acceptsGoSemVerInActoolMode(String value) throws InvalidValueException {
    AcVersion.parse(value, Compat.ACTOOL);
  }

  /** VR R-VER-01 invalid list (go-semver plus the zero check). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "1",
        "1.2",
        "1.2.3.4",
        "v1.2.3",
        " 1.2.3",
        "1.2.3 ",
        "+1.2.3",
        "-1.2.3",
        "1.2.-3",
        "1.2.+3",
        "9223372036854775808.0.0",
        "0.0.0",
        "0.0.0-",
        "0.0.0+",
        ""
      })
  void rejectsInActoolMode(String value) {
    assertThrows(InvalidValueException.class, () -> AcVersion.parse(value, Compat.ACTOOL));
  }

  @Test
  void acceptsZeroVersionOnlyInSpecMode() throws InvalidValueException {
    AcVersion zero = AcVersion.parse("0.0.0", Compat.SPEC);
    assertEquals(BigInteger.ZERO, zero.major());
    assertFalse(zero.isTaggedRelease());
  }

  @Test
  void readsTheParts() throws InvalidValueException {
    AcVersion v = AcVersion.parse("1.2.3-alpha.1+git.5", Compat.SPEC);
    assertEquals(BigInteger.ONE, v.major());
    assertEquals(BigInteger.TWO, v.minor());
    assertEquals(BigInteger.valueOf(3), v.patch());
    assertEquals("alpha.1", v.preRelease());
    assertEquals("git.5", v.build());
  }

  /** SemVer 2.0.0 §11 example chain, each lower than the next. */
  @Test
  void ordersByPrecedence() throws InvalidValueException {
    String[] chain = {
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "2.0.0",
      "2.1.0",
      "2.1.1"
    };
    for (int i = 1; i < chain.length; i++) {
      AcVersion lower = AcVersion.parse(chain[i - 1], Compat.SPEC);
      AcVersion higher = AcVersion.parse(chain[i], Compat.SPEC);
      assertTrue(lower.comparePrecedence(higher) < 0, chain[i - 1] + " < " + chain[i]);
      assertTrue(higher.comparePrecedence(lower) > 0, chain[i] + " > " + chain[i - 1]);
    }
  }

  @Test
  void ignoresBuildMetadataInPrecedence() throws InvalidValueException {
    AcVersion git = AcVersion.parse("0.8.11+git", Compat.SPEC);
    assertEquals(0, git.comparePrecedence(AcVersion.SUPPORTED));
    assertTrue(git.isTaggedRelease());
  }

  @ParameterizedTest
  @CsvSource({
    "0.1.1, true",
    "0.5.2, true",
    "0.8.10, true",
    "0.8.11, true",
    "0.1.0, false",
    "0.4.3, false",
    "0.8.12, false",
    "0.8.11-rc.1, false",
    "1.0.0, false"
  })
  void knowsTheTaggedReleases(String value, boolean tagged) throws InvalidValueException {
    assertEquals(tagged, AcVersion.parse(value, Compat.SPEC).isTaggedRelease());
  }
}
