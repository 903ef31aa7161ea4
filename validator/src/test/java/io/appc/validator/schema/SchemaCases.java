package io.appc.validator.schema;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonLimits;
import io.appc.validator.json.JsonReader;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.rules.RuleContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The data-driven schema corpus in {@code schema-cases.json}: each case edits a small valid
 * manifest (set or remove members by JSON pointer) and lists the findings expected as requirement
 * ID and pointer, per compatibility mode.
 */
final class SchemaCases {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** One case; {@code actool} equals {@code spec} unless the case says otherwise. */
  record Case(
      String name,
      ManifestKind kind,
      JsonNode manifest,
      List<String> spec,
      List<String> actool,
      String message,
      String hint) {
    @Override
    public String toString() {
      return name;
    }
  }

  private SchemaCases() {}

  static List<Case> all() {
    JsonNode file = read("schema-cases.json");
    List<Case> cases = new ArrayList<>();
    for (JsonNode c : file.path("cases")) {
      String base = c.path("base").stringValue();
      ManifestKind kind = base.equals("pod") ? ManifestKind.POD : ManifestKind.IMAGE;
      JsonNode manifest = file.path("bases").path(base).deepCopy();
      for (Map.Entry<String, JsonNode> set : c.path("set").properties()) {
        set(manifest, set.getKey(), set.getValue());
      }
      for (JsonNode remove : c.path("remove")) {
        ((ObjectNode) parent(manifest, remove.stringValue()))
            .remove(JsonPointer.compile(remove.stringValue()).last().getMatchingProperty());
      }
      List<String> spec = expected(c.path("spec"));
      List<String> actool = c.has("actool") ? expected(c.path("actool")) : spec;
      cases.add(
          new Case(
              c.path("name").stringValue(),
              kind,
              manifest,
              spec,
              actool,
              c.path("message").stringValue(null),
              c.path("hint").stringValue(null)));
    }
    return cases;
  }

  /**
   * Runs the schema layer alone over {@code manifest}, as the manifest pipeline does with {@code
   * --reified} (pod manifests must name every image by ID).
   */
  static List<Finding> validate(JsonNode manifest, ManifestKind kind, Compat compat) {
    return validate(manifest, kind, compat, true);
  }

  /** Runs the schema layer alone; {@code reified=false} accepts pod templates with warnings. */
  static List<Finding> validate(
      JsonNode manifest, ManifestKind kind, Compat compat, boolean reified) {
    Findings findings = new Findings("test.json");
    JsonDocument document =
        new JsonReader(JsonLimits.DEFAULT).read(MAPPER.writeValueAsBytes(manifest), findings);
    SchemaValidator.shared().validate(new RuleContext(document, kind, compat, reified, findings));
    return findings.toList();
  }

  /** Findings as sorted {@code "ID pointer"} strings, so duplicates still count. */
  static List<String> idsAndPointers(List<Finding> findings) {
    return findings.stream().map(f -> f.requirementId() + " " + f.pointer()).sorted().toList();
  }

  static JsonNode read(String resource) {
    try (InputStream in = SchemaCases.class.getResourceAsStream(resource)) {
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> expected(JsonNode pairs) {
    List<String> out = new ArrayList<>();
    pairs.forEach(p -> out.add(p.path(0).stringValue() + " " + p.path(1).stringValue()));
    return out.stream().sorted().toList();
  }

  private static void set(JsonNode root, String pointer, JsonNode value) {
    JsonNode parent = parent(root, pointer);
    JsonPointer last = JsonPointer.compile(pointer).last();
    if (parent instanceof ArrayNode array) {
      int index = last.getMatchingIndex();
      if (index == array.size()) {
        array.add(value);
      } else {
        array.set(index, value);
      }
    } else {
      ((ObjectNode) parent).set(last.getMatchingProperty(), value);
    }
  }

  private static JsonNode parent(JsonNode root, String pointer) {
    JsonNode parent = root.at(JsonPointer.compile(pointer).head());
    if (parent.isMissingNode()) {
      throw new IllegalArgumentException("no parent for " + pointer);
    }
    return parent;
  }
}
