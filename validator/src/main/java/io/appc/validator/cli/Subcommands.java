package io.appc.validator.cli;

import io.appc.validator.cli.image.BuildCommand;
import io.appc.validator.cli.image.CatManifestCommand;
import io.appc.validator.cli.image.ImageIdCommand;
import io.appc.validator.cli.image.PatchManifestCommand;
import io.appc.validator.cli.image.RenderCommand;
import io.appc.validator.cli.image.StoreCommand;
import io.appc.validator.cli.image.VerifyCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/**
 * The one place where {@code appc}'s subcommands are registered. Commands of this module go into
 * {@link #BUILT_IN}; modules that depend on the validator (the executor's {@code run}, the
 * conformance suite) cannot be named here without a cycle, so they provide a {@link Provider}
 * through {@code META-INF/services/io.appc.validator.cli.Subcommands$Provider}.
 *
 * <p>Each entry names its command so that {@link Main} can build only the command that is run:
 * picocli reads a command's annotations when it is registered, and a one-shot run should not pay
 * for the commands it does not use.
 */
public final class Subcommands {
  /** A subcommand: its name on the command line and how to make its picocli command object. */
  public record Entry(String name, Supplier<Object> factory) {}

  /** The commands of the validator module, in the order {@code appc --help} lists them. */
  static final List<Entry> BUILT_IN =
      List.of(
          new Entry("validate", ValidateCommand::new),
          new Entry("image-id", ImageIdCommand::new),
          new Entry("build", BuildCommand::new),
          new Entry("cat-manifest", CatManifestCommand::new),
          new Entry("patch-manifest", PatchManifestCommand::new),
          new Entry("render", RenderCommand::new),
          new Entry("store", StoreCommand::new),
          new Entry("verify", VerifyCommand::new));

  /** Contributes subcommands from another module. */
  public interface Provider {
    List<Entry> commands();
  }

  private Subcommands() {}

  /**
   * The subcommands to register for a run of {@code command}: just that one when it is built in
   * (looking for providers opens every jar on the class path, which a one-shot run should not pay
   * for), otherwise every subcommand.
   */
  static List<Entry> forCommand(String command) {
    for (Entry entry : BUILT_IN) {
      if (entry.name().equals(command)) {
        return List.of(entry);
      }
    }
    List<Entry> all = all();
    for (Entry entry : all) {
      if (entry.name().equals(command)) {
        return List.of(entry);
      }
    }
    return all;
  }

  /** Every subcommand: the built-in ones first, then those of providers on the class path. */
  static List<Entry> all() {
    List<Entry> entries = new ArrayList<>(BUILT_IN);
    for (Provider provider : ServiceLoader.load(Provider.class)) {
      entries.addAll(provider.commands());
    }
    return entries;
  }
}
