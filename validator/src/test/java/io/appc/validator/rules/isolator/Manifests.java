package io.appc.validator.rules.isolator;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.manifest.ManifestValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Small manifests around isolator lists, validated through the real pipeline. */
final class Manifests {
  static final String IMAGE_ID = "sha512-" + "ab".repeat(64);

  private Manifests() {}

  /** An image manifest whose app has these isolators (JSON objects, comma-separated). */
  static String image(String isolators) {
    return "{\"acKind\": \"ImageManifest\", \"acVersion\": \"0.8.11\", \"name\":"
        + " \"example.com/app\", \"app\": {\"exec\": [\"/bin/app\"], \"user\": \"0\", \"group\":"
        + " \"0\", \"isolators\": ["
        + isolators
        + "]}}";
  }

  /** A pod manifest with pod-level isolators and one app per further argument. */
  static String pod(String podIsolators, String... appIsolators) {
    StringBuilder apps = new StringBuilder();
    for (int i = 0; i < appIsolators.length; i++) {
      if (i > 0) {
        apps.append(", ");
      }
      apps.append("{\"name\": \"app")
          .append(i)
          .append("\", \"image\": {\"id\": \"")
          .append(IMAGE_ID)
          .append("\", \"name\": \"example.com/app\"}, \"app\": {\"exec\": [\"/bin/app\"],")
          .append(" \"user\": \"0\", \"group\": \"0\", \"isolators\": [")
          .append(appIsolators[i])
          .append("]}}");
    }
    return "{\"acKind\": \"PodManifest\", \"acVersion\": \"0.8.11\", \"apps\": ["
        + apps
        + "], \"isolators\": ["
        + podIsolators
        + "]}";
  }

  static String isolator(String name, String valueJson) {
    return "{\"name\": \"" + name + "\", \"value\": " + valueJson + "}";
  }

  /** The findings about isolators (or the JSON itself) for {@code json} in {@code compat}. */
  static List<Finding> validate(String json, Compat compat) {
    ManifestValidator validator =
        new ManifestValidator(ValidationOptions.DEFAULT.withCompat(compat));
    return validator.validate(json.getBytes(StandardCharsets.UTF_8), "x.json").findings().stream()
        .filter(f -> f.pointer().contains("isolators") || f.requirementId().equals("IM-001"))
        .toList();
  }

  static Finding assertFinding(List<Finding> findings, String id, Level level, String pointer) {
    return findings.stream()
        .filter(
            f -> f.requirementId().equals(id) && f.level() == level && f.pointer().equals(pointer))
        .findFirst()
        .orElseGet(
            () -> {
              fail("no " + level + " " + id + " at " + pointer + " in\n" + render(findings));
              return null;
            });
  }

  static void assertNoErrors(List<Finding> findings) {
    assertTrue(
        findings.stream().noneMatch(f -> f.level() == Level.ERROR),
        () -> "unexpected errors in\n" + render(findings));
  }

  static void assertNoFinding(List<Finding> findings, String id) {
    assertTrue(
        findings.stream().noneMatch(f -> f.requirementId().equals(id)),
        () -> "unexpected " + id + " in\n" + render(findings));
  }

  static void assertNothing(List<Finding> findings) {
    assertTrue(findings.isEmpty(), () -> "unexpected findings\n" + render(findings));
  }

  static String render(List<Finding> findings) {
    return findings.stream()
        .map(
            f ->
                "  "
                    + f.level()
                    + " "
                    + f.requirementId()
                    + " "
                    + f.pointer()
                    + ": "
                    + f.message()
                    + (f.hint().isEmpty() ? "" : " [" + f.hint() + "]"))
        .collect(Collectors.joining("\n"));
  }
}
