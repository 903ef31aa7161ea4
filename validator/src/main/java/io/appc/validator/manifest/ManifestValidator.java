package io.appc.validator.manifest;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonReader;
import io.appc.validator.rules.ManifestRule;
import io.appc.validator.rules.ManifestRules;
import io.appc.validator.rules.RuleContext;
import io.appc.validator.schema.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * Checks one image or pod manifest in levels: JSON syntax, then the JSON Schema (shapes), then the
 * semantic rules. Every finding of every level is reported in one run. Thread-safe: one instance
 * serves all files of a run.
 */
public final class ManifestValidator {
  private final ValidationOptions options;
  private final JsonReader reader;
  private final SchemaValidator schemas;

  public ManifestValidator(ValidationOptions options) {
    this.options = options;
    this.reader =
        new JsonReader(
            options.jsonLimits(), options.compat() == Compat.ACTOOL ? Level.NOTE : Level.ERROR);
    this.schemas = SchemaValidator.shared();
  }

  public ValidationOptions options() {
    return options;
  }

  /**
   * Validates manifest bytes.
   *
   * @param source the manifest file content
   * @param file the name shown in findings, e.g. {@code pod.json} or {@code app.aci!manifest}
   */
  public FileResult validate(byte[] source, String file) {
    JsonDocument[] holder = new JsonDocument[1];
    Findings findings = new Findings(file, pointer -> positionIn(holder[0], pointer));
    JsonDocument document = reader.read(source, findings);
    if (document == null) {
      return new FileResult(file, "unknown", findings.toList());
    }
    if (options.compat() == Compat.ACTOOL) {
      document = KeyCase.normalize(document, options.forcedKind());
    }
    holder[0] = document;
    ManifestKind kind = KindDetector.detect(document.root(), options.forcedKind(), findings);
    RuleContext context =
        new RuleContext(document, kind, options.compat(), options.reifiedPods(), findings);
    schemas.validate(context);
    for (ManifestRule rule : ManifestRules.forKind(kind)) {
      rule.check(context);
    }
    return new FileResult(file, kind.acKind(), findings.toList());
  }

  /**
   * Validates a manifest file. The size limit is checked before reading, so a huge file costs
   * neither time nor memory.
   *
   * @throws IOException when the file cannot be read
   */
  public FileResult validate(Path file, String display) throws IOException {
    long size = Files.size(file);
    if (size > options.jsonLimits().maxBytes()) {
      Findings findings = new Findings(display);
      JsonReader.reportTooLarge(findings, options.jsonLimits(), size);
      return new FileResult(display, "unknown", findings.toList());
    }
    return validate(Files.readAllBytes(file), display);
  }

  private static Findings.Position positionIn(JsonDocument document, String pointer) {
    return document == null ? null : document.position(pointer);
  }

  /** True if the root looks like a manifest at all (used when detecting file kinds). */
  public static boolean looksLikeManifest(JsonNode root) {
    return root != null && root.isObject();
  }
}
