package io.appc.validator.manifest;

import io.appc.validator.finding.Findings;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether a document is an image or a pod manifest. A wrong or missing {@code acKind} is
 * reported by the schema; here we only pick the kind whose rules give the most useful findings.
 */
final class KindDetector {
  private KindDetector() {}

  static ManifestKind detect(JsonNode root, ManifestKind forced, Findings findings) {
    if (forced != null) {
      return forced;
    }
    JsonNode acKind = root.get("acKind");
    if (acKind != null && acKind.isString()) {
      ManifestKind named = ManifestKind.fromAcKind(acKind.asString());
      if (named != null) {
        return named;
      }
    }
    return root.has("apps") || root.has("volumes") ? ManifestKind.POD : ManifestKind.IMAGE;
  }
}
