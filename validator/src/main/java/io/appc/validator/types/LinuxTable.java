package io.appc.validator.types;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one of the tab-separated tables generated from the Linux headers and man pages by {@code
 * validator/scripts/generate-linux-tables.py}. Lines starting with {@code #} are comments.
 */
final class LinuxTable {
  private LinuxTable() {}

  /** The last comment line: the packages the table was generated from. */
  static String generatedFrom(String resource) {
    String last = "";
    for (String line : lines(resource)) {
      if (line.startsWith("#")) {
        last = line.substring(1).strip();
      }
    }
    return last;
  }

  static List<String[]> rows(String resource) {
    List<String[]> rows = new ArrayList<>();
    for (String line : lines(resource)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  private static List<String> lines(String resource) {
    List<String> lines = new ArrayList<>();
    try (InputStream in = LinuxTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
