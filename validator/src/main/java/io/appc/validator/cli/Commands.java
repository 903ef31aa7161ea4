package io.appc.validator.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli command tree of {@code appc}. Every command, however deeply nested, gets {@code
 * --help}, {@code --version} and {@code --debug}; a wrong command line prints a short message and
 * the synopsis and exits with 2; a failure of the tool itself prints one line (and the stack trace
 * only with {@code --debug}) and exits with 2. Kept apart from {@link Main} so that loading the
 * entry point does not load picocli.
 */
public final class Commands {
  private Commands() {}

  /** The whole command tree, writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, Subcommands.all());
  }

  /**
   * The subcommands a run needs. picocli reads a command's annotations when it is registered, so a
   * one-shot run registers only the command it runs. Top-level help, a bare {@code appc} and a
   * mistyped command (for the suggestions) list them all; {@code appc --version} needs none.
   */
  static List<Subcommands.Entry> subcommandsFor(String command, String[] args) {
    if (command != null) {
      return Subcommands.forCommand(command);
    }
    if (args.length == 0) {
      return Subcommands.all();
    }
    for (String arg : args) {
      if (arg.equals("--help")
          || (arg.startsWith("-") && !arg.startsWith("--") && arg.contains("h"))) {
        return Subcommands.all();
      }
    }
    return List.of();
  }

  static CommandLine commandLine(
      PrintWriter out, PrintWriter err, List<Subcommands.Entry> entries) {
    CommandLine commandLine = new CommandLine(new AppcCommand());
    for (Subcommands.Entry entry : entries) {
      commandLine.addSubcommand(entry.name(), entry.factory().get());
    }
    commandLine.getSubcommands().values().forEach(Commands::standardOptions);
    return commandLine
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(Commands::usageError)
        .setExecutionExceptionHandler(Commands::failure);
  }

  /** Every command, however deeply nested, answers --help and --version the same way. */
  private static void standardOptions(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (!spec.mixinStandardHelpOptions()) {
      spec.mixinStandardHelpOptions(true);
    }
    if (spec.version().length == 0) {
      spec.versionProvider(new VersionProvider());
    }
    command.getSubcommands().values().forEach(Commands::standardOptions);
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine failed = e.getCommandLine();
    PrintWriter err = failed.getErr();
    err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.print(failed.getHelp().fullSynopsis());
    err.println(
        "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.USAGE_OR_IO;
  }

  private static int failure(Exception e, CommandLine failed, ParseResult parsed) {
    PrintWriter err = failed.getErr();
    err.println(failed.getCommandSpec().qualifiedName() + ": " + Main.oneLine(e));
    if (debug(parsed)) {
      e.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.USAGE_OR_IO;
  }

  private static boolean debug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }
}
