package io.appc.validator.cli;

import io.appc.validator.Compat;
import io.appc.validator.ToolVersion;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.image.ArchiveLimits;
import io.appc.validator.image.ExpectedImageId;
import io.appc.validator.json.JsonLimits;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.report.ReportFormat;
import io.appc.validator.report.ReportWriter;
import io.appc.validator.report.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appc validate}: checks manifests, image archives and image layouts. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Check image manifests, pod manifests, image archives (.aci) and image layouts against the"
          + " App Container specification v0.8.11.",
      "",
      "A directory with a file named 'manifest' is an image layout. Other directories are walked:"
          + " *.json files are manifests (except *.expect.json test sidecars); *.aci files and"
          + " files that start like a tar, gzip, bzip2, xz or OpenPGP archive are image archives;"
          + " other files and hidden entries are skipped. A file named on the command line is always checked: as JSON if its name"
          + " ends in .json or it starts with '{', else as an archive."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every input is valid (warnings allowed unless --warnings-as-errors)",
      "1:at least one input is invalid",
      "2:usage error, an input could not be read, or nothing to check"
    })
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Manifest, image archive, image layout, or directory to search.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = Converters.FormatConverter.class,
      description = "Output format: text, json, sarif or junit (default: text).")
  ReportFormat format = ReportFormat.TEXT;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE (replaced atomically) instead of standard output.")
  Path output;

  @Option(
      names = "--compat",
      paramLabel = "MODE",
      converter = Converters.CompatConverter.class,
      description =
          "spec: follow the specification text (default); actool: accept what the historical"
              + " actool accepted where the two differ (see docs/compat-actool.md).")
  Compat compat = Compat.SPEC;

  @Option(
      names = "--warnings-as-errors",
      description = "Count warnings (SHOULD violations) as errors: a file with one is invalid.")
  boolean warningsAsErrors;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      converter = Converters.KindConverter.class,
      description = "Check every manifest as this kind (image or pod) whatever its acKind says.")
  ManifestKind kind;

  @Option(
      names = "--reified",
      description =
          "Pod manifests must be ready to run: an app whose image has no ID is an error, not the"
              + " warning a pod template gets.")
  boolean reified;

  @Option(
      names = "--max-manifest-bytes",
      paramLabel = "N",
      description = "Largest manifest read, in bytes (default: ${DEFAULT-VALUE}).")
  long maxManifestBytes = JsonLimits.DEFAULT.maxBytes();

  @Option(
      names = "--max-depth",
      paramLabel = "N",
      description = "Deepest nesting of JSON arrays and objects read (default: ${DEFAULT-VALUE}).")
  int maxDepth = JsonLimits.DEFAULT.maxDepth();

  @Option(
      names = "--max-entries",
      paramLabel = "N",
      description = "Most entries read from one image archive (default: ${DEFAULT-VALUE}).")
  long maxEntries = ArchiveLimits.DEFAULT.maxEntries();

  @Option(
      names = "--max-archive-bytes",
      paramLabel = "N",
      description =
          "Most bytes of uncompressed tar read from one image archive (default: ${DEFAULT-VALUE}).")
  long maxArchiveBytes = ArchiveLimits.DEFAULT.maxTotalBytes();

  @Option(
      names = "--max-path-length",
      paramLabel = "N",
      description =
          "Longest entry path or link target in an image archive, in bytes (default:"
              + " ${DEFAULT-VALUE}).")
  int maxPathLength = ArchiveLimits.DEFAULT.maxPathLength();

  @Option(
      names = "--expect-id",
      paramLabel = "ID",
      description =
          "Only with one image archive: fail unless its image ID is ID, given in full"
              + " (sha512- and 128 hex digits) or cut short (sha512- and at least 32 hex digits,"
              + " compared as a prefix).")
  String expectId;

  @Option(
      names = {"-q", "--quiet"},
      description = "Text format: print only the findings and the summary; no progress.")
  boolean quiet;

  @Override
  public Integer call() {
    JsonLimits limits = limits();
    archiveLimits();
    ExpectedImageId expected = expectedId();
    PrintWriter err = spec.commandLine().getErr();
    List<Input> inputs = new ArrayList<>();
    for (String path : paths) {
      List<Input> found = InputScanner.scan(List.of(path));
      if (found.isEmpty()) {
        err.println("appc validate: nothing to check in " + path);
      }
      inputs.addAll(found);
    }
    refuseOutputAmongInputs(inputs);
    if (expected != null && (inputs.size() != 1 || inputs.get(0).type() != Input.Type.ARCHIVE)) {
      throw new ParameterException(
          spec.commandLine(),
          "--expect-id needs exactly one image archive, got " + describe(inputs));
    }
    Warmup.await();
    InputChecker checker =
        new InputChecker(new ValidationOptions(compat, limits, kind, reified), archiveLimits());
    Progress progress =
        !quiet && inputs.size() >= 20 && Progress.stderrIsTerminal()
            ? Progress.onTerminal(err)
            : Progress.NONE;
    List<FileResult> results;
    // Few inputs get no counter; a large archive among them gets a line of its own.
    try (ProgressLine archives = ProgressLine.start(err, !quiet && progress == Progress.NONE)) {
      results = BatchRunner.run(inputs, checker::check, progress);
    }
    if (expected != null) {
      results = List.of(expected.check(results.get(0)));
    }
    ValidationReport report =
        new ValidationReport(results, ToolVersion.current(), compat, warningsAsErrors);
    writeReport(report, format.writer(quiet));
    return ExitCodes.of(report);
  }

  /**
   * The report replaces {@code -o FILE}; when that file is also an input (named, found in a
   * directory, or inside a layout being checked), writing it would destroy the manifest or image
   * just checked, so it is a usage error.
   */
  private void refuseOutputAmongInputs(List<Input> inputs) {
    if (output == null || !Files.exists(output)) {
      return;
    }
    for (Input input : inputs) {
      try {
        if (input.path() != null
            && Files.exists(input.path())
            && (Files.isSameFile(output, input.path())
                || (input.type() == Input.Type.LAYOUT
                    && output.toRealPath().startsWith(input.path().toRealPath())))) {
          throw new ParameterException(
              spec.commandLine(),
              "-o "
                  + output
                  + " is also an input ("
                  + input.display()
                  + "); the report would"
                  + " replace it; write the report elsewhere");
        }
      } catch (IOException e) {
        // An input that cannot be compared is reported when it is read; the check is best effort.
      }
    }
  }

  private static String describe(List<Input> inputs) {
    if (inputs.size() != 1) {
      return inputs.size() + " inputs";
    }
    switch (inputs.get(0).type()) {
      case MANIFEST:
        return "a manifest";
      case LAYOUT:
        return "an image layout (layouts have no image ID)";
      default:
        return "an input that cannot be read";
    }
  }

  private JsonLimits limits() {
    if (maxManifestBytes < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-manifest-bytes must be at least 1, got " + maxManifestBytes);
    }
    if (maxDepth < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-depth must be at least 1, got " + maxDepth);
    }
    return new JsonLimits(maxManifestBytes, maxDepth);
  }

  private ArchiveLimits archiveLimits() {
    if (maxEntries < 1 || maxArchiveBytes < 1 || maxPathLength < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-entries, --max-archive-bytes and --max-path-length must be at least 1");
    }
    return ArchiveLimits.DEFAULT
        .withMaxEntries(maxEntries)
        .withMaxTotalBytes(maxArchiveBytes)
        .withMaxPathLength(maxPathLength);
  }

  private ExpectedImageId expectedId() {
    if (expectId == null) {
      return null;
    }
    try {
      return ExpectedImageId.parse(expectId);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--expect-id: " + e.getMessage());
    }
  }

  private void writeReport(ValidationReport report, ReportWriter writer) {
    try {
      if (output == null) {
        writer.write(report, spec.commandLine().getOut());
      } else {
        AtomicOutput.write(output, out -> writer.write(report, out));
      }
    } catch (IOException e) {
      String target = output == null ? "standard output" : output.toString();
      throw new UncheckedIOException("cannot write " + target + ": " + InputScanner.describe(e), e);
    }
  }
}
