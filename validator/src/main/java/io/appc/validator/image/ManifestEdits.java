package io.appc.validator.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes to an image manifest, as {@code appc patch-manifest} options express them. Scalars
 * replace the old value; list items ({@code environment}, {@code isolators}, {@code mountPoints},
 * {@code ports}, {@code labels}, {@code annotations}) replace the item of the same name or are
 * appended. The result is only JSON: whether it is a valid manifest is checked afterwards by the
 * manifest validator.
 *
 * @param replacement a whole new manifest, applied before the other edits; may be {@code null}
 * @param exec new {@code app.exec}; may be {@code null}
 * @param environment variables to set, by name
 * @param isolators isolator objects (each with a {@code name})
 * @param mountPoints mount point objects (each with a {@code name})
 * @param ports port objects (each with a {@code name})
 */
public record ManifestEdits(
    byte[] replacement,
    String name,
    List<String> exec,
    String user,
    String group,
    String workingDirectory,
    Map<String, String> environment,
    List<ObjectNode> isolators,
    List<ObjectNode> mountPoints,
    List<ObjectNode> ports,
    Map<String, String> labels,
    Map<String, String> annotations) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public ManifestEdits {
    replacement = replacement == null ? null : replacement.clone();
    exec = exec == null ? null : List.copyOf(exec);
    environment = copy(environment);
    isolators = isolators == null ? List.of() : List.copyOf(isolators);
    mountPoints = mountPoints == null ? List.of() : List.copyOf(mountPoints);
    ports = ports == null ? List.of() : List.copyOf(ports);
    labels = copy(labels);
    annotations = copy(annotations);
  }

  /** No change at all. */
  public static final ManifestEdits NONE =
      new ManifestEdits(null, null, null, null, null, null, null, null, null, null, null, null);

  /** True if only a whole replacement (or nothing) is asked for. */
  public boolean onlyReplacement() {
    return name == null
        && exec == null
        && user == null
        && group == null
        && workingDirectory == null
        && environment.isEmpty()
        && isolators.isEmpty()
        && mountPoints.isEmpty()
        && ports.isEmpty()
        && labels.isEmpty()
        && annotations.isEmpty();
  }

  /**
   * Applies the edits to {@code original}. A replacement without further edits is returned byte for
   * byte.
   *
   * @throws IllegalArgumentException if the manifest to edit is not a JSON object
   */
  public byte[] apply(byte[] original) {
    byte[] base = replacement != null ? replacement : original;
    if (onlyReplacement()) {
      return base.clone();
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(base);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          (replacement != null ? "the --manifest file" : "the image's manifest")
              + " is not valid JSON, so it cannot be edited: "
              + e.getOriginalMessage());
    }
    if (!(tree instanceof ObjectNode root)) {
      throw new IllegalArgumentException("the manifest to edit is not a JSON object");
    }
    if (name != null) {
      root.put("name", name);
    }
    if (needsApp()) {
      ObjectNode app = object(root, "app");
      if (exec != null) {
        ArrayNode list = app.putArray("exec");
        exec.forEach(list::add);
      }
      if (user != null) {
        app.put("user", user);
      }
      if (group != null) {
        app.put("group", group);
      }
      if (workingDirectory != null) {
        app.put("workingDirectory", workingDirectory);
      }
      environment.forEach((k, v) -> upsert(app, "environment", nameValue(k, v)));
      isolators.forEach(i -> upsert(app, "isolators", i));
      mountPoints.forEach(m -> upsert(app, "mountPoints", m));
      ports.forEach(p -> upsert(app, "ports", p));
    }
    labels.forEach((k, v) -> upsert(root, "labels", nameValue(k, v)));
    annotations.forEach((k, v) -> upsert(root, "annotations", nameValue(k, v)));
    return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
  }

  private boolean needsApp() {
    return exec != null
        || user != null
        || group != null
        || workingDirectory != null
        || !environment.isEmpty()
        || !isolators.isEmpty()
        || !mountPoints.isEmpty()
        || !ports.isEmpty();
  }

  /**
   * Parses an {@code --exec} value: a JSON array of strings, or words separated by white space (as
   * actool's patch-manifest did).
   */
  public static List<String> parseExec(String value) {
    String trimmed = value.strip();
    if (trimmed.startsWith("[")) {
      JsonNode node;
      try {
        node = JSON.readTree(trimmed);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("--exec: invalid JSON array: " + problem(e));
      }
      List<String> args = new ArrayList<>();
      for (JsonNode item : node) {
        if (!item.isString()) {
          throw new IllegalArgumentException("--exec: need an array of strings, got " + item);
        }
        args.add(item.asString());
      }
      return args;
    }
    return trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split("\\s+"));
  }

  /**
   * What Jackson found wrong, without the parenthesised source locations it appends (they name an
   * internal buffer, not the user's text).
   */
  private static String problem(JacksonException e) {
    String message = e.getOriginalMessage();
    int location = message.indexOf(" (start marker at");
    return location < 0 ? message : message.substring(0, location);
  }

  /** Parses {@code NAME=VALUE}. */
  public static Map.Entry<String, String> parseAssignment(String option, String value) {
    int equals = value.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException(option + ": need NAME=VALUE, got '" + value + "'");
    }
    return Map.entry(value.substring(0, equals), value.substring(equals + 1));
  }

  /** Parses an {@code --isolator} value: a JSON object with a {@code name}. */
  public static ObjectNode parseIsolator(String value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("--isolator: invalid JSON: " + problem(e));
    }
    if (!(node instanceof ObjectNode object) || !object.path("name").isString()) {
      throw new IllegalArgumentException(
          "--isolator: need a JSON object with a \"name\", e.g. "
              + "{\"name\":\"resource/memory\",\"value\":{\"limit\":\"1G\"}}");
    }
    return object;
  }

  /** Parses {@code name=NAME,path=PATH[,readOnly=true]}. */
  public static ObjectNode parseMount(String value) {
    Map<String, String> parts = keyValues("--mount", value);
    require("--mount", parts, "name", "path");
    ObjectNode mount = NODES.objectNode();
    mount.put("name", parts.remove("name"));
    mount.put("path", parts.remove("path"));
    String readOnly = parts.remove("readOnly");
    if (readOnly != null) {
      mount.put("readOnly", bool("--mount readOnly", readOnly));
    }
    unknown("--mount", parts);
    return mount;
  }

  /** Parses {@code name=NAME,protocol=P,port=N[,count=N][,socketActivated=true]}. */
  public static ObjectNode parsePort(String value) {
    Map<String, String> parts = keyValues("--port", value);
    require("--port", parts, "name", "protocol", "port");
    ObjectNode port = NODES.objectNode();
    port.put("name", parts.remove("name"));
    port.put("protocol", parts.remove("protocol"));
    port.put("port", number("--port port", parts.remove("port")));
    String count = parts.remove("count");
    if (count != null) {
      port.put("count", number("--port count", count));
    }
    String socket = parts.remove("socketActivated");
    if (socket != null) {
      port.put("socketActivated", bool("--port socketActivated", socket));
    }
    unknown("--port", parts);
    return port;
  }

  private static Map<String, String> keyValues(String option, String value) {
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : value.split(",")) {
      Map.Entry<String, String> kv = parseAssignment(option, part);
      parts.put(kv.getKey(), kv.getValue());
    }
    return parts;
  }

  private static void require(String option, Map<String, String> parts, String... keys) {
    for (String key : keys) {
      if (!parts.containsKey(key)) {
        throw new IllegalArgumentException(option + ": missing " + key + "=...");
      }
    }
  }

  private static void unknown(String option, Map<String, String> rest) {
    if (!rest.isEmpty()) {
      throw new IllegalArgumentException(option + ": unknown key(s) " + rest.keySet());
    }
  }

  private static boolean bool(String what, String value) {
    if (value.equals("true") || value.equals("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(what + ": need true or false, got '" + value + "'");
  }

  private static long number(String what, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": need a number, got '" + value + "'");
    }
  }

  private static ObjectNode nameValue(String name, String value) {
    ObjectNode node = NODES.objectNode();
    node.put("name", name);
    node.put("value", value);
    return node;
  }

  private static ObjectNode object(ObjectNode parent, String key) {
    JsonNode existing = parent.get(key);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(key);
  }

  /** Replaces the item of {@code list} with the same name, or appends. */
  private static void upsert(ObjectNode parent, String list, ObjectNode item) {
    JsonNode existing = parent.get(list);
    ArrayNode array = existing instanceof ArrayNode a ? a : parent.putArray(list);
    String key = item.path("name").asString();
    for (int i = 0; i < array.size(); i++) {
      if (array.get(i).path("name").isString()
          && array.get(i).path("name").asString().equals(key)) {
        array.set(i, item.deepCopy());
        return;
      }
    }
    array.add(item.deepCopy());
  }

  private static Map<String, String> copy(Map<String, String> map) {
    return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
