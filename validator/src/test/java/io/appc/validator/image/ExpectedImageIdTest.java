package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectedImageIdTest {
  private static final String FULL = "sha512-" + "0123456789abcdef".repeat(8);

  // TYPE-IMGID-001: sha512- and hex digits; truncated forms only as expected IDs
  @ParameterizedTest
  @ValueSource(ints = {32, 33, 64, 127, 128})
  void acceptsTheFullAndTruncatedForms(int digits) {
    String id = FULL.substring(0, "sha512-".length() + digits);

    assertEquals(id, ExpectedImageId.parse(id).value());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0123456789abcdef0123456789abcdef|need the prefix sha512-",
        "sha256-0123456789abcdef0123456789abcdef|need the prefix sha512-",
        "sha512-0123456789abcdef0123456789abcde|need 32 to 128 hex digits, got 31",
        "sha512-|need 32 to 128 hex digits, got 0",
        "sha512-0123456789ABCDEF0123456789ABCDEF|need lower-case hex digits",
        "sha512-0123456789abcdef0123456789abcdeg|need hex digits after sha512-",
        "SHA512-0123456789abcdef0123456789abcdef|need the prefix sha512-"
      })
  // TYPE-IMGID-001, TYPE-IMGID-002: lower-case hex digest, sha512 only
  void rejectsMalformedIds(String id, String problem) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExpectedImageId.parse(id));

    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }

  @Test
  void rejectsAnIdLongerThanSha512() {
    assertThrows(IllegalArgumentException.class, () -> ExpectedImageId.parse(FULL + "0"));
  }

  // ACI-ID-003
  @Test
  void matchesTruncatedIdsAsAPrefix() {
    ExpectedImageId shortId = ExpectedImageId.parse(FULL.substring(0, 39));

    assertTrue(shortId.matches(FULL));
    assertFalse(shortId.matches("sha512-" + "f".repeat(128)));
    assertFalse(shortId.matches(null));
    assertTrue(ExpectedImageId.parse(FULL).matches(FULL));
  }

  @Test
  void leavesAMatchingResultAlone() {
    FileResult result = new FileResult("x.aci", "ImageArchive", List.of(), FULL);

    assertSame(result, ExpectedImageId.parse(FULL).check(result));
  }

  @Test
  void addsAnErrorForAnotherId() {
    String other = "sha512-" + "f".repeat(128);
    FileResult result = new FileResult("x.aci", "ImageArchive", List.of(), other);

    FileResult checked = ExpectedImageId.parse(FULL.substring(0, 40)).check(result);

    assertEquals(1, checked.findings().size());
    Finding finding = checked.findings().get(0);
    assertEquals("ACI-ID-003", finding.requirementId());
    assertEquals(Level.ERROR, finding.level());
    assertEquals("x.aci", finding.file());
    assertEquals("need image ID " + FULL.substring(0, 40) + ", got " + other, finding.message());
    assertEquals(other, checked.imageId());
  }

  // ACI-ID-003
  @Test
  void addsAnErrorWhenNoIdCouldBeComputed() {
    FileResult result = new FileResult("x.aci", "ImageArchive", List.of());

    FileResult checked = ExpectedImageId.parse(FULL).check(result);

    assertTrue(checked.findings().get(0).message().contains("could not be computed"));
  }
}
