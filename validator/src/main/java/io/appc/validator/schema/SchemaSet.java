package io.appc.validator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.serialization.NodeReader;
import io.appc.validator.finding.Findings;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonLimits;
import io.appc.validator.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A group of JSON Schema documents that refer to each other by {@code $id}, compiled once with
 * networknt. Two copies of each document are kept: the original, which carries the descriptions and
 * the {@code x-appc-*} annotations that findings are built from, and a compiled copy without any
 * keyword that cannot fail (descriptions, examples, {@code x-appc-*}) nor the {@code pattern} and
 * {@code format} keywords whose errors the validator ignores, nor the keywords a subschema lists in
 * {@value #CHECKED_IN_CODE} (the rules report those). Removing them makes validating a small
 * manifest about twice as fast, because networknt walks every keyword of every subschema it enters.
 * Instances are immutable and thread-safe.
 */
final class SchemaSet {
  /** Keywords dropped from the compiled copies: they never produce an error we report. */
  private static final Set<String> NOT_ASSERTING =
      Set.of(
          "title",
          "description",
          "$comment",
          "examples",
          "default",
          "deprecated",
          "readOnly",
          "writeOnly",
          "pattern",
          "format");

  /**
   * Annotation listing keywords of its subschema that a rule reports instead, with a better message
   * or a mode-dependent level; they stay in the files for editors and are dropped like {@code
   * pattern}.
   */
  static final String CHECKED_IN_CODE = "x-appc-checked-in-code";

  /**
   * Numeric bounds are compiled as decimals ({@code 1.0}, not {@code 1}). For an integer bound,
   * networknt 3.0.9 compares through {@code JsonNode.asLong()}, which throws on a number such as
   * {@code 1e30} that has no {@code long} value; for a decimal bound it compares {@code
   * BigDecimal}s, which works for any JSON number. Findings still quote the original bound.
   */
  private static final List<String> BOUNDS =
      List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

  /** Keywords whose value is a map from names to subschemas. */
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "dependentSchemas");

  /** Keywords whose value is one subschema. */
  private static final Set<String> SCHEMA_VALUES =
      Set.of(
          "items",
          "additionalProperties",
          "unevaluatedProperties",
          "unevaluatedItems",
          "contains",
          "propertyNames",
          "not",
          "if",
          "then",
          "else");

  /** Keywords whose value is a list of subschemas. */
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

  private static final ExecutionConfig EXECUTION =
      ExecutionConfig.builder()
          .annotationCollectionEnabled(false)
          .formatAssertionsEnabled(false)
          .failFast(false)
          .build();

  private final Map<String, JsonNode> originals;
  private final Map<String, Schema> compiled;

  private SchemaSet(Map<String, JsonNode> originals, Map<String, Schema> compiled) {
    this.originals = originals;
    this.compiled = compiled;
  }

  /**
   * Compiles {@code documents} (keyed by their {@code $id}). Nothing is fetched from the network:
   * references can only point into these documents or to the meta-schemas shipped inside the
   * networknt jar.
   */
  static SchemaSet of(Map<String, JsonNode> documents) {
    // networknt reads schema text through a NodeReader; handing it our already parsed copies
    // (keyed by a token) avoids serialising and re-parsing them, and avoids creating an
    // ObjectMapper, which alone costs about 100 ms of a one-shot run.
    Map<String, String> tokens = new LinkedHashMap<>();
    Map<String, JsonNode> parsed = new HashMap<>();
    documents.forEach(
        (id, doc) -> {
          String token = PREPARSED + id;
          tokens.put(id, token);
          parsed.put(token, stripCopy(doc));
        });
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder ->
                builder
                    .schemas(tokens)
                    .nodeReader(new PreparsedNodeReader(parsed))
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder()
                            .preloadSchema(true)
                            .cacheRefs(true)
                            .formatAssertionsEnabled(false)
                            .build()));
    Map<String, Schema> compiled = new LinkedHashMap<>();
    for (String id : documents.keySet()) {
      Schema schema = registry.getSchema(SchemaLocation.of(id));
      schema.initializeValidators();
      compiled.put(id, schema);
    }
    return new SchemaSet(Map.copyOf(documents), Map.copyOf(compiled));
  }

  /** Reads {@code names} from the classpath folder {@code folder} and compiles them. */
  static SchemaSet fromClasspath(String folder, List<String> names) {
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    for (String name : names) {
      String resource = folder + "/" + name;
      try (InputStream in = SchemaSet.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("schema " + resource + " missing from the classpath");
        }
        JsonNode doc = PreparsedNodeReader.parse(in.readAllBytes(), resource);
        documents.put(doc.path("$id").stringValue(resource), doc);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return of(documents);
  }

  /** Prefix of the tokens that stand for already parsed documents. */
  private static final String PREPARSED = "preparsed:";

  /**
   * Gives networknt the documents we parsed ourselves, and parses anything else (the meta-schemas
   * in its jar) with our streaming reader.
   */
  private record PreparsedNodeReader(Map<String, JsonNode> parsed) implements NodeReader {
    @Override
    public JsonNode readTree(String content, InputFormat format) {
      return read(content.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public JsonNode readTree(InputStream content, InputFormat format) {
      try {
        return read(content.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private JsonNode read(byte[] content) {
      JsonNode node =
          content.length < 4096 ? parsed.get(new String(content, StandardCharsets.UTF_8)) : null;
      return node != null ? node : parse(content, "schema");
    }

    static JsonNode parse(byte[] source, String name) {
      Findings findings = new Findings(name);
      JsonDocument document = new JsonReader(JsonLimits.DEFAULT).read(source, findings);
      if (document == null) {
        throw new IllegalStateException(
            "unreadable schema " + name + ": " + findings.toList().get(0).message());
      }
      return document.root();
    }
  }

  /** Validates {@code instance} against the document with {@code id}; never throws on bad input. */
  List<Error> validate(String id, JsonNode instance) {
    Schema schema = compiled.get(id);
    if (schema == null) {
      throw new IllegalArgumentException("unknown schema " + id);
    }
    ExecutionContext context = new ExecutionContext(EXECUTION);
    schema.validate(context, instance);
    return context.getErrors();
  }

  /**
   * The original (annotated) subschema object at {@code location}, or a missing node. The
   * location's fragment is a JSON pointer into the document named by its absolute IRI.
   */
  JsonNode original(SchemaLocation location) {
    JsonNode node = originals.get(String.valueOf(location.getAbsoluteIri()));
    if (node == null) {
      return MissingNode.getInstance();
    }
    NodePath fragment = location.getFragment();
    for (int i = 0; i < fragment.getNameCount() && !node.isMissingNode(); i++) {
      Object element = fragment.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    return node;
  }

  private static JsonNode stripCopy(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode schema) {
    if (!(schema instanceof ObjectNode object)) {
      return;
    }
    Set<String> checkedInCode = new HashSet<>();
    object.path(CHECKED_IN_CODE).forEach(keyword -> checkedInCode.add(keyword.stringValue("")));
    object.remove(
        object.propertyNames().stream()
            .filter(
                name ->
                    NOT_ASSERTING.contains(name)
                        || name.startsWith("x-")
                        || checkedInCode.contains(name))
            .toList());
    for (String bound : BOUNDS) {
      JsonNode value = object.get(bound);
      if (value != null && value.isIntegralNumber()) {
        object.put(bound, new BigDecimal(value.bigIntegerValue()).setScale(1));
      }
    }
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      String keyword = member.getKey();
      JsonNode value = member.getValue();
      if (SCHEMA_MAPS.contains(keyword)) {
        value.forEach(SchemaSet::strip);
      } else if (SCHEMA_VALUES.contains(keyword)) {
        strip(value);
      } else if (SCHEMA_LISTS.contains(keyword)) {
        value.forEach(SchemaSet::strip);
      }
    }
  }
}
