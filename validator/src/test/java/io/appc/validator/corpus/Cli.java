package io.appc.validator.corpus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real validator CLI in a separate JVM, exactly as a user would, with the test's own
 * classpath. Output goes to files so that a large report can never block the child on a full pipe.
 */
final class Cli {
  static final String MAIN = "io.appc.validator.cli.Main";

  private Cli() {}

  /**
   * The outcome of one run.
   *
   * @param exitCode the process exit status
   * @param stdout everything written to standard output
   * @param stderr everything written to standard error
   */
  record Result(int exitCode, String stdout, String stderr) {
    String excerpt() {
      String err = stderr.length() > 4000 ? stderr.substring(0, 4000) + "..." : stderr;
      String out = stdout.length() > 2000 ? stdout.substring(0, 2000) + "..." : stdout;
      return "exit " + exitCode + "\n--- stderr ---\n" + err + "\n--- stdout ---\n" + out;
    }
  }

  /** Thrown when the CLI does not finish in time; the process has been killed. */
  static final class TimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    TimeoutException(String message) {
      super(message);
    }
  }

  /**
   * Runs {@code validate --format json [args...]} in {@code workDir}.
   *
   * @throws TimeoutException when the process is still running after {@code timeout}
   */
  static Result validate(Path workDir, List<String> args, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MAIN);
    command.add("validate");
    command.add("--format");
    command.add("json");
    command.addAll(args);
    Path out = Files.createTempFile("appc-cli", ".out");
    Path err = Files.createTempFile("appc-cli", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        throw new TimeoutException("the CLI did not finish within " + timeout);
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
