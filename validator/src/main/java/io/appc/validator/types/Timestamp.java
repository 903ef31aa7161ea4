package io.appc.validator.types;

import io.appc.validator.Compat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A Timestamp (types.md): an RFC 3339 §5.6 {@code date-time} such as {@code
 * 2014-10-27T19:32:27.67021798Z}. Immutable.
 *
 * <p>{@link Compat#SPEC} follows the RFC grammar with its ranges: four-digit year, two digits for
 * every other field, month 01-12, a day that exists in that month, hour 00-23, minute 00-59, second
 * 00-59 (60 only for a leap second, i.e. at 23:59:60 UTC on the last day of June or December), an
 * optional fraction {@code "." 1*DIGIT}, and a zone of {@code Z} or {@code ±hh:mm} with hh 00-23
 * and mm 00-59. types.md insists on the {@code T} separator, so a space or a lower-case {@code t}
 * is rejected; RFC 3339 allows a lower-case {@code z}, and so do we.
 *
 * <p>{@link Compat#ACTOOL} follows Go's {@code time.Parse(time.RFC3339, s)} as of Go 1.19: the hour
 * may have one digit, the fraction may use {@code ,}, the zone hour and minute are any two digits,
 * a lower-case {@code z} is rejected, and second 60 is rejected.
 *
 * @param value the timestamp text
 * @param instant the moment it names (a leap second is read as the last instant of second 59)
 */
public record Timestamp(String value, Instant instant) {
  private static final String NEED = "an RFC 3339 date-time such as \"2014-10-27T19:32:27Z\"";

  public Timestamp {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(instant, "instant");
  }

  /**
   * Parses a timestamp.
   *
   * @throws InvalidValueException if {@code value} is not a timestamp in that mode
   */
  public static Timestamp parse(String value, Compat compat) throws InvalidValueException {
    if (value == null) {
      throw new InvalidValueException(value, NEED, "", "");
    }
    return new Cursor(value, compat == Compat.ACTOOL).parse();
  }

  private static final class Cursor {
    private final String s;
    private final boolean go;
    private int pos;

    Cursor(String s, boolean go) {
      this.s = s;
      this.go = go;
    }

    Timestamp parse() throws InvalidValueException {
      int year = digits(4, "year");
      literal('-', "after the year");
      int month = digits(2, "month");
      literal('-', "after the month");
      int day = digits(2, "day");
      if (pos >= s.length() || s.charAt(pos) != 'T') {
        String found = pos < s.length() ? AcIdentifier.describe(s.charAt(pos)) : "the end";
        throw fail(
            "need 'T' between date and time at offset " + pos + ", found " + found,
            "write the date and time as 2014-10-27T19:32:27Z (upper-case T, no space)");
      }
      pos++;
      int hour = go ? goHour() : digits(2, "hour");
      literal(':', "after the hour");
      int minute = digits(2, "minute");
      literal(':', "after the minute");
      int second = digits(2, "second");
      int nanos = fraction();
      int offsetSeconds = zone();
      if (pos != s.length()) {
        throw fail("unexpected text after the zone at offset " + pos, "");
      }
      range(month >= 1 && month <= 12, "month " + month + " is out of range");
      int monthLength = java.time.Month.of(month).length(Year.isLeap(year));
      range(day >= 1 && day <= monthLength, "day " + day + " does not exist in that month");
      range(hour <= 23, "hour " + hour + " is out of range");
      range(minute <= 59, "minute " + minute + " is out of range");
      boolean leap = second == 60;
      range(second <= 60 && !(go && leap), "second " + second + " is out of range");
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, leap ? 59 : second);
      long epoch = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
      if (leap) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(epoch, 0, ZoneOffset.UTC);
        boolean endOfJune = utc.getMonthValue() == 6 && utc.getDayOfMonth() == 30;
        boolean endOfDecember = utc.getMonthValue() == 12 && utc.getDayOfMonth() == 31;
        range(
            utc.getHour() == 23 && utc.getMinute() == 59 && (endOfJune || endOfDecember),
            "second 60 is only valid for a leap second at 23:59:60 UTC on 30 June or 31 December");
        return new Timestamp(s, Instant.ofEpochSecond(epoch, 999_999_999));
      }
      return new Timestamp(s, Instant.ofEpochSecond(epoch, nanos));
    }

    private int goHour() throws InvalidValueException {
      // Go parses the "15" layout element with an optional second digit.
      if (pos < s.length() && isDigit(pos) && pos + 1 < s.length() && isDigit(pos + 1)) {
        return digits(2, "hour");
      }
      return digits(1, "hour");
    }

    private int fraction() throws InvalidValueException {
      if (pos >= s.length()) {
        return 0;
      }
      char c = s.charAt(pos);
      boolean separator = c == '.' || (go && c == ',');
      if (!separator) {
        return 0;
      }
      int start = ++pos;
      while (pos < s.length() && isDigit(pos)) {
        pos++;
      }
      if (pos == start) {
        throw fail("the fraction after '" + c + "' has no digits", "write e.g. 19:32:27.5Z");
      }
      String digits = s.substring(start, Math.min(pos, start + 9));
      return Integer.parseInt((digits + "000000000").substring(0, 9));
    }

    private int zone() throws InvalidValueException {
      if (pos >= s.length()) {
        throw fail("the time zone is missing", "append Z for UTC or an offset such as +02:00");
      }
      char c = s.charAt(pos);
      if (c == 'Z' || (!go && c == 'z')) {
        pos++;
        return 0;
      }
      if (c != '+' && c != '-') {
        throw fail(
            "need Z or an offset such as +02:00 at offset " + pos,
            c == 'z' ? "write the zone as upper-case Z" : "append Z for UTC");
      }
      pos++;
      int hours = digits(2, "zone hour");
      literal(':', "in the zone offset (need +hh:mm)");
      int minutes = digits(2, "zone minute");
      if (!go) {
        range(hours <= 23, "zone hour " + hours + " is out of range");
        range(minutes <= 59, "zone minute " + minutes + " is out of range");
      }
      int total = (hours * 60 + minutes) * 60;
      return c == '-' ? -total : total;
    }

    private int digits(int count, String field) throws InvalidValueException {
      if (pos + count > s.length()) {
        throw fail("the " + field + " is missing or too short", "");
      }
      for (int i = pos; i < pos + count; i++) {
        if (!isDigit(i)) {
          throw fail(
              "the " + field + " needs " + count + " digits at offset " + pos,
              "write e.g. 2014-10-27T19:32:27Z");
        }
      }
      int v = Integer.parseInt(s.substring(pos, pos + count));
      pos += count;
      return v;
    }

    private void literal(char c, String where) throws InvalidValueException {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw fail(
            "need '" + c + "' " + where + " at offset " + pos, "write e.g. 2014-10-27T19:32:27Z");
      }
      pos++;
    }

    private void range(boolean ok, String detail) throws InvalidValueException {
      if (!ok) {
        throw fail(
            detail,
            "use a date and time that exist: month 01-12, a day of that month, hour 00-23,"
                + " minute 00-59, and a zone offset no larger than 23:59");
      }
    }

    private boolean isDigit(int i) {
      char c = s.charAt(i);
      return c >= '0' && c <= '9';
    }

    private InvalidValueException fail(String detail, String hint) {
      return new InvalidValueException(s, NEED, detail, hint);
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
