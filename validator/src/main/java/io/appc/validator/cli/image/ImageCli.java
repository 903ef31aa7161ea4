package io.appc.validator.cli.image;

import io.appc.validator.cli.ExitCodes;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.ImageStore;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** What the image commands share: exit codes (the same as validate's), the store option. */
final class ImageCli {
  /** Everything checked out. */
  static final int OK = ExitCodes.VALID;

  /** A check failed: a refused member, a bad signature, an unusable image, no such image. */
  static final int CHECK_FAILED = ExitCodes.INVALID;

  /** Bad usage or an I/O failure that says nothing about the input's validity. */
  static final int USAGE_OR_IO = ExitCodes.USAGE_OR_IO;

  private ImageCli() {}

  /** {@code --store DIR}, defaulting to {@code $APPC_STORE} or ~/.local/share/appc/store. */
  static final class StoreOption {
    @CommandLine.Option(
        names = "--store",
        paramLabel = "DIR",
        description =
            "Image store directory (default: $APPC_STORE, else $XDG_DATA_HOME/appc/store, else"
                + " ~/.local/share/appc/store).")
    Path store;

    ImageStore open() throws java.io.IOException {
      return ImageStore.open(store != null ? store : ImageStore.defaultLocation(System.getenv()));
    }
  }

  static boolean hasErrors(List<Finding> findings) {
    return findings.stream().anyMatch(f -> f.level() == Level.ERROR);
  }

  /** One line for an archive that could not be read: file, requirement ID (if any), message. */
  static String errorLine(Path file, io.appc.validator.image.ArchiveReadException e) {
    String id = e.requirementId();
    return file + ": error " + (id == null ? "" : id + ": ") + message(e);
  }

  static String message(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
  }
}
