package io.appc.validator.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.appc.validator.finding.Requirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Checks the schema files themselves, as packaged on the classpath. */
class SchemaFilesTest {
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  /** Keywords that can make validation fail. */
  private static final Set<String> ASSERTING =
      Set.of(
          "type",
          "required",
          "enum",
          "const",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minLength",
          "maxLength",
          "pattern",
          "format",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties",
          "dependentRequired");

  static List<String> files() {
    return SchemaValidator.FILES;
  }

  private static JsonNode file(String name) {
    return SchemaCases.read("/" + SchemaValidator.CLASSPATH_FOLDER + "/" + name);
  }

  private static Schema metaSchema() {
    // Only the meta-schemas bundled in the networknt jar are reachable: remote fetching is off, so
    // a reference that is not on the classpath fails instead of going to the network.
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    return registry.getSchema(SchemaLocation.of(META_SCHEMA));
  }

  @ParameterizedTest
  @MethodSource("files")
  void schemaIsValidAgainstTheDraft202012MetaSchema(String name) {
    assertEquals(List.of(), metaSchema().validate(file(name)));
  }

  @Test
  void metaSchemaCheckRejectsABrokenSchema() {
    JsonNode broken = SchemaCases.MAPPER.readTree("{\"type\": 5, \"required\": \"name\"}");
    assertFalse(metaSchema().validate(broken).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("files")
  void schemaDeclaresTheDialectAndAStableId(String name) {
    JsonNode schema = file(name);
    assertEquals(META_SCHEMA, schema.path("$schema").stringValue());
    assertEquals(SchemaValidator.ID_PREFIX + name, schema.path("$id").stringValue());
    assertTrue(schema.path("description").stringValue("").length() > 40);
  }

  @ParameterizedTest
  @MethodSource("files")
  void everyAssertingSubschemaNamesAKnownRequirement(String name) {
    List<String> problems = new ArrayList<>();
    walk(
        file(name),
        "#",
        (pointer, schema) -> {
          boolean asserts =
              schema.propertyNames().stream()
                  .anyMatch(k -> ASSERTING.contains(k) && !k.equals("required"));
          JsonNode id = schema.path(ErrorTranslator.REQUIREMENT);
          if (asserts && !id.isString()) {
            problems.add(pointer + " asserts but names no requirement");
          }
          for (JsonNode member : schema.path("required")) {
            String m = member.stringValue();
            boolean named =
                schema.path(ErrorTranslator.REQUIRED_MAP).path(m).isString()
                    || schema
                        .path("properties")
                        .path(m)
                        .path(ErrorTranslator.REQUIREMENT)
                        .isString()
                    || id.isString();
            if (!named) {
              problems.add(pointer + " requires \"" + m + "\" but names no requirement for it");
            }
          }
          if (id.isString() && !Requirements.known(id.stringValue())) {
            problems.add(pointer + " names unknown requirement " + id);
          }
          for (JsonNode mapped : schema.path(ErrorTranslator.REQUIRED_MAP)) {
            if (!Requirements.known(mapped.stringValue(""))) {
              problems.add(pointer + " maps a member to unknown requirement " + mapped);
            }
          }
        });
    assertEquals(List.of(), problems);
  }

  /**
   * A keyword listed in {@code x-appc-checked-in-code} is dropped by the validator, so a typo there
   * would silently drop nothing, and a listed {@code type} or {@code required} would hide what only
   * the schema reports.
   */
  @ParameterizedTest
  @MethodSource("files")
  void keywordsCheckedInCodeAreRangesOrLengthsOfTheSameSubschema(String name) {
    Set<String> allowed = Set.of("minimum", "maximum", "minLength", "enum");
    List<String> problems = new ArrayList<>();
    walk(
        file(name),
        "#",
        (pointer, schema) -> {
          for (JsonNode keyword : schema.path(SchemaSet.CHECKED_IN_CODE)) {
            String k = keyword.stringValue("");
            if (!allowed.contains(k) || !schema.has(k)) {
              problems.add(pointer + " lists " + keyword);
            }
          }
        });
    assertEquals(List.of(), problems);
  }

  @ParameterizedTest
  @MethodSource("files")
  void unknownMembersAreNeverForbidden(String name) {
    List<String> closed = new ArrayList<>();
    walk(
        file(name),
        "#",
        (pointer, schema) -> {
          JsonNode additional = schema.path("additionalProperties");
          if (additional.isBoolean() && !additional.booleanValue()
              || schema.has("unevaluatedProperties")) {
            closed.add(pointer);
          }
        });
    assertEquals(List.of(), closed);
  }

  /**
   * A definition referenced next to a {@code type} must not declare a type itself, or one wrong
   * value would give two findings (convention 3 in appc-common.schema.json).
   */
  @Test
  void referencedDefinitionsLeaveTheTypeToTheReferencingPlace() {
    Map<String, JsonNode> byFile = new LinkedHashMap<>();
    files().forEach(f -> byFile.put(f, file(f)));
    List<String> doubled = new ArrayList<>();
    byFile.forEach(
        (name, doc) ->
            walk(
                doc,
                name + "#",
                (pointer, schema) -> {
                  if (schema.has("type") && schema.path("$ref").isString()) {
                    String ref = schema.path("$ref").stringValue();
                    int hash = ref.indexOf('#');
                    JsonNode target =
                        byFile
                            .get(hash == 0 ? name : ref.substring(0, hash))
                            .at(ref.substring(hash + 1));
                    assertFalse(target.isMissingNode(), () -> "unresolved " + ref);
                    if (target.has("type")) {
                      doubled.add(pointer + " -> " + ref);
                    }
                  }
                }));
    assertEquals(List.of(), doubled);
  }

  /** Visits every subschema that can be evaluated against an instance (not those under "if"). */
  private static void walk(JsonNode schema, String pointer, BiConsumer<String, JsonNode> visit) {
    if (!schema.isObject()) {
      return;
    }
    visit.accept(pointer, schema);
    for (Map.Entry<String, JsonNode> member : schema.properties()) {
      String keyword = member.getKey();
      JsonNode value = member.getValue();
      String at = pointer + "/" + keyword;
      switch (keyword) {
        case "properties", "patternProperties", "$defs", "dependentSchemas" ->
            value.properties().forEach(e -> walk(e.getValue(), at + "/" + e.getKey(), visit));
        case "items", "additionalProperties", "contains", "propertyNames", "not", "then", "else" ->
            walk(value, at, visit);
        case "allOf", "anyOf", "oneOf", "prefixItems" -> {
          for (int i = 0; i < value.size(); i++) {
            walk(value.get(i), at + "/" + i, visit);
          }
        }
        default -> {}
      }
    }
  }
}
