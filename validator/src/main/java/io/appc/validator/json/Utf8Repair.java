package io.appc.validator.json;

import java.io.ByteArrayOutputStream;

/**
 * Replaces every byte that does not belong to a valid UTF-8 sequence with U+FFFD, the way Go's
 * {@code utf8.DecodeRune} does when {@code encoding/json} unquotes a string: an invalid byte is
 * consumed alone, so a truncated three-byte sequence becomes two replacement characters. Valid
 * UTF-8 excludes overlong forms, surrogates (U+D800..U+DFFF) and values above U+10FFFF. Go's
 * scanner rejects stray bytes outside strings anyway, and a replacement character there is still a
 * syntax error, so repairing the whole text is equivalent.
 */
final class Utf8Repair {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private Utf8Repair() {}

  /** {@code source} itself when it is valid UTF-8, otherwise a repaired copy. */
  static byte[] repair(byte[] source) {
    int i = 0;
    while (i < source.length) {
      int length = sequenceLength(source, i);
      if (length == 0) {
        return repairFrom(source, i);
      }
      i += length;
    }
    return source;
  }

  private static byte[] repairFrom(byte[] source, int firstBad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(source.length + 16);
    out.write(source, 0, firstBad);
    int i = firstBad;
    while (i < source.length) {
      int length = sequenceLength(source, i);
      if (length == 0) {
        out.write(REPLACEMENT, 0, REPLACEMENT.length);
        i++;
      } else {
        out.write(source, i, length);
        i += length;
      }
    }
    return out.toByteArray();
  }

  /** The length of the valid UTF-8 sequence starting at {@code at}, or 0 if there is none. */
  private static int sequenceLength(byte[] b, int at) {
    int lead = b[at] & 0xff;
    if (lead < 0x80) {
      return 1;
    }
    int length;
    int low = 0x80;
    int high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) {
        low = 0xA0; // shorter forms are overlong
      } else if (lead == 0xED) {
        high = 0x9F; // U+D800 and above are surrogates
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) {
        low = 0x90;
      } else if (lead == 0xF4) {
        high = 0x8F; // above U+10FFFF
      }
    } else {
      return 0;
    }
    if (at + length > b.length) {
      return 0;
    }
    int second = b[at + 1] & 0xff;
    if (second < low || second > high) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      int next = b[at + k] & 0xff;
      if (next < 0x80 || next > 0xBF) {
        return 0;
      }
    }
    return length;
  }
}
