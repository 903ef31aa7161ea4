package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.report.ValidationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ValidateCommandTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private Path writeBytes(String name, byte[] content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  private static JsonNode json(Cli.Result result) {
    return MAPPER.readTree(result.out());
  }

  private static List<String> files(JsonNode report) {
    List<String> names = new ArrayList<>();
    report.get("files").forEach(f -> names.add(f.get("file").asString()));
    return names;
  }

  private static List<String> requirements(JsonNode file) {
    List<String> ids = new ArrayList<>();
    file.get("findings").forEach(f -> ids.add(f.get("requirement").asString()));
    return ids;
  }

  @Test
  void exitsZeroWhenEveryInputIsValid() throws IOException {
    Path image = write("image.json", Cli.IMAGE);
    Path pod = write("pod.json", Cli.POD);

    Cli.Result result = Cli.run("validate", image.toString(), pod.toString());

    assertEquals(ExitCodes.VALID, result.status(), result.err());
    assertTrue(result.out().contains(image + ": valid (ImageManifest)"), result.out());
    assertTrue(result.out().contains(pod + ": valid (PodManifest)"), result.out());
    assertTrue(
        result
            .out()
            .endsWith("2 files checked: 2 valid, 0 invalid; 0 errors, 0 warnings," + " 0 notes\n"),
        result.out());
    assertEquals("", result.err());
  }

  @Test
  void exitsOneWhenAnInputIsInvalid() throws IOException {
    Path good = write("good.json", Cli.IMAGE);
    Path bad = write("bad.json", Cli.BROKEN);

    Cli.Result result = Cli.run("validate", good.toString(), bad.toString());

    assertEquals(ExitCodes.INVALID, result.status());
    assertTrue(result.out().contains(bad + ":1:"), result.out());
    assertTrue(result.out().contains("error IM-001"), result.out());
  }

  @Test
  void reportsAMissingFileAndStillChecksTheOthers() throws IOException {
    Path good = write("good.json", Cli.IMAGE);
    Path bad = write("bad.json", Cli.BROKEN);
    String missing = dir.resolve("missing.json").toString();

    Cli.Result result =
        Cli.run("validate", "--format", "json", good.toString(), missing, bad.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, result.status());
    JsonNode report = json(result);
    assertEquals(List.of(good.toString(), missing, bad.toString()), files(report));
    assertEquals(List.of(ValidationReport.INPUT_ERROR), requirements(report.at("/files/1")));
    assertTrue(report.at("/files/1/findings/0/message").asString().contains("no such file"));
    assertTrue(report.at("/files/0/valid").asBoolean());
    assertEquals(List.of("IM-001"), requirements(report.at("/files/2")).subList(0, 1));
  }

  /** {@code -o pod.json pod.json} would replace the manifest with its own report. */
  @Test
  void refusesToWriteTheReportOverAnInput() throws IOException {
    Path pod = write("pod.json", Cli.POD);
    Path image = write("sub/image.json", Cli.IMAGE);

    Cli.Result named = Cli.run("validate", "-o", pod.toString(), pod.toString());
    Cli.Result walked =
        Cli.run(
            "validate", "-o", dir.resolve("./sub/../sub/image.json").toString(), dir.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, named.status());
    assertTrue(named.err().contains("is also an input"), named.err());
    assertEquals(Cli.POD, Files.readString(pod, StandardCharsets.UTF_8));
    assertEquals(ExitCodes.USAGE_OR_IO, walked.status());
    assertEquals(Cli.IMAGE, Files.readString(image, StandardCharsets.UTF_8));

    // A file inside a layout being checked is an input too.
    Path manifest = write("layout/manifest", Cli.IMAGE);
    Files.createDirectories(dir.resolve("layout/rootfs"));
    Cli.Result inLayout =
        Cli.run("validate", "-o", manifest.toString(), dir.resolve("layout").toString());
    assertEquals(ExitCodes.USAGE_OR_IO, inLayout.status(), inLayout.err());
    assertEquals(Cli.IMAGE, Files.readString(manifest, StandardCharsets.UTF_8));
  }

  @Test
  void exitsTwoWhenThereIsNothingToCheck() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    write("empty/readme.txt", "nothing here");

    Cli.Result result = Cli.run("validate", empty.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, result.status());
    assertTrue(result.err().contains("nothing to check in " + empty), result.err());
  }

  @Test
  void aLayoutWhoseManifestIsNotAFileIsReportedNotPassedOver() throws IOException {
    Path broken = Files.createDirectories(dir.resolve("tree/broken/rootfs")).getParent();
    Files.createSymbolicLink(broken.resolve("manifest"), Path.of("nowhere"));
    Path bare = Files.createDirectories(dir.resolve("bare/rootfs")).getParent();

    Cli.Result walked = Cli.run("validate", dir.resolve("tree").toString());
    Cli.Result named = Cli.run("validate", bare.toString());

    assertEquals(ExitCodes.INVALID, walked.status(), walked.err());
    assertTrue(walked.out().contains("error ACI-LAYOUT-001"), walked.out());
    assertTrue(walked.out().contains("symbolic link"), walked.out());
    assertEquals(ExitCodes.INVALID, named.status(), named.err());
    assertTrue(named.out().contains("error ACI-LAYOUT-001"), named.out());
  }

  @Test
  void aDirectoryNamedManifestIsWalkedNotTakenForALayout() throws IOException {
    Path app = write("suite/manifest/app.json", Cli.IMAGE);

    Cli.Result result = Cli.run("validate", dir.resolve("suite").toString());

    assertEquals(ExitCodes.VALID, result.status(), result.out() + result.err());
    assertTrue(result.out().contains(app + ": valid (ImageManifest)"), result.out());
  }

  @Test
  void walksDirectoriesInNameOrder() throws IOException {
    write("b.json", Cli.IMAGE);
    write("a/z.json", Cli.POD);
    write("a/b/c.JSON", Cli.IMAGE);
    write("a/notes.txt", "skipped");
    write("b.expect.json", "{\"valid\": true}");
    write("a/script.sh", "#!/bin/sh\n");
    write(".hidden/x.json", Cli.BROKEN);
    write("layout/manifest", Cli.IMAGE);
    write("layout/rootfs/bin/x.json", Cli.BROKEN);
    writeBytes("c.aci", new byte[] {1, 2, 3});
    writeBytes("d.bin", gzip("not a tar"));

    Cli.Result result = Cli.run("validate", "--format=json", dir.toString());

    String root = dir.toString();
    assertEquals(
        List.of(
            root + "/a/b/c.JSON",
            root + "/a/z.json",
            root + "/b.json",
            root + "/c.aci",
            root + "/d.bin",
            root + "/layout"),
        files(json(result)));
    List<String> kinds = new ArrayList<>();
    json(result).get("files").forEach(f -> kinds.add(f.get("kind").asString()));
    assertEquals(
        List.of(
            "ImageManifest",
            "PodManifest",
            "ImageManifest",
            "ImageArchive",
            "ImageArchive",
            "ImageLayout"),
        kinds);
  }

  @Test
  void treatsADirectoryWithAManifestAsALayout() throws IOException {
    write("img/manifest", Cli.IMAGE);
    Files.createDirectories(dir.resolve("img/rootfs"));

    Cli.Result result = Cli.run("validate", "--format=json", dir.resolve("img").toString());

    assertEquals("ImageLayout", json(result).at("/files/0/kind").asString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"manifest.txt", "noextension", "x.aci"})
  void checksANamedFileThatStartsWithABraceAsJson(String name) throws IOException {
    Path file = write(name, "\n  " + Cli.IMAGE);

    Cli.Result result = Cli.run("validate", "--format=json", file.toString());

    assertEquals(ExitCodes.VALID, result.status(), result.out());
    assertEquals("ImageManifest", json(result).at("/files/0/kind").asString());
  }

  @Test
  void checksANamedFileThatIsNotJsonAsAnArchive() throws IOException {
    Path file = write("readme.txt", "hello");

    Cli.Result result = Cli.run("validate", "--format=json", file.toString());

    assertEquals("ImageArchive", json(result).at("/files/0/kind").asString());
    assertEquals(ExitCodes.INVALID, result.status());
  }

  @Test
  void forcesTheManifestKind() throws IOException {
    Path image = write("image.json", Cli.IMAGE);

    Cli.Result result = Cli.run("validate", "--kind", "pod", "--format=json", image.toString());

    assertEquals("PodManifest", json(result).at("/files/0/kind").asString());
  }

  @Test
  void appliesTheManifestSizeLimit() throws IOException {
    Path image = write("image.json", Cli.IMAGE);

    Cli.Result result =
        Cli.run("validate", "--max-manifest-bytes", "20", "--format=json", image.toString());

    assertEquals(ExitCodes.INVALID, result.status());
    JsonNode finding = json(result).at("/files/0/findings/0");
    assertEquals("IM-001", finding.get("requirement").asString());
    assertTrue(
        finding
            .get("message")
            .asString()
            .contains("need at most 20 bytes, got " + Cli.IMAGE.length()),
        finding.toString());
  }

  @Test
  void appliesTheDepthLimit() throws IOException {
    Path deep = write("deep.json", "{\"a\": [[[[{\"b\": 1}]]]]}");

    Cli.Result shallow = Cli.run("validate", "--max-depth", "3", deep.toString());
    Cli.Result enough = Cli.run("validate", "--max-depth", "64", "--format=json", deep.toString());

    assertEquals(ExitCodes.INVALID, shallow.status());
    assertTrue(shallow.out().contains("IM-001"), shallow.out());
    assertFalse(requirements(json(enough).at("/files/0")).contains("IM-001"), enough.out());
  }

  @Test
  void appliesTheArchiveLimits() throws IOException {
    write(
        "layout/manifest",
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/x\"}");
    for (int i = 0; i < 5; i++) {
      write("layout/rootfs/file" + i, "content " + i);
    }
    Path image = dir.resolve("x.aci");
    assertEquals(0, Cli.run("build", dir.resolve("layout").toString(), image.toString()).status());

    Cli.Result few = Cli.run("validate", "--max-entries", "3", image.toString());
    Cli.Result shortPaths = Cli.run("validate", "--max-path-length", "8", image.toString());
    Cli.Result small = Cli.run("validate", "--max-archive-bytes", "2048", image.toString());
    Cli.Result enough = Cli.run("validate", "--max-entries", "7", image.toString());

    assertEquals(ExitCodes.INVALID, few.status(), few.out());
    assertTrue(few.out().contains("too many entries"), few.out());
    assertEquals(ExitCodes.INVALID, shortPaths.status(), shortPaths.out());
    assertEquals(ExitCodes.INVALID, small.status(), small.out());
    assertEquals(ExitCodes.VALID, enough.status(), enough.out());
    assertEquals(
        ExitCodes.USAGE_OR_IO,
        Cli.run("validate", "--max-entries", "0", image.toString()).status());
  }

  @Test
  void makesAPodTemplateInvalidWithReified() throws IOException {
    Path template =
        write(
            "template.json",
            "{\"acKind\": \"PodManifest\", \"acVersion\": \"0.8.11\", \"apps\": [{\"name\":"
                + " \"app\", \"image\": {\"name\": \"example.com/app\"}}]}\n");

    Cli.Result template1 = Cli.run("validate", "--format=json", template.toString());
    Cli.Result reified = Cli.run("validate", "--reified", "--format=json", template.toString());

    assertEquals(ExitCodes.VALID, template1.status(), template1.out());
    assertEquals("warning", json(template1).at("/files/0/findings/0/level").asString());
    assertEquals(ExitCodes.INVALID, reified.status(), reified.out());
    assertEquals("error", json(reified).at("/files/0/findings/0/level").asString());
  }

  @Test
  void failsOnAWarningOnlyWithWarningsAsErrors() throws IOException {
    Path template =
        write(
            "template.json",
            "{\"acKind\": \"PodManifest\", \"acVersion\": \"0.8.11\", \"apps\": [{\"name\":"
                + " \"app\", \"image\": {\"name\": \"example.com/app\"}}]}\n");

    Cli.Result lenient = Cli.run("validate", template.toString());
    Cli.Result strict = Cli.run("validate", "--warnings-as-errors", template.toString());

    assertEquals(ExitCodes.VALID, lenient.status(), lenient.out());
    assertTrue(lenient.out().contains(": valid (PodManifest): 1 warning"), lenient.out());
    assertEquals(ExitCodes.INVALID, strict.status(), strict.out());
    assertTrue(strict.out().contains(": invalid (PodManifest): 1 warning"), strict.out());
  }

  @Test
  void acceptsBothCompatSpellings() throws IOException {
    Path image = write("image.json", Cli.IMAGE);

    Cli.Result spaced =
        Cli.run("validate", "--compat", "actool", "--format=json", image.toString());
    Cli.Result joined = Cli.run("validate", "--compat=ACTOOL", "--format=json", image.toString());

    assertEquals("actool", json(spaced).get("compat").asString());
    assertEquals("actool", json(joined).get("compat").asString());
  }

  @Test
  void passesWarningsAsErrorsToTheReport() throws IOException {
    Path image = write("image.json", Cli.IMAGE);

    Cli.Result result =
        Cli.run("validate", "--warnings-as-errors", "--format=json", image.toString());

    assertTrue(json(result).get("warningsAsErrors").asBoolean());
  }

  @Test
  void quietPrintsOnlyFindingsAndTheSummary() throws IOException {
    Path good = write("good.json", Cli.IMAGE);
    Path bad = write("bad.json", Cli.BROKEN);

    Cli.Result result = Cli.run("validate", "-q", good.toString(), bad.toString());

    assertFalse(result.out().contains(": valid ("), result.out());
    assertFalse(result.out().contains(": invalid ("), result.out());
    assertTrue(
        result
            .out()
            .lines()
            .allMatch(l -> l.startsWith(bad.toString()) || l.contains("files checked")),
        result.out());
  }

  @Test
  void writesTheReportToAFile() throws IOException {
    Path image = write("image.json", Cli.IMAGE);
    Path report = dir.resolve("out/report.sarif");
    Files.createDirectories(report.getParent());
    Files.writeString(report, "old content");

    Cli.Result result =
        Cli.run("validate", "--format", "sarif", "-o", report.toString(), image.toString());

    assertEquals(ExitCodes.VALID, result.status(), result.err());
    assertEquals("", result.out());
    assertEquals("2.1.0", MAPPER.readTree(Files.readString(report)).get("version").asString());
    try (var listing = Files.list(report.getParent())) {
      assertEquals(List.of(report), listing.toList());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "json", "sarif", "junit"})
  void writesEveryFormatForRealFiles(String format) throws Exception {
    Path good = write("good.json", Cli.IMAGE);
    Path bad = write("bad.json", Cli.BROKEN);

    Cli.Result result = Cli.run("validate", "--format", format, good.toString(), bad.toString());

    assertEquals(ExitCodes.INVALID, result.status(), result.err());
    switch (format) {
      case "json":
        assertEquals(2, json(result).at("/summary/files").asInt());
        assertEquals(1, json(result).at("/summary/invalid").asInt());
        break;
      case "sarif":
        JsonNode run = json(result).at("/runs/0");
        assertEquals("IM-001", run.at("/results/0/ruleId").asString());
        assertEquals(
            bad.toUri().toString(),
            run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asString());
        break;
      case "junit":
        var doc =
            javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(
                    new java.io.ByteArrayInputStream(
                        result.out().getBytes(StandardCharsets.UTF_8)));
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        break;
      default:
        assertTrue(result.out().contains("2 files checked: 1 valid, 1 invalid"), result.out());
    }
  }

  @Test
  void failsWithOneLineWhenTheReportCannotBeWritten() throws IOException {
    Path image = write("image.json", Cli.IMAGE);
    String target = dir.resolve("no/such/dir/report.json").toString();

    Cli.Result plain = Cli.run("validate", "-o", target, image.toString());
    Cli.Result debug = Cli.run("--debug", "validate", "-o", target, image.toString());

    assertEquals(ExitCodes.USAGE_OR_IO, plain.status());
    assertEquals(1, plain.err().lines().count(), plain.err());
    assertTrue(plain.err().startsWith("appc validate: cannot write " + target), plain.err());
    assertEquals(ExitCodes.USAGE_OR_IO, debug.status());
    assertTrue(debug.err().contains("\tat "), debug.err());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
