package io.appc.validator.manifest;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.json.JsonReader;
import io.appc.validator.rules.ManifestRule;
import io.appc.validator.rules.ManifestRules;
import io.appc.validator.rules.RuleContext;
import io.appc.validator.schema.SchemaValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks one image or pod manifest in levels: JSON syntax, then the JSON Schema (shapes), then the
 * semantic rules. Every finding of every level is reported in one run. Thread-safe: one instance
 * serves all files of a run.
 */
public final class ManifestValidator {
  private static final int MAX_EARLIER_COPIES = 32;

  private final ValidationOptions options;
  private final JsonReader reader;
  private final SchemaValidator schemas;

  public ManifestValidator(ValidationOptions options) {
    this.options = options;
    boolean actool = options.compat() == Compat.ACTOOL;
    this.reader = new JsonReader(options.jsonLimits(), actool ? Level.NOTE : Level.ERROR, actool);
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
    JsonDocument raw = document;
    if (options.compat() == Compat.ACTOOL) {
      document = KeyCase.normalize(document, options.forcedKind());
    }
    holder[0] = document;
    ManifestKind kind = check(document, findings);
    if (options.compat() == Compat.ACTOOL) {
      checkEarlierCopies(raw, file, findings);
    }
    return new FileResult(file, kind.acKind(), findings.toList());
  }

  /**
   * Each earlier copy costs a full validation, so a hostile file with thousands of repeats is
   * bounded: identical copies are checked once, and at most {@value #MAX_EARLIER_COPIES} in all.
   */
  private void checkEarlierCopies(JsonDocument raw, String file, Findings findings) {
    List<JsonDocument.Shadowed> distinct = new ArrayList<>();
    for (JsonDocument.Shadowed copy : raw.shadowed()) {
      if (distinct.stream()
          .noneMatch(d -> d.pointer().equals(copy.pointer()) && d.value().equals(copy.value()))) {
        distinct.add(copy);
      }
      if (distinct.size() > MAX_EARLIER_COPIES) {
        findings.note(
            JsonReader.VALID_JSON,
            "",
            "only the first "
                + MAX_EARLIER_COPIES
                + " earlier copies of repeated members were validated",
            "keep exactly one copy of each member");
        break;
      }
    }
    distinct.stream()
        .limit(MAX_EARLIER_COPIES)
        .forEach(copy -> checkEarlierCopy(raw, copy, file, findings));
  }

  /** Detects the kind and runs the schema and every rule; returns the kind. */
  private ManifestKind check(JsonDocument document, Findings findings) {
    ManifestKind kind = KindDetector.detect(document.root(), options.forcedKind(), findings);
    RuleContext context =
        new RuleContext(document, kind, options.compat(), options.reifiedPods(), findings);
    schemas.validate(context);
    for (ManifestRule rule : ManifestRules.forKind(kind)) {
      rule.check(context);
    }
    return kind;
  }

  /**
   * Actool mode: Go decoded every copy of a repeated member in turn, so an invalid earlier copy
   * failed the document although the last copy wins (validation-rules.md R-JSON-03). This validates
   * the document with the earlier copy in place and keeps the errors at or below it.
   */
  private void checkEarlierCopy(
      JsonDocument raw, JsonDocument.Shadowed copy, String file, Findings findings) {
    JsonNode root = raw.root().deepCopy();
    int slash = copy.pointer().lastIndexOf('/');
    JsonNode parent = root.at(copy.pointer().substring(0, slash));
    if (!(parent instanceof ObjectNode object)) {
      return; // the copy sits inside another earlier copy, which is checked as a whole
    }
    object.set(JsonPointers.unescape(copy.pointer().substring(slash + 1)), copy.value());
    JsonDocument variant = KeyCase.normalize(raw.withRoot(root), options.forcedKind());
    Findings scratch = new Findings(file);
    check(variant, scratch);
    String under = copy.pointer() + "/";
    for (Finding f : scratch.toList()) {
      String pointer = f.pointer() == null ? "" : f.pointer();
      if (f.level() == Level.ERROR
          && (pointer.equals(copy.pointer()) || pointer.startsWith(under))) {
        findings.addAt(
            f.requirementId(),
            Level.ERROR,
            pointer,
            copy.position(),
            "earlier copy of a repeated member: " + f.message(),
            f.hint());
      }
    }
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
