package io.appc.validator.json;

import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Findings.Position;
import io.appc.validator.finding.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a manifest into a Jackson tree while checking what Jackson alone would not report as a
 * finding: a byte-order mark, duplicate member names (all of them, not only the first), nesting
 * depth, document size and trailing content. Every problem becomes a finding for requirement {@code
 * IM-001} (the manifest must be valid JSON); pod manifests use the same rule.
 */
public final class JsonReader {
  /** Requirement for "the manifest is valid JSON". */
  public static final String VALID_JSON = "IM-001";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonLimits limits;
  private final Level duplicates;
  private final boolean repairUtf8;
  private final JsonFactory factory;

  public JsonReader(JsonLimits limits) {
    this(limits, Level.ERROR);
  }

  /**
   * @param duplicates level for a repeated member name: an error by default; the Go decoder kept
   *     the last copy silently, so actool compatibility makes it a note (the tree keeps the last)
   */
  public JsonReader(JsonLimits limits, Level duplicates) {
    this(limits, duplicates, false);
  }

  /**
   * @param duplicates level for a repeated member name, see {@link #JsonReader(JsonLimits, Level)}
   * @param repairUtf8 read each byte that is not part of valid UTF-8 as U+FFFD, as Go's decoder
   *     does, instead of rejecting the document (actool compatibility, validation-rules.md
   *     R-JSON-06)
   */
  public JsonReader(JsonLimits limits, Level duplicates, boolean repairUtf8) {
    this.limits = limits;
    this.duplicates = duplicates;
    this.repairUtf8 = repairUtf8;
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxDocumentLength(limits.maxBytes())
                    .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBytes()))
                    .build())
            .build();
  }

  public JsonLimits limits() {
    return limits;
  }

  /**
   * Parses {@code source}. Returns the document, or {@code null} when it is not usable JSON; in
   * both cases problems are added to {@code findings}.
   */
  public JsonDocument read(byte[] source, Findings findings) {
    if (source.length > limits.maxBytes()) {
      reportTooLarge(findings, limits, source.length);
      return null;
    }
    if (source.length >= 3
        && (source[0] & 0xff) == 0xef
        && (source[1] & 0xff) == 0xbb
        && (source[2] & 0xff) == 0xbf) {
      findings.errorAt(
          VALID_JSON,
          "",
          new Position(1, 1),
          "manifest starts with a UTF-8 byte-order mark",
          "save the file as UTF-8 without BOM");
      return null;
    }
    if (repairUtf8) {
      source = Utf8Repair.repair(source);
    }
    JsonParser parser = factory.createParser(ObjectReadContext.empty(), source);
    List<JsonDocument.Shadowed> shadowed = new ArrayList<>();
    try (parser) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        findings.errorAt(
            VALID_JSON,
            "",
            new Position(1, 1),
            "manifest is empty: need a JSON object, got no content",
            "a minimal image manifest is {\"acKind\": \"ImageManifest\", \"acVersion\":"
                + " \"0.8.11\", \"name\": \"example.com/app\"}");
        return null;
      }
      if (first != JsonToken.START_OBJECT) {
        Position p = position(parser.currentTokenLocation());
        findings.errorAt(
            VALID_JSON,
            "",
            p,
            "need a JSON object at the top level, got " + describe(first),
            "a manifest is an object such as {\"acKind\": \"ImageManifest\", ...}");
        return null;
      }
      Deque<String> path = new ArrayDeque<>();
      JsonNode root = readObject(parser, path, findings, shadowed);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        Position p = position(parser.currentTokenLocation());
        findings.errorAt(
            VALID_JSON,
            "",
            p,
            "need exactly one JSON value, got more content after the top-level object",
            "remove everything after the closing brace");
        return null;
      }
      return new JsonDocument(root, source, shadowed);
    } catch (StreamConstraintsException e) {
      // The exception carries no location; the parser still knows where it stopped.
      Position p = position(parser.currentLocation());
      String message = e.getOriginalMessage();
      String readable =
          message != null && message.contains("nesting depth")
              ? "nesting is too deep: need at most " + limits.maxDepth() + " levels"
              : "manifest exceeds a reading limit: " + firstLine(message);
      findings.errorAt(VALID_JSON, "", p, readable, "manifests are shallow, small objects");
      return null;
    } catch (JacksonException e) {
      TokenStreamLocation l = e.getLocation();
      Position p = l == null ? position(parser.currentLocation()) : position(l);
      SyntaxMessages.Text text = SyntaxMessages.describe(e.getOriginalMessage());
      findings.errorAt(VALID_JSON, "", p, text.message(), text.hint());
      return null;
    }
  }

  /** Reports a manifest larger than the limit; shared by callers that check the size first. */
  public static void reportTooLarge(Findings findings, JsonLimits limits, long size) {
    findings.error(
        VALID_JSON,
        "",
        "manifest is too large: need at most " + limits.maxBytes() + " bytes, got " + size,
        "manifests are small JSON files; raise the limit with --max-manifest-bytes if this is"
            + " intended");
  }

  private ObjectNode readObject(
      JsonParser parser,
      Deque<String> path,
      Findings findings,
      List<JsonDocument.Shadowed> shadowed) {
    ObjectNode object = NODES.objectNode();
    Map<String, Position> seen = new HashMap<>();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      TokenStreamLocation nameLocation = parser.currentTokenLocation();
      parser.nextToken();
      Position valuePosition = position(parser.currentTokenLocation());
      path.addLast(JsonPointers.escape(name));
      JsonNode value = readValue(parser, path, findings, shadowed);
      Position earlier = seen.put(name, valuePosition);
      if (earlier != null) {
        shadowed.add(new JsonDocument.Shadowed(pointer(path), object.get(name), earlier));
        Position p = position(nameLocation);
        findings.addAt(
            VALID_JSON,
            duplicates,
            pointer(path),
            p,
            "duplicate member \"" + name + "\" in one object",
            "JSON readers disagree on which copy wins; keep exactly one");
      }
      path.removeLast();
      object.set(name, value);
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("unexpected token " + token);
    }
    return object;
  }

  private JsonNode readValue(
      JsonParser parser,
      Deque<String> path,
      Findings findings,
      List<JsonDocument.Shadowed> shadowed) {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return readObject(parser, path, findings, shadowed);
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            path.addLast(Integer.toString(index++));
            array.add(readValue(parser, path, findings, shadowed));
            path.removeLast();
          }
          return array;
        }
      case VALUE_STRING:
        return NODES.stringNode(parser.getString());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(parser.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new IllegalStateException("unexpected token " + token);
    }
  }

  private static String pointer(Deque<String> path) {
    StringBuilder sb = new StringBuilder();
    for (String segment : path) {
      sb.append('/').append(segment);
    }
    return sb.toString();
  }

  private static Position position(TokenStreamLocation location) {
    return new Position(Math.max(0, location.getLineNr()), Math.max(0, location.getColumnNr()));
  }

  private static String describe(JsonToken token) {
    switch (token) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return token.toString();
    }
  }

  private static String firstLine(String message) {
    return SyntaxMessages.firstLine(message);
  }

  /**
   * Maps every JSON pointer in an already validated document to the position where its value
   * starts. Only called when a finding needs a position.
   */
  static Map<String, Position> positions(byte[] source) {
    Map<String, Position> map = new HashMap<>();
    JsonFactory plain = JsonFactory.builder().build();
    try (JsonParser parser = plain.createParser(ObjectReadContext.empty(), source)) {
      Deque<Object> stack = new ArrayDeque<>(); // String member name or int[] array counter
      Deque<String> path = new ArrayDeque<>();
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.PROPERTY_NAME) {
          path.addLast(JsonPointers.escape(parser.currentName()));
          continue;
        }
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          stack.pop();
          popMember(stack, path);
          continue;
        }
        if (!stack.isEmpty() && stack.peek() instanceof int[] counter) {
          path.addLast(Integer.toString(counter[0]++));
        }
        map.putIfAbsent(pointer(path), position(parser.currentTokenLocation()));
        if (token == JsonToken.START_OBJECT) {
          stack.push("object");
        } else if (token == JsonToken.START_ARRAY) {
          stack.push(new int[] {0});
        } else {
          popMember(stack, path);
        }
      }
    } catch (JacksonException e) {
      // The document was already read once without errors; keep what was mapped.
    }
    return map;
  }

  private static void popMember(Deque<Object> stack, Deque<String> path) {
    if (!path.isEmpty()) {
      path.removeLast();
    }
  }
}
