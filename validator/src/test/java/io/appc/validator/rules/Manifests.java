package io.appc.validator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.manifest.ManifestValidator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Runs manifests through the real validator and summarises the findings as {@code "ID level
 * pointer"} strings, so a test states exactly which findings it expects and nothing else slips in.
 */
final class Manifests {
  /** A full, valid image ID. */
  static final String ID = "sha512-" + "0123456789abcdef".repeat(8);

  private Manifests() {}

  /** JSON written with single quotes for readability. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A valid image manifest with extra members (a JSON fragment, single quotes). */
  static String image(String members) {
    return json(
        "{'acKind':'ImageManifest','acVersion':'0.8.11','name':'example.com/app'"
            + (members.isBlank() ? "" : "," + members)
            + "}");
  }

  /** A valid image manifest whose app has extra members. */
  static String imageApp(String appMembers) {
    return image(
        "'app':{'user':'0','group':'0'" + (appMembers.isBlank() ? "" : "," + appMembers) + "}");
  }

  /** The single app of {@link #pod}: a name and a full image ID, nothing else. */
  static final String APP = "{'name':'app','image':{'id':'" + ID + "'}}";

  /** A valid pod manifest (one app, {@link #APP}) with extra members, which must not be apps. */
  static String pod(String members) {
    return podWith("'apps':[" + APP + "]" + (members.isBlank() ? "" : "," + members));
  }

  /**
   * A pod manifest of only {@code acKind}, {@code acVersion} and {@code members}, for tests that
   * write the {@code apps} themselves (a pod without apps breaks POD-012).
   */
  static String podWith(String members) {
    return json(
        "{'acKind':'PodManifest','acVersion':'0.8.11'"
            + (members.isBlank() ? "" : "," + members)
            + "}");
  }

  /** A pod with one app named {@code app} that has extra members. */
  static String podApp(String appMembers, String podMembers) {
    return podWith(
        "'apps':[{'name':'app','image':{'id':'"
            + ID
            + "'}"
            + (appMembers.isBlank() ? "" : "," + appMembers)
            + "}]"
            + (podMembers.isBlank() ? "" : "," + podMembers));
  }

  static FileResult validate(Compat compat, String json) {
    ManifestValidator validator =
        new ManifestValidator(ValidationOptions.DEFAULT.withCompat(compat));
    return validator.validate(json.getBytes(StandardCharsets.UTF_8), "manifest");
  }

  /** The findings as sorted {@code "ID level pointer"} strings. */
  static List<String> summary(FileResult result) {
    return result.findings().stream()
        .map(f -> f.requirementId() + " " + f.level().label() + " " + f.pointer())
        .sorted()
        .toList();
  }

  /** Asserts that validating {@code json} gives exactly these findings (in any order). */
  static void expect(Compat compat, String json, String... findings) {
    FileResult result = validate(compat, json);
    List<String> expected = Arrays.stream(findings).sorted().toList();
    assertEquals(expected, summary(result), () -> details(result));
  }

  /** Asserts the findings of spec mode with {@code --reified} (pod manifests must be runnable). */
  static void expectReified(String json, String... findings) {
    FileResult result =
        new ManifestValidator(ValidationOptions.DEFAULT.withReifiedPods(true))
            .validate(json.getBytes(StandardCharsets.UTF_8), "manifest");
    assertEquals(Arrays.stream(findings).sorted().toList(), summary(result), () -> details(result));
  }

  /** Asserts the same findings in both modes. */
  static void expectBoth(String json, String... findings) {
    expect(Compat.SPEC, json, findings);
    expect(Compat.ACTOOL, json, findings);
  }

  /** The single finding of a result, for message and hint checks. */
  static Finding only(Compat compat, String json) {
    FileResult result = validate(compat, json);
    assertEquals(1, result.findings().size(), () -> details(result));
    return result.findings().get(0);
  }

  private static String details(FileResult result) {
    StringBuilder out = new StringBuilder("findings:\n");
    for (Finding f : result.findings()) {
      out.append("  ")
          .append(f.requirementId())
          .append(' ')
          .append(f.level().label())
          .append(' ')
          .append(f.pointer())
          .append(": ")
          .append(f.message())
          .append(" | ")
          .append(f.hint())
          .append('\n');
    }
    return out.toString();
  }
}
