package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Builds real archives from real layouts; runs as root (mknod, chown, trusted.* xattrs). */
class ImageBuilderTest {
  private static final Xattrs XATTRS = Xattrs.system();

  @TempDir Path dir;

  private final ImageBuilder builder = new ImageBuilder(ValidationOptions.DEFAULT, XATTRS);
  private final ImageValidator validator = new ImageValidator(ValidationOptions.DEFAULT);

  /** A layout with every kind of file and property the spec asks an archive to keep. */
  private Path richLayout(Path root) throws IOException {
    Path layout = Fixtures.layout(root);
    Path rootfs = layout.resolve("rootfs");
    Path tool =
        Files.writeString(
            Files.createDirectories(rootfs.resolve("bin")).resolve("tool"), "#!/bin/sh\n");
    sh("chmod 4755 '" + tool + "' && chown 1000:1001 '" + tool + "'");
    sh(
        "mkdir -m 2775 '"
            + rootfs.resolve("shared")
            + "' && mkdir -m 1777 '"
            + rootfs.resolve("tmp")
            + "'");
    Path passwd = rootfs.resolve("etc/passwd");
    Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\n");
    XATTRS.set(passwd, "user.comment", "hello".getBytes());
    XATTRS.set(passwd, "trusted.binary", new byte[] {0, 1, (byte) 0xff, 0x7f});
    XATTRS.set(rootfs.resolve("etc"), "user.dir", "on a directory".getBytes());
    Files.createSymbolicLink(rootfs.resolve("link"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(rootfs.resolve("relative"), Path.of("etc"));
    Path first = Files.writeString(rootfs.resolve("hard1"), "same inode\n");
    Files.createLink(rootfs.resolve("hard2"), first);
    Path dev = Files.createDirectories(rootfs.resolve("dev"));
    sh(
        "mknod '"
            + dev.resolve("null")
            + "' c 1 3 && mknod '"
            + dev.resolve("sda")
            + "' b 8 0"
            + " && mknod '"
            + dev.resolve("wide")
            + "' c 300 70000 && mkfifo '"
            + dev.resolve("fifo")
            + "'");
    Files.createDirectories(rootfs.resolve("empty"));
    String longDir = "d".repeat(90);
    Path deep = Files.createDirectories(rootfs.resolve(longDir).resolve(longDir).resolve(longDir));
    Files.writeString(deep.resolve("f".repeat(60)), "deep\n");
    Files.createSymbolicLink(rootfs.resolve("longlink"), Path.of("/" + "t".repeat(150)));
    Path bigIds = Files.writeString(rootfs.resolve("bigids"), "x");
    sh("chown 3000000:4000000 '" + bigIds + "'");
    Files.writeString(rootfs.resolve("ünïcode"), "utf-8 name\n");
    sh("touch -h -d @1234567890 $(find '" + layout + "' ! -type l)");
    Files.setLastModifiedTime(passwd, FileTime.fromMillis(1_600_000_000_500L));
    return layout;
  }

  private static void sh(String script) {
    Fixtures.sh(script);
  }

  // ACI-ARCH-006, ACI-ID-001: every property survives build and tar -x; the ID is that of the tar
  @Test
  void roundTripsEveryPropertyThroughSystemTar() throws IOException {
    Path layout = richLayout(dir.resolve("layout"));
    Path image = dir.resolve("rich.aci");
    ImageBuilder.Result result = builder.build(layout, image, ImageBuilder.Options.DEFAULT);
    assertEquals(ImageBuilder.Status.BUILT, result.status());

    FileResult check = validator.validateArchive(image, "rich.aci");
    assertEquals(
        List.of("ACI-ARCH-009"), check.findings().stream().map(f -> f.requirementId()).toList());
    assertEquals(result.imageId(), check.imageId());
    assertEquals(
        Fixtures.sh("gzip -dc '" + image + "' | sha512sum").split(" ")[0],
        result.imageId().substring("sha512-".length()));

    Path extracted = Files.createDirectory(dir.resolve("extracted"));
    sh(
        "tar --xattrs --xattrs-include='*' --numeric-owner -xpf '"
            + image
            + "' -C '"
            + extracted
            + "'");
    assertSameTree(layout, extracted);
    assertEquals(
        Files.getAttribute(extracted.resolve("rootfs/hard1"), "unix:ino"),
        Files.getAttribute(extracted.resolve("rootfs/hard2"), "unix:ino"));
  }

  @Test
  void writesEntriesInByteOrderWithHardLinksAfterTheirTarget() throws IOException {
    Path layout = richLayout(dir.resolve("layout"));
    Path image = dir.resolve("order.aci");
    builder.build(layout, image, new ImageBuilder.Options(Compression.NONE, false, false));
    List<String> listing = Fixtures.lines(Fixtures.sh("tar -tvf '" + image + "'"));
    List<String> names = new ArrayList<>();
    for (String line : Fixtures.lines(Fixtures.sh("tar -tf '" + image + "'"))) {
      names.add(line);
    }
    assertEquals("manifest", names.get(0));
    assertEquals("rootfs/", names.get(1));
    List<String> sorted = new ArrayList<>(names);
    sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(strip(a), strip(b)));
    assertEquals(sorted, names);
    assertTrue(
        listing.stream()
            .anyMatch(l -> l.startsWith("h") && l.contains("rootfs/hard2 link to rootfs/hard1")),
        String.join("\n", listing));
  }

  @Test
  void storesAFileHardLinkedToTheManifestAsItsOwnCopy() throws IOException {
    // a hard link from rootfs to the manifest would be out of rootfs (ACI-ARCH-005)
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Files.createLink(layout.resolve("rootfs/manifest-copy"), layout.resolve("manifest"));
    Path image = dir.resolve("image.aci");
    ImageBuilder.Result result =
        builder.build(layout, image, new ImageBuilder.Options(Compression.NONE, false, false));
    assertEquals(ImageBuilder.Status.BUILT, result.status());
    FileResult check = validator.validateArchive(image, "image.aci");
    assertEquals(0, check.count(Level.ERROR), check.findings().toString());
    Path out = Files.createDirectory(dir.resolve("out"));
    sh("tar -xf '" + image + "' -C '" + out + "'");
    assertEquals(
        Files.readString(layout.resolve("manifest")),
        Files.readString(out.resolve("rootfs/manifest-copy")));
  }

  private static byte[] strip(String name) {
    String bare = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    return bare.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void buildsTheSameImageIdEveryTime() throws IOException {
    Path layout = richLayout(dir.resolve("layout"));
    ImageBuilder.Options none = new ImageBuilder.Options(Compression.NONE, false, false);
    ImageBuilder.Result one = builder.build(layout, dir.resolve("one.aci"), none);
    ImageBuilder.Result two = builder.build(layout, dir.resolve("two.aci"), none);
    assertEquals(one.imageId(), two.imageId());
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("one.aci")), Files.readAllBytes(dir.resolve("two.aci")));
  }

