package io.appc.validator.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.appc.validator.finding.Requirements;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the whole corpus (testdata/examples, testdata/manifests and the generated Go reference
 * vectors) through the real CLI, once per mode and set of extra options a sidecar asks for (such as
 * {@code --reified}), and checks every case against its expectations. Also feeds the CLI hostile
 * inputs that are generated here because they are too big to commit.
 */
class CorpusTest {
  /** Generous: the build machine is shared; a hang, not slowness, is what this catches. */
  private static final Duration CORPUS_TIMEOUT = Duration.ofMinutes(10);

  private static final Duration HOSTILE_TIMEOUT = Duration.ofMinutes(3);

  @TempDir static Path generated;

  private static List<CorpusCase> cases;
  private static final Map<RunKey, Run> RUNS = new ConcurrentHashMap<>();

  /** The two readings of the rules the CLI offers. */
  enum Mode {
    SPEC(List.of(), CorpusCase::spec),
    ACTOOL(List.of("--compat", "actool"), CorpusCase::actool);

    final List<String> flags;
    final Function<CorpusCase, Outcome> expectation;

    Mode(List<String> flags, Function<CorpusCase, Outcome> expectation) {
      this.flags = flags;
      this.expectation = expectation;
    }
  }

  /** The memoised result of running the CLI over the corpus in one mode. */
  private record Run(Report report, Cli.Result result, String failure) {}

  /**
   * One CLI invocation: a mode and the extra options some sidecars ask for. Each invocation gets
   * exactly the cases with those options.
   */
  private record RunKey(Mode mode, List<String> options) {}

  @TestFactory
  Stream<DynamicNode> specMode() {
    return tests(Mode.SPEC);
  }

  @TestFactory
  Stream<DynamicNode> actoolMode() {
    return tests(Mode.ACTOOL);
  }

  private static synchronized List<CorpusCase> cases() {
    if (cases == null) {
      List<String> problems = new ArrayList<>();
      List<CorpusCase> all = new ArrayList<>(CorpusCases.load(problems));
      all.addAll(GoVectors.generate(generated, problems));
      assertEquals(List.of(), problems, "the test data is malformed; see CorpusDataTest");
      cases = List.copyOf(all);
    }
    return cases;
  }

