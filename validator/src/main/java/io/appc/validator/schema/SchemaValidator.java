package io.appc.validator.schema;

import io.appc.validator.finding.Level;
import io.appc.validator.finding.Requirements;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.rules.RuleContext;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Checks a manifest against the JSON Schemas in {@code schemas/} (JSON types, required members,
 * enums and constants, numeric ranges) and reports every problem as a finding under the requirement
 * ID that the schema names for it. String grammars are left to the rules, so {@code pattern} and
 * {@code format} never produce findings here; neither do the keywords a subschema lists in {@code
 * x-appc-checked-in-code} (an empty user or group, a hostPort out of range), which rules report
 * with a mode-dependent level. In {@link io.appc.validator.Compat#ACTOOL} mode, what the Go tool
 * accepted is dropped (see {@link ActoolRelaxations}).
 *
 * <p>The schemas are read from the classpath and compiled once per process, on first use; nothing
 * is fetched from the network. Thread-safe.
 */
public final class SchemaValidator {
  /** Common prefix of the {@code $id} of every appc schema. */
  public static final String ID_PREFIX = "https://appc.io/schemas/0.8.11/";

  /** {@code $id} of the image manifest schema. */
  public static final String IMAGE_MANIFEST_ID = ID_PREFIX + "image-manifest.schema.json";

  /** {@code $id} of the pod manifest schema. */
  public static final String POD_MANIFEST_ID = ID_PREFIX + "pod-manifest.schema.json";

  /** Classpath folder holding the schema files (Maven copies {@code ../schemas} there). */
  public static final String CLASSPATH_FOLDER = "schemas";

  /** File names of the schemas, in the order they depend on each other. */
  public static final List<String> FILES =
      List.of("appc-common.schema.json", "image-manifest.schema.json", "pod-manifest.schema.json");

  /**
   * Used only if a schema error carries no requirement annotation, which the tests rule out: "the
   * manifest is valid JSON" is the broadest requirement of both manifest kinds.
   */
  static final String UNMAPPED_ID = "IM-001";

  private static final SchemaValidator SHARED = new SchemaValidator();

  /** Compiled on first use: the class is initialised only when a manifest is validated. */
  private static final class Compiled {
    static final SchemaSet SCHEMAS = SchemaSet.fromClasspath(CLASSPATH_FOLDER, FILES);
    static final ErrorTranslator TRANSLATOR = new ErrorTranslator(SCHEMAS, UNMAPPED_ID);
  }

  private SchemaValidator() {}

  public static SchemaValidator shared() {
    return SHARED;
  }

  /** Reports the schema violations of {@code context.root()} to {@code context.findings()}. */
  public void validate(RuleContext context) {
    JsonNode root = context.root();
    if (root == null) {
      return;
    }
    for (SchemaViolation v : violations(root, context.kind())) {
      if (context.actool() && ActoolRelaxations.relaxes(v)) {
        continue;
      }
      if (!context.reifiedPods() && isTemplateImage(v)) {
        // pods.md: a pod manifest may be a deployable template; only a reified one must name
        // every image by ID (POD-003), so a template gets a warning, --reified an error.
        context
            .findings()
            .warning(
                "POD-003",
                v.pointer(),
                "pod template: the app's image has no \"id\"; it must be resolved to an image ID"
                    + " before the pod runs",
                "add the image ID (appc image-id IMAGE.aci), or pass --reified to require it");
        continue;
      }
      context
          .findings()
          .add(v.requirementId(), level(v, context.actool()), v.pointer(), v.message(), v.hint());
    }
  }

  /**
   * The level of a violation. Usually the catalog's level of its row. Two exceptions: a value of
   * the wrong JSON type is always an error, because the spec gives every member its type as a
   * schema fact even where the row's keyword is weaker ({@code socketActivated} is an optional
   * boolean, a MAY* row; a string there is still not a boolean). The same holds for a constraint
   * the spec writes into the type itself, marked {@code x-appc-type-fact} in the schema: aci.md
   * types {@code supplementaryGIDs} as a "list of unsigned integers", so -1 is not a GID even
   * though IM-037 is a SHOULD* row (the SHOULD is about running with the groups). And in actool
   * mode every violation not relaxed is an error, because Go's decoder rejected all of them
   * (R-JSON-05: a negative or fractional {@code size} fails to decode).
   */
  private static Level level(SchemaViolation v, boolean actool) {
    if (actool || "type".equals(v.keyword()) || v.typeFact()) {
      return Level.ERROR;
    }
    return Requirements.findingLevel(v.requirementId());
  }

  private static boolean isTemplateImage(SchemaViolation v) {
    return "required".equals(v.keyword())
        && "POD-016".equals(v.requirementId())
        && "id".equals(v.member());
  }

  /** Every schema violation of {@code root}, before any compatibility relaxation. */
  static List<SchemaViolation> violations(JsonNode root, ManifestKind kind) {
    String id = kind == ManifestKind.POD ? POD_MANIFEST_ID : IMAGE_MANIFEST_ID;
    return Compiled.TRANSLATOR.translate(Compiled.SCHEMAS.validate(id, root));
  }
}
