package io.appc.validator.json;

import io.appc.validator.finding.Findings.Position;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A parsed JSON document and a way to find where each value stands in the source text. Positions
 * are computed on first request by reading the source once more, so that checking a valid document
 * costs a single parse.
 */
public final class JsonDocument {
  /**
   * An earlier copy of a member that appears more than once in one object; the tree holds the last
   * copy.
   *
   * @param pointer where the member is
   * @param value the earlier copy
   * @param position where the earlier copy's value starts in the source
   */
  public record Shadowed(String pointer, JsonNode value, Position position) {}

  private final JsonNode root;
  private final byte[] source;
  private final List<Shadowed> shadowed;
  private volatile Map<String, Position> positions;

  JsonDocument(JsonNode root, byte[] source, List<Shadowed> shadowed) {
    this.root = root;
    this.source = source;
    this.shadowed = List.copyOf(shadowed);
  }

  /** The same source with another tree (e.g. after renaming members); positions still work. */
  public JsonDocument withRoot(JsonNode otherRoot) {
    return new JsonDocument(otherRoot, source, shadowed);
  }

  public JsonNode root() {
    return root;
  }

  /** Earlier copies of repeated members, in document order; empty for most documents. */
  public List<Shadowed> shadowed() {
    return shadowed;
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
