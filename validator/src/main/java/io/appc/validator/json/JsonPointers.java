package io.appc.validator.json;

/** Building RFC 6901 JSON pointers. */
public final class JsonPointers {
  private JsonPointers() {}

  /** Escapes one reference token ({@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Reverses {@link #escape}. */
  public static String unescape(String token) {
    if (token.indexOf('~') < 0) {
      return token;
    }
    return token.replace("~1", "/").replace("~0", "~");
  }

  public static String child(String parent, String member) {
    return parent + "/" + escape(member);
  }

  public static String child(String parent, int index) {
    return parent + "/" + index;
  }
}
