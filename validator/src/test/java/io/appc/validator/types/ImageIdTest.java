package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageIdTest {
  private static final String FULL = "sha512-" + "0123456789abcdef".repeat(8);

  // TYPE-IMGID-001, ACI-ID-002: sha512-<128 lower-case hex digits>
  @Test
  void acceptsAFullLowerCaseDigestInBothModes() throws InvalidValueException {
    for (Compat compat : Compat.values()) {
      ImageId id = ImageId.parse(FULL, compat);
      assertEquals("sha512", id.algorithm());
      assertEquals(128, id.digest().length());
      assertTrue(id.isFull());
      assertEquals(FULL, id.toString());
    }
  }

  /**
   * TYPE-IMGID-001 (Go differs): Go hash_test.go and VR §16.31: anything non-empty after "sha512-"
   * without another dash.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha512-abcdefghi",
        "sha512-06c733b1838136838e6d2d3e8fa5aea4c7905e92",
        "sha512-...",
        "sha512-xyz",
        "sha512-ABCDEF",
        "sha512-a\n",
        "sha512-zz",
        "sha512-0123456789abcdef0123456789abcdef"
      })
  void acceptsLooseIdsOnlyInActoolMode(String value) throws InvalidValueException {
    assertFalse(ImageId.parse(value, Compat.ACTOOL).isFull());
    assertThrows(InvalidValueException.class, () -> ImageId.parse(value, Compat.SPEC));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha512-",
        "sha512",
        "sha1-abcdef",
        "-abcdef",
        "SHA512-abc",
        "sha256-abc",
        "sha512-a-b",
        "sha512--"
      })
  // TYPE-IMGID-001, TYPE-IMGID-002
  void rejectsMalformedIdsInBothModes(String value) {
    for (Compat compat : Compat.values()) {
      assertThrows(InvalidValueException.class, () -> ImageId.parse(value, compat));
    }
  }

  // TYPE-IMGID-001
  @Test
  void explainsTruncatedIds() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () -> ImageId.parse("sha512-" + "ab".repeat(16), Compat.SPEC));
    assertTrue(e.hint().contains("truncated"), e.hint());
  }

  // TYPE-IMGID-001
  @Test
  void rejectsUpperCaseHexInSpecMode() {
    InvalidValueException e =
        assertThrows(
            InvalidValueException.class,
            () -> ImageId.parse(FULL.toUpperCase().replace("SHA512", "sha512"), Compat.SPEC));
    assertTrue(e.detail().contains("upper-case"), e.detail());
  }

  // TYPE-IMGID-001
  @Test
  void explainsThePlaceholderFromTheSpecExamples() {
    InvalidValueException e =
        assertThrows(InvalidValueException.class, () -> ImageId.parse("sha512-...", Compat.SPEC));
    assertTrue(e.hint().contains("placeholder"), e.hint());
  }
}
