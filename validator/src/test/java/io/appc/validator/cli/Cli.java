package io.appc.validator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@link Main} in this JVM and captures what it prints. */
final class Cli {
  record Result(int status, String out, String err) {}

  private Cli() {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(status, out.toString(), err.toString());
  }

  /** The smallest image manifest the specification allows: the three required members. */
  static final String IMAGE =
      "{\n"
          + "  \"acKind\": \"ImageManifest\",\n"
          + "  \"acVersion\": \"0.8.11\",\n"
          + "  \"name\": \"example.com/app\"\n"
          + "}\n";

  /** A pod with one app whose image is given by a full image ID. */
  static final String POD =
      "{\"acKind\": \"PodManifest\", \"acVersion\": \"0.8.11\", \"apps\": [{\"name\": \"app\","
          + " \"image\": {\"id\": \"sha512-"
          + "0123456789abcdef".repeat(8)
          + "\"}}]}\n";

  /** Not JSON at all: the reader reports it whatever the rules say. */
  static final String BROKEN = "{\"acKind\": \"ImageManifest\",,}\n";
}
