package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.ValidationOptions;
import io.appc.validator.image.tar.ImageArchives;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImagePatcherTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  private final ImagePatcher patcher =
      new ImagePatcher(ValidationOptions.DEFAULT, ArchiveLimits.DEFAULT);

  private static ManifestEdits rename(String name) {
    return new ManifestEdits(
        null, name, null, null, null, null, null, null, null, null, null, null);
  }

  /** A gzip image made by GNU tar in PAX format (extended headers on every entry), with xattrs. */
  private Path systemImage(String... order) throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Path file = Files.writeString(layout.resolve("rootfs/etc/data"), "x".repeat(3000));
    Xattrs.system().set(file, "user.kept", "yes".getBytes(StandardCharsets.UTF_8));
    Path image = dir.resolve("image.aci");
    Fixtures.sh(
        "tar --format=posix --xattrs -C '"
            + layout
            + "' -czf '"
            + image
            + "' "
            + String.join(" ", order));
    return image;
  }

  private static byte[] uncompressed(Path image) throws IOException {
    try (ImageArchives.Opened opened = ImageArchives.open(image)) {
      return Channels.newInputStream(opened.tar()).readAllBytes();
    }
  }

  /** Start and end offsets of the manifest entry (with its extended headers) in a tar stream. */
  private static long[] manifestRegion(byte[] tar) throws IOException {
    long[] count = {0};
    InputStream counting =
        new FilterInputStream(new ByteArrayInputStream(tar)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count[0] += Math.max(n, 0);
            return n;
          }

          @Override
          public long skip(long n) throws IOException {
            long s = super.skip(n);
            count[0] += s;
            return s;
          }
        };
    try (TarArchiveInputStream in = new TarArchiveInputStream(counting)) {
      long previousEnd = 0;
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        long dataStart = count[0];
        long end = dataStart + (e.getSize() + 511) / 512 * 512;
        if (EntryPath.of(e.getName()).path().equals("manifest")) {
          return new long[] {previousEnd, end};
        }
        previousEnd = end;
      }
    }
    throw new AssertionError("no manifest");
  }

  // ACI-ARCH-006: every other member, xattrs included, stays as it was
  @ParameterizedTest
  @ValueSource(strings = {"manifest rootfs", "rootfs manifest"})
  void copiesEveryOtherByteUnchanged(String order) throws IOException {
    Path image = systemImage(order.split(" "));
    Path out = dir.resolve("patched.aci");
    ImagePatcher.Result result = patcher.patch(image, out, rename("example.com/renamed"), false);
    assertEquals(ImagePatcher.Status.PATCHED, result.status());

    byte[] before = uncompressed(image);
    byte[] after = uncompressed(out);
    long[] old = manifestRegion(before);
    long[] now = manifestRegion(after);
    assertEquals(old[0], now[0], "the manifest starts where it started");
    assertArrayEquals(
        Arrays.copyOfRange(before, 0, (int) old[0]), Arrays.copyOfRange(after, 0, (int) now[0]));
    assertArrayEquals(
        Arrays.copyOfRange(before, (int) old[1], before.length),
        Arrays.copyOfRange(after, (int) now[1], after.length));
    JsonNode manifest =
        JSON.readTree(ImageManifests.read(out, ArchiveLimits.DEFAULT, 1 << 20).get());
    assertEquals("example.com/renamed", manifest.get("name").asString());
    assertEquals(ImageIds.compute(out), result.imageId());
    Path extracted = Files.createDirectory(dir.resolve("extracted"));
    Fixtures.sh("tar --xattrs --xattrs-include='*' -xzf '" + out + "' -C '" + extracted + "'");
    byte[] kept = Xattrs.system().list(extracted.resolve("rootfs/etc/data")).get("user.kept");
    assertEquals("yes", new String(kept, StandardCharsets.UTF_8));
  }

  // ACI-ARCH-007
  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "bzip2", "xz"})
  void keepsTheCompression(String tool) throws IOException {
    Path image =
        Fixtures.write(dir, "in.aci", Fixtures.compress(tool, Fixtures.Tar.image().bytes()));
    Path out = dir.resolve("out.aci");
    patcher.patch(image, out, rename("example.com/x"), false);
    try (var a = new java.io.BufferedInputStream(Files.newInputStream(image));
        var b = new java.io.BufferedInputStream(Files.newInputStream(out))) {
      assertEquals(Compression.detect(a), Compression.detect(b));
    }
    assertEquals(List.of(), problems(out));
  }

  @Test
  void malformedJsonOptionsSayWhatIsWrongWithoutParserInternals() {
    IllegalArgumentException exec =
        assertThrows(IllegalArgumentException.class, () -> ManifestEdits.parseExec("["));
    IllegalArgumentException isolator =
        assertThrows(IllegalArgumentException.class, () -> ManifestEdits.parseIsolator("{\"a\":"));
    for (IllegalArgumentException e : List.of(exec, isolator)) {
      assertTrue(e.getMessage().startsWith("--"), e.getMessage());
      assertFalse(e.getMessage().contains("Source"), e.getMessage());
      assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
    }
  }

  @Test
  void appliesEveryKindOfEdit() throws IOException {
    Path image = Fixtures.write(dir, "in.aci", Fixtures.Tar.image().bytes());
    ManifestEdits edits =
        new ManifestEdits(
            null,
            "example.com/edited",
            ManifestEdits.parseExec("/bin/server --port 80"),
            "100",
            "200",
            "/srv",
            Map.of("MODE", "prod"),
            List.of(
                ManifestEdits.parseIsolator(
                    "{\"name\":\"resource/memory\",\"value\":{\"limit\":\"1G\"}}")),
            List.of(ManifestEdits.parseMount("name=data,path=/var/data,readOnly=true")),
            List.of(ManifestEdits.parsePort("name=http,protocol=tcp,port=80,count=2")),
            Map.of("version", "1.0.0"),
            Map.of("authors", "me"));
    Path out = dir.resolve("out.aci");
    assertEquals(ImagePatcher.Status.PATCHED, patcher.patch(image, out, edits, false).status());
    JsonNode m = JSON.readTree(ImageManifests.read(out, ArchiveLimits.DEFAULT, 1 << 20).get());
    assertEquals(
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/edited\","
            + "\"app\":{\"exec\":[\"/bin/server\",\"--port\",\"80\"],\"user\":\"100\",\"group\":\"200\","
            + "\"workingDirectory\":\"/srv\",\"environment\":[{\"name\":\"MODE\",\"value\":\"prod\"}],"
            + "\"isolators\":[{\"name\":\"resource/memory\",\"value\":{\"limit\":\"1G\"}}],"
            + "\"mountPoints\":[{\"name\":\"data\",\"path\":\"/var/data\",\"readOnly\":true}],"
            + "\"ports\":[{\"name\":\"http\",\"protocol\":\"tcp\",\"port\":80,\"count\":2}]},"
            + "\"labels\":[{\"name\":\"version\",\"value\":\"1.0.0\"}],"
            + "\"annotations\":[{\"name\":\"authors\",\"value\":\"me\"}]}",
        m.toString());
    ManifestEdits again =
        new ManifestEdits(
            null,
            null,
            null,
            null,
            null,
            null,
            Map.of("MODE", "dev"),
            null,
            null,
            null,
            Map.of("version", "2.0.0"),
            null);
    Path twice = dir.resolve("twice.aci");
    patcher.patch(out, twice, again, false);
    JsonNode n = JSON.readTree(ImageManifests.read(twice, ArchiveLimits.DEFAULT, 1 << 20).get());
    assertEquals(
        "[{\"name\":\"MODE\",\"value\":\"dev\"}]", n.get("app").get("environment").toString());
    assertEquals("[{\"name\":\"version\",\"value\":\"2.0.0\"}]", n.get("labels").toString());
  }

  @Test
  void replacesTheManifestWholesaleByteForByte() throws IOException {
    Path image = Fixtures.write(dir, "in.aci", Fixtures.Tar.image().bytes());
    byte[] replacement =
        "{\n  \"acKind\": \"ImageManifest\",\n  \"acVersion\": \"0.8.11\",\n  \"name\": \"example.com/new\"\n}\n"
            .getBytes(StandardCharsets.UTF_8);
    ManifestEdits edits =
        new ManifestEdits(
            replacement, null, null, null, null, null, null, null, null, null, null, null);
    Path out = dir.resolve("out.aci");
    patcher.patch(image, out, edits, false);
    assertArrayEquals(replacement, ImageManifests.read(out, ArchiveLimits.DEFAULT, 1 << 20).get());
  }

  @Test
  void refusesAnInvalidManifestAndWritesNothing() throws IOException {
    Path image = Fixtures.write(dir, "in.aci", Fixtures.Tar.image().bytes());
    ManifestEdits edits =
        new ManifestEdits(
            "{\"acKind\":".getBytes(StandardCharsets.UTF_8),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Path out = dir.resolve("out.aci");
    ImagePatcher.Result result = patcher.patch(image, out, edits, false);
    assertEquals(ImagePatcher.Status.INVALID_MANIFEST, result.status());
    assertEquals("IM-001", result.findings().get(0).requirementId());
    assertFalse(Files.exists(out));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            patcher.patch(
                Fixtures.write(
                    dir,
                    "bad.aci",
                    new Fixtures.Tar().file("manifest", "[").dir("rootfs/").bytes()),
                out,
                rename("example.com/x"),
                false));
  }

  @Test
  void patchesInPlaceOnlyWithOverwrite() throws IOException {
    Path image =
        Fixtures.write(dir, "in.aci", Fixtures.compress("gzip", Fixtures.Tar.image().bytes()));
    byte[] original = Files.readAllBytes(image);
    assertEquals(
        ImagePatcher.Status.OUTPUT_EXISTS,
        patcher.patch(image, image, rename("example.com/x"), false).status());
    assertArrayEquals(original, Files.readAllBytes(image));
    assertEquals(
        ImagePatcher.Status.PATCHED,
        patcher.patch(image, image, rename("example.com/x"), true).status());
    JsonNode m = JSON.readTree(ImageManifests.read(image, ArchiveLimits.DEFAULT, 1 << 20).get());
    assertEquals("example.com/x", m.get("name").asString());
    try (var files = Files.list(dir)) {
      assertEquals(List.of("in.aci"), files.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void reportsAnArchiveWithoutManifest() throws IOException {
    Path image = Fixtures.write(dir, "in.aci", new Fixtures.Tar().dir("rootfs/").bytes());
    assertEquals(
        ImagePatcher.Status.NO_MANIFEST,
        patcher.patch(image, dir.resolve("out.aci"), rename("example.com/x"), false).status());
  }

  private List<String> problems(Path image) {
    return new ImageValidator(ValidationOptions.DEFAULT)
        .validateArchive(image, "x.aci").findings().stream()
            .map(f -> f.requirementId())
            .filter(id -> !id.equals("ACI-ARCH-009"))
            .toList();
  }
}
