package io.appc.validator.json;

import io.appc.validator.finding.Findings.Position;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON document and a way to find where each value stands in the source text. Positions
 * are computed on first request by reading the source once more, so that checking a valid document
 * costs a single parse.
 */
public final class JsonDocument {
  private final JsonNode root;
  private final byte[] source;
  private volatile Map<String, Position> positions;

  JsonDocument(JsonNode root, byte[] source) {
    this.root = root;
    this.source = source;
  }

  /** The same source with another tree (e.g. after renaming members); positions still work. */
  public JsonDocument withRoot(JsonNode otherRoot) {
    return new JsonDocument(otherRoot, source);
  }

  public JsonNode root() {
    return root;
  }

  /**
   * Line and column where the value at {@code pointer} starts; for a pointer to a member that does
   * not exist, the position of the nearest existing ancestor.
   */
  public Position position(String pointer) {
    Map<String, Position> map = positions;
    if (map == null) {
      map = JsonReader.positions(source);
      positions = map;
    }
    String p = pointer;
    while (true) {
      Position found = map.get(p);
      if (found != null || p.isEmpty()) {
        return found;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}
