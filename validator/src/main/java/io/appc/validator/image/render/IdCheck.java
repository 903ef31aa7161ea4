package io.appc.validator.image.render;

/** When render hashes a layer to check its image ID (ACI-ID-003). */
public enum IdCheck {
  /**
   * Hash a layer when there is an ID to compare with and nothing already vouches for the content: a
   * stored image whose blob still matches the stamp taken when it was added (and hashed) is
   * trusted.
   */
  AUTO,
  /** Hash every layer, and compare wherever there is an ID to compare with. */
  ALWAYS,
  /** Hash nothing: trust the store and any archive given directly. */
  NEVER
}
