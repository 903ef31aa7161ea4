package io.appc.validator.types;

/**
 * A string that is not a valid value of an appc type. It carries the rejected input, what was
 * needed and how to fix it, so a rule can turn it into a finding without parsing the message.
 */
public final class InvalidValueException extends Exception {
  private static final long serialVersionUID = 1L;
  private static final int MAX_SHOWN = 80;

  private final String value;
  private final String need;
  private final String detail;
  private final String hint;

  /**
   * @param value the rejected input (may be {@code null})
   * @param need what a valid value looks like, e.g. {@code "an AC Name"}
   * @param detail what exactly is wrong with {@code value}; may be empty
   * @param hint how to fix it; when empty, the hint says to write what {@code need} describes, so
   *     every finding built from this exception has a hint
   */
  public InvalidValueException(String value, String need, String detail, String hint) {
    super(message(value, need, detail));
    this.value = value;
    this.need = need;
    this.detail = detail == null ? "" : detail;
    this.hint = hint == null || hint.isEmpty() ? "write " + need : hint;
  }

  /** The rejected input. */
  public String value() {
    return value;
  }

  /** What a valid value looks like. */
  public String need() {
    return need;
  }

  /** What is wrong with the input, or empty. */
  public String detail() {
    return detail;
  }

  /** How to fix the input; never empty. */
  public String hint() {
    return hint;
  }

  private static String message(String value, String need, String detail) {
    String got = quote(value);
    return "need "
        + need
        + ", got "
        + got
        + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")");
  }

  /**
   * A value as it is shown in messages: in double quotes, with control characters escaped and long
   * values shortened.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    int shown = 0;
    for (int i = 0; i < value.length(); i++) {
      if (shown == MAX_SHOWN) {
        out.append("...");
        break;
      }
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
      shown++;
    }
    return out.append('"').toString();
  }
}
