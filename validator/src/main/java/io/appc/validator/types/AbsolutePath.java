package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An absolute POSIX path, as used by {@code workingDirectory}, {@code pathWhitelist} entries and
 * host volume sources. Immutable.
 *
 * <p>Both modes accept any string that starts with {@code /} and holds no NUL character; like Go's
 * {@code path.IsAbs}, the path is not cleaned, so {@code /a/../b} is absolute. {@link
 * #normalized()} gives the lexically cleaned form for comparisons.
 *
 * @param value the path text
 */
public record AbsolutePath(String value) {
  private static final String NEED = "an absolute path starting with \"/\"";

  public AbsolutePath {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses an absolute path. {@code compat} is accepted for uniformity; both modes agree.
   *
   * @throws InvalidValueException if {@code value} is empty, relative or contains NUL
   */
  public static AbsolutePath parse(String value, Compat compat) throws InvalidValueException {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(value, NEED, "empty", "write an absolute path such as /opt");
    }
    if (value.indexOf('\0') >= 0) {
      throw new InvalidValueException(value, NEED, "contains a NUL character", "");
    }
    if (value.charAt(0) != '/') {
      throw new InvalidValueException(
          value, NEED, "relative path", "write it from the root: \"/" + value + "\"");
    }
    return new AbsolutePath(value);
  }

  /**
   * The path cleaned lexically: repeated slashes, {@code .} and {@code ..} segments removed ({@code
   * ..} at the root stays at the root), no trailing slash except for {@code /} itself.
   */
  public String normalized() {
    List<String> out = new ArrayList<>();
    for (String segment : value.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(segment);
    }
    return "/" + String.join("/", out);
  }

  /** True if the cleaned paths are equal or one lies inside the other. */
  public boolean overlaps(AbsolutePath other) {
    String a = normalized();
    String b = other.normalized();
    return a.equals(b) || isInside(a, b) || isInside(b, a);
  }

  private static boolean isInside(String inner, String outer) {
    return outer.equals("/") || inner.startsWith(outer + "/");
  }

  @Override
  public String toString() {
    return value;
  }
}
