package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.appc.validator.Compat;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampTest {
  /** Go date_test.go good values, the spec examples, and fractions of any length. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2004-05-14T23:11:14+00:00",
        "2001-02-03T04:05:06Z",
        "2014-11-14T17:36:54-08:00",
        "2014-10-27T19:32:27.67021798Z",
        "2015-05-18T13:49:28.351729952-04:00",
        "2014-10-27T19:32:27.123456789123Z",
        "2016-02-29T00:00:00Z",
        "2014-10-27T23:59:59-23:59"
      })
  void acceptsRfc3339InBothModes(String value) throws InvalidValueException {
    assertEquals(value, Timestamp.parse(value, Compat.SPEC).value());
    Timestamp.parse(value, Compat.ACTOOL);
  }

  /** Go date_test.go bad values and VR §16.31 rejections shared by both modes. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "1416015188",
        "Fri Nov 14 17:53:02 PST 2014",
        "2014-11-1417:36:54",
        "2014-10-27t19:32:27Z",
        "2014-10-27T19:32:27",
        "2014-10-27T19:32:27+0000",
        "2014-10-27 19:32:27Z",
        "2014-10-27T19:32Z",
        "2014-10-27T19:32:27.Z",
        "2014-10-27T24:00:00Z",
        "2014-02-30T00:00:00Z",
        "2015-02-29T00:00:00Z",
        "2014-13-01T00:00:00Z",
        "2014-00-01T00:00:00Z",
        "2014-1-01T00:00:00Z",
        "2014-10-27T19:60:00Z",
        "2014-10-27T19:32:27Zjunk"
      })
  void rejectsInBothModes(String value) {
    assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, Compat.SPEC));
    assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, Compat.ACTOOL));
  }

  /** Go quirks (VR R-DATE-02, R-DATE-03): comma fraction, unbounded zone, one-digit hour. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2014-10-27T19:32:27,123Z",
        "2014-10-27T19:32:27+25:00",
        "2014-10-27T19:32:27+00:99",
        "2014-10-27T7:32:27Z"
      })
  void acceptsGoQuirksOnlyInActoolMode(String value) throws InvalidValueException {
    Timestamp.parse(value, Compat.ACTOOL);
    assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, Compat.SPEC));
  }

  @Test
  void acceptsLowerCaseZoneOnlyInSpecMode() throws InvalidValueException {
    Timestamp.parse("2014-10-27T19:32:27z", Compat.SPEC);
    assertThrows(
        InvalidValueException.class, () -> Timestamp.parse("2014-10-27T19:32:27z", Compat.ACTOOL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"2016-12-31T23:59:60Z", "2015-06-30T23:59:60Z", "1990-12-31T15:59:60-08:00"})
  void acceptsLeapSecondsOnlyInSpecMode(String value) throws InvalidValueException {
    Timestamp.parse(value, Compat.SPEC);
    assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, Compat.ACTOOL));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2014-10-27T23:59:60Z", "2016-12-31T22:59:60Z"})
  void rejectsSecondSixtyOutsideALeapSecond(String value) {
    assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, Compat.SPEC));
  }

  @ParameterizedTest
  @CsvSource({
    "2014-11-14T17:36:54-08:00, 2014-11-15T01:36:54Z",
    "2014-10-27T19:32:27.67021798Z, 2014-10-27T19:32:27.670217980Z",
    "2004-05-14T23:11:14+02:30, 2004-05-14T20:41:14Z"
  })
  void readsTheInstant(String value, String utc) throws InvalidValueException {
    assertEquals(Instant.parse(utc), Timestamp.parse(value, Compat.SPEC).instant());
  }

  /** Every rejection says how to fix it: the report shows the hint next to the message. */
  @ParameterizedTest
  @ValueSource(strings = {"2014-13-27T19:32:27Z", "2014-10-27T24:00:00Z", "2014-02-30T10:00:00Z"})
  void everyRejectionCarriesAHint(String value) {
    for (Compat compat : Compat.values()) {
      InvalidValueException e =
          assertThrows(InvalidValueException.class, () -> Timestamp.parse(value, compat));
      assertFalse(e.hint() == null || e.hint().isBlank(), value);
    }
  }
}
