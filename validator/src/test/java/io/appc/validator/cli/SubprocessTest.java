package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real entry point in a new JVM, as the {@code ./appc} launcher does, so that what {@code
 * main} adds to {@link Main#run} is covered: the exit status reaches the operating system and
 * standard output and error stay apart. The launcher script itself is run by {@code .ci/run}.
 */
class SubprocessTest {
  @TempDir Path dir;

  private static String testClassPath() {
    // Surefire starts tests through a small jar; this property holds the real class path.
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private record Outcome(int status, String out, String err) {}

  private Outcome run(String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(java.toString(), "-cp", testClassPath(), Main.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "appc did not finish in 60 s");
    return new Outcome(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void validatesARealFileInANewJvm() throws Exception {
    Files.writeString(dir.resolve("image.json"), Cli.IMAGE);
    Files.writeString(dir.resolve("bad.json"), Cli.BROKEN);

    Outcome valid = run("validate", "image.json");
    Outcome invalid = run("validate", "--quiet", "bad.json");
    Outcome usage = run("validate", "--no-such-flag", "image.json");

    assertEquals(0, valid.status(), valid.err());
    assertEquals(
        "image.json: valid (ImageManifest)\n"
            + "1 file checked: 1 valid, 0 invalid; 0 errors, 0 warnings, 0 notes\n",
        valid.out());
    assertEquals(1, invalid.status(), invalid.err());
    assertTrue(invalid.out().startsWith("bad.json:1:"), invalid.out());
    assertEquals(2, usage.status());
    assertEquals("", usage.out());
    assertTrue(usage.err().startsWith("appc validate: Unknown option: '--no-such-flag'"));
  }
}