  private static Stream<DynamicNode> tests(Mode mode) {
    Map<String, List<CorpusCase>> byGroup =
        cases().stream()
            .collect(
                Collectors.groupingBy(CorpusCase::group, LinkedHashMap::new, Collectors.toList()));
    List<DynamicNode> nodes = new ArrayList<>();
    RunKey plain = new RunKey(mode, List.of());
    nodes.add(
        DynamicTest.dynamicTest(
            "the CLI exits with 1 because the corpus holds invalid files",
            () -> assertEquals(1, run(plain).result().exitCode(), run(plain).result()::excerpt)));
    for (List<String> options : optionSets()) {
      RunKey key = new RunKey(mode, options);
      nodes.add(
          DynamicTest.dynamicTest(
              "every finding names a known requirement"
                  + (options.isEmpty() ? "" : " (" + String.join(" ", options) + ")"),
              () -> everyFindingIsNamed(run(key))));
    }
    byGroup.forEach(
        (group, members) ->
            nodes.add(
                DynamicContainer.dynamicContainer(
                    group,
                    members.stream()
                        .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, mode))))));
    return nodes.stream();
  }

  /** The distinct option lists of the cases, the plain run (no options) first. */
  private static List<List<String>> optionSets() {
    List<List<String>> sets = new ArrayList<>();
    sets.add(List.of());
    for (CorpusCase c : cases()) {
      if (!sets.contains(c.options())) {
        sets.add(c.options());
      }
    }
    return sets;
  }

  private static Run run(RunKey key) {
    Run run = RUNS.computeIfAbsent(key, CorpusTest::execute);
    if (run.failure() != null) {
      fail(run.failure());
    }
    return run;
  }

  private static Run execute(RunKey key) {
    Path root = TestData.root();
    List<String> args = new ArrayList<>(key.mode().flags);
    args.addAll(key.options());
    for (CorpusCase c : cases()) {
      if (!c.options().equals(key.options())) {
        continue;
      }
      Path file = c.file();
      args.add(file.startsWith(root) ? root.relativize(file).toString() : file.toString());
    }
    Cli.Result result;
    try {
      result = Cli.validate(root, args, CORPUS_TIMEOUT);
    } catch (IOException | InterruptedException | Cli.TimeoutException e) {
      return new Run(null, null, "could not run " + Cli.MAIN + ": " + e);
    }
    if (result.exitCode() != 0 && result.exitCode() != 1) {
      return new Run(null, result, "the CLI failed on the corpus: " + result.excerpt());
    }
    try {
      return new Run(Report.parse(result.stdout(), root), result, null);
    } catch (RuntimeException e) {
      return new Run(null, result, "unreadable JSON report: " + e + "\n" + result.excerpt());
    }
  }

  private static void check(CorpusCase c, Mode mode) {
    Report.FileReport report = run(new RunKey(mode, c.options())).report().of(c.file());
    if (report == null) {
      fail("the CLI did not report on " + c.file());
    }
    Outcome expected = mode.expectation.apply(c);
    switch (expected.verdict()) {
      case VALID -> {
        assertEquals(List.of(), report.errors(), () -> "expected no errors:\n" + report.describe());
        assertTrue(report.valid(), () -> "expected valid:\n" + report.describe());
      }
      case INVALID -> {
        assertFalse(report.valid(), () -> "expected invalid:\n" + report.describe());
        List<String> missing = new ArrayList<>();
        for (ExpectedFinding e : expected.errors()) {
          if (report.errors().stream().noneMatch(f -> e.matches(f.requirement(), f.pointer()))) {
            missing.add(e.describe());
          }
        }
        assertEquals(List.of(), missing, () -> "expected errors missing:\n" + report.describe());
      }
      case UNSPECIFIED -> {
        // The spec does not decide; the case only checks that the file was reported.
      }
    }
    if (mode == Mode.SPEC) {
      expectLevel(report, c.warnings(), "WARNING");
      expectLevel(report, c.notes(), "NOTE");
    }
  }

  private static void expectLevel(
      Report.FileReport report, List<String> expressions, String level) {
    for (String expression : expressions) {
      ExpectedFinding e = new ExpectedFinding(ExpectedFinding.alternatives(expression), null);
      assertTrue(
          report.findings().stream()
              .anyMatch(f -> f.level().equals(level) && e.matches(f.requirement(), f.pointer())),
          () -> "expected a " + level + " " + expression + ":\n" + report.describe());
    }
  }

  private static void everyFindingIsNamed(Run run) {
    List<String> bad = new ArrayList<>();
    for (Report.FileReport file : run.report().all()) {
      for (Report.Finding f : file.findings()) {
        String id = f.requirement();
        if (id.isBlank() || !(Requirements.known(id) || id.startsWith("LINT-"))) {
          bad.add(file.file() + ": " + f);
        }
        if (!List.of("ERROR", "WARNING", "NOTE").contains(f.level())) {
          bad.add(file.file() + ": unknown level in " + f);
        }
      }
    }
    assertEquals(List.of(), bad, "findings without a known requirement ID or level");
  }

  /** Inputs too large or too odd to commit, each of which must be rejected calmly. */
  enum Hostile {
    /** Larger than any manifest limit: 51 MiB of otherwise well-formed JSON. */
    HUGE(false) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write(
            ascii(
                "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/huge\","
                    + "\"annotations\":[{\"name\":\"example.com/blob\",\"value\":\""));
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 51; i++) {
          out.write(chunk);
        }
        out.write(ascii("\"}]}\n"));
      }
    },
    /** 100,000 nested arrays inside a member value. */
    DEEP_ARRAYS(true) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write(
            ascii(
                "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/deep\","
                    + "\"annotations\":"));
        out.write(ascii("[".repeat(DEPTH)));
        out.write(ascii("]".repeat(DEPTH)));
        out.write(ascii("}\n"));
      }
    },
    /** 100,000 nested objects from the top level down. */
    DEEP_OBJECTS(true) {
      @Override
      void write(OutputStream out) throws IOException {
        out.write(ascii("{\"a\":".repeat(DEPTH)));
        out.write(ascii("1"));
        out.write(ascii("}".repeat(DEPTH)));
      }
    },
    /** One MiB of random bytes named .json. */
    BINARY(true) {
      @Override
      void write(OutputStream out) throws IOException {
        byte[] bytes = new byte[1 << 20];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0x00;
        out.write(bytes);
      }
    };

    static final int DEPTH = 100_000;

    /** Whether the finding can point at a line: a size limit concerns the whole document. */
    final boolean hasLine;

    Hostile(boolean hasLine) {
      this.hasLine = hasLine;
    }

    abstract void write(OutputStream out) throws IOException;

    static byte[] ascii(String s) {
      return s.getBytes(StandardCharsets.US_ASCII);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Hostile.class)
  void rejectsHostileInputCalmlyWithALocatedJsonFinding(Hostile kind, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + ".json");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      kind.write(out);
    }
    Cli.Result result;
    try {
      result = Cli.validate(dir, List.of(file.toString()), HOSTILE_TIMEOUT);
    } catch (Cli.TimeoutException e) {
      fail(kind + ": " + e.getMessage());
      return;
    }
    assertEquals(1, result.exitCode(), result::excerpt);
    assertFalse(
        result.stderr().contains("Exception") || result.stderr().contains("\tat "),
        () -> "stack trace on stderr:\n" + result.excerpt());
    Report.FileReport report = Report.parse(result.stdout(), dir).of(file);
    if (report == null) {
      fail("the CLI did not report on the file:\n" + result.excerpt());
    }
    assertFalse(report.valid(), report::describe);
    List<Report.Finding> json =
        report.errors().stream().filter(f -> f.requirement().equals("IM-001")).toList();
    assertFalse(json.isEmpty(), () -> "expected an IM-001 error:\n" + report.describe());
    assertTrue(
        json.stream().allMatch(f -> !f.message().isBlank()),
        () -> "findings need a message:\n" + report.describe());
    if (kind.hasLine) {
      assertTrue(
          json.stream().anyMatch(f -> f.line() >= 1 && f.column() >= 1),
          () -> "expected a line and column:\n" + report.describe());
    }
  }
}
