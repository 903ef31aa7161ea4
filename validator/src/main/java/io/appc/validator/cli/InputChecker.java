package io.appc.validator.cli;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Findings;
import io.appc.validator.image.ImageValidator;
import io.appc.validator.json.JsonReader;
import io.appc.validator.manifest.ManifestValidator;
import io.appc.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Checks one input with the validator for its type. Thread-safe. */
final class InputChecker {
  private final ValidationOptions options;
  private final ManifestValidator manifests;
  private final ImageValidator images;

  InputChecker(ValidationOptions options) {
    this.options = options;
    this.manifests = new ManifestValidator(options);
    this.images = new ImageValidator(options);
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
    long limit = options.jsonLimits().maxBytes();
    byte[] source;
    try (InputStream in = Files.newInputStream(input.path())) {
      // Reads one byte past the limit so that a huge file is refused without being loaded.
      source = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
      if (source.length > limit) {
        Findings findings = new Findings(input.display());
        findings.error(
            JsonReader.VALID_JSON,
            "",
            "manifest is too large: need at most " + limit + " bytes, got " + sizeOf(input),
            "manifests are small JSON files; raise the limit with --max-manifest-bytes if this"
                + " is intended");
        return new FileResult(input.display(), "unknown", findings.toList());
      }
    } catch (IOException e) {
      return unreadable(input.display(), InputScanner.describe(e));
    }
    return manifests.validate(source, input.display());
  }

  private static String sizeOf(Input input) {
    try {
      return Files.size(input.path()) + " bytes";
    } catch (IOException e) {
      return "more";
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
