package io.appc.validator.rules;

import io.appc.validator.Compat;
import io.appc.validator.finding.Findings;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.manifest.ManifestKind;
import tools.jackson.databind.JsonNode;

/** What a rule sees: the parsed manifest, its kind, the compatibility mode, and where to report. */
public record RuleContext(
    JsonDocument document,
    ManifestKind kind,
    Compat compat,
    boolean reifiedPods,
    Findings findings) {

  /** A context for manifests that may be pod templates (the default). */
  public RuleContext(JsonDocument document, ManifestKind kind, Compat compat, Findings findings) {
    this(document, kind, compat, false, findings);
  }

  public JsonNode root() {
    return document.root();
  }

  public boolean actool() {
    return compat == Compat.ACTOOL;
  }
}
