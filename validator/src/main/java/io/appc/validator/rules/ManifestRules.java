package io.appc.validator.rules;

import io.appc.validator.manifest.ManifestKind;
import java.util.List;

/** The semantic rules for each manifest kind, in the order they run. */
public final class ManifestRules {
  private ManifestRules() {}

  public static List<ManifestRule> forKind(ManifestKind kind) {
    // Only the isolator rule so far; the rules work registers the others for both kinds.
    return List.of(new IsolatorRules());
  }
}
