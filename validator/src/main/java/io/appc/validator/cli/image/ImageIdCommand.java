package io.appc.validator.cli.image;

import io.appc.validator.cli.ProgressLine;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveLimits;
import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.ImageIds;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code appc image-id FILE...}: prints {@code sha512-<hex> FILE} per archive, like {@code
 * sha512sum}, also for a single file, so scripts see one format whatever a glob expands to; {@code
 * --quiet} prints the IDs alone.
 */
@Command(
    name = "image-id",
    mixinStandardHelpOptions = true,
    description = {
      "Print the image ID of image archives: sha512- and the hex sha512 of the uncompressed tar"
          + " (the same as gzip -dc FILE | sha512sum).",
      "Output: one line 'ID  FILE' per file. The archives are not validated; use 'appc validate'."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every ID was computed (zero bytes after the compressed data are only a warning)",
      "1:a file is not a readable tar archive (corrupt, encrypted, unknown format, data after"
          + " the compressed data)",
      "2:usage error, or a file could not be read"
    })
public final class ImageIdCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "image archives (.aci)")
  List<Path> files;

  @Option(
      names = {"-q", "--quiet"},
      description = "print only the IDs, one per line")
  boolean quiet;

  @Override
  public Integer call() {
    try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), !quiet)) {
      return run();
    }
  }

  private Integer run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = ExitCodes.OK;
    for (Path file : files) {
      try {
        ImageIds.Identified identified = ImageIds.identify(file, ArchiveLimits.DEFAULT);
        String id = identified.id();
        out.println(quiet ? id : id + "  " + file);
        identified
            .trailingZeros()
            .ifPresent(
                z -> FindingLines.print(err, List.of(z.finding(file.toString())), Level.NOTE));
      } catch (ArchiveReadException e) {
        err.println(ImageCli.errorLine(file, e));
        status = Math.max(status, ExitCodes.of(e));
      } catch (IOException e) {
        err.println(file + ": error cannot read: " + e.getMessage());
        status = ExitCodes.USAGE_OR_IO;
      }
      out.flush();
    }
    err.flush();
    return status;
  }
}
