package io.appc.validator.image.store;

import io.appc.validator.finding.Finding;
import java.util.List;

/**
 * A store operation was refused: the input is not a usable image, or a reference matches no image
 * or several. I/O failures are plain {@link java.io.IOException}s.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Finding> findings;

  public StoreException(String message) {
    this(message, List.of());
  }

  public StoreException(String message, List<Finding> findings) {
    super(message);
    this.findings = List.copyOf(findings);
  }

  /** Findings that explain the refusal (for example what is wrong with a manifest). */
  public List<Finding> findings() {
    return findings;
  }
}
