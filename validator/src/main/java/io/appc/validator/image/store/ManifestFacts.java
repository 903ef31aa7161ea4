package io.appc.validator.image.store;

import io.appc.validator.finding.Findings;
import io.appc.validator.json.JsonDocument;
import io.appc.validator.json.JsonLimits;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.json.JsonReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The parts of an image manifest that storing and rendering need: name, labels, dependencies and
 * path whitelist. Full validation is the manifest validator's job; this reads leniently and reports
 * only what makes the image unusable for storing or rendering.
 *
 * @param name the image name
 * @param labels labels in manifest order
 * @param dependencies dependencies in manifest order
 * @param pathWhitelist whitelist entries as written
 */
public record ManifestFacts(
    String name,
    Map<String, String> labels,
    List<Dependency> dependencies,
    List<String> pathWhitelist) {

  /**
   * One entry of {@code dependencies}.
   *
   * @param index position in the list, for pointers such as {@code /dependencies/2}
   * @param imageName required name
   * @param imageId the wanted image ID, or {@code null}
   * @param labels wanted labels; absent ones are wildcards
   * @param size expected size in bytes, or 0 when not given (as in the Go reference, 0 is unset)
   */
  public record Dependency(
      int index, String imageName, String imageId, Map<String, String> labels, long size) {
    public Dependency {
      labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    public String pointer() {
      return "/dependencies/" + index;
    }
  }

  public ManifestFacts {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    dependencies = List.copyOf(dependencies);
    pathWhitelist = List.copyOf(pathWhitelist);
  }

  /**
   * Reads the facts from manifest bytes.
   *
   * @return the facts, or {@code null} when the manifest is unusable; problems go to {@code
   *     findings}
   */
  public static ManifestFacts parse(byte[] source, Findings findings) {
    JsonDocument document = new JsonReader(JsonLimits.DEFAULT).read(source, findings);
    if (document == null) {
      return null;
    }
    JsonNode root = document.root();
    if (!root.isObject()) {
      findings.error("IM-001", "", "need a JSON object as manifest, got something else", "");
      return null;
    }
    int before = findings.toList().size();
    JsonNode kind = root.get("acKind");
    if (kind == null || !kind.isString() || !kind.asString().equals("ImageManifest")) {
      findings.error(
          "IM-010",
          "/acKind",
          "need acKind \"ImageManifest\", got " + describe(kind),
          "only image manifests can be stored or rendered");
    }
    JsonNode nameNode = root.get("name");
    String name = null;
    if (nameNode == null || !nameNode.isString() || nameNode.asString().isEmpty()) {
      findings.error(
          "IM-012", "/name", "need a non-empty image name, got " + describe(nameNode), "");
    } else {
      name = nameNode.asString();
    }
    Map<String, String> labels = labels(root.get("labels"), "/labels", "IM-020", findings);
    List<Dependency> dependencies = new ArrayList<>();
    JsonNode deps = root.get("dependencies");
    if (deps != null && !deps.isNull()) {
      if (!deps.isArray()) {
        findings.error("IM-080", "/dependencies", "need a list, got " + describe(deps), "");
      } else {
        for (int i = 0; i < deps.size(); i++) {
          Dependency d = dependency(i, deps.get(i), findings);
          if (d != null) {
            dependencies.add(d);
          }
        }
      }
    }
    List<String> whitelist = new ArrayList<>();
    JsonNode pwl = root.get("pathWhitelist");
    if (pwl != null && !pwl.isNull()) {
      if (!pwl.isArray()) {
        findings.error(
            "IM-090", "/pathWhitelist", "need a list of paths, got " + describe(pwl), "");
      } else {
        for (int i = 0; i < pwl.size(); i++) {
          JsonNode p = pwl.get(i);
          if (!p.isString()) {
            findings.error(
                "IM-090", "/pathWhitelist/" + i, "need a path string, got " + describe(p), "");
          } else {
            whitelist.add(p.asString());
          }
        }
      }
    }
    if (findings.toList().size() > before || name == null) {
      return null;
    }
    return new ManifestFacts(name, labels, dependencies, whitelist);
  }

  private static Dependency dependency(int index, JsonNode node, Findings findings) {
    String pointer = "/dependencies/" + index;
    if (!node.isObject()) {
      findings.error("IM-080", pointer, "need a dependency object, got " + describe(node), "");
      return null;
    }
    JsonNode nameNode = node.get("imageName");
    if (nameNode == null || !nameNode.isString() || nameNode.asString().isEmpty()) {
      findings.error(
          "IM-081",
          pointer + "/imageName",
          "need a non-empty imageName, got " + describe(nameNode),
          "");
      return null;
    }
    String id = null;
    JsonNode idNode = node.get("imageID");
    if (idNode != null && !idNode.isNull()) {
      if (!idNode.isString() || !idNode.asString().startsWith("sha512-")) {
        findings.error(
            "IM-082",
            pointer + "/imageID",
            "need an image ID sha512-<hex>, got " + describe(idNode),
            "");
        return null;
      }
      id = idNode.asString();
    }
    Map<String, String> labels =
        labels(node.get("labels"), pointer + "/labels", "IM-083", findings);
    long size = 0;
    JsonNode sizeNode = node.get("size");
    if (sizeNode != null && !sizeNode.isNull()) {
      if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
        findings.error(
            "IM-084",
            pointer + "/size",
            "need a non-negative byte count, got " + describe(sizeNode),
            "");
        return null;
      }
      size = sizeNode.asLong();
    }
    return new Dependency(index, nameNode.asString(), id, labels, size);
  }

  private static Map<String, String> labels(
      JsonNode node, String pointer, String requirement, Findings findings) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return labels;
    }
    if (!node.isArray()) {
      findings.error(requirement, pointer, "need a list of labels, got " + describe(node), "");
      return labels;
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode label = node.get(i);
      String at = pointer + "/" + i;
      JsonNode n = label.isObject() ? label.get("name") : null;
      JsonNode v = label.isObject() ? label.get("value") : null;
      if (n == null || !n.isString() || (v != null && !v.isNull() && !v.isString())) {
        findings.error(requirement, at, "need a label {\"name\": string, \"value\": string}", "");
        continue;
      }
      String value = v == null || v.isNull() ? "" : v.asString();
      if (labels.put(n.asString(), value) != null) {
        findings.error(
            "IM-021",
            JsonPointers.child(at, "name"),
            "need unique label names, got \"" + n.asString() + "\" twice",
            "");
      }
    }
    return labels;
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
