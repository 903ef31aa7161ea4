package io.appc.validator.image.tar;

import java.io.IOException;

/** The byte stream is not a readable tar archive at {@link #offset()}. */
public final class TarFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  public TarFormatException(String message, long offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  public long offset() {
    return offset;
  }
}
