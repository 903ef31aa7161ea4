package io.appc.validator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several command lines, separated by {@code ";"} arguments, in one JVM. The {@code appc}
 * launcher records the classes a JVM loads into an AppCDS archive at its exit, and only one run
 * makes an archive; running a validation and a render in the same one lets both commands start
 * from the archive. Output is discarded; the status is that of the last command line.
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static void main(String[] args) {
    int status = 0;
    for (String[] line : split(args)) {
      PrintWriter sink = new PrintWriter(new StringWriter());
      status = Main.run(line, sink, sink);
    }
    System.exit(status);
  }

  static List<String[]> split(String[] args) {
    List<String[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= args.length; i++) {
      if (i == args.length || args[i].equals(";")) {
        if (i > start) {
          lines.add(Arrays.copyOfRange(args, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }
}
