package io.appc.validator.cli.image;

import io.appc.validator.Compat;
import io.appc.validator.cli.Converters;
import io.appc.validator.cli.ProgressLine;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ExpectedImageId;
import io.appc.validator.image.render.HashDecision;
import io.appc.validator.image.render.IdCheck;
import io.appc.validator.image.render.Layer;
import io.appc.validator.image.render.LayerImage;
import io.appc.validator.image.render.RenderPlan;
import io.appc.validator.image.render.RenderPlanner;
import io.appc.validator.image.render.Renderer;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.StoreException;
import io.appc.validator.image.store.StoredImage;
import io.appc.validator.image.tar.ArchiveFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appc render IMAGE --to DIR}: an app's filesystem as ace.md §Filesystem Setup says. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render an image with its dependencies into DIR (manifest + rootfs/).",
      "IMAGE is an .aci file (its dependencies come from the store) or a stored image:"
          + " an ID, a unique ID prefix, or NAME[:VERSION][,LABEL=VALUE...].",
      "DIR must not exist or be empty; it is filled atomically or not at all."
    })
public final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ImageCli.StoreOption store;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image archive or stored image.")
  String image;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "Target directory.")
  Path target;

  @Option(
      names = "--compat",
      paramLabel = "MODE",
      defaultValue = "spec",
      converter = Converters.CompatConverter.class,
      description =
          "spec (default): whitelists of every dependent image apply; actool: the Go renderer's"
              + " exact-match, single-upper-whitelist filtering.")
  Compat compat;

  @Option(
      names = "--id-check",
      paramLabel = "MODE",
      defaultValue = "auto",
      converter = Converters.IdCheckConverter.class,
      description =
          "When to hash a layer (one SHA-512 pass) and compare it with its image ID. auto"
              + " (default): only when there is an ID to compare with and nothing vouches for the"
              + " content; a stored image whose blob is unchanged since store add (same inode,"
              + " size, mtime and ctime) is trusted, an archive file is hashed only with"
              + " --expect-id. always: hash every layer and report the image's ID. never: hash"
              + " nothing.")
  IdCheck idCheck;

  @Option(
      names = "--expect-id",
      paramLabel = "ID",
      description =
          "Refuse the render unless IMAGE has image ID ID, given in full (sha512- and 128 hex"
              + " digits) or cut short (sha512- and at least 32 hex digits, compared as a"
              + " prefix). An archive file is then hashed; a stored image is compared by its ID.")
  String expectId;

  @Override
  public Integer call() {
    try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), true)) {
      return run();
    }
  }

  private Integer run() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ExpectedImageId expected = expectedId();
    try {
      ImageStore s = store.open();
      List<Finding> findings = new ArrayList<>();
      LayerImage top;
      Path asFile = Path.of(image);
      if (Files.isRegularFile(asFile)) {
        top = Renderer.archive(asFile, findings);
        if (expected != null) {
          top = top.expecting(expected);
        }
      } else if (image.endsWith(".aci")) {
        err.println(
            "error: " + image + (Files.exists(asFile) ? ": not a regular file" : ": no such file"));
        return ImageCli.USAGE_OR_IO;
      } else {
        StoredImage stored = s.resolve(image);
        top = LayerImage.of(stored, s.blob(stored));
        if (expected != null && !expected.matches(stored.id())) {
          // The stored ID stands for the content: it was computed at store add, and render checks
          // the blob against it as for any stored image.
          FindingLines.print(
              err,
              List.of(
                  expected.mismatch(
                      top.display(),
                      stored.id(),
                      "the reference resolves to another image than the one expected")),
              Level.NOTE);
          err.println("error: render refused; " + target + " was not touched");
          err.flush();
          return ImageCli.CHECK_FAILED;
        }
      }
      RenderPlan plan = new RenderPlanner(s, compat).plan(top);
      Renderer renderer = new Renderer(compat, idCheck);
      List<HashDecision> decisions = renderer.decisions(plan);
      List<Layer> layers = plan.layers();
      for (int i = 0; i < layers.size(); i++) {
        Layer l = layers.get(i);
        out.printf(
            "layer %d/%d: %s%s%s; %s%n",
            i + 1,
            layers.size(),
            l.image().display(),
            l.depth() == 0 ? "" : " via " + String.join(" -> ", l.via()),
            l.whitelistedBy().isEmpty()
                ? ""
                : ", whitelist of " + String.join(", ", l.whitelistedBy()),
            decisions.get(i).reason());
      }
      out.flush();
      Renderer.RenderResult result = renderer.render(plan, decisions, target);
      List<Finding> all = new ArrayList<>(findings);
      all.addAll(result.findings());
      FindingLines.print(err, all, Level.NOTE);
      switch (result.status()) {
        case RENDERED -> {
          long members = result.layers().stream().mapToLong(Renderer.LayerReport::extracted).sum();
          long filtered = result.layers().stream().mapToLong(Renderer.LayerReport::filtered).sum();
          String topId = topId(top, result.layers().get(result.layers().size() - 1));
          out.printf(
              "rendered %s (%s) into %s: %d layers, %d members, %d left out by whitelists%n",
              top.name(), topId, target, layers.size(), members, filtered);
          out.flush();
          return ImageCli.OK;
        }
        case REFUSED -> {
          err.println("error: render refused; " + target + " was not touched");
          err.flush();
          return ImageCli.CHECK_FAILED;
        }
        default -> {
          err.println("error: " + result.failure());
          err.flush();
          return ImageCli.USAGE_OR_IO;
        }
      }
    } catch (ArchiveFormatException e) {
      // As a finding line: the archive (and entry) the message starts with is its location.
      String message = ImageCli.message(e);
      String location = image;
      int colon = message.startsWith(image) ? message.indexOf(": ", image.length()) : -1;
      if (colon > 0) {
        location = message.substring(0, colon);
        message = message.substring(colon + 2);
      }
      err.println(location + ": error " + e.requirementId() + ": " + message);
      err.flush();
      return ImageCli.CHECK_FAILED;
    } catch (StoreException e) {
      StoreCommand.refused(err, e, image);
      err.flush();
      return ImageCli.CHECK_FAILED;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + image + ": " + ImageCli.message(e));
      err.flush();
      return ImageCli.USAGE_OR_IO;
    }
  }

  /**
   * The ID to print: a stored image's ID (the one it was stored under; whether this render checked
   * it is on its layer line), else the ID computed while rendering, else none.
   */
  private static String topId(LayerImage top, Renderer.LayerReport report) {
    if (top.stored() != null) {
      return top.stored().id();
    }
    return report.hashed() ? report.id() : "ID not checked";
  }

  private ExpectedImageId expectedId() {
    if (expectId == null) {
      return null;
    }
    if (idCheck == IdCheck.NEVER) {
      throw new ParameterException(
          spec.commandLine(), "--expect-id needs the ID checked: use --id-check auto or always");
    }
    try {
      return ExpectedImageId.parse(expectId);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--expect-id: " + e.getMessage());
    }
  }
}
