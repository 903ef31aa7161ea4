package io.appc.validator.cli.image;

import io.appc.validator.image.ArchiveLimits;
import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.ImageManifests;
import io.appc.validator.json.JsonLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appc cat-manifest IMAGE.aci}: prints the image manifest as stored in the archive. */
@Command(
    name = "cat-manifest",
    mixinStandardHelpOptions = true,
    description = "Print the manifest of an image archive exactly as it is stored.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the manifest was printed",
      "1:the archive has no manifest or cannot be read as an image",
      "2:usage error, or the file could not be read"
    })
public final class CatManifestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "image archive (.aci)")
  Path image;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Optional<byte[]> manifest =
          ImageManifests.read(image, ArchiveLimits.DEFAULT, JsonLimits.DEFAULT.maxBytes());
      if (manifest.isEmpty()) {
        err.println(
            image + ": error ACI-ARCH-004: no image manifest found (need a top-level 'manifest')");
        err.flush();
        return ExitCodes.INVALID;
      }
      out.print(new String(manifest.get(), StandardCharsets.UTF_8));
      out.flush();
      return ExitCodes.OK;
    } catch (ArchiveReadException e) {
      err.println(ImageCli.errorLine(image, e));
      err.flush();
      return ExitCodes.of(e);
    } catch (IOException e) {
      err.println(image + ": error cannot read: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    }
  }
}
