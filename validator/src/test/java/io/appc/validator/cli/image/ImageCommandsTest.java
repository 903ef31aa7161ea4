package io.appc.validator.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class ImageCommandsTest {
  private static final String MANIFEST =
      "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/cli\"}";

  @TempDir Path dir;

  /** Exit status, stdout and stderr of one command run. */
  private record Run(int status, String out, String err) {}

  private static Run run(Callable<Integer> command, Object... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    String[] strings = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      strings[i] = args[i].toString();
    }
    int status = cli.execute(strings);
    return new Run(status, out.toString(), err.toString());
  }

  private Path layout() throws IOException {
    Path layout = dir.resolve("layout");
    Files.createDirectories(layout.resolve("rootfs/bin"));
    Files.writeString(layout.resolve("manifest"), MANIFEST);
    Files.writeString(layout.resolve("rootfs/bin/app"), "#!/bin/sh\n");
    return layout;
  }

  private Path built() throws IOException {
    Path image = dir.resolve("app.aci");
    Run build = run(new BuildCommand(), layout(), image);
    assertEquals(0, build.status(), build.err());
    return image;
  }

  private static String sha512OfGunzipped(Path image) throws Exception {
    try (var in = new GZIPInputStream(Files.newInputStream(image))) {
      return "sha512-"
          + HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-512").digest(in.readAllBytes()));
    }
  }

  // ACI-ID-001, ACI-ID-002: sha512-<hex> of the gunzipped archive
  @Test
  void buildPrintsTheImageIdThatImageIdComputes() throws Exception {
    Path image = dir.resolve("app.aci");
    Run build = run(new BuildCommand(), layout(), image, "--normalize");
    assertEquals(0, build.status(), build.err());
    String id = sha512OfGunzipped(image);
    assertEquals(id + "  " + image + "\n", build.out());

    Run ids = run(new ImageIdCommand(), image, image);
    assertEquals(0, ids.status());
    assertEquals(id + "  " + image + "\n" + id + "  " + image + "\n", ids.out());
    assertEquals(id + "\n", run(new ImageIdCommand(), "-q", image).out());
  }

  @Test
  void buildRefusesInvalidLayoutsAndExistingOutputs() throws IOException {
    Path layout = layout();
    Files.writeString(layout.resolve("stray"), "x");
    Run invalid = run(new BuildCommand(), layout, dir.resolve("x.aci"));
    assertEquals(1, invalid.status());
    assertTrue(invalid.err().contains("error ACI-LAYOUT-002"), invalid.err());
    assertTrue(invalid.err().contains("(at stray)"), invalid.err());
    Files.delete(layout.resolve("stray"));

    Path existing = Files.writeString(dir.resolve("exists.aci"), "keep");
    Run exists = run(new BuildCommand(), layout, existing);
    assertEquals(2, exists.status());
    assertTrue(exists.err().contains("--overwrite"), exists.err());
    assertEquals(
        0,
        run(new BuildCommand(), layout, existing, "--overwrite", "--compression", "xz").status());
    assertEquals(
        2, run(new BuildCommand(), layout, dir.resolve("y.aci"), "--compression", "zip").status());
  }

  @Test
  void buildAndPatchSayWhatIsWrongWithTheOutputWithoutNamingTheTemporaryFile() throws IOException {
    Path layout = layout();
    Path image = built();
    Path missing = dir.resolve("no-such-dir/out.aci");
    for (Run run :
        List.of(
            run(new BuildCommand(), layout, missing),
            run(new PatchManifestCommand(), image, missing, "--label", "a=b"))) {
      assertEquals(2, run.status(), run.err());
      assertTrue(run.err().contains("cannot write " + missing + ": no such directory"), run.err());
      assertFalse(run.err().contains(".partial"), run.err());
    }
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    for (Run run :
        List.of(
            run(new BuildCommand(), layout, directory, "--overwrite"),
            run(new PatchManifestCommand(), image, directory, "--overwrite", "--label", "a=b"))) {
      assertEquals(2, run.status(), run.err());
      assertTrue(
          run.err().contains("cannot write " + directory + ": it is a directory"), run.err());
      assertFalse(run.err().contains(".partial"), run.err());
    }
  }

  @Test
  void buildRefusesANameThatIsNotUtf8NamingTheFile() throws Exception {
    Path layout = layout();
    // Java cannot make such a name; the shell can
    Process sh =
        new ProcessBuilder("sh", "-c", "printf x > \"$(printf '" + layout + "/rootfs/caf\\351')\"")
            .inheritIO()
            .start();
    assertEquals(0, sh.waitFor());
    Path out = dir.resolve("out.aci");
    Run build = run(new BuildCommand(), layout, out);
    assertEquals(2, build.status(), build.err());
    assertTrue(build.err().contains("cannot read " + layout.resolve("rootfs/caf")), build.err());
    assertTrue(build.err().contains("not valid UTF-8"), build.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void buildExitsTwoWhenTheLayoutCannotBeRead() throws Exception {
    Path layout = layout();
    // deeper than PATH_MAX: the layout walk cannot stat it (ENAMETOOLONG), an I/O error
    String deep = ("d".repeat(200) + "/").repeat(25);
    Process sh =
        new ProcessBuilder("sh", "-c", "cd '" + layout + "/rootfs' && mkdir -p " + deep)
            .inheritIO()
            .start();
    assertEquals(0, sh.waitFor());
    try {
      Run build = run(new BuildCommand(), layout, dir.resolve("out.aci"));
      assertEquals(2, build.status(), build.err());
      assertTrue(build.err().contains("IO-ERROR"), build.err());
      assertFalse(Files.exists(dir.resolve("out.aci")));
    } finally {
      // @TempDir cannot delete what it cannot name either
      new ProcessBuilder("rm", "-rf", layout.resolve("rootfs/" + "d".repeat(200)).toString())
          .inheritIO()
          .start()
          .waitFor();
    }
  }

  @Test
  void patchManifestRefusesAnArchiveWithTwoManifests() throws Exception {
    // patching only the first would leave the second, which tar -x extracts last, unchanged
    Path layout = layout();
    Path other = Files.createDirectory(dir.resolve("other"));
    Files.writeString(other.resolve("manifest"), MANIFEST);
    Path image = dir.resolve("two.aci");
    Process tar =
        new ProcessBuilder(
                "tar",
                "-cf",
                image.toString(),
                "-C",
                layout.toString(),
                "manifest",
                "rootfs",
                "-C",
                other.toString(),
                "./manifest")
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor());
    Path out = dir.resolve("out.aci");
    Run run = run(new PatchManifestCommand(), image, out, "--label", "a=b");
    assertEquals(1, run.status(), run.err());
    assertTrue(run.err().startsWith(image + ": error ACI-ARCH-003:"), run.err());
    assertTrue(run.err().contains("./manifest"), run.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void patchManifestNamesAManifestFileItCannotRead() throws IOException {
    Path image = built();
    Path missing = dir.resolve("missing.json");
    Run run = run(new PatchManifestCommand(), image, dir.resolve("out.aci"), "--manifest", missing);
    assertEquals(2, run.status());
    assertTrue(
        run.err().contains("--manifest " + missing + ": cannot read: no such file"), run.err());
  }

  @Test
  void imageIdReportsBrokenAndMissingFiles() throws IOException {
    Path good = built();
    Path noise = Files.write(dir.resolve("noise.aci"), new byte[] {1, 2, 3});
    Run mixed = run(new ImageIdCommand(), good, noise);
    assertEquals(1, mixed.status());
    assertTrue(mixed.out().startsWith("sha512-"), mixed.out());
    assertTrue(
        mixed.err().startsWith(noise + ": error ACI-ARCH-002: not an image archive"), mixed.err());
    Run missing = run(new ImageIdCommand(), dir.resolve("missing.aci"));
    assertEquals(2, missing.status());
    assertFalse(missing.err().contains("Exception"), missing.err());
    assertEquals(2, run(new ImageIdCommand()).status());
  }

  @Test
  void catManifestPrintsTheStoredBytes() throws IOException {
    Path image = built();
    Run cat = run(new CatManifestCommand(), image);
    assertEquals(0, cat.status());
    assertEquals(MANIFEST, cat.out());
    Path noManifest = dir.resolve("rootfs-only.aci");
    new ProcessBuilder(
            "tar", "-cf", noManifest.toString(), "-C", dir.resolve("layout").toString(), "rootfs")
        .inheritIO()
        .start()
        .onExit()
        .join();
    Run missing = run(new CatManifestCommand(), noManifest);
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("ACI-ARCH-004"), missing.err());
    Path junk = Files.write(dir.resolve("junk.aci"), "junk".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, run(new CatManifestCommand(), junk).status());
  }

  @Test
  void errorsAboutBrokenArchivesNameTheRequirement() throws IOException {
    byte[] gzip = Files.readAllBytes(built());
    Path cut = Files.write(dir.resolve("cut.aci"), java.util.Arrays.copyOf(gzip, gzip.length - 20));
    for (Run run :
        List.of(
            run(new CatManifestCommand(), cut),
            run(new ImageIdCommand(), cut),
            run(new PatchManifestCommand(), cut, dir.resolve("out.aci"), "--label", "a=b"))) {
      assertEquals(1, run.status(), run.err());
      assertTrue(
          run.err().startsWith(cut + ": error ACI-ARCH-002: gzip data is corrupt or truncated"),
          run.err());
    }
  }

  @Test
  void patchManifestEditsValidatesAndRefuses() throws IOException {
    Path image = built();
    Path out = dir.resolve("patched.aci");
    Run patch =
        run(
            new PatchManifestCommand(),
            image,
            out,
            "--exec",
            "[\"/bin/app\",\"--flag\"]",
            "--user",
            "0",
            "--group",
            "0",
            "--env",
            "A=1",
            "--env",
            "B=2",
            "--label",
            "version=1.0.0",
            "--mount",
            "name=data,path=/data",
            "--port",
            "name=web,protocol=tcp,port=8080",
            "--isolator",
            "{\"name\":\"os/linux/no-new-privileges\",\"value\":true}");
    assertEquals(0, patch.status(), patch.err());
    String manifest = run(new CatManifestCommand(), out).out();
    assertTrue(manifest.contains("\"exec\":[\"/bin/app\",\"--flag\"]"), manifest);
    assertTrue(manifest.contains("{\"name\":\"B\",\"value\":\"2\"}"), manifest);

    Path replacement = Files.writeString(dir.resolve("m.json"), "{\"acKind\": ");
    Run invalid =
        run(new PatchManifestCommand(), image, dir.resolve("bad.aci"), "--manifest", replacement);
    assertEquals(1, invalid.status());
    assertTrue(invalid.err().contains("bad.aci!manifest"), invalid.err());
    assertTrue(invalid.err().contains("IM-001"), invalid.err());
    assertFalse(Files.exists(dir.resolve("bad.aci")));

    assertEquals(
        2, run(new PatchManifestCommand(), image, out, "--name", "example.com/y").status());
    Run usage = run(new PatchManifestCommand(), image, dir.resolve("u.aci"), "--mount", "nopath");
    assertEquals(2, usage.status());
    assertTrue(usage.err().contains("--mount"), usage.err());
  }

  private Path withTail(Path image, String name, byte[] tail) throws IOException {
    byte[] bytes = Files.readAllBytes(image);
    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
    System.arraycopy(tail, 0, all, bytes.length, tail.length);
    return Files.write(dir.resolve(name), all);
  }

  private static Run validate(Path file) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status =
        io.appc.validator.cli.Main.run(
            new String[] {"validate", file.toString()},
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  // ACI-ARCH-002: cat good.aci <(echo junk) > bad.aci is not a gzip, bzip2 or xz file any more:
  // every command that reads the archive to its end fails with exit 1 and says where the data ends
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void dataAfterTheCompressedDataFailsEveryCommandThatReadsToTheEnd(String compression)
      throws IOException {
    Path image = dir.resolve("app.aci");
    assertEquals(
        0, run(new BuildCommand(), layout(), image, "--compression", compression).status());
    long size = Files.size(image);
    Path bad = withTail(image, "bad.aci", "junk\n".getBytes(StandardCharsets.UTF_8));
    String error =
        bad
            + ": error ACI-ARCH-002: not a valid "
            + compression
            + " file: 5 bytes follow the end of the "
            + compression
            + " data at byte offset "
            + size;
    Path out = dir.resolve("patched.aci");
    for (Run run :
        List.of(
            run(new ImageIdCommand(), bad),
            run(new PatchManifestCommand(), bad, out, "--label", "a=b"))) {
      assertEquals(1, run.status(), run.err());
      assertTrue(run.err().startsWith(error), run.err());
      assertEquals("", run.out());
    }
    assertFalse(Files.exists(out));
    Run validate = validate(bad);
    assertEquals(1, validate.status(), validate.out());
    assertTrue(validate.out().contains(bad + ": invalid (ImageArchive)"), validate.out());
    assertTrue(validate.out().contains(error), validate.out());
    // cat-manifest reads up to the manifest only, whatever the size of the archive
    Run cat = run(new CatManifestCommand(), bad);
    assertEquals(0, cat.status(), cat.err());
    assertEquals(MANIFEST, cat.out());
  }

  // ACI-ARCH-002, ACI-ID-001: zero bytes after the data (tape padding) are a warning with their
  // count; the image ID stays that of the tar, and the patched archive does not have them
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void zeroBytesAfterTheCompressedDataAreAWarning(String compression) throws IOException {
    Path image = dir.resolve("app.aci");
    assertEquals(
        0, run(new BuildCommand(), layout(), image, "--compression", compression).status());
    long size = Files.size(image);
    String id = run(new ImageIdCommand(), "-q", image).out();
    Path padded = withTail(image, "padded.aci", new byte[10_001]);
    String warning =
        padded
            + ": warning ACI-ARCH-002: 10001 zero bytes follow the end of the "
            + compression
            + " data at byte offset "
            + size
            + "; ";

    Run ids = run(new ImageIdCommand(), "-q", padded);
    assertEquals(0, ids.status(), ids.err());
    assertEquals(id, ids.out());
    assertTrue(ids.err().startsWith(warning), ids.err());
    assertTrue(ids.err().contains("-- remove them (truncate -s " + size + " FILE)"), ids.err());

    Path out = dir.resolve("patched.aci");
    Run patch = run(new PatchManifestCommand(), padded, out, "--label", "a=b");
    assertEquals(0, patch.status(), patch.err());
    assertTrue(patch.err().startsWith(warning), patch.err());
    Run patched = run(new ImageIdCommand(), out);
    assertEquals("", patched.err());

    Run validate = validate(padded);
    assertEquals(0, validate.status(), validate.out());
    assertTrue(
        validate.out().contains(padded + ": valid (ImageArchive, " + id.strip()), validate.out());
    assertTrue(validate.out().contains(warning), validate.out());
  }
}
