package io.appc.validator.cli;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Findings;
import io.appc.validator.image.ArchiveLimits;
import io.appc.validator.image.ImageValidator;
import io.appc.validator.manifest.ManifestValidator;
import io.appc.validator.report.ValidationReport;
import java.io.IOException;

/** Checks one input with the validator for its type. Thread-safe. */
final class InputChecker {
  private final ManifestValidator manifests;
  private final ImageValidator images;

  InputChecker(ValidationOptions options, ArchiveLimits archiveLimits) {
    this.manifests = new ManifestValidator(options);
    this.images = new ImageValidator(options).withLimits(archiveLimits);
  }

  FileResult check(Input input) {
    switch (input.type()) {
      case MANIFEST:
        return checkManifest(input);
      case ARCHIVE:
        return images.validateArchive(input.path(), input.display());
      case LAYOUT:
        return images.validateLayout(input.path(), input.display());
      default:
        return unreadable(input.display(), input.problem());
    }
  }

  private FileResult checkManifest(Input input) {
    try {
      return manifests.validate(input.path(), input.display());
    } catch (IOException e) {
      return unreadable(input.display(), InputScanner.describe(e));
    }
  }

  /** The result for an input that could not be read at all. */
  static FileResult unreadable(String display, String problem) {
    Findings findings = new Findings(display);
    findings.error(
        ValidationReport.INPUT_ERROR,
        "",
        "cannot read input: " + problem,
        "check the path and its permissions");
    return new FileResult(display, "unknown", findings.toList());
  }
}
