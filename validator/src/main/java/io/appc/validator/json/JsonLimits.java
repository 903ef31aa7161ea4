package io.appc.validator.json;

/**
 * Limits applied while reading a manifest, so that hostile input gives a finding instead of
 * exhausting memory or the stack. Manifests in the wild are a few kilobytes with a nesting depth
 * below ten, so the defaults leave a wide margin.
 *
 * @param maxBytes largest manifest accepted, in bytes
 * @param maxDepth deepest nesting of arrays and objects accepted
 */
public record JsonLimits(long maxBytes, int maxDepth) {
  /** 8 MiB and 64 levels. */
  public static final JsonLimits DEFAULT = new JsonLimits(8L * 1024 * 1024, 64);

  public JsonLimits {
    if (maxBytes < 1 || maxDepth < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
