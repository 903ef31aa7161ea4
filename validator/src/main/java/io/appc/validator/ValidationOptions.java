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
 */
public record ValidationOptions(Compat compat, JsonLimits jsonLimits, ManifestKind forcedKind) {
  public static final ValidationOptions DEFAULT =
      new ValidationOptions(Compat.SPEC, JsonLimits.DEFAULT, null);

  public ValidationOptions withCompat(Compat other) {
    return new ValidationOptions(other, jsonLimits, forcedKind);
  }
}
