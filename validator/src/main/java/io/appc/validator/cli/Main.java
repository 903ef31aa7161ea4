package io.appc.validator.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code appc} command line. Every command gets {@code --help}, {@code --version} and {@code
 * --debug}; a wrong command line prints a short message and the synopsis and exits with 2; a
 * failure of the tool itself prints one line (and the stack trace only with {@code --debug}) and
 * exits with 2. Output is UTF-8 whatever the locale, so reports are the same everywhere.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    int status = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs one command line and returns its exit status; never throws. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    quietLibraryLogging();
    try {
      String command = requestedCommand(args);
      Warmup.startFor(command);
      CommandLine commandLine = commandLine(out, err, subcommandsFor(command, args));
      int status = commandLine.execute(args);
      out.flush();
      return status;
    } catch (RuntimeException | Error e) {
      // Reached only when the command line itself cannot be built, before picocli's handlers.
      err.println("appc: " + oneLine(e));
      if (Arrays.asList(args).contains("--debug")) {
        e.printStackTrace(err);
      }
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    }
  }

  /**
   * The JSON Schema library logs through SLF4J, and SLF4J without a logging backend prints three
   * warning lines on every run. The tool reports through findings, so its logging goes nowhere;
   * naming the no-op provider also spares SLF4J a search of every jar. A user's own settings win.
   */
  private static void quietLibraryLogging() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    }
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

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
    commandLine.getSubcommands().values().forEach(Main::standardOptions);
    return commandLine
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(USAGE_ERROR)
        .setExecutionExceptionHandler(FAILURE);
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
    command.getSubcommands().values().forEach(Main::standardOptions);
  }

  /**
   * The subcommand named on the command line: the first argument that is not an option (the top
   * command's options take no values), or {@code null}.
   */
  static String requestedCommand(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }

  private static final IParameterExceptionHandler USAGE_ERROR =
      (ParameterException e, String[] args) -> {
        CommandLine failed = e.getCommandLine();
        PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.print(failed.getHelp().fullSynopsis());
        err.println(
            "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE_OR_IO;
      };

  private static final IExecutionExceptionHandler FAILURE =
      (Exception e, CommandLine failed, ParseResult parsed) -> {
        PrintWriter err = failed.getErr();
        err.println(failed.getCommandSpec().qualifiedName() + ": " + oneLine(e));
        if (debug(parsed)) {
          e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE_OR_IO;
      };

  private static boolean debug(ParseResult parsed) {
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
    }
    return false;
  }

  /** The message of {@code e}, or its type when it has none, on a single line. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.replace("\r", " ").replace('\n', ' ');
  }
}
