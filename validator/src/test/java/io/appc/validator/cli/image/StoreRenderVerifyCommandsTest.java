package io.appc.validator.cli.image;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.image.store.BlobStamp;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.StoredImage;
import io.appc.validator.image.testing.AciBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The picocli commands run as a user would: exit codes and output lines. */
class StoreRenderVerifyCommandsTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private String store() {
    return tmp.resolve("store").toString();
  }

  // ACI-ID-002: store add prints the image ID
  @Test
  void storeAddListRemoveAndGc() throws Exception {
    Path app = image("example.com/app").label("version", "1.0.0").write(tmp, "app.aci");
    Run add = run(new StoreCommand(), "add", "--store", store(), app.toString());
    assertEquals(0, add.code(), add.err());
    assertEquals(AciBuilder.idOf(app), add.out().strip());

    Run list = run(new StoreCommand(), "list", "--store", store());
    assertEquals(0, list.code());
    assertTrue(list.out().contains("example.com/app"), list.out());
    assertTrue(list.out().contains("version=1.0.0"), list.out());

    Run json = run(new StoreCommand(), "list", "--store", store(), "--format", "json");
    assertTrue(json.out().contains("\"id\" : \"" + AciBuilder.idOf(app) + "\""), json.out());

    Run badFormat = run(new StoreCommand(), "list", "--store", store(), "--format", "xml");
    assertEquals(2, badFormat.code());

    Run rm = run(new StoreCommand(), "rm", "--store", store(), "example.com/app:1.0.0");
    assertEquals(0, rm.code(), rm.err());
    Run again = run(new StoreCommand(), "rm", "--store", store(), "example.com/app");
    assertEquals(1, again.code());
    assertTrue(again.err().startsWith("error: example.com/app: no image"), again.err());

    Run gc = run(new StoreCommand(), "gc", "--store", store());
    assertEquals(0, gc.code());
    assertTrue(gc.out().startsWith("removed 0 temporary files"), gc.out());
  }

  @Test
  void storeRmKeepsAnImageOthersNeedUnlessForced() throws Exception {
    Path base1 = image("example.com/base").label("version", "1").write(tmp, "base1.aci");
    Path base2 = image("example.com/base").label("version", "2").write(tmp, "base2.aci");
    Path app =
        image("example.com/app")
            .dependency("example.com/base", null, Map.of("version", "1"), 0)
            .write(tmp, "app.aci");
    for (Path p : List.of(base1, base2, app)) {
      assertEquals(0, run(new StoreCommand(), "add", "--store", store(), p.toString()).code());
    }

    // Version 2 is needed by nobody; version 1 only the app's dependency accepts.
    Run unused = run(new StoreCommand(), "rm", "--store", store(), "example.com/base:2");
    assertEquals(0, unused.code(), unused.err());
    Run needed = run(new StoreCommand(), "rm", "--store", store(), "example.com/base:1");
    assertEquals(1, needed.code());
    assertTrue(
        needed.err().contains("error IM-DEP-001: still needed by example.com/app (sha512-"),
        needed.err());
    assertEquals(
        List.of("example.com/base", "example.com/app"),
        ImageStore.open(tmp.resolve("store")).list().stream().map(StoredImage::name).toList());

    Run forced = run(new StoreCommand(), "rm", "--store", store(), "--force", "example.com/base");
    assertEquals(0, forced.code(), forced.err());
    Run renderNow = render("example.com/app", tmp.resolve("out"));
    assertEquals(1, renderNow.code());
    assertTrue(renderNow.err().contains("IM-DEP-001"), renderNow.err());
  }

  @Test
  void storeAddReportsUnusableArchivesAndMissingFiles() throws Exception {
    Path noName =
        image("x")
            .rawManifest("{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\"}")
            .write(tmp, "noname.aci");
    Run bad = run(new StoreCommand(), "add", "--store", store(), noName.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("noname.aci!manifest: error IM-012: "), bad.err());
    assertTrue(bad.err().contains("(at /name)"), bad.err());
    Run missing =
        run(new StoreCommand(), "add", "--store", store(), tmp.resolve("nope.aci").toString());
    assertEquals(2, missing.code());
    assertFalse(missing.err().contains("Exception"), missing.err());
  }

  /** As validate says: damaged compressed data is an invalid image (1), not an I/O error (2). */
  @Test
  void corruptCompressedDataIsAnInvalidImageInStoreAddAndRender() throws Exception {
    Path good =
        image("example.com/zipped").gzip().file("rootfs/a", "x".repeat(20000)).write(tmp, "z.aci");
    byte[] bytes = Files.readAllBytes(good);
    Path cut = tmp.resolve("cut.aci");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    Run add = run(new StoreCommand(), "add", "--store", store(), cut.toString());
    assertEquals(1, add.code(), add.err());
    assertTrue(add.err().startsWith(cut + ": error ACI-ARCH-002: gzip data"), add.err());

    Path target = tmp.resolve("out");
    Run file =
        run(new RenderCommand(), cut.toString(), "--to", target.toString(), "--store", store());
    assertEquals(1, file.code(), file.err());
    assertTrue(file.err().startsWith(cut + ": error ACI-ARCH-002: gzip data"), file.err());

    // A stored blob damaged after add, rendered without hashing.
    run(new StoreCommand(), "add", "--store", store(), good.toString());
    Path blob = tmp.resolve("store/blobs").resolve(AciBuilder.idOf(unzip(good)));
    Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    Run stored = render("example.com/zipped", target, "--id-check", "never");
    assertEquals(1, stored.code(), stored.err());
    assertTrue(stored.err().contains(": error ACI-ARCH-002: gzip data"), stored.err());
    assertFalse(Files.exists(target));
  }

  private static Path withTail(Path image, Path to, byte[] tail) throws Exception {
    byte[] bytes = Files.readAllBytes(image);
    byte[] all = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
    System.arraycopy(tail, 0, all, bytes.length, tail.length);
    return Files.write(to, all);
  }

  /**
   * ACI-ARCH-002: data after the compressed data makes store add and render refuse the archive
   * (also a stored blob that got such data after it was added, rendered without hashing); zero
   * bytes there are a warning, and the image ID is that of the tar.
   */
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void dataAfterTheCompressedDataIsRefusedAndZeroBytesAreAWarning(String compression)
      throws Exception {
    Path good =
        image("example.com/tail")
            .compression(compression)
            .file("rootfs/a", "a")
            .write(tmp, "g.aci");
    long size = Files.size(good);
    String id = run(new ImageIdCommand(), "-q", good.toString()).out().strip();
    String error =
        "ACI-ARCH-002: not a valid "
            + compression
            + " file: 5 bytes follow the end of the "
            + compression
            + " data at byte offset "
            + size;
    byte[] junk = "junk\n".getBytes(StandardCharsets.UTF_8);
    Path bad = withTail(good, tmp.resolve("bad.aci"), junk);
    Run add = run(new StoreCommand(), "add", "--store", store(), bad.toString());
    assertEquals(1, add.code(), add.err());
    assertTrue(add.err().startsWith(bad + ": error " + error), add.err());
    Path target = tmp.resolve("out");
    Run render = render(bad.toString(), target);
    assertEquals(1, render.code(), render.err());
    assertTrue(
        render.err().contains(bad + ": error ACI-ARCH-002: not a valid " + compression + " file"),
        render.err());
    assertFalse(Files.exists(target));

    // not a multiple of four bytes, which would be xz stream padding
    Path padded = withTail(good, tmp.resolve("padded.aci"), new byte[513]);
    String warning =
        ": warning ACI-ARCH-002: 513 zero bytes follow the end of the "
            + compression
            + " data at byte offset "
            + size
            + "; ";
    Run addPadded = run(new StoreCommand(), "add", "--store", store(), padded.toString());
    assertEquals(0, addPadded.code(), addPadded.err());
    assertEquals(id, addPadded.out().strip());
    assertTrue(addPadded.err().startsWith(padded + warning), addPadded.err());
    Run renderPadded = render(padded.toString(), target);
    assertEquals(0, renderPadded.code(), renderPadded.err());
    assertTrue(renderPadded.err().startsWith(padded + warning), renderPadded.err());

    // the stored blob (with its zero bytes) gets other data appended after it was added
    Path blob = tmp.resolve("store/blobs").resolve(id);
    Files.write(blob, junk, StandardOpenOption.APPEND);
    Path stored = tmp.resolve("stored");
    Run renderStored = render("example.com/tail", stored, "--id-check", "never");
    assertEquals(1, renderStored.code(), renderStored.err());
    assertTrue(
        renderStored.err().contains(": error ACI-ARCH-002: not a valid " + compression + " file"),
        renderStored.err());
    assertTrue(renderStored.err().contains(" 518 bytes follow the end"), renderStored.err());
    assertFalse(Files.exists(stored));
  }

  private Path unzip(Path gzip) throws Exception {
    Path tar = tmp.resolve(gzip.getFileName() + ".tar");
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzip))) {
      Files.copy(in, tar);
    }
    return tar;
  }

  /** I/O failures name the file and the reason, not one of the two. */
  @Test
  void renderIoFailuresSayWhereAndWhy() throws Exception {
    Path app = image("example.com/app").file("rootfs/a", "x").write(tmp, "app.aci");
    Path file = Files.writeString(tmp.resolve("file"), "");
    Run under =
        run(
            new RenderCommand(),
            app.toString(),
            "--to",
            file.resolve("sub").toString(),
            "--store",
            store());
    assertEquals(2, under.code(), under.err());
    assertEquals("error: " + file + ": exists and is not a directory", under.err().strip());

    run(new StoreCommand(), "add", "--store", store(), app.toString());
    Path blob = tmp.resolve("store/blobs").resolve(AciBuilder.idOf(app));
    Files.delete(blob);
    Files.createDirectory(blob);
    Run dir = render("example.com/app", tmp.resolve("out"), "--id-check", "never");
    assertEquals(2, dir.code(), dir.err());
    assertTrue(dir.err().startsWith("error: example.com/app (sha512-"), dir.err());
    assertTrue(dir.err().strip().endsWith(": Is a directory"), dir.err());
  }

  /**
   * ACE-FS-003: a render stopped by SIGTERM (or Ctrl-C) leaves neither a target nor its temporary
   * directory: the JVM runs no finally blocks then, only shutdown hooks.
   */
  @Test
  void aRenderStoppedBySigtermLeavesNothing() throws Exception {
    AciBuilder big = image("example.com/many");
    for (int i = 0; i < 40000; i++) {
      big.file("rootfs/d" + (i % 100) + "/f" + i, "content " + i);
    }
    Path archive = big.write(tmp, "many.aci");
    Path parent = Files.createDirectories(tmp.resolve("renders"));
    Path target = parent.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "io.appc.validator.cli.Main",
                "render",
                archive.toString(),
                "--to",
                target.toString(),
                "--store",
                store())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("render.log").toFile())
            .start();
    boolean started = false;
    for (int i = 0; i < 3000 && !started && p.isAlive(); i++) {
      try (var entries = Files.list(parent)) {
        started = entries.anyMatch(e -> e.getFileName().toString().startsWith(".appc-render-"));
      }
      if (!started) {
        Thread.sleep(5);
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        started && p.isAlive(), "the render finished before it could be stopped");
    Thread.sleep(100);
    p.destroy();
    assertEquals(143, p.waitFor(), Files.readString(tmp.resolve("render.log")));
    try (var left = Files.list(parent)) {
      assertEquals(List.of(), left.toList(), "nothing left after SIGTERM");
    }
  }

  // ACE-FS-004, ACE-FS-005: the dependency is layer 1, the image layer 2
  @Test
  void renderPrintsTheLayerOrderAndTheResult() throws Exception {
    Path base =
        image("example.com/base").file("rootfs/etc/os-release", "base").write(tmp, "base.aci");
    run(new StoreCommand(), "add", "--store", store(), base.toString());
    Path app =
        image("example.com/app")
            .dependency("example.com/base", null)
            .file("rootfs/app", "app")
            .write(tmp, "app.aci");
    Path target = tmp.resolve("out");
    Run r = run(new RenderCommand(), app.toString(), "--to", target.toString(), "--store", store());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("layer 1/2: example.com/base (sha512-"), r.out());
    assertTrue(
        lines
            .get(0)
            .endsWith(
                "via example.com/app -> example.com/base; trusted: store blob unchanged since add"),
        r.out());
    assertEquals("layer 2/2: " + app + "; not checked: no expected ID", lines.get(1));
    assertTrue(lines.get(2).startsWith("rendered example.com/app (ID not checked)"), r.out());
    assertEquals("base", Files.readString(target.resolve("rootfs/etc/os-release")));

    Run again =
        run(new RenderCommand(), app.toString(), "--to", target.toString(), "--store", store());
    assertEquals(2, again.code(), "a non-empty target is a usage error");

    Path hashed = tmp.resolve("hashed");
    Run always =
        run(
            new RenderCommand(),
            app.toString(),
            "--to",
            hashed.toString(),
            "--store",
            store(),
            "--id-check",
            "always");
    assertEquals(0, always.code(), always.err());
    assertTrue(
        always.out().contains("rendered example.com/app (" + AciBuilder.idOf(app) + ")"),
        always.out());
  }

  /**
   * Rewrites {@code from} as {@code to} (same length) inside the file, then puts its mtime back.
   */
  private static void tamperInPlace(Path file, String from, String to) throws Exception {
    FileTime mtime = Files.getLastModifiedTime(file);
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    int at = text.indexOf(from);
    assertTrue(at >= 0 && from.length() == to.length());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(to.getBytes(StandardCharsets.ISO_8859_1)), at);
    }
    Files.setLastModifiedTime(file, mtime);
  }

  private Run render(String image, Path target, String... options) {
    List<String> args = new ArrayList<>(List.of(image, "--to", target.toString()));
    args.addAll(List.of("--store", store()));
    args.addAll(List.of(options));
    return run(new RenderCommand(), args.toArray(String[]::new));
  }

  private static long count(String text, String part) {
    return text.lines().filter(l -> l.contains(part)).count();
  }

  /** Adds base and app (which depends on base) with the CLI; returns the base's blob. */
  private Path addBaseAndApp() throws Exception {
    Path base = image("example.com/base").file("rootfs/a", "good").write(tmp, "base.aci");
    Path app = image("example.com/app").dependency("example.com/base", null).write(tmp, "app.aci");
    assertEquals(0, run(new StoreCommand(), "add", "--store", store(), base.toString()).code());
    assertEquals(0, run(new StoreCommand(), "add", "--store", store(), app.toString()).code());
    return tmp.resolve("store/blobs").resolve(AciBuilder.idOf(base));
  }

  @Test
  void storedImagesAreTrustedUntilTheirBlobChanges() throws Exception {
    Path blob = addBaseAndApp();
    String appId = AciBuilder.idOf(tmp.resolve("app.aci"));

    Run trusted = render("example.com/app", tmp.resolve("out1"));
    assertEquals(0, trusted.code(), trusted.err());
    assertEquals(
        2, count(trusted.out(), "; trusted: store blob unchanged since add"), trusted.out());
    assertTrue(trusted.out().contains("rendered example.com/app (" + appId + ")"), trusted.out());

    // Same inode, size and mtime: only the ctime tells.
    BlobStamp before = BlobStamp.of(blob);
    tamperInPlace(blob, "good", "evil");
    BlobStamp after = BlobStamp.of(blob);
    assertEquals(
        List.of(before.device(), before.inode(), before.size(), before.modified()),
        List.of(after.device(), after.inode(), after.size(), after.modified()));

    Path target = tmp.resolve("out2");
    Run refused = render("example.com/app", target);
    assertEquals(1, refused.code(), refused.err());
    List<String> lines = refused.out().lines().toList();
    assertTrue(
        lines
            .get(0)
            .endsWith(
                " via example.com/app -> example.com/base; hashed: store blob changed since add"),
        refused.out());
    assertTrue(lines.get(1).endsWith("; trusted: store blob unchanged since add"), refused.out());
    assertTrue(refused.err().contains("error ACI-ID-003: need content hashing to "), refused.err());
    assertTrue(refused.err().contains("render refused; " + target + " was not touched"));
    assertFalse(Files.exists(target));

    Path trusting = tmp.resolve("out3");
    Run never = render("example.com/app", trusting, "--id-check", "never");
    assertEquals(0, never.code(), never.err());
    assertEquals(2, count(never.out(), "; not checked: ID checks off"), never.out());
    assertEquals("evil", Files.readString(trusting.resolve("rootfs/a")));

    // Adding the image again puts verified bytes back and stamps them.
    Run readd =
        run(new StoreCommand(), "add", "--store", store(), tmp.resolve("base.aci").toString());
    assertEquals(0, readd.code(), readd.err());
    Path repaired = tmp.resolve("out4");
    Run again = render("example.com/app", repaired);
    assertEquals(0, again.code(), again.err());
    assertEquals(2, count(again.out(), "trusted: store blob unchanged since add"), again.out());
    assertEquals("good", Files.readString(repaired.resolve("rootfs/a")));
  }

  @Test
  void alwaysHashesAnUnchangedBlob() throws Exception {
    addBaseAndApp();
    Run r = render("example.com/app", tmp.resolve("out"), "--id-check", "ALWAYS");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, count(r.out(), "; hashed: every layer is checked"), r.out());
    assertTrue(
        r.out().contains("rendered example.com/app (" + AciBuilder.idOf(tmp.resolve("app.aci"))),
        r.out());
  }

  @Test
  void entriesWithoutAStampAreHashedUntilAddedAgain() throws Exception {
    Path blob = addBaseAndApp();
    Path index = tmp.resolve("store/index.json");
    ObjectNode doc = (ObjectNode) JsonMapper.shared().readTree(index.toFile());
    for (JsonNode image : doc.path("images")) {
      assertTrue(image.has("stamp"), image.toString());
      ((ObjectNode) image).remove("stamp");
    }
    Files.writeString(index, doc.toString());

    Run hashed = render("example.com/app", tmp.resolve("out1"));
    assertEquals(0, hashed.code(), hashed.err());
    assertEquals(2, count(hashed.out(), "; hashed: store entry has no blob stamp"), hashed.out());

    tamperInPlace(blob, "good", "evil");
    Path target = tmp.resolve("out2");
    Run refused = render("example.com/app", target);
    assertEquals(1, refused.code());
    assertTrue(refused.err().contains("ACI-ID-003"), refused.err());
    assertFalse(Files.exists(target));

    Run readd =
        run(new StoreCommand(), "add", "--store", store(), tmp.resolve("base.aci").toString());
    assertEquals(0, readd.code(), readd.err());
    Run mixed = render("example.com/app", tmp.resolve("out3"));
    assertEquals(0, mixed.code(), mixed.err());
    List<String> lines = mixed.out().lines().toList();
    assertTrue(lines.get(0).endsWith("; trusted: store blob unchanged since add"), mixed.out());
    assertTrue(lines.get(1).endsWith("; hashed: store entry has no blob stamp"), mixed.out());
    assertEquals("good", Files.readString(tmp.resolve("out3/rootfs/a")));
  }

  @Test
  void storeListShowsTheStampBesideTheOtherFields() throws Exception {
    Path blob = addBaseAndApp();
    Run json = run(new StoreCommand(), "list", "--store", store(), "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode base = JsonMapper.shared().readTree(json.out()).get(0);
    assertEquals(
        List.of("id", "name", "labels", "size", "tarSize", "imported", "stamp"),
        List.copyOf(base.propertyNames()));
    BlobStamp stamp = BlobStamp.of(blob);
    assertEquals(stamp.inode(), base.path("stamp").path("ino").asLong());
    assertEquals(stamp.changed().toString(), base.path("stamp").path("ctime").asString());
  }

  @Test
  void anArchiveFileIsHashedOnlyAgainstAnExpectedId() throws Exception {
    Path app = image("example.com/app").file("rootfs/a", "app").write(tmp, "app.aci");
    String id = AciBuilder.idOf(app);

    Run full = render(app.toString(), tmp.resolve("full"), "--expect-id", id);
    assertEquals(0, full.code(), full.err());
    assertTrue(full.out().contains(app + "; hashed: expected ID given"), full.out());
    assertTrue(full.out().contains("rendered example.com/app (" + id + ")"), full.out());

    Run cut = render(app.toString(), tmp.resolve("cut"), "--expect-id", id.substring(0, 39));
    assertEquals(0, cut.code(), cut.err());
    assertTrue(cut.out().contains("rendered example.com/app (" + id + ")"), cut.out());

    String other = "sha512-" + "0".repeat(32);
    Path target = tmp.resolve("wrong");
    Run wrong = render(app.toString(), target, "--expect-id", other);
    assertEquals(1, wrong.code(), wrong.err());
    assertTrue(
        wrong.err().contains(app + ": error ACI-ID-003: need image ID " + other + ", got " + id),
        wrong.err());
    assertFalse(Files.exists(target));

    Run malformed = render(app.toString(), tmp.resolve("m"), "--expect-id", "sha512-abc");
    assertEquals(2, malformed.code());
    assertTrue(
        malformed.err().contains("--expect-id: invalid image ID 'sha512-abc'"), malformed.err());

    Run off = render(app.toString(), tmp.resolve("off"), "--expect-id", id, "--id-check", "never");
    assertEquals(2, off.code());
    assertTrue(off.err().contains("--expect-id needs the ID checked"), off.err());
    assertFalse(Files.exists(tmp.resolve("off")));
  }

  @Test
  void aStoredImageIsComparedWithTheExpectedIdByItsStoredId() throws Exception {
    addBaseAndApp();
    String appId = AciBuilder.idOf(tmp.resolve("app.aci"));
    Run right = render("example.com/app", tmp.resolve("right"), "--expect-id", appId);
    assertEquals(0, right.code(), right.err());
    Path target = tmp.resolve("wrong");
    String other = "sha512-" + "0".repeat(32);
    Run wrong = render("example.com/app", target, "--expect-id", other);
    assertEquals(1, wrong.code());
    assertTrue(wrong.err().contains("error ACI-ID-003: need image ID " + other), wrong.err());
    assertFalse(Files.exists(target));
  }

  @Test
  void aBadIdCheckModeIsAUsageError() {
    Run r = render("example.com/app", tmp.resolve("out"), "--id-check", "sometimes");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("need one of auto, always, never, got 'sometimes'"), r.err());
    Run old = render("example.com/app", tmp.resolve("out"), "--skip-id-check");
    assertEquals(2, old.code(), "the old flag is gone");
  }

  @Test
  void refusedRenderIsOneLinePerProblemWithFileMemberAndRequirement() throws Exception {
    Path evil =
        image("example.com/evil")
            .symlink("rootfs/etc", tmp.toString())
            .file("rootfs/etc/owned", "x")
            .write(tmp, "evil.aci");
    Path target = tmp.resolve("out");
    Run r =
        run(new RenderCommand(), evil.toString(), "--to", target.toString(), "--store", store());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(evil + ": error ACI-ARCH-005: "), r.err());
    assertTrue(r.err().contains("(at rootfs/etc/owned)"), r.err());
    assertFalse(r.err().contains("Exception"));
    assertFalse(r.err().contains("\tat "));
    assertFalse(Files.exists(tmp.resolve("owned")));
    assertFalse(Files.exists(target));
  }

  @Test
  void renderUsageAndLookupErrors() throws Exception {
    assertEquals(2, run(new RenderCommand(), "x.aci", "--store", store()).code(), "missing --to");
    assertEquals(
        2,
        run(
                new RenderCommand(),
                tmp.resolve("no.aci").toString(),
                "--to",
                tmp.resolve("o").toString(),
                "--store",
                store())
            .code());
    Run unknown =
        run(
            new RenderCommand(),
            "example.com/nothing",
            "--to",
            tmp.resolve("o").toString(),
            "--store",
            store());
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no image matching example.com/nothing"), unknown.err());
    assertEquals(
        2, run(new RenderCommand(), "x", "--to", "o", "--compat", "go", "--store", store()).code());
  }

  @Test
  void verifyGoodAndTampered() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    PGPKeyPair pair =
        new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, kpg.generateKeyPair(), new Date());
    PGPKeyRingGenerator gen =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            pair,
            "Cli Tester <cli@example.com>",
            new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
            null,
            null,
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            null);
    Path keys = tmp.resolve("keys.asc");
    try (OutputStream o = new ArmoredOutputStream(Files.newOutputStream(keys))) {
      gen.generatePublicKeyRing().encode(o);
    }
    Path aci = image("example.com/app").write(tmp, "app.aci");
    PGPSignatureGenerator sg =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            pair.getPublicKey());
    sg.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
    sg.update(Files.readAllBytes(aci));
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    try (OutputStream o = new ArmoredOutputStream(sig)) {
      sg.generate().encode(o);
    }
    Files.write(tmp.resolve("app.aci.asc"), sig.toByteArray());

    Run good = run(new VerifyCommand(), aci.toString(), "--keyring", keys.toString());
    assertEquals(0, good.code(), good.err());
    assertTrue(
        good.out()
            .contains(
                String.format("from key %016X \"Cli Tester <cli@example.com>\"", pair.getKeyID())),
        good.out());

    Files.writeString(aci, "tampered", java.nio.file.StandardOpenOption.APPEND);
    Run bad = run(new VerifyCommand(), aci.toString(), "--keyring", keys.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith(aci + ": error ACI-ARCH-009: bad signature"), bad.err());

    Run noSig =
        run(
            new VerifyCommand(),
            aci.toString(),
            "--signature",
            tmp.resolve("none.asc").toString(),
            "--keyring",
            keys.toString());
    assertEquals(2, noSig.code());

    Path junk = Files.writeString(tmp.resolve("junk.asc"), "junk\n");
    Run badKeys = run(new VerifyCommand(), aci.toString(), "--keyring", junk.toString());
    assertEquals(1, badKeys.code(), badKeys.err());
    assertTrue(badKeys.err().startsWith(junk + ": error ACI-ARCH-013: "), badKeys.err());

    Run dirKeys = run(new VerifyCommand(), aci.toString(), "--keyring", tmp.toString());
    assertEquals(2, dirKeys.code());
    assertEquals("error: " + tmp + ": not a regular file", dirKeys.err().strip());
  }
}
