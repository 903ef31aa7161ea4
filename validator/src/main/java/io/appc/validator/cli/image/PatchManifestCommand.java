package io.appc.validator.cli.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.cli.ProgressLine;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveLimits;
import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.ImagePatcher;
import io.appc.validator.image.ManifestEdits;
import io.appc.validator.json.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code appc patch-manifest IMAGE.aci OUT.aci [edits]}: rewrites the manifest of an image. */
@Command(
    name = "patch-manifest",
    mixinStandardHelpOptions = true,
    description = {
      "Write a copy of an image archive with a changed manifest. Every other entry is copied"
          + " byte for byte and the compression is kept. The new manifest is validated first; an"
          + " invalid one is refused. OUT may equal IMAGE together with --overwrite.",
      "List options (--env, --isolator, --mount, --port, --label, --annotation) replace the item"
          + " with the same name or append one; they can be repeated."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the archive was written",
      "1:the new manifest is invalid, or IMAGE has no manifest or is not a readable image",
      "2:usage error, OUT exists without --overwrite, or an I/O error"
    })
public final class PatchManifestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "the image archive to read")
  Path input;

  @Parameters(index = "1", paramLabel = "OUT", description = "the archive to write")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT if it exists")
  boolean overwrite;

  @Option(names = "--manifest", paramLabel = "FILE", description = "replace the whole manifest")
  Path manifest;

  @Option(names = "--name", description = "image name (AC Identifier)")
  String name;

  @Option(
      names = "--exec",
      paramLabel = "CMD",
      description = "app.exec: a JSON array of strings, or words separated by spaces")
  String exec;

  @Option(names = "--user", description = "app.user")
  String user;

  @Option(names = "--group", description = "app.group")
  String group;

  @Option(names = "--working-dir", paramLabel = "DIR", description = "app.workingDirectory")
  String workingDirectory;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "set an environment variable")
  List<String> environment = new ArrayList<>();

  @Option(
      names = "--isolator",
      paramLabel = "JSON",
      description = "an isolator object, e.g. {\"name\":\"resource/memory\",\"value\":{...}}")
  List<String> isolators = new ArrayList<>();

  @Option(
      names = "--mount",
      paramLabel = "name=N,path=P[,readOnly=true]",
      description = "a mount point")
  List<String> mounts = new ArrayList<>();

  @Option(
      names = "--port",
      paramLabel = "name=N,protocol=P,port=N[,count=N][,socketActivated=true]",
      description = "a port")
  List<String> ports = new ArrayList<>();

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "set a label")
  List<String> labels = new ArrayList<>();

  @Option(names = "--annotation", paramLabel = "NAME=VALUE", description = "set an annotation")
  List<String> annotations = new ArrayList<>();

  @Override
  public Integer call() {
    try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), true)) {
      return run();
    }
  }

  private Integer run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      ManifestEdits edits = edits();
      ImagePatcher patcher = new ImagePatcher(ValidationOptions.DEFAULT, ArchiveLimits.DEFAULT);
      ImagePatcher.Result result = patcher.patch(input, output, edits, overwrite);
      switch (result.status()) {
        case NO_MANIFEST:
          err.println(input + ": error ACI-ARCH-004: no image manifest found; nothing to patch");
          err.flush();
          return ExitCodes.INVALID;
        case INVALID_MANIFEST:
          FindingLines.print(err, result.findings(), Level.WARNING);
          err.println("appc patch-manifest: the new manifest is invalid; nothing written");
          err.flush();
          return ExitCodes.INVALID;
        case OUTPUT_EXISTS:
          err.println("appc patch-manifest: " + output + " exists; use --overwrite to replace it");
          err.flush();
          return ExitCodes.USAGE_OR_IO;
        default:
          FindingLines.print(err, result.findings(), Level.NOTE);
          out.println(result.imageId() + "  " + output);
          out.flush();
          return ExitCodes.OK;
      }
    } catch (IllegalArgumentException e) {
      err.println("appc patch-manifest: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    } catch (ArchiveReadException e) {
      err.println(ImageCli.errorLine(input, e));
      err.flush();
      return ExitCodes.of(e);
    } catch (ManifestFileException e) {
      err.println("appc patch-manifest: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    } catch (IOException e) {
      err.println("appc patch-manifest: cannot write " + output + ": " + ImageCli.message(e));
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    }
  }

  /** The {@code --manifest} file could not be read. */
  private static final class ManifestFileException extends IOException {
    private static final long serialVersionUID = 1L;

    ManifestFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private ManifestEdits edits() throws IOException {
    byte[] replacement = null;
    if (manifest != null) {
      long max = JsonLimits.DEFAULT.maxBytes();
      try (InputStream in = Files.newInputStream(manifest)) {
        replacement = in.readNBytes((int) max + 1);
      } catch (IOException e) {
        throw new ManifestFileException(
            "--manifest " + manifest + ": cannot read: " + ArchiveReadException.reason(e), e);
      }
      if (replacement.length > max) {
        throw new IllegalArgumentException(
            "--manifest " + manifest + ": file larger than " + max + " bytes");
      }
    }
    List<ObjectNode> isolatorNodes = new ArrayList<>();
    isolators.forEach(i -> isolatorNodes.add(ManifestEdits.parseIsolator(i)));
    List<ObjectNode> mountNodes = new ArrayList<>();
    mounts.forEach(m -> mountNodes.add(ManifestEdits.parseMount(m)));
    List<ObjectNode> portNodes = new ArrayList<>();
    ports.forEach(p -> portNodes.add(ManifestEdits.parsePort(p)));
    return new ManifestEdits(
        replacement,
        name,
        exec == null ? null : ManifestEdits.parseExec(exec),
        user,
        group,
        workingDirectory,
        assignments("--env", environment),
        isolatorNodes,
        mountNodes,
        portNodes,
        assignments("--label", labels),
        assignments("--annotation", annotations));
  }

  private static Map<String, String> assignments(String option, List<String> values) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String value : values) {
      Map.Entry<String, String> kv = ManifestEdits.parseAssignment(option, value);
      map.put(kv.getKey(), kv.getValue());
    }
    return map;
  }
}
