package io.appc.validator.image.tar;

import java.io.IOException;

/**
 * The byte stream is not a readable tar archive at {@link #offset()}, or reading it would exceed a
 * limit ({@link #isLimit()}).
 */
public final class TarFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;
  private final boolean limit;
  private final String reason;

  public TarFormatException(String message, long offset) {
    this(message, offset, false);
  }

  private TarFormatException(String message, long offset, boolean limit) {
    super(message + " (at byte " + offset + ")");
    this.reason = message;
    this.offset = offset;
    this.limit = limit;
  }

  /** A limit of the reader was exceeded; the archive may be genuine. */
  static TarFormatException limit(String message, long offset) {
    return new TarFormatException(message, offset, true);
  }

  public long offset() {
    return offset;
  }

  public boolean isLimit() {
    return limit;
  }

  /** The message without the offset. */
  public String reason() {
    return reason;
  }
}
