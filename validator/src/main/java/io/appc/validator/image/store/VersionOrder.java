package io.appc.validator.image.store;

import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders {@code version} label values by SemVer 2.0 precedence, so that "no version label in the
 * dependency means latest" can pick the highest version. Image versions in the wild are often
 * {@code 1.2} or {@code v1.2.3}; a leading {@code v} is ignored and a missing minor or patch number
 * counts as 0. Values that still do not parse have no place in this order.
 */
final class VersionOrder {
  private static final Pattern SEMVER =
      Pattern.compile(
          "v?(0|[1-9]\\d*)(?:\\.(0|[1-9]\\d*))?(?:\\.(0|[1-9]\\d*))?"
              + "(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?"
              + "(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");

  private VersionOrder() {}

  /** A parsed version. */
  record Version(BigInteger major, BigInteger minor, BigInteger patch, String[] pre)
      implements Comparable<Version> {
    @Override
    public int compareTo(Version o) {
      int c = major.compareTo(o.major);
      if (c == 0) {
        c = minor.compareTo(o.minor);
      }
      if (c == 0) {
        c = patch.compareTo(o.patch);
      }
      if (c != 0) {
        return c;
      }
      if (pre.length == 0 || o.pre.length == 0) {
        return Integer.compare(o.pre.length == 0 ? 0 : 1, pre.length == 0 ? 0 : 1);
      }
      for (int i = 0; i < Math.min(pre.length, o.pre.length); i++) {
        c = comparePre(pre[i], o.pre[i]);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(pre.length, o.pre.length);
    }

    private static int comparePre(String a, String b) {
      boolean an = a.chars().allMatch(Character::isDigit);
      boolean bn = b.chars().allMatch(Character::isDigit);
      if (an && bn) {
        return new BigInteger(a).compareTo(new BigInteger(b));
      }
      if (an != bn) {
        return an ? -1 : 1;
      }
      return a.compareTo(b);
    }
  }

  static Optional<Version> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = SEMVER.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new Version(
            new BigInteger(m.group(1)),
            new BigInteger(m.group(2) == null ? "0" : m.group(2)),
            new BigInteger(m.group(3) == null ? "0" : m.group(3)),
            m.group(4) == null ? new String[0] : m.group(4).split("\\.")));
  }
}
