package io.appc.validator.manifest;

/** The two manifest kinds the specification defines (AC Kind type). */
public enum ManifestKind {
  IMAGE("ImageManifest"),
  POD("PodManifest");

  private final String acKind;

  ManifestKind(String acKind) {
    this.acKind = acKind;
  }

  /** The value of {@code acKind} for this kind. */
  public String acKind() {
    return acKind;
  }

  /** The kind named by an {@code acKind} value (exact, case-sensitive), or {@code null}. */
  public static ManifestKind fromAcKind(String value) {
    for (ManifestKind k : values()) {
      if (k.acKind.equals(value)) {
        return k;
      }
    }
    return null;
  }
}
