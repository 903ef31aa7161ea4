package io.appc.validator.image.tar;

import java.io.IOException;

/** An image archive that cannot be opened as a tar stream, with the requirement it breaks. */
public final class ArchiveFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String requirementId;

  public ArchiveFormatException(String requirementId, String message) {
    super(message);
    this.requirementId = requirementId;
  }

  public String requirementId() {
    return requirementId;
  }
}
