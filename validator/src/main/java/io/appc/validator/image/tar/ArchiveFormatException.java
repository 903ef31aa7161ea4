package io.appc.validator.image.tar;

import io.appc.validator.image.Compression;
import java.io.IOException;

/** An image archive that cannot be opened as a tar stream, with the requirement it breaks. */
public final class ArchiveFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String requirementId;
  private final Compression compression;

  public ArchiveFormatException(String requirementId, String message) {
    this(requirementId, null, message);
  }

  /** An archive refused for its format, found by its first bytes. */
  public ArchiveFormatException(String requirementId, Compression compression, String message) {
    super(message);
    this.requirementId = requirementId;
    this.compression = compression;
  }

  /** The detected format when that is why the archive was refused, else {@code null}. */
  public Compression compression() {
    return compression;
  }

  public String requirementId() {
    return requirementId;
  }
}
