package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The behaviour every command shares: help, version, and how wrong command lines fail. */
class CommandLineTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "validate --bogus x.json|Unknown option: '--bogus'",
        "validate|Missing required parameter: 'PATH'",
        "validate --format xml x.json|need one of text, json, sarif, junit, got 'xml'",
        "validate --compat go x.json|need one of spec, actool, got 'go'",
        "validate --kind app x.json|need one of image, pod, got 'app'",
        "validate --max-depth 0 x.json|--max-depth must be at least 1, got 0",
        "validate --max-manifest-bytes -5 x.json|--max-manifest-bytes must be at least 1",
        "validate --max-depth deep x.json|'deep' is not an int",
        "valdate x.json|Did you mean: appc validate",
        "--bogus|Unknown option: '--bogus'",
        "\"\"|Missing command"
      })
  void rejectsAWrongCommandLineWithUsageAndStatusTwo(String line, String message) {
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");

    Cli.Result result = Cli.run(args);

    assertEquals(ExitCodes.USAGE_OR_IO, result.status());
    assertTrue(result.err().contains(message), result.err());
    assertTrue(result.err().contains("Usage: appc"), result.err());
    assertFalse(result.err().contains("Exception"), result.err());
    assertFalse(result.err().contains("\tat "), result.err());
    assertEquals("", result.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h", "validate --help", "validate -h"})
  void printsHelpWithStatusZero(String line) {
    Cli.Result result = Cli.run(line.split(" "));

    assertEquals(0, result.status());
    assertTrue(result.out().startsWith("Usage: appc"), result.out());
    assertTrue(result.out().contains("Exit codes:"), result.out());
  }

  @Test
  void listsTheSubcommandsInTheTopHelp() {
    Cli.Result result = Cli.run("--help");

    assertTrue(result.out().contains("Commands:\n  validate "), result.out());
    for (Subcommands.Entry entry : Subcommands.BUILT_IN) {
      assertTrue(result.out().contains("\n  " + entry.name() + " "), entry.name());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"--version", "-V", "validate --version"})
  void printsTheSameVersionEverywhere(String line) {
    Cli.Result result = Cli.run(line.split(" "));

    assertEquals(0, result.status());
    assertTrue(
        result.out().matches("appc \\S+ \\(App Container specification v0\\.8\\.11\\)\n"),
        result.out());
  }

  @Test
  void everySubcommandHasHelpVersionAndDebug() {
    CommandLine top =
        Commands.commandLine(
            new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    List<CommandLine> all = new ArrayList<>();
    collect(top, all);

    assertTrue(all.size() > Subcommands.BUILT_IN.size(), "nested commands are included");
    for (CommandLine command : all) {
      CommandSpec spec = command.getCommandSpec();
      String name = spec.qualifiedName();
      assertNotNull(spec.findOption("--help"), name);
      assertNotNull(spec.findOption("--version"), name);
      assertNotNull(spec.findOption("--debug"), name);
      assertTrue(spec.version().length > 0, name);
    }
  }

  private static void collect(CommandLine command, List<CommandLine> into) {
    into.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, into));
  }

  @Test
  void rejectsAMalformedExpectedIdAsUsage() throws IOException {
    Path archive = Files.write(dir.resolve("x.aci"), new byte[] {1});

    Cli.Result result = Cli.run("validate", "--expect-id", "sha512-XYZ", archive.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, result.status());
    assertTrue(result.err().contains("--expect-id: invalid image ID 'sha512-XYZ'"), result.err());
  }

  @Test
  void refusesAnExpectedIdForAManifestOrManyInputs() throws IOException {
    Path manifest = Files.writeString(dir.resolve("m.json"), Cli.IMAGE);
    Path archive = Files.write(dir.resolve("x.aci"), new byte[] {1});
    String id = "sha512-" + "a".repeat(32);

    Cli.Result one = Cli.run("validate", "--expect-id", id, manifest.toString());
    Cli.Result two = Cli.run("validate", "--expect-id", id, archive.toString(), archive.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, one.status());
    assertTrue(one.err().contains("needs exactly one image archive, got a manifest"), one.err());
    assertEquals(ExitCodes.USAGE_OR_IO, two.status());
    assertTrue(two.err().contains("got 2 inputs"), two.err());
  }

  @Test
  void reportsADifferentImageIdAsAnError() throws IOException {
    Path archive = Files.write(dir.resolve("x.aci"), new byte[] {1});

    Cli.Result result =
        Cli.run("validate", "--expect-id", "sha512-" + "0".repeat(128), archive.toString());

    assertEquals(ExitCodes.INVALID, result.status());
    assertTrue(result.out().contains("error ACI-ID-003: need image ID sha512-000"), result.out());
  }

  // ACI-ID-002, ACI-ID-003: image-id prints sha512- plus 128 hex digits
  @Test
  void acceptsTheFullAndTheTruncatedIdOfARealArchive() throws IOException {
    Path layout = Files.createDirectories(dir.resolve("layout/rootfs")).getParent();
    Files.writeString(layout.resolve("manifest"), Cli.IMAGE);
    String archive = dir.resolve("app.aci").toString();
    Cli.Result build = Cli.run("build", layout.toString(), archive);
    assertEquals(0, build.status(), build.err());
    Cli.Result imageId = Cli.run("image-id", archive);
    String id = imageId.out().split("\\s+")[0];
    assertTrue(id.matches("sha512-[0-9a-f]{128}"), imageId.out());

    for (String expected : new String[] {id, id.substring(0, "sha512-".length() + 32)}) {
      Cli.Result result = Cli.run("validate", "--format=json", "--expect-id", expected, archive);

      assertEquals(ExitCodes.VALID, result.status(), result.out());
      assertFalse(result.out().contains("ACI-ID-003"), result.out());
    }
    String other = id.substring(0, id.length() - 1) + (id.endsWith("0") ? "1" : "0");
    Cli.Result mismatch = Cli.run("validate", "--expect-id", other, archive);
    assertEquals(ExitCodes.INVALID, mismatch.status());
    assertTrue(
        mismatch.out().contains("error ACI-ID-003: need image ID " + other + ", got " + id),
        mismatch.out());
  }

  @Test
  void registersOnlyTheCommandsARunNeeds() {
    assertEquals(
        List.of("validate"),
        Commands.subcommandsFor("validate", new String[] {"validate", "x"}).stream()
            .map(Subcommands.Entry::name)
            .toList());
    assertEquals(List.of(), Commands.subcommandsFor(null, new String[] {"--version"}));
    assertEquals(
        Subcommands.BUILT_IN.size(), Commands.subcommandsFor(null, new String[] {"--help"}).size());
    assertEquals(
        Subcommands.BUILT_IN.size(),
        Commands.subcommandsFor("valdate", new String[] {"valdate"}).size());
  }

  @Test
  void findsTheSubcommandWithoutReadingOptions() {
    assertEquals("validate", Main.requestedCommand(new String[] {"--debug", "validate", "x"}));
    assertEquals(null, Main.requestedCommand(new String[] {"--help"}));
    assertEquals(null, Main.requestedCommand(new String[] {"--", "validate"}));
  }
}
