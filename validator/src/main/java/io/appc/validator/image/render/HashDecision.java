package io.appc.validator.image.render;

/**
 * Whether one layer is hashed while it is extracted, and why. {@link #decide} is the whole policy;
 * it is given what was observed about the layer and does no I/O itself.
 */
public enum HashDecision {
  /** {@link IdCheck#NEVER}. */
  OFF(false, "not checked: ID checks off"),
  /** An archive given directly, with no ID to compare with: hashing would prove nothing. */
  NO_EXPECTED_ID(false, "not checked: no expected ID"),
  /** A stored image whose blob still matches its stamp: it was hashed when it was added. */
  TRUSTED(false, "trusted: store blob unchanged since add"),
  /** {@link IdCheck#ALWAYS}. */
  ALWAYS(true, "hashed: every layer is checked"),
  /** An archive given directly together with the ID it must have. */
  EXPECTED_ID(true, "hashed: expected ID given"),
  /** A stored image whose entry has no stamp (added by an older version, or no usable clock). */
  NO_STAMP(true, "hashed: store entry has no blob stamp"),
  /** A stored image whose blob no longer matches its stamp, or could not be examined. */
  STAMP_CHANGED(true, "hashed: store blob changed since add");

  private final boolean hash;
  private final String reason;

  HashDecision(boolean hash, String reason) {
    this.hash = hash;
    this.reason = reason;
  }

  /** Whether the layer is hashed. */
  public boolean hash() {
    return hash;
  }

  /** Why, in words for the user. */
  public String reason() {
    return reason;
  }

  /** What is known about a layer's archive before it is read. */
  public enum Blob {
    /** Not a store blob: an archive given directly. */
    NOT_STORED,
    /** A store blob whose entry has no stamp. */
    UNSTAMPED,
    /** A store blob that matches its stamp. */
    UNCHANGED,
    /** A store blob that does not match its stamp (or could not be examined). */
    CHANGED
  }

  /**
   * The decision for one layer.
   *
   * @param mode the user's choice
   * @param expectedId whether there is an ID to compare the content with (always so for a stored
   *     image; for an archive given directly only when the user gave one)
   * @param blob what its archive looks like now
   */
  public static HashDecision decide(IdCheck mode, boolean expectedId, Blob blob) {
    switch (mode) {
      case NEVER:
        return OFF;
      case ALWAYS:
        return ALWAYS;
      default:
        break;
    }
    switch (blob) {
      case UNCHANGED:
        return TRUSTED;
      case UNSTAMPED:
        return NO_STAMP;
      case CHANGED:
        return STAMP_CHANGED;
      default:
        return expectedId ? EXPECTED_ID : NO_EXPECTED_ID;
    }
  }
}
