package io.appc.validator.schema;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import io.appc.validator.json.JsonPointers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns networknt errors into {@link SchemaViolation}s: the requirement ID comes from the schema's
 * {@code x-appc-*} annotations, the pointer from the instance location, and the message and hint
 * are written for people. Errors of {@code pattern} and {@code format} are dropped (string grammars
 * are checked in code), and the branches of a failed {@code anyOf}/{@code oneOf} are collapsed into
 * one violation so that a single mistake gives a single finding. Thread-safe.
 */
final class ErrorTranslator {
  static final String REQUIREMENT = "x-appc-requirement";
  static final String REQUIRED_MAP = "x-appc-required";
  static final String TYPE_FACT = "x-appc-type-fact";

  private record Key(SchemaLocation location, String member) {}

  private record Resolved(String id, boolean mapped) {}

  private final SchemaSet schemas;
  private final String fallbackId;
  private final ConcurrentMap<Key, Resolved> ids = new ConcurrentHashMap<>();

  /**
   * @param schemas the compiled schemas whose originals carry the annotations
   * @param fallbackId the ID used when no annotation names a requirement (a schema bug, covered by
   *     tests)
   */
  ErrorTranslator(SchemaSet schemas, String fallbackId) {
    this.schemas = schemas;
    this.fallbackId = fallbackId;
  }

  List<SchemaViolation> translate(List<Error> errors) {
    if (errors.isEmpty()) {
      return List.of();
    }
    List<Error> relevant = new ArrayList<>(errors.size());
    for (Error error : errors) {
      String keyword = error.getKeyword();
      if (!"pattern".equals(keyword) && !"format".equals(keyword)) {
        relevant.add(error);
      }
    }
    List<SchemaViolation> out = new ArrayList<>();
    collapse(relevant, 0, out);
    return out;
  }

  /**
   * Emits the errors that do not lie under an {@code anyOf}/{@code oneOf} found at or after
   * position {@code from} of their evaluation path, and one choice per failed compound.
   */
  private void collapse(List<Error> errors, int from, List<SchemaViolation> out) {
    Map<String, List<Error>> compounds = new LinkedHashMap<>();
    Map<String, Integer> compoundDepth = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (Error error : errors) {
      NodePath path = error.getEvaluationPath();
      int at = compoundAt(path, from);
      if (at < 0) {
        order.add(error);
        continue;
      }
      String prefix = prefix(path, at + 1);
      List<Error> group = compounds.get(prefix);
      if (group == null) {
        group = new ArrayList<>();
        compounds.put(prefix, group);
        compoundDepth.put(prefix, at);
        order.add(prefix);
      }
      group.add(error);
    }
    for (Object item : order) {
      if (item instanceof Error error) {
        out.add(translate(error));
      } else {
        String prefix = (String) item;
        chooseBranch(compounds.get(prefix), compoundDepth.get(prefix), out);
      }
    }
  }

  /**
   * Reports one failed compound. If every branch failed on the value's own type, const or enum, the
   * expectations are merged into one "need X or Y" violation; otherwise the branch that matched the
   * value's type and failed least is reported, as it is most likely what the author meant.
   */
  private void chooseBranch(List<Error> group, int at, List<SchemaViolation> out) {
    Error header = null;
    Map<Integer, List<Error>> branches = new LinkedHashMap<>();
    for (Error error : group) {
      NodePath path = error.getEvaluationPath();
      if (path.getNameCount() == at + 1) {
        header = error;
      } else if (path.getElement(at + 1) instanceof Integer branch) {
        branches.computeIfAbsent(branch, b -> new ArrayList<>()).add(error);
      }
    }
    if (branches.isEmpty()) {
      if (header != null) {
        out.add(translate(header));
      }
      return;
    }
    NodePath where =
        branches.values().stream()
            .flatMap(List::stream)
            .map(Error::getInstanceLocation)
            .min(Comparator.comparingInt(NodePath::getNameCount))
            .orElseThrow();
    List<Error> rejectedOutright = new ArrayList<>();
    List<Error> best = null;
    for (List<Error> branch : branches.values()) {
      Error outright = outright(branch, where);
      if (outright != null) {
        rejectedOutright.add(outright);
      } else if (best == null || branch.size() < best.size()) {
        best = branch;
      }
    }
    if (best != null) {
      collapse(best, at + 2, out);
    } else {
      out.add(merge(rejectedOutright));
    }
  }

