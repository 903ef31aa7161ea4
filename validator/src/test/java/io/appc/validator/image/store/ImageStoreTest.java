package io.appc.validator.image.store;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.appc.validator.image.testing.AciBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {
  @TempDir Path tmp;
  ImageStore store;
  int counter;

  @BeforeEach
  void setUp() throws Exception {
    store = ImageStore.open(tmp.resolve("store"));
  }

  private Path write(AciBuilder b) throws Exception {
    return b.write(tmp, "image" + (counter++) + ".aci");
  }

  // ACI-ID-001: the stored ID is the hash of the uncompressed tar
  @Test
  void addComputesTheIdOfTheUncompressedTarAndKeepsTheArchiveAsGiven() throws Exception {
    Path plain = write(image("example.com/app").label("version", "1.0.0").file("rootfs/a", "x"));
    String expected = AciBuilder.idOf(plain);
    Path unzipped = tmp.resolve("unzipped.tar");
    Path gzip = write(image("example.com/zipped").gzip().file("rootfs/a", "y".repeat(10000)));
    try (var in = new GzipCompressorInputStream(Files.newInputStream(gzip))) {
      Files.copy(in, unzipped);
    }

    ImageStore.AddResult added = store.add(plain);
    assertTrue(added.added());
    StoredImage image = added.image();
    assertEquals(expected, image.id());
    assertEquals("example.com/app", image.name());
    assertEquals(Map.of("version", "1.0.0"), image.labels());
    assertEquals(Files.size(plain), image.size());
    assertEquals(Files.size(plain), image.tarSize());
    assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(store.blob(image)));

    StoredImage zipped = store.add(gzip).image();
    assertEquals(AciBuilder.idOf(unzipped), zipped.id());
    assertEquals(Files.size(gzip), zipped.size());
    assertEquals(Files.size(unzipped), zipped.tarSize());
    assertArrayEquals(Files.readAllBytes(gzip), Files.readAllBytes(store.blob(zipped)));
  }

  @Test
  void addingTheSameImageTwiceKeepsOneEntry() throws Exception {
    Path a = write(image("example.com/app"));
    assertTrue(store.add(a).added());
    assertFalse(store.add(a).added());
    assertEquals(1, store.list().size());
    assertEquals(List.of(), tmpFiles());
  }

  @Test
  void addStampsTheBlobAsItIsOnDiskAfterTheRename() throws Exception {
    StoredImage image = store.add(write(image("example.com/app").file("rootfs/a", "x"))).image();
    Path blob = store.blob(image);
    assertNotNull(image.stamp());
    assertEquals(BlobStamp.of(blob), image.stamp());
    assertTrue(image.stamp().matches(blob));
    assertEquals(image.stamp(), store.list().get(0).stamp(), "kept in index.json");
    assertEquals(image.size(), image.stamp().size());
  }

  @Test
  void aWriteRightAfterAddShowsInTheStamp() throws Exception {
    // File times advance in clock ticks of a few milliseconds; add returns only once the file
    // system's clock has moved past the blob's ctime, so even an immediate write is seen.
    for (int i = 0; i < 5; i++) {
      StoredImage image = store.add(write(image("example.com/app" + i))).image();
      Path blob = store.blob(image);
      Files.setLastModifiedTime(blob, Files.getLastModifiedTime(blob));
      assertFalse(image.stamp().matches(blob), "a metadata write changes the ctime");
    }
  }

  @Test
  void addingAgainKeepsAnUnchangedBlobAndReplacesAChangedOne() throws Exception {
    Path a = write(image("example.com/app").file("rootfs/a", "good"));
    StoredImage first = store.add(a).image();
    Path blob = store.blob(first);

    ImageStore.AddResult same = store.add(a);
    assertFalse(same.added());
    assertEquals(first, same.image());
    assertEquals(first.stamp(), BlobStamp.of(blob), "the blob was left alone");

    Files.write(blob, new byte[] {1, 2, 3});
    assertFalse(first.stamp().matches(blob));
    ImageStore.AddResult repaired = store.add(a);
    assertFalse(repaired.added());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(blob));
    assertEquals(BlobStamp.of(blob), repaired.image().stamp());
    assertEquals(List.of(repaired.image()), store.list());
    assertEquals(first.imported(), repaired.image().imported());
    assertEquals(List.of(), tmpFiles());
  }

  @Test
  void indexEntriesWithoutAStampAreRead() throws Exception {
    StoredImage image = store.add(write(image("example.com/app"))).image();
    Path index = store.root().resolve("index.json");
    String text = Files.readString(index);
    String withoutStamp = text.replaceAll("(?s),\\s*\"stamp\"\\s*:\\s*\\{[^}]*\\}", "");
    assertFalse(withoutStamp.contains("stamp"), withoutStamp);
    Files.writeString(index, withoutStamp);

    StoredImage old = store.list().get(0);
    assertNull(old.stamp());
    assertEquals(image.withBlob(image.size(), null), old);

    StoredImage stamped = store.add(store.blob(old)).image();
    assertEquals(BlobStamp.of(store.blob(old)), stamped.stamp(), "adding again stamps it");
  }

  @Test
  void aMalformedStampIsNoStampNotACorruptStore() throws Exception {
    store.add(write(image("example.com/app")));
    Path index = store.root().resolve("index.json");
    String text = Files.readString(index);
    String bad = text.replaceFirst("\"ctime\"\\s*:\\s*\"[^\"]*\"", "\"ctime\": \"yesterday\"");
    assertTrue(bad.contains("yesterday"), bad);
    Files.writeString(index, bad);

    assertNull(store.list().get(0).stamp());
  }

  @Test
  void refusesArchivesThatAreNotUsableImages() throws Exception {
    Path noManifest = write(image("example.com/app").withoutManifest());
    Path noName =
        write(image("x").rawManifest("{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\"}"));
    Path badJson = write(image("x").rawManifest("{\"acKind\":"));
    Path dupLabels = write(image("example.com/app").label("os", "linux").label("os", "freebsd"));
    Path notTar = Files.writeString(tmp.resolve("text.aci"), "just some text, not an archive");
    Path encrypted =
        Files.write(tmp.resolve("enc.aci"), new byte[] {(byte) 0x8c, 0x0d, 4, 9, 3, 2});
    assertMessage(noManifest, "IM-002");
    assertFindings(noName, "IM-012");
    assertFindings(badJson, "IM-001");
    assertFindings(dupLabels, "IM-021");
    assertMessage(notTar, "ACI-ARCH-002");
    assertMessage(encrypted, "ACI-ARCH-008");
    assertEquals(List.of(), store.list());
    assertEquals(List.of(), tmpFiles());
  }

  /** ACI-ARCH-003, ACI-ARCH-004: the manifest the store indexes must be the only one, a file. */
  @Test
  void refusesASecondManifestAndAManifestThatIsNotAFile() throws Exception {
    Path twoManifests =
        write(
            image("example.com/first")
                .file(
                    "./manifest",
                    "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\","
                        + "\"name\":\"example.com/second\"}"));
    Path linkedManifest =
        write(image("example.com/app").withoutManifest().symlink("manifest", "rootfs/m"));
    Path manifestDirectory =
        write(image("example.com/app").withoutManifest().dir("manifest").dir("manifest/x"));
    assertMessage(twoManifests, "ACI-ARCH-003");
    assertMessage(linkedManifest, "ACI-ARCH-004");
    assertMessage(manifestDirectory, "ACI-ARCH-004");
    assertEquals(List.of(), store.list());
    assertEquals(List.of(), tmpFiles());
  }

  /**
   * IM-080 to IM-084, IM-090: dependencies and a path whitelist the renderer could not use are
   * refused when the image is added, each at its pointer.
   */
  @Test
  void refusesDependenciesAndWhitelistsThatCannotBeRendered() throws Exception {
    String head =
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\",";
    String[][] cases = {
      {"\"dependencies\":{}", "IM-080", "/dependencies"},
      {"\"dependencies\":[\"example.com/base\"]", "IM-080", "/dependencies/0"},
      {"\"dependencies\":[{\"labels\":[]}]", "IM-081", "/dependencies/0/imageName"},
      {
        "\"dependencies\":[{\"imageName\":\"example.com/base\",\"imageID\":\"sha256-ab\"}]",
        "IM-082",
        "/dependencies/0/imageID"
      },
      {
        "\"dependencies\":[{\"imageName\":\"example.com/base\",\"labels\":{}}]",
        "IM-083",
        "/dependencies/0/labels"
      },
      {
        "\"dependencies\":[{\"imageName\":\"example.com/base\",\"size\":\"1k\"}]",
        "IM-084",
        "/dependencies/0/size"
      },
      {"\"pathWhitelist\":\"/etc\"", "IM-090", "/pathWhitelist"},
      {"\"pathWhitelist\":[\"/etc\",7]", "IM-090", "/pathWhitelist/1"},
    };
    for (String[] c : cases) {
      Path file = write(image("x").rawManifest(head + c[0] + "}"));
      StoreException e = assertThrows(StoreException.class, () -> store.add(file), c[0]);
      assertEquals(
          List.of(c[1] + " " + c[2]),
          e.findings().stream().map(f -> f.requirementId() + " " + f.pointer()).toList(),
          c[0]);
    }
    assertEquals(List.of(), store.list());
  }

  private void assertMessage(Path file, String id) {
    StoreException e = assertThrows(StoreException.class, () -> store.add(file));
    assertEquals(id, e.refusal().requirementId(), e.getMessage());
  }

  private void assertFindings(Path file, String id) {
    StoreException e = assertThrows(StoreException.class, () -> store.add(file));
    assertTrue(
        e.findings().stream().anyMatch(f -> f.requirementId().equals(id)),
        () -> e.findings().toString());
  }

  // IM-DEP-003: a label the image lacks matches anything; the highest version wins
  @Test
  void findsByFullIdUniquePrefixAndNameWithLabels() throws Exception {
    StoredImage v1 = store.add(write(image("example.com/app").label("version", "1.0.0"))).image();
    StoredImage v2 =
        store
            .add(write(image("example.com/app").label("version", "2.0.0").label("os", "linux")))
            .image();
    assertEquals(v1, store.resolve(v1.id()));
    assertEquals(v1, store.resolve(v1.shortId()));
    assertEquals(v2, store.resolve("example.com/app"));
    assertEquals(v1, store.resolve("example.com/app:1.0.0"));
    assertEquals(v2, store.resolve("example.com/app,os=linux"));
    assertEquals(v2, store.resolve("example.com/app,arch=amd64"));
    assertEquals(v1, store.resolve("example.com/app,os=freebsd"), "no os label: any os");
    assertThrows(StoreException.class, () -> store.resolve("example.com/app,env=prod"));
    StoreException tooShort =
        assertThrows(StoreException.class, () -> store.resolve(v1.id().substring(0, 20)));
    assertTrue(tooShort.getMessage().contains("32"));
    assertThrows(StoreException.class, () -> store.resolve("sha512-" + "0".repeat(128)));
    assertThrows(StoreException.class, () -> store.resolve("example.com/app:1:2"));
  }

  @Test
  void removesByIdOrUniqueNameAndRefusesAmbiguousNames() throws Exception {
    StoredImage a1 = store.add(write(image("example.com/a").label("version", "1"))).image();
    StoredImage a2 = store.add(write(image("example.com/a").label("version", "2"))).image();
    StoredImage b = store.add(write(image("example.com/b"))).image();
    StoreException ambiguous =
        assertThrows(StoreException.class, () -> store.remove("example.com/a", false));
    assertTrue(ambiguous.getMessage().contains(a1.shortId()));
    assertEquals(b, store.remove("example.com/b", false));
    assertEquals(a1, store.remove(a1.shortId(), false));
    assertEquals(a2, store.remove("example.com/a:2", false));
    assertEquals(List.of(), store.list());
    try (var blobs = Files.list(store.root().resolve("blobs"))) {
      assertEquals(0, blobs.count());
    }
    assertThrows(StoreException.class, () -> store.remove("example.com/b", false));
  }

  @Test
  void gcRemovesLeftoversAndOrphansButNotAnAdditionInProgress() throws Exception {
    StoredImage kept = store.add(write(image("example.com/app"))).image();
    Path stale = Files.writeString(store.root().resolve("tmp/add-stale.part"), "half");
    Path staleIndex = Files.writeString(store.root().resolve("index.json.tmp-1"), "{");
    Path orphan = Files.writeString(store.root().resolve("blobs/sha512-" + "a".repeat(128)), "x");
    Path busy = store.root().resolve("tmp/add-busy.part");
    try (FileChannel ch =
            FileChannel.open(busy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Thread other =
          new Thread(
              () -> {
                try {
                  ImageStore.GcResult r = store.gc();
                  assertEquals(2, r.temporaryFiles());
                  assertEquals(1, r.orphanBlobs());
                } catch (Exception e) {
                  throw new AssertionError(e);
                }
              });
      other.start();
      other.join();
    }
    assertFalse(Files.exists(stale));
    assertFalse(Files.exists(staleIndex));
    assertFalse(Files.exists(orphan));
    assertTrue(Files.exists(busy));
    assertTrue(Files.exists(store.blob(kept)));
    assertEquals(List.of(kept), store.list());
  }

  @Test
  void concurrentAdditionsAllLandInTheIndex() throws Exception {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      files.add(write(image("example.com/app" + i).file("rootfs/f", "n" + i)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ImageStore.AddResult>> results = new ArrayList<>();
      for (Path f : files) {
        results.add(pool.submit(() -> store.add(f)));
      }
      for (Future<ImageStore.AddResult> r : results) {
        assertTrue(r.get().added());
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(12, ImageStore.open(store.root()).list().size());
  }

  /**
   * Separate processes share only the fcntl lock on index.lock, which a process loses as soon as it
   * closes any descriptor of that file: stamping a blob must not open the lock file, or another
   * process reads the index before this one has written it and one of the additions is lost.
   */
  @Test
  void concurrentAdditionsFromSeveralProcessesAllLandInTheIndex() throws Exception {
    int processes = 4;
    int perProcess = 5;
    List<Process> running = new ArrayList<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int p = 0; p < processes; p++) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.appc.validator.cli.Main",
                  "store",
                  "add",
                  "--store",
                  store.root().toString()));
      for (int i = 0; i < perProcess; i++) {
        command.add(
            write(image("example.com/p" + p + "-" + i).file("rootfs/f", p + "/" + i)).toString());
      }
      running.add(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(tmp.resolve("add-" + p + ".log").toFile())
              .start());
    }
    for (int p = 0; p < processes; p++) {
      assertEquals(0, running.get(p).waitFor(), Files.readString(tmp.resolve("add-" + p + ".log")));
    }
    assertEquals(processes * perProcess, ImageStore.open(store.root()).list().size());
  }

  @Test
  void anIndexThatIsEmptyOrOfAnotherFormatIsRefusedNotReadAsAnEmptyStore() throws Exception {
    StoredImage kept = store.add(write(image("example.com/app"))).image();
    Path index = store.root().resolve("index.json");
    String good = Files.readString(index);
    for (String bad :
        List.of("", "null", "[]", "{}", "{\"format\":2,\"images\":[]}", "{\"format\":1}")) {
      Files.writeString(index, bad);
      IOException e = assertThrows(IOException.class, () -> store.list(), bad);
      assertTrue(e.getMessage().startsWith("store index " + index), e.getMessage());
      assertThrows(IOException.class, () -> store.gc(), bad);
      assertTrue(Files.exists(store.blob(kept)), "gc must not delete blobs it cannot account for");
      assertThrows(IOException.class, () -> store.add(write(image("example.com/other"))), bad);
      assertEquals(bad, Files.readString(index), "nothing rewrites an index it cannot read");
    }
    Files.writeString(index, good);
    assertEquals(List.of(kept), store.list());
  }

  /** The copy is written below the decoder; a full disk must not pass for a corrupt archive. */
  @Test
  void aFullStoreDiskIsAnIoErrorNotACorruptArchive() throws Exception {
    assumeTrue(io.appc.validator.image.posix.NativeFs.get().isRoot(), "mounting needs root");
    Path mount = Files.createDirectories(tmp.resolve("small"));
    assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString()));
    try {
      ImageStore small = ImageStore.open(mount.resolve("store"));
      Path big = write(image("example.com/big").file("rootfs/a", "x".repeat(1 << 20)));
      IOException e = assertThrows(IOException.class, () -> small.add(big));
      assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
      assertFalse(e.getMessage().contains("corrupt"), e.getMessage());
      assertEquals(List.of(), small.list());
    } finally {
      run("umount", mount.toString());
    }
  }

  private static int run(String... command) throws Exception {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new java.io.File("/dev/null"))
        .start()
        .waitFor();
  }

  @Test
  void defaultLocationFollowsTheEnvironment() {
    assertEquals(Path.of("/srv/s"), ImageStore.defaultLocation(Map.of("APPC_STORE", "/srv/s")));
    assertEquals(
        Path.of("/data/appc/store"), ImageStore.defaultLocation(Map.of("XDG_DATA_HOME", "/data")));
    assertEquals(
        Path.of(System.getProperty("user.home"), ".local/share/appc/store"),
        ImageStore.defaultLocation(Map.of()));
  }

  private List<Path> tmpFiles() throws Exception {
    try (var s = Files.list(store.root().resolve("tmp"))) {
      return s.toList();
    }
  }
}
