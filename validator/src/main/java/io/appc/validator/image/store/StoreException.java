package io.appc.validator.image.store;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.List;

/**
 * A store operation was refused: the input is not a usable image, or a reference matches no image
 * or several. I/O failures are plain {@link java.io.IOException}s.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Finding refusal;
  private final transient List<Finding> findings;

  public StoreException(String message) {
    this(message, List.of());
  }

  public StoreException(String message, List<Finding> findings) {
    this(message, null, findings);
  }

  private StoreException(String message, Finding refusal, List<Finding> findings) {
    super(message);
    this.refusal = refusal;
    this.findings = List.copyOf(findings);
  }

  /**
   * A refusal because the image breaks {@code requirementId}, at {@code location} (the archive, or
   * an entry in it as {@code image.aci!manifest}).
   */
  public static StoreException breaks(String requirementId, String location, String message) {
    return breaks(requirementId, location, message, List.of());
  }

  /** {@link #breaks(String, String, String)} with findings that explain it. */
  public static StoreException breaks(
      String requirementId, String location, String message, List<Finding> findings) {
    Finding refusal = new Finding(requirementId, Level.ERROR, location, "", 0, 0, message, "");
    return new StoreException(location + ": [" + requirementId + "] " + message, refusal, findings);
  }

  /** The broken requirement as a finding, or {@code null} for other refusals. */
  public Finding refusal() {
    return refusal;
  }

  /** Findings that explain the refusal (for example what is wrong with a manifest). */
  public List<Finding> findings() {
    return findings;
  }
}