  @Test
  void normalizeErasesTimesAndOwners() throws IOException {
    Path a = Fixtures.layout(dir.resolve("a"));
    Path b = Fixtures.layout(dir.resolve("b"));
    sh("chown -R 1234:5678 '" + b + "' && touch -d @1000000000 $(find '" + b + "')");
    ImageBuilder.Options normalize = new ImageBuilder.Options(Compression.GZIP, true, false);
    String idA = builder.build(a, dir.resolve("a.aci"), normalize).imageId();
    String idB = builder.build(b, dir.resolve("b.aci"), normalize).imageId();
    assertEquals(idA, idB);
    String plainB = builder.build(b, dir.resolve("b2.aci"), ImageBuilder.Options.DEFAULT).imageId();
    assertNotEquals(idB, plainB);
    String listing = Fixtures.sh("tar --numeric-owner -tvf '" + dir.resolve("a.aci") + "'");
    for (String line : Fixtures.lines(listing)) {
      assertTrue(line.contains(" 0/0 ") && line.contains("1970-01-01"), line);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Compression.class,
      names = {"NONE", "GZIP", "BZIP2", "XZ"})
  // ACI-ARCH-007, ACI-ID-001: the compression does not change the ID
  void compressesAsAskedWithoutChangingTheImageId(Compression compression) throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Path image = dir.resolve("image.aci");
    ImageBuilder.Result result =
        builder.build(layout, image, new ImageBuilder.Options(compression, true, false));
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(image))) {
      assertEquals(compression, Compression.detect(in));
    }
    assertEquals(ImageIds.compute(image), result.imageId());
    String reference =
        builder
            .build(
                layout,
                dir.resolve("ref.aci"),
                new ImageBuilder.Options(Compression.NONE, true, false))
            .imageId();
    assertEquals(reference, result.imageId());
  }

  // ACI-LAYOUT-002: an extra top-level file makes the layout invalid
  @Test
  void refusesAnInvalidLayoutAndWritesNothing() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Files.writeString(layout.resolve("extra"), "x");
    Path image = dir.resolve("image.aci");
    ImageBuilder.Result result = builder.build(layout, image, ImageBuilder.Options.DEFAULT);
    assertEquals(ImageBuilder.Status.INVALID_LAYOUT, result.status());
    assertEquals(1, result.validation().count(Level.ERROR));
    assertFalse(Files.exists(image));
  }

  @Test
  void refusesToOverwriteUnlessAsked() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Path image = Files.writeString(dir.resolve("image.aci"), "precious");
    assertEquals(
        ImageBuilder.Status.OUTPUT_EXISTS,
        builder.build(layout, image, ImageBuilder.Options.DEFAULT).status());
    assertEquals("precious", Files.readString(image));
    ImageBuilder.Options overwrite = new ImageBuilder.Options(Compression.GZIP, false, true);
    assertEquals(ImageBuilder.Status.BUILT, builder.build(layout, image, overwrite).status());
    assertEquals(List.of("image.aci", "layout"), listDir());
  }

  @Test
  void refusesAnOutputInsideTheLayout() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            builder.build(layout, layout.resolve("rootfs/self.aci"), ImageBuilder.Options.DEFAULT));
  }

  @Test
  void leavesNothingBehindWhenWritingFails() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Files.writeString(layout.resolve("rootfs/etc/zz-last"), "the failure happens here");
    Xattrs failing =
        new Xattrs() {
          @Override
          public SortedMap<String, byte[]> list(Path file) throws IOException {
            if (file.endsWith("zz-last")) {
              throw new IOException("simulated read failure");
            }
            return XATTRS.list(file);
          }

          @Override
          public void set(Path file, String name, byte[] value) {
            throw new AssertionError("building reads xattrs, it never sets them");
          }
        };
    ImageBuilder broken = new ImageBuilder(ValidationOptions.DEFAULT, failing);
    Path image = dir.resolve("image.aci");
    IOException e =
        assertThrows(
            ImageBuilder.LayoutReadException.class,
            () -> broken.build(layout, image, ImageBuilder.Options.DEFAULT));
    assertEquals(
        "cannot read " + layout.resolve("rootfs/etc/zz-last") + ": simulated read failure",
        e.getMessage());
    assertEquals(List.of("layout"), listDir());
  }

  @Test
  void leavesNothingBehindWhenInterruptedWithCtrlC() throws Exception {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    sh("truncate -s 4G '" + layout.resolve("rootfs/big") + "'");
    Path out = Files.createDirectory(dir.resolve("out"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                BuildMain.class.getName(),
                layout.toString(),
                out.resolve("big.aci").toString())
            .inheritIO()
            .start();
    try {
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (listing(out).isEmpty() && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(20);
      }
      assertTrue(listing(out).get(0).endsWith(".partial"), listing(out).toString());
      Thread.sleep(300);
      sh("kill -INT " + child.pid());
      assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertNotEquals(0, child.exitValue());
    assertEquals(List.of(), listing(out));
  }

  private static List<String> listing(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private List<String> listDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Same paths, types, modes, owners, times, contents, link targets, devices and xattrs. */
  private static void assertSameTree(Path expected, Path actual) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(expected)) {
      paths = walk.filter(p -> !p.equals(expected)).toList();
    }
    for (Path source : paths) {
      Path copy = actual.resolve(expected.relativize(source).toString());
      Map<String, Object> a = Files.readAttributes(source, "unix:*", LinkOption.NOFOLLOW_LINKS);
      Map<String, Object> b = Files.readAttributes(copy, "unix:*", LinkOption.NOFOLLOW_LINKS);
      String where = expected.relativize(source).toString();
      for (String key : List.of("mode", "uid", "gid", "rdev")) {
        assertEquals(a.get(key), b.get(key), key + " of " + where);
      }
      if (Files.isSymbolicLink(source)) {
        assertEquals(Files.readSymbolicLink(source), Files.readSymbolicLink(copy), where);
        continue;
      }
      assertEquals(
          ((FileTime) a.get("lastModifiedTime")).toInstant().getEpochSecond(),
          ((FileTime) b.get("lastModifiedTime")).toInstant().getEpochSecond(),
          "mtime of " + where);
      if (Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
        try (InputStream x = Files.newInputStream(source);
            InputStream y = Files.newInputStream(copy)) {
          assertArrayEquals(x.readAllBytes(), y.readAllBytes(), where);
        }
      }
      assertEquals(hex(XATTRS.list(source)), hex(XATTRS.list(copy)), "xattrs of " + where);
    }
    try (Stream<Path> walk = Files.walk(actual)) {
      assertEquals(paths.size(), walk.count() - 1, "number of paths");
    }
  }

  private static Map<String, String> hex(SortedMap<String, byte[]> map) {
    return map.entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, e -> java.util.HexFormat.of().formatHex(e.getValue())));
  }
}
