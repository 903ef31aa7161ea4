package io.appc.validator.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The entry point of {@code appc}. It starts the validator's warm-up before anything touches
 * picocli (see {@link Warmup}), then runs the command tree of {@link Commands}. Output is UTF-8
 * whatever the locale, so reports are the same everywhere. Never throws: a failure of the tool
 * itself is one line on standard error (the stack trace only with {@code --debug}) and status 2.
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
      int status =
          Commands.commandLine(out, err, Commands.subcommandsFor(command, args)).execute(args);
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

  /** The message of {@code e}, or its type when it has none, on a single line. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.replace("\r", " ").replace('\n', ' ');
  }
}
