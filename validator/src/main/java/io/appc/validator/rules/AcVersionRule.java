package io.appc.validator.rules;

import io.appc.validator.Compat;
import io.appc.validator.finding.Requirements;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.types.AcVersion;
import io.appc.validator.types.InvalidValueException;

/**
 * types.md §AC Version Type, for {@code acVersion} of both manifests: the grammar (IM-011, POD-010)
 * and the compatibility with the spec version this toolkit implements, {@link AcVersion#SUPPORTED}
 * (TYPE-VER-001, TYPE-VER-002).
 *
 * <p>What counts as compatible: the major version must equal the supported major (0), otherwise
 * TYPE-VER-002; the version must not be higher than 0.8.11 by SemVer precedence, otherwise
 * TYPE-VER-001; and it must name a tagged spec release (0.1.1 to 0.8.11), since the spec demands "a
 * tagged version" — a pre-release or an untagged number such as 0.0.0 or 0.4.3 fails TYPE-VER-001.
 * Build metadata is ignored ({@code 0.8.11+git}, which actool built from git wrote, is 0.8.11). The
 * Go tool never compared versions, so in actool mode these become notes.
 */
public final class AcVersionRule implements ManifestRule {
  static final String TOO_NEW = "TYPE-VER-001";
  static final String OTHER_MAJOR = "TYPE-VER-002";

  @Override
  public void check(RuleContext context) {
    String text = Nodes.string(context.root(), "acVersion");
    if (text == null) {
      return;
    }
    String grammarId = context.kind() == ManifestKind.POD ? "POD-010" : "IM-011";
    AcVersion version;
    try {
      version = AcVersion.parse(text, context.compat());
    } catch (InvalidValueException e) {
      Reports.invalid(context, grammarId, "/acVersion", "acVersion", e);
      return;
    }
    AcVersion supported = AcVersion.SUPPORTED;
    if (!version.major().equals(supported.major())) {
      compatibility(
          context,
          OTHER_MAJOR,
          "acVersion: need a version of the "
              + supported.major()
              + ".x series this toolkit implements ("
              + supported
              + "), got "
              + InvalidValueException.quote(text),
          "manifests of another major version are not compatible; write " + supported);
    } else if (version.comparePrecedence(supported) > 0) {
      compatibility(
          context,
          TOO_NEW,
          "acVersion: need at most "
              + supported
              + ", the highest version this toolkit complies with, got "
              + InvalidValueException.quote(text),
          "write " + supported + " unless the manifest needs a newer spec");
    } else if (!version.isTaggedRelease()) {
      compatibility(
          context,
          TOO_NEW,
          "acVersion: need a tagged spec release (0.1.1 to "
              + supported
              + "), got "
              + InvalidValueException.quote(text),
          "no spec release has this version; write " + supported);
    }
  }

  private static void compatibility(RuleContext context, String id, String message, String hint) {
    if (context.compat() == Compat.ACTOOL) {
      Reports.note(context, id, "/acVersion", message + " (actool did not compare versions)", hint);
    } else {
      context.findings().add(id, Requirements.findingLevel(id), "/acVersion", message, hint);
    }
  }
}
