package io.appc.validator;

import io.appc.validator.json.JsonLimits;
import io.appc.validator.manifest.ManifestKind;

/**
 * Settings for one validation run.
 *
 * @param compat which reading of the rules to apply
 * @param jsonLimits limits for reading manifests
 * @param forcedKind validate every manifest as this kind instead of reading {@code acKind}; may be
 *     {@code null}
 * @param reifiedPods pod manifests must be reified (ready to run): an app without an image ID is an
 *     error. Otherwise a pod manifest may be a template (pods.md) and that is a warning.
 */
public record ValidationOptions(
    Compat compat, JsonLimits jsonLimits, ManifestKind forcedKind, boolean reifiedPods) {
  public static final ValidationOptions DEFAULT =
      new ValidationOptions(Compat.SPEC, JsonLimits.DEFAULT, null, false);

  public ValidationOptions(Compat compat, JsonLimits jsonLimits, ManifestKind forcedKind) {
    this(compat, jsonLimits, forcedKind, false);
  }

  public ValidationOptions withCompat(Compat other) {
    return new ValidationOptions(other, jsonLimits, forcedKind, reifiedPods);
  }

  public ValidationOptions withReifiedPods(boolean reified) {
    return new ValidationOptions(compat, jsonLimits, forcedKind, reified);
  }
}
