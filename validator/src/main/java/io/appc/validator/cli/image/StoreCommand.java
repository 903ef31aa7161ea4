package io.appc.validator.cli.image;

import io.appc.validator.cli.ProgressLine;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.StoreException;
import io.appc.validator.image.store.StoredImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/** {@code appc store}: the local image store. */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = "Manage the local image store that render takes dependencies from.",
    subcommands = {
      StoreCommand.Add.class,
      StoreCommand.ListImages.class,
      StoreCommand.Remove.class,
      StoreCommand.Gc.class
    })
public final class StoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ImageCli.USAGE_OR_IO;
  }

  /** {@code appc store add FILE...}. */
  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Add image archives; prints the image ID of each.")
  public static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ImageCli.StoreOption store;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Image archives (.aci).")
    List<Path> files;

    @Override
    public Integer call() {
      try (ProgressLine progress = ProgressLine.start(spec.commandLine().getErr(), true)) {
        return run();
      }
    }

    private Integer run() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      int code = ImageCli.OK;
      ImageStore s;
      try {
        s = store.open();
      } catch (IOException e) {
        err.println("error: store: " + ImageCli.message(e));
        return ImageCli.USAGE_OR_IO;
      }
      for (Path file : files) {
        try {
          if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
          }
          ImageStore.AddResult r = s.add(file);
          out.println(r.image().id());
          FindingLines.print(err, r.warnings(), Level.NOTE);
          if (!r.added()) {
            err.println("note: " + file + ": already in the store as " + r.image().reference());
          }
        } catch (StoreException e) {
          refused(err, e, null);
          FindingLines.print(err, e.findings(), Level.NOTE);
          code = Math.max(code, ImageCli.CHECK_FAILED);
        } catch (IOException e) {
          err.println("error: " + file + ": " + ImageCli.message(e));
          code = ImageCli.USAGE_OR_IO;
        }
      }
      out.flush();
      err.flush();
      return code;
    }
  }

  /** {@code appc store list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored images.")
  public static final class ListImages implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ImageCli.StoreOption store;

    @Option(
        names = "--format",
        defaultValue = "text",
        paramLabel = "FORMAT",
        description = "text or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!format.equals("text") && !format.equals("json")) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--format: need text or json, got '" + format + "'");
      }
      List<StoredImage> images;
      try {
        images = store.open().list();
      } catch (IOException e) {
        spec.commandLine().getErr().println("error: store: " + ImageCli.message(e));
        return ImageCli.USAGE_OR_IO;
      }
      if (format.equals("json")) {
        ArrayNode list = JsonMapper.shared().createArrayNode();
        images.forEach(i -> list.add(ImageStore.toJson(i, false)));
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(list));
      } else {
        // Columns as wide as their longest value, so that long names and labels stay aligned.
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "LABELS", "SIZE", "IMPORTED"});
        for (StoredImage i : images) {
          String labels =
              i.labels().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(","));
          rows.add(
              new String[] {
                i.shortId(),
                i.name(),
                labels.isEmpty() ? "-" : labels,
                Long.toString(i.size()),
                i.imported().toString()
              });
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
          for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(widths[c], row[c].length());
          }
        }
        String line =
            "%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %" + widths[3]
                + "s  %s%n";
        rows.forEach(row -> out.printf(line, (Object[]) row));
      }
      out.flush();
      return ImageCli.OK;
    }
  }

  /** {@code appc store rm ID|NAME}. */
  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Remove an image by ID (full or unique prefix) or by NAME[:VERSION][,L=V...].")
  public static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ImageCli.StoreOption store;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images to remove.")
    List<String> references;

    @Option(
        names = "--force",
        description =
            "Remove an image even when other stored images depend on it (their renders then fail"
                + " until it is added again).")
    boolean force;

    @Override
    public Integer call() {
      int code = ImageCli.OK;
      for (String ref : references) {
        try {
          StoredImage removed = store.open().remove(ref, force);
          spec.commandLine()
              .getOut()
              .println("removed " + removed.id() + " " + removed.reference());
        } catch (StoreException e) {
          refused(spec.commandLine().getErr(), e, ref);
          code = Math.max(code, ImageCli.CHECK_FAILED);
        } catch (IOException e) {
          spec.commandLine().getErr().println("error: store: " + ImageCli.message(e));
          code = ImageCli.USAGE_OR_IO;
        }
      }
      spec.commandLine().getOut().flush();
      spec.commandLine().getErr().flush();
      return code;
    }
  }

  /** {@code appc store gc}. */
  @Command(
      name = "gc",
      mixinStandardHelpOptions = true,
      description = "Remove leftovers of interrupted additions and blobs no image uses.")
  public static final class Gc implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ImageCli.StoreOption store;

    @Override
    public Integer call() {
      try {
        ImageStore.GcResult r = store.open().gc();
        spec.commandLine()
            .getOut()
            .printf(
                "removed %d temporary files and %d unused blobs, %d bytes%n",
                r.temporaryFiles(), r.orphanBlobs(), r.bytesFreed());
        spec.commandLine().getOut().flush();
        return ImageCli.OK;
      } catch (IOException | StoreException e) {
        spec.commandLine().getErr().println("error: store: " + ImageCli.message(e));
        spec.commandLine().getErr().flush();
        return ImageCli.USAGE_OR_IO;
      }
    }
  }

  /**
   * Prints a refusal: as a finding line when it names the requirement the image breaks, else as an
   * error about {@code reference} (when given).
   */
  static void refused(PrintWriter err, StoreException e, String reference) {
    if (e.refusal() != null) {
      FindingLines.print(err, List.of(e.refusal()), Level.ERROR);
    } else {
      err.println("error: " + (reference == null ? "" : reference + ": ") + e.getMessage());
    }
  }
}
