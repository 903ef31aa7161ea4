package io.appc.validator.schema;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Schema findings that {@link io.appc.validator.Compat#ACTOOL} drops because the Go reference tool
 * accepted the input. One entry per relaxation, each citing the section of {@code
 * validation-rules.md} (VR) that documents the Go behaviour; {@code docs/compat-actool.md} lists
 * them for users. Only schema-level differences live here; differences in string grammars and
 * semantic rules are handled by the rules that report them.
 */
final class ActoolRelaxations {
  /** One accepted difference. */
  record Relaxation(String source, Predicate<SchemaViolation> applies) {}

  static final List<Relaxation> ALL =
      List.of(
          missing("POD-010", "acVersion", "VR R-VER-03: a pod manifest may omit acVersion"),
          missing("POD-012", "apps", "VR R-POD-02, §9.5: apps may be absent"),
          missing("POD-013", "name", "VR R-POD-11: an app may have no name"),
          missing("POD-015", "image", "VR R-POD-12: an app may have no image"),
          missing("POD-016", "id", "VR R-POD-12, §17.6: image.id may be absent (templates)"),
          missing("POD-021", "volume", "VR R-POD-20: Mount.assertValid is never called"),
          missing("POD-022", "path", "VR R-POD-20: Mount.assertValid is never called"),
          missing("IM-060", "name", "VR R-APP-07: a mount point may have no name"),
          missing("IM-060", "path", "VR R-APP-07: a mount point may have no path"),
          missing("IM-063", "name", "VR R-PORT-03: a port may have no name"),
          missing("IM-064", "protocol", "VR R-PORT-03: protocol is not checked"),
          missing("POD-043", "name", "VR R-PORT-04: an exposed port may have no name"),
          missing("POD-045", "hostPort", "VR R-PORT-04: hostPort absent reads as 0, unchecked"),
          missing("IM-020", "name", "VR R-LBL-02: a label without name is accepted once"),
          missing("IM-020", "value", "VR R-LBL-01: a label value may be absent"),
          missing("IM-100", "name", "VR R-ANN-01: an annotation without name is accepted once"),
          missing("IM-100", "value", "VR R-ANN-01: an annotation value may be absent"),
          missing("POD-041", "name", "VR R-ANN-01/03: same Annotations type in pods"),
          missing("POD-041", "value", "VR R-ANN-01/03: same Annotations type in pods"),
          missing("POD-025", "name", "VR R-ANN-01/03: same Annotations type in pod apps"),
          missing("POD-025", "value", "VR R-ANN-01/03: same Annotations type in pod apps"),
          missing("IM-050", "value", "VR R-APP-06: an environment value can be anything"),
          range("IM-037", "VR R-APP-03: negative supplementaryGIDs are accepted", Long.MIN_VALUE),
          new Relaxation(
              "VR R-PORT-02: count 0 is turned into 1",
              v -> isRange(v, "IM-068") && v.instance().isNumber() && v.instance().asDouble() == 0),
          new Relaxation(
              "VR R-JSON-04: null reads as absent except for self-validating types",
              ActoolRelaxations::nullReadAsAbsent));

  /**
   * Where Go still rejects {@code null}: self-validating types (AC Identifier, AC Name, SemVer,
   * Hash), strings that must not be empty, numbers that must not be 0, and list entries whose empty
   * value fails ({@code #} stands for any list index). Written as {@code ID member}. A volume's
   * {@code kind} is a plain string in Go, but {@code ""} is no kind (VR R-VOL-03). A volume's
   * {@code source} is not listed: {@code ""} is fine on an empty volume, and {@code VolumesRule}
   * rejects it on a host volume.
   */
  private static final Set<String> NULL_STILL_REJECTED =
      Set.of(
          "IM-011 acVersion",
          "IM-012 name",
          "POD-010 acVersion",
          "IM-020 name",
          "IM-100 name",
          "POD-041 name",
          "POD-025 name",
          "IM-034 user",
          "IM-034 group",
          "IM-050 name",
          "IM-050 #",
          "IM-040 #",
          "TYPE-ISO-002 name",
          "TYPE-ISO-001 #",
          "IM-060 name",
          "IM-063 name",
          "IM-063 #",
          "IM-067 port",
          "IM-080 #",
          "IM-081 imageName",
          "POD-013 name",
          "POD-016 id",
          "POD-030 name",
          "POD-030 #",
          "POD-032 kind",
          "POD-021 volume",
          "POD-043 name");

  private ActoolRelaxations() {}

  /** True if the Go tool accepted what {@code violation} reports. */
  static boolean relaxes(SchemaViolation violation) {
    for (Relaxation relaxation : ALL) {
      if (relaxation.applies().test(violation)) {
        return true;
      }
    }
    return false;
  }

  private static Relaxation missing(String id, String member, String source) {
    return new Relaxation(
        source,
        v ->
            "required".equals(v.keyword())
                && id.equals(v.requirementId())
                && member.equals(v.member()));
  }

  /** Drops minimum/maximum findings of {@code id} for integer values of at least {@code floor}. */
  private static Relaxation range(String id, String source, long floor) {
    return new Relaxation(
        source,
        v ->
            isRange(v, id)
                && v.instance().canConvertToExactIntegral()
                && v.instance().canConvertToLong()
                && v.instance().asLong() >= floor);
  }

  private static boolean isRange(SchemaViolation v, String id) {
    return id.equals(v.requirementId())
        && ("minimum".equals(v.keyword()) || "maximum".equals(v.keyword()));
  }

  private static boolean nullReadAsAbsent(SchemaViolation v) {
    if (!"type".equals(v.keyword()) || !v.instance().isNull()) {
      return false;
    }
    String member = v.memberIsIndex() ? "#" : v.member();
    return !NULL_STILL_REJECTED.contains(v.requirementId() + " " + member);
  }
}
