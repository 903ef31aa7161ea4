package io.appc.validator.types;

/** A text is not a sysctl key. The message reads "need X, got Y". */
public final class SysctlKeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String input;

  public SysctlKeyFormatException(String input, String message) {
    super(message);
    this.input = input;
  }

  /** The key that failed to parse, exactly as given. */
  public String input() {
    return input;
  }
}
