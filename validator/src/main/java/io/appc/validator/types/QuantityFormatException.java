package io.appc.validator.types;

/**
 * A text is not a resource quantity in the grammar of the chosen compatibility mode. The message
 * reads "need X, got Y"; {@link #hint()} says how to fix it.
 */
public final class QuantityFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String input;
  private final String hint;

  public QuantityFormatException(String input, String message, String hint) {
    super(message);
    this.input = input;
    this.hint = hint == null ? "" : hint;
  }

  /** The text that failed to parse, exactly as given. */
  public String input() {
    return input;
  }

  /** How to write the quantity instead; may be empty. */
  public String hint() {
    return hint;
  }
}