  /** The error that rejects the whole value of a branch (its type, const or enum), if any. */
  private static Error outright(List<Error> branch, NodePath where) {
    for (Error error : branch) {
      String keyword = error.getKeyword();
      boolean wholeValue =
          "type".equals(keyword) || "const".equals(keyword) || "enum".equals(keyword);
      if (wholeValue && error.getInstanceLocation().equals(where)) {
        return error;
      }
    }
    return null;
  }

  private SchemaViolation merge(List<Error> outright) {
    Error first = outright.get(0);
    List<String> expected = new ArrayList<>();
    for (Error error : outright) {
      String phrase =
          switch (error.getKeyword()) {
            case "type" -> Texts.typePhrase(error.getSchemaNode());
            case "const" -> Texts.json(error.getSchemaNode());
            default -> "one of " + Texts.list(error.getSchemaNode());
          };
      if (!expected.contains(phrase)) {
        expected.add(phrase);
      }
    }
    SchemaViolation base = translate(first);
    String message =
        "need " + String.join(" or ", expected) + ", got " + Texts.actual(first.getInstanceNode());
    return new SchemaViolation(
        base.requirementId(),
        base.mapped(),
        base.keyword(),
        base.pointer(),
        base.member(),
        base.instance(),
        message,
        "use " + String.join(" or ", expected),
        base.typeFact());
  }

  private SchemaViolation translate(Error error) {
    String keyword = error.getKeyword();
    SchemaLocation location = error.getSchemaLocation();
    SchemaLocation owner = new SchemaLocation(location.getAbsoluteIri(), parent(location));
    JsonNode subschema = schemas.original(owner);
    NodePath instancePath = error.getInstanceLocation();
    String pointer = pointer(instancePath);
    JsonNode instance = error.getInstanceNode();
    boolean required = "required".equals(keyword);
    String member = required ? String.valueOf(error.getProperty()) : lastToken(instancePath);
    Resolved resolved =
        ids.computeIfAbsent(
            new Key(owner, required ? member : null), key -> resolve(subschema, key.member()));
    Texts.Text text = Texts.describe(keyword, error, subschema, member);
    return new SchemaViolation(
        resolved.id(),
        resolved.mapped(),
        keyword,
        pointer,
        member,
        instance,
        text.message(),
        text.hint(),
        subschema.path(TYPE_FACT).isBoolean() && subschema.path(TYPE_FACT).booleanValue());
  }

  /**
   * The requirement a failed keyword enforces. For {@code required}: the object's {@code
   * x-appc-required} entry for the member, else the member's own {@code x-appc-requirement}, else
   * the object's. For every other keyword: the {@code x-appc-requirement} of the subschema that
   * holds the keyword.
   */
  private Resolved resolve(JsonNode subschema, String missingMember) {
    if (missingMember != null) {
      JsonNode mapped = subschema.path(REQUIRED_MAP).path(missingMember);
      if (mapped.isString()) {
        return new Resolved(mapped.stringValue(), true);
      }
      JsonNode own = subschema.path("properties").path(missingMember).path(REQUIREMENT);
      if (own.isString()) {
        return new Resolved(own.stringValue(), true);
      }
    }
    JsonNode id = subschema.path(REQUIREMENT);
    return id.isString() ? new Resolved(id.stringValue(), true) : new Resolved(fallbackId, false);
  }

  private static NodePath parent(SchemaLocation location) {
    NodePath fragment = location.getFragment();
    NodePath parent = fragment.getParent();
    return parent == null ? fragment : parent;
  }

  /** Position of the first {@code anyOf}/{@code oneOf} at or after {@code from}, or -1. */
  private static int compoundAt(NodePath path, int from) {
    for (int i = from; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if ("anyOf".equals(element) || "oneOf".equals(element)) {
        return i;
      }
    }
    return -1;
  }

  private static String prefix(NodePath path, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append('/').append(path.getElement(i));
    }
    return sb.toString();
  }

  /** The RFC 6901 pointer of an instance location ({@code ""} for the root). */
  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      sb.append('/');
      sb.append(
          element instanceof Integer index
              ? index.toString()
              : JsonPointers.escape(element.toString()));
    }
    return sb.toString();
  }

  private static String lastToken(NodePath path) {
    int count = path.getNameCount();
    return count == 0 ? "" : String.valueOf(path.getElement(count - 1));
  }
}
