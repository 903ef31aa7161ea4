package io.appc.validator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command. It does nothing itself; its subcommands are listed in {@link Subcommands}. */
@Command(
    name = "appc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Tools for the App Container (appc) specification v0.8.11.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success; for validate: every input is valid",
      "1:validate: at least one input is invalid",
      "2:usage error, unreadable input, or internal error"
    })
public final class AppcCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Read from the parse result by {@link Main} when a command fails; see there. */
  @Option(
      names = "--debug",
      scope = ScopeType.INHERIT,
      description = "Print the stack trace when the tool itself fails.")
  boolean debug;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command");
  }
}
