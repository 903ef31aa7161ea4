package io.appc.validator.image.render;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Owners, modes, times, extended attributes, device nodes and FIFOs survive rendering. */
class MetadataTest {
  @TempDir Path tmp;
  RenderFixture fx;
  NativeFs fs;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
    fs = NativeFs.get();
  }

  private Path render(AciBuilder b) throws Exception {
    fx.add(b);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/meta", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    return target.resolve("rootfs");
  }

  private static int mode(Path p) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
  }

  private static int attr(Path p, String name) throws Exception {
    return (Integer) Files.getAttribute(p, "unix:" + name, LinkOption.NOFOLLOW_LINKS);
  }

  // ACI-ARCH-006: Unix mode bits
  @Test
  void modesIncludingSetuidSetgidAndStickyAreKept() throws Exception {
    AciBuilder b = image("example.com/meta");
    b.file("rootfs/bin/su", "x", 04755);
    b.file("rootfs/bin/wall", "x", 02711);
    b.dir("rootfs/tmp", 01777);
    b.dir("rootfs/shared", 02775);
    b.file("rootfs/secret", "x", 0400);
    Path rootfs = render(b);
    assertEquals(0104755, mode(rootfs.resolve("bin/su")));
    assertEquals(0102711, mode(rootfs.resolve("bin/wall")));
    assertEquals(041777, mode(rootfs.resolve("tmp")));
    assertEquals(042775, mode(rootfs.resolve("shared")));
    assertEquals(0100400, mode(rootfs.resolve("secret")));
  }

  // ACI-ARCH-006, ACE-FS-007: the mode is kept and later layers still write below it
  @Test
  void readOnlyDirectoryStillReceivesItsContentsAndLaterLayers() throws Exception {
    AciBuilder base = image("example.com/base");
    base.dir("rootfs/ro", 0555);
    base.file("rootfs/ro/a", "a");
    fx.add(base);
    Path rootfs =
        render(
            image("example.com/meta")
                .dependency("example.com/base", null)
                .file("rootfs/ro/b", "b"));
    assertEquals(040555, mode(rootfs.resolve("ro")));
    assertEquals("a", Files.readString(rootfs.resolve("ro/a")));
    assertEquals("b", Files.readString(rootfs.resolve("ro/b")));
  }

  // ACI-ARCH-006: timestamps
  @Test
  void modificationTimesAreKeptWithNanosecondsAndDirectoriesLast() throws Exception {
    Instant fileTime = Instant.parse("2001-02-03T04:05:06.1234567Z");
    Instant dirTime = Instant.parse("1999-12-31T23:59:59Z");
    AciBuilder b = image("example.com/meta");
    b.dir("rootfs/d", 0755).mtime(dirTime);
    b.file("rootfs/d/f", "x", 0644).mtime(fileTime);
    b.symlink("rootfs/d/l", "f");
    Path rootfs = render(b);
    FileTime f = Files.getLastModifiedTime(rootfs.resolve("d/f"), LinkOption.NOFOLLOW_LINKS);
    assertEquals(fileTime, f.toInstant());
    assertEquals(
        dirTime,
        Files.getLastModifiedTime(rootfs.resolve("d"), LinkOption.NOFOLLOW_LINKS).toInstant());
    assertEquals(
        Instant.parse("2020-01-02T03:04:05Z"),
        Files.getLastModifiedTime(rootfs.resolve("d/l"), LinkOption.NOFOLLOW_LINKS).toInstant());
  }

  // ACI-ARCH-006: timestamps as GNU tar writes them
  @Test
  void nanosecondTimesFromGnuTarAreKept() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar is not installed");
    Path layout = Files.createDirectories(tmp.resolve("layout/rootfs"));
    Files.writeString(
        tmp.resolve("layout/manifest"),
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/meta\"}");
    Instant time = Instant.parse("2001-02-03T04:05:06.123456789Z");
    Path f = Files.writeString(layout.resolve("f"), "x");
    Files.setLastModifiedTime(f, FileTime.from(time));
    Path aci = tmp.resolve("ns.aci");
    run(
        List.of(
            "/usr/bin/tar",
            "--format=pax",
            "-C",
            tmp.resolve("layout").toString(),
            "-cf",
            aci.toString(),
            "manifest",
            "rootfs"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.renderFile(aci, target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(time, Files.getLastModifiedTime(target.resolve("rootfs/f")).toInstant());
  }

  // ACI-ARCH-006: owners
  @Test
  void ownersAreKeptAsRootIncludingSymlinks() throws Exception {
    assumeTrue(fs.isRoot(), "owners can only be set as root");
    AciBuilder b = image("example.com/meta");
    b.file("rootfs/f", "x", 0644).owner(1234, 5678);
    b.dir("rootfs/d", 0755).owner(42, 43);
    b.symlink("rootfs/l", "f");
    b.fifo("rootfs/p", 0600).owner(7, 8);
    Path rootfs = render(b);
    assertEquals(
        List.of(1234, 5678),
        List.of(attr(rootfs.resolve("f"), "uid"), attr(rootfs.resolve("f"), "gid")));
    assertEquals(
        List.of(42, 43),
        List.of(attr(rootfs.resolve("d"), "uid"), attr(rootfs.resolve("d"), "gid")));
    assertEquals(
        List.of(7, 8), List.of(attr(rootfs.resolve("p"), "uid"), attr(rootfs.resolve("p"), "gid")));
    assertEquals(0, attr(rootfs.resolve("l"), "uid"));
  }

  // ACI-ARCH-006: device numbers and file types
  @Test
  void deviceNodesAndFifosAreCreated() throws Exception {
    assumeTrue(fs.isRoot(), "device nodes can only be created as root");
    AciBuilder b = image("example.com/meta");
    b.device("rootfs/dev/null", false, 1, 3, 0666);
    b.device("rootfs/dev/loop7", true, 7, 7, 0660);
    b.device("rootfs/dev/big", false, 4095, 1048575, 0600);
    b.fifo("rootfs/run/fifo", 0620);
    Path rootfs = render(b);
    assertEquals(020666, mode(rootfs.resolve("dev/null")));
    assertEquals(
        NativeFs.makedev(1, 3),
        ((Long) Files.getAttribute(rootfs.resolve("dev/null"), "unix:rdev")).longValue());
    assertEquals(060660, mode(rootfs.resolve("dev/loop7")));
    assertEquals(
        NativeFs.makedev(7, 7),
        ((Long) Files.getAttribute(rootfs.resolve("dev/loop7"), "unix:rdev")).longValue());
    assertEquals(
        NativeFs.makedev(4095, 1048575),
        ((Long) Files.getAttribute(rootfs.resolve("dev/big"), "unix:rdev")).longValue());
    assertEquals(010620, mode(rootfs.resolve("run/fifo")));
  }

  // ACI-ARCH-006: extended attributes
  @Test
  void textExtendedAttributesFromPaxAreKept() throws Exception {
    AciBuilder b = image("example.com/meta");
    b.file("rootfs/f", "x", 0644).pax("SCHILY.xattr.user.comment", "hello");
    b.dir("rootfs/d", 0755).pax("SCHILY.xattr.user.dir", "yes");
    Path rootfs = render(b);
    assertArrayEquals(bytes("hello"), fs.lgetxattr(rootfs.resolve("f").toString(), "user.comment"));
    assertArrayEquals(bytes("yes"), fs.lgetxattr(rootfs.resolve("d").toString(), "user.dir"));
  }

  /**
   * ACI-ARCH-006: GNU tar writes raw bytes into SCHILY.xattr records; a file capability is binary
   * and must arrive byte for byte, after the chown that would clear it.
   */
  @Test
  void binaryAttributesAndFileCapabilitiesFromGnuTarAreKeptExactly() throws Exception {
    assumeTrue(fs.isRoot(), "security.capability needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar is not installed");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/setcap")), "setcap is not installed");
    Path layout = Files.createDirectories(tmp.resolve("layout/rootfs/bin"));
    Files.writeString(
        tmp.resolve("layout/manifest"),
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/meta\"}");
    Path ping = Files.writeString(layout.resolve("ping"), "binary");
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0xfe, (byte) 0x80, 'A'};
    fs.lsetxattr(ping.toString(), "user.bin", binary);
    run(List.of("/usr/sbin/setcap", "cap_net_raw+ep", ping.toString()));
    run(List.of("/usr/bin/chown", "1000:1000", ping.toString()));
    run(List.of("/usr/sbin/setcap", "cap_net_raw+ep", ping.toString()));
    byte[] capability = fs.lgetxattr(ping.toString(), "security.capability");
    Path aci = tmp.resolve("gnu.aci");
    run(
        List.of(
            "/usr/bin/tar",
            "--xattrs",
            "--xattrs-include=*",
            "--format=pax",
            "-C",
            tmp.resolve("layout").toString(),
            "-cf",
            aci.toString(),
            "manifest",
            "rootfs"));
    fx.store.add(aci);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/meta", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    Path rendered = target.resolve("rootfs/bin/ping");
    assertArrayEquals(binary, fs.lgetxattr(rendered.toString(), "user.bin"));
    assertArrayEquals(capability, fs.lgetxattr(rendered.toString(), "security.capability"));
    assertEquals(1000, attr(rendered, "uid"));
  }

  // ACI-ARCH-002: GNU and PAX sparse members are read as tar
  @Test
  void sparseFilesFromGnuTarArriveWithTheirHoles() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar is not installed");
    Path layout = Files.createDirectories(tmp.resolve("layout/rootfs"));
    Files.writeString(
        tmp.resolve("layout/manifest"),
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/meta\"}");
    Path sparse = layout.resolve("sparse");
    try (var ch =
        java.nio.channels.FileChannel.open(
            sparse,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes("head")), 0);
      ch.write(java.nio.ByteBuffer.wrap(bytes("middle")), 5L << 20);
      ch.write(java.nio.ByteBuffer.wrap(bytes("tail")), 9L << 20);
      ch.truncate(12L << 20);
    }
    byte[] expected = Files.readAllBytes(sparse);
    for (String format : List.of("gnu", "pax:0.0", "pax:0.1", "pax:1.0")) {
      String[] parts = format.split(":");
      List<String> cmd =
          new java.util.ArrayList<>(List.of("/usr/bin/tar", "--sparse", "--format=" + parts[0]));
      if (parts.length > 1) {
        cmd.add("--sparse-version=" + parts[1]);
      }
      Path aci = tmp.resolve(format.replace(':', '-') + ".aci");
      cmd.addAll(
          List.of(
              "-C", tmp.resolve("layout").toString(), "-cf", aci.toString(), "manifest", "rootfs"));
      run(cmd);
      assertTrue(Files.size(aci) < (1L << 20), format + " archive should store only the data");
      Path target = tmp.resolve("out-" + format.replace(':', '-'));
      Renderer.RenderResult result = fx.renderFile(aci, target);
      assertEquals(
          Renderer.Status.RENDERED, result.status(), format + ": " + RenderFixture.errors(result));
      assertArrayEquals(expected, Files.readAllBytes(target.resolve("rootfs/sparse")), format);
    }
  }

  @Test
  void nonUtf8FileNamesSurviveByteForByte() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/tar")), "GNU tar is not installed");
    Path layout = Files.createDirectories(tmp.resolve("layout/rootfs"));
    Files.writeString(
        tmp.resolve("layout/manifest"),
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/meta\"}");
    byte[] name = {'c', 'a', 'f', (byte) 0xe9};
    NativeFs rooted = fs.under(layout);
    int fd = rooted.createFile(new String(name, StandardCharsets.ISO_8859_1));
    rooted.close(fd, "x");
    Path aci = tmp.resolve("latin1.aci");
    run(
        List.of(
            "/usr/bin/tar",
            "--format=pax",
            "-C",
            tmp.resolve("layout").toString(),
            "-cf",
            aci.toString(),
            "manifest",
            "rootfs"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.renderFile(aci, target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    NativeFs out = fs.under(target.resolve("rootfs"));
    assertTrue(out.lstat(new String(name, StandardCharsets.ISO_8859_1)) != null);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
  }
}
