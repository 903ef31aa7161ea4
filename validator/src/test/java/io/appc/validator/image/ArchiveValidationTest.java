package io.appc.validator.image;

import static io.appc.validator.image.Fixtures.Tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.json.JsonLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveValidationTest {
  @TempDir Path dir;

  private final ImageValidator validator = new ImageValidator(ValidationOptions.DEFAULT);

  private FileResult validate(String name, byte[] bytes) throws IOException {
    return validator.validateArchive(Fixtures.write(dir, name, bytes), name);
  }

  /** Findings other than the missing-signature warning every unsigned test archive gets. */
  private static List<Finding> problems(FileResult result) {
    return result.findings().stream()
        .filter(f -> !f.requirementId().equals("ACI-ARCH-009"))
        .toList();
  }

  private static String ids(FileResult result) {
    return problems(result).stream()
        .map(f -> f.requirementId() + "@" + f.pointer())
        .sorted()
        .collect(Collectors.joining(" "));
  }

  private static Finding only(FileResult result, String id) {
    List<Finding> matching =
        problems(result).stream().filter(f -> f.requirementId().equals(id)).toList();
    assertEquals(1, matching.size(), () -> "findings: " + problems(result));
    return matching.get(0);
  }

  /** A layout on disk, archived by the system tar. */
  private byte[] systemTar() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Files.createDirectories(layout.resolve("rootfs/usr/bin"));
    Files.writeString(layout.resolve("rootfs/usr/bin/tool"), "#!/bin/sh\necho hi\n");
    return Fixtures.run(
        new byte[0], "tar", "-C", layout.toString(), "-cf", "-", "manifest", "rootfs");
  }

  // ACI-ARCH-007, ACI-ID-001: plain, gzip, bzip2 and xz; the ID is that of the tar
  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "bzip2", "xz"})
  void acceptsArchivesInEveryCompression(String tool) throws IOException {
    byte[] tar = systemTar();
    FileResult result = validate("image.aci", Fixtures.compress(tool, tar));
    assertEquals(List.of(), problems(result));
    assertEquals("ImageArchive", result.kind());
    assertEquals(Fixtures.sha512(tar), result.imageId());
  }

  // ACI-ARCH-002, ACI-ID-001: what GNU tar writes is read as tar; the ID is gzip -dc | sha512sum
  @ParameterizedTest
  @ValueSource(strings = {"posix", "gnu"})
  void readsSparseFilesBinaryXattrsAndNonUtf8NamesAsGnuTarWritesThem(String format)
      throws IOException {
    Path layout = Fixtures.layout(dir.resolve("layout"));
    Path sparse = layout.resolve("rootfs/sparse");
    Fixtures.sh("printf data | dd of='" + sparse + "' bs=1 seek=5000000 conv=notrunc 2>/dev/null");
    Xattrs.system().set(sparse, "user.bin", new byte[] {0, (byte) 0xff, (byte) 0xc3, '\n'});
    Fixtures.sh("printf x > \"$(printf '" + layout.resolve("rootfs") + "/caf\\351')\"");
    Path image = dir.resolve("image.aci");
    Fixtures.sh(
        "tar --format="
            + format
            + " --sparse --xattrs --xattrs-include='*' -C '"
            + layout
            + "' -czf '"
            + image
            + "' manifest rootfs");
    FileResult result = validator.validateArchive(image, "image.aci");
    // the Latin-1 name reaches the layout rules, which note it; nothing else is reported
    assertEquals("LINT-ARCH-002@rootfs/caf\uFFFD", ids(result));
    String expected = "sha512-" + Fixtures.sh("gzip -dc '" + image + "' | sha512sum").split(" ")[0];
    assertEquals(expected, result.imageId());
  }

  // ACI-ID-001, ACI-ID-002: sha512-<hex> of the decompressed stream
  @Test
  void imageIdEqualsSha512sumOfTheGzipDecompressedStream() throws IOException {
    Path image = Fixtures.write(dir, "image.aci", Fixtures.compress("gzip", systemTar()));
    String expected = "sha512-" + Fixtures.sh("gzip -dc '" + image + "' | sha512sum").split(" ")[0];
    assertEquals(expected, validator.validateArchive(image, "image.aci").imageId());
    assertEquals(expected, ImageIds.compute(image));
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }

  // ACI-ARCH-007, ACI-ID-001: several gzip members, or bzip2 or xz streams, one after the other
  // (gzip -c a b, pbzip2) are one file; the ID is the hash of all of their data
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void readsConcatenatedMembersAndStreamsAsOneFile(String tool) throws IOException {
    byte[] tar = Tar.image().file("rootfs/b", "b".repeat(5000)).bytes();
    byte[] three =
        concat(
            Fixtures.compress(tool, Arrays.copyOf(tar, 1000)),
            Fixtures.compress(tool, Arrays.copyOfRange(tar, 1000, 3000)),
            Fixtures.compress(tool, Arrays.copyOfRange(tar, 3000, tar.length)));
    FileResult result = validate("image.aci", three);
    assertEquals(List.of(), problems(result));
    assertEquals(Fixtures.sha512(tar), result.imageId());
  }

  // ACI-ARCH-007: xz stream padding (zero bytes in multiples of four) belongs to the xz format
  @Test
  void acceptsXzStreamPadding() throws IOException {
    byte[] tar = Tar.image().bytes();
    byte[] padded =
        concat(
            Fixtures.compress("xz", Arrays.copyOf(tar, 1000)),
            new byte[8],
            Fixtures.compress("xz", Arrays.copyOfRange(tar, 1000, tar.length)),
            new byte[4096]);
    FileResult result = validate("image.aci", padded);
    assertEquals(List.of(), problems(result));
    assertEquals(Fixtures.sha512(tar), result.imageId());
  }

  // ACI-ARCH-002: cat good.aci <(echo junk) > bad.aci is no longer a gzip, bzip2 or xz file; the
  // message says where its data ends (gzip -d and bzip2 -d ignore such data, Go's readers fail)
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void reportsDataAfterTheCompressedDataAsAnError(String tool) throws IOException {
    byte[] compressed = Fixtures.compress(tool, Tar.image().bytes());
    Path image =
        Fixtures.write(
            dir, "image.aci", concat(compressed, "junk\n".getBytes(StandardCharsets.UTF_8)));
    String expected =
        "not a valid "
            + tool
            + " file: 5 bytes follow the end of the "
            + tool
            + " data at byte offset "
            + compressed.length
            + " and are not another "
            + (tool.equals("gzip") ? "gzip member" : tool + " stream");
    for (Compat compat : Compat.values()) {
      ImageValidator v = new ImageValidator(ValidationOptions.DEFAULT.withCompat(compat));
      FileResult result = v.validateArchive(image, "image.aci");
      Finding f = only(result, "ACI-ARCH-002");
      assertEquals(Level.ERROR, f.level());
      assertEquals(expected, f.message());
      assertEquals("", f.pointer(), "about the file, not an entry");
      assertNull(result.imageId());
    }
    ArchiveReadException e =
        assertThrows(ArchiveReadException.class, () -> ImageIds.compute(image));
    assertEquals(ArchiveReadException.Kind.TRAILING_DATA, e.kind());
    assertEquals("ACI-ARCH-002", e.requirementId());
    assertEquals(expected, e.getMessage());
  }

  // ACI-ARCH-002: zero bytes and then other data, more than the 64 KiB read buffer, are all counted
  // from the end of the compressed data; zero bytes between gzip members or bzip2 streams are no
  // padding either
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void countsAllDataAfterTheCompressedData(String tool) throws IOException {
    byte[] tar = Tar.image().bytes();
    byte[] compressed = Fixtures.compress(tool, tar);
    byte[] tail = new byte[100_003];
    tail[tail.length - 1] = 'x';
    Finding f = only(validate("a.aci", concat(compressed, tail)), "ACI-ARCH-002");
    assertTrue(
        f.message()
            .contains(
                " 100003 bytes follow the end of the "
                    + tool
                    + " data at byte offset "
                    + compressed.length
                    + " "),
        f.message());

    byte[] second = Fixtures.compress(tool, tar);
    FileResult gap = validate("b.aci", concat(compressed, new byte[4], second));
    if (tool.equals("xz")) {
      // stream padding; the second tar follows the first one's end-of-archive marker
      assertEquals("LINT-ARCH-003@", ids(gap));
    } else {
      assertTrue(
          only(gap, "ACI-ARCH-002")
              .message()
              .contains(" " + (4 + second.length) + " bytes follow the end"),
          problems(gap).toString());
    }
  }

  // ACI-ARCH-002, ACI-ID-001: zero bytes after the data (tape padding) are a warning with their
  // count; gzip accepts them, Go's readers do not. The image ID does not change.
  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void warnsAboutZeroBytesAfterTheCompressedData(String tool) throws IOException {
    byte[] tar = Tar.image().bytes();
    byte[] compressed = Fixtures.compress(tool, tar);
    // 1001 is no multiple of four: not xz stream padding either
    Path image = Fixtures.write(dir, "image.aci", concat(compressed, new byte[1001]));
    FileResult result = validator.validateArchive(image, "image.aci");
    Finding f = only(result, "ACI-ARCH-002");
    assertEquals(Level.WARNING, f.level());
    assertTrue(
        f.message()
            .startsWith(
                "1001 zero bytes follow the end of the "
                    + tool
                    + " data at byte offset "
                    + compressed.length
                    + "; "),
        f.message());
    assertTrue(f.hint().contains("truncate -s " + compressed.length), f.hint());
    assertTrue(result.valid(false));
    assertEquals(Fixtures.sha512(tar), result.imageId());
    ImageIds.Identified identified = ImageIds.identify(image, ArchiveLimits.DEFAULT);
    assertEquals(Fixtures.sha512(tar), identified.id());
    assertEquals(
        new TrailingZeros(
            Compression.valueOf(tool.toUpperCase(java.util.Locale.ROOT)), compressed.length, 1001),
        identified.trailingZeros().orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gzip", "bzip2", "xz"})
  void reportsTruncatedCompressedData(String tool) throws IOException {
    // bzip2 decodes nothing of a block until it has all of it: make the data span blocks
    byte[] big = new byte[3_000_000];
    new Random(7).nextBytes(big);
    byte[] compressed = Fixtures.compress(tool, Tar.image().file("rootfs/random", big).bytes());
    FileResult result = validate("image.aci", Arrays.copyOf(compressed, compressed.length * 2 / 3));
    Finding f = only(result, "ACI-ARCH-002");
    assertTrue(f.message().contains("corrupt or truncated"), f.message());
    assertTrue(f.message().contains("in entry 'rootfs/random'"), f.message());
    assertEquals("rootfs/random", f.pointer());
    assertNull(result.imageId());
  }

  @Test
  void reportsAnXzFileCutInItsFooterAsCorruptDataNotAsAnIoError() throws IOException {
    // xz decodes the whole tar, then fails on the missing footer; it keeps that failure and throws
    // it again from available(), which the channel reading the decoder calls between reads
    byte[] compressed = Fixtures.compress("xz", Tar.image().bytes());
    Path image =
        Fixtures.write(dir, "image.aci", Arrays.copyOf(compressed, compressed.length - 10));
    FileResult result = validator.validateArchive(image, "image.aci");
    Finding f = only(result, "ACI-ARCH-002");
    assertTrue(f.message().startsWith("xz data is corrupt or truncated"), f.message());
    assertFalse(ImageValidator.isIoError(f));
    ArchiveReadException e =
        assertThrows(ArchiveReadException.class, () -> ImageIds.compute(image));
    assertEquals(ArchiveReadException.Kind.COMPRESSED_DATA, e.kind());
  }

  @Test
  void reportsRandomBytesAsNoArchive() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    noise[0] = 0x17; // not a magic number of any format
    FileResult result = validate("noise.aci", noise);
    assertTrue(only(result, "ACI-ARCH-002").message().startsWith("not a tar archive"));
    assertNull(result.imageId());
  }

  @Test
  void reportsAnEmptyFile() throws IOException {
    FileResult result = validate("empty.aci", new byte[0]);
    assertTrue(only(result, "ACI-ARCH-002").message().contains("empty"));
  }

  @Test
  void suggestsManifestValidationForJson() throws IOException {
    FileResult result = validate("m.aci", Fixtures.MANIFEST_JSON.getBytes(StandardCharsets.UTF_8));
    assertTrue(only(result, "ACI-ARCH-002").hint().contains("JSON manifest"));
  }

  @Test
  void reportsBadHeaderChecksumAtTheEntryBeforeIt() throws IOException {
    byte[] tar = Tar.image().file("rootfs/b", "b").bytes();
    tar[512 * 5 + 10] ^= 0x01; // inside the name of the fourth header (rootfs/b)
    FileResult result = validate("image.aci", tar);
    Finding f = only(result, "ACI-ARCH-002");
    assertTrue(f.message().contains("checksum"), f.message());
    assertEquals("rootfs/a", f.pointer());
    assertTrue(f.message().contains("header after entry 'rootfs/a'"), f.message());
    assertNull(result.imageId());
  }

  @Test
  void reportsAbsurdSizesAsTruncation() throws IOException {
    byte[] tar = Tar.image().headerOnly("rootfs/huge", '0', 077777777777L).bytes();
    FileResult result = validate("image.aci", tar);
    Finding f = only(result, "ACI-ARCH-002");
    assertTrue(f.message().contains("unexpected end"), f.message());
    assertEquals("rootfs/huge", f.pointer());
  }

  @Test
  void reportsMalformedNumbersInHeaders() throws IOException {
    byte[] tar = Tar.image().file("rootfs/b", "b").bytes();
    byte[] mode = "0z44\0".getBytes(StandardCharsets.US_ASCII);
    int header = 512 * 5;
    System.arraycopy(mode, 0, tar, header + 100, mode.length);
    fixChecksum(tar, header);
    FileResult result = validate("image.aci", tar);
    assertTrue(only(result, "ACI-ARCH-002").message().startsWith("tar data is corrupt"));
  }

  @Test
  void reportsDangerousPaths() throws IOException {
    byte[] tar =
        Tar.image()
            .file("../evil", "x")
            .file("/abs", "x")
            .hardlink("rootfs/shadow", "../etc/shadow")
            .symlink("rootfs/etc", "/etc")
            .file("rootfs/etc/passwd", "x")
            .bytes();
    FileResult result = validate("image.aci", tar);
    assertEquals(
        "ACI-ARCH-005@../evil ACI-ARCH-005@/abs ACI-ARCH-005@rootfs/etc/passwd"
            + " ACI-ARCH-005@rootfs/shadow",
        ids(result));
    assertNotNull(result.imageId(), "the archive could be read to its end");
  }

  @Test
  void seesAbsoluteNamesInGnuLongNamesAndPaxRecords() throws IOException {
    String longName = "/rootfs/" + "d".repeat(120) + "/file";
    byte[] tar =
        Tar.image()
            .gnuLongName(longName)
            .file("truncated-name", "x")
            .pax("path=/rootfs/pax")
            .file("rootfs/pax", "x")
            .pax("linkpath=/etc/shadow")
            .hardlink("rootfs/link", "rootfs/a")
            .bytes();
    FileResult result = validate("image.aci", tar);
    assertEquals(
        "ACI-ARCH-005@" + longName + " ACI-ARCH-005@/rootfs/pax ACI-ARCH-005@rootfs/link",
        ids(result));
  }

  @Test
  void judgesTopLevelNamesAsPathSegments() throws IOException {
    byte[] tar = Tar.image().file("rootfsx/a", "x").file("README", "x").bytes();
    assertEquals("ACI-ARCH-005@README ACI-ARCH-005@rootfsx/a", ids(validate("image.aci", tar)));
    ImageValidator actool = new ImageValidator(ValidationOptions.DEFAULT.withCompat(Compat.ACTOOL));
    FileResult compat = actool.validateArchive(Fixtures.write(dir, "x.aci", tar), "x.aci");
    assertEquals("ACI-ARCH-005@README", ids(compat));
  }

  @Test
  void reportsDuplicatesAfterNormalisingNames() throws IOException {
    byte[] tar = Tar.image().file("./rootfs/a", "again").dir("rootfs").bytes();
    assertEquals("ACI-ARCH-003@./rootfs/a ACI-ARCH-003@rootfs", ids(validate("image.aci", tar)));
  }

  @Test
  void rejectsManifestDirectoryAndExtraFiles() throws IOException {
    byte[] tar = new Tar().dir("manifest/").dir("rootfs/").file("extra", "x").bytes();
    assertEquals("ACI-ARCH-004@manifest/ ACI-ARCH-005@extra", ids(validate("image.aci", tar)));
  }

  @Test
  void explicitRootfsEntryIsOptionalForTheSpecButRequiredByActool() throws IOException {
    byte[] tar = new Tar().file("manifest", Fixtures.MANIFEST_JSON).file("rootfs/a", "x").bytes();
    FileResult spec = validate("image.aci", tar);
    assertEquals("LINT-ARCH-001@rootfs", ids(spec));
    assertTrue(spec.valid(false));
    ImageValidator actool = new ImageValidator(ValidationOptions.DEFAULT.withCompat(Compat.ACTOOL));
    FileResult compat = actool.validateArchive(Fixtures.write(dir, "image.aci", tar), "image.aci");
    assertEquals("ACI-ARCH-004@", ids(compat));
  }

  @Test
  void refilesManifestFindingsUnderTheArchive() throws IOException {
    byte[] tar = new Tar().file("manifest", "{\"acKind\": ").dir("rootfs/").bytes();
    FileResult result = validate("image.aci", tar);
    Finding f = only(result, "IM-001");
    assertEquals("image.aci!manifest", f.file());
    assertEquals(Level.ERROR, f.level());
    assertNotNull(result.imageId());
  }

  @Test
  void reportsOversizedManifestWithoutReadingIt() throws IOException {
    ImageValidator small =
        new ImageValidator(new ValidationOptions(Compat.SPEC, new JsonLimits(40, 64), null));
    byte[] tar = Tar.image().bytes();
    FileResult result = small.validateArchive(Fixtures.write(dir, "i.aci", tar), "i.aci");
    Finding f = only(result, "IM-001");
    assertTrue(f.message().contains("too large"), f.message());
    assertEquals("i.aci!manifest", f.file());
  }

  @Test
  void stopsAtLimits() throws IOException {
    Path image = Fixtures.write(dir, "image.aci", Tar.image().file("rootfs/b", "b").bytes());
    FileResult entries =
        validator
            .withLimits(ArchiveLimits.DEFAULT.withMaxEntries(3))
            .validateArchive(image, "image.aci");
    assertTrue(only(entries, "ACI-ARCH-002").message().contains("too many entries"));
    assertNull(entries.imageId());
    FileResult bytes =
        validator
            .withLimits(ArchiveLimits.DEFAULT.withMaxTotalBytes(2048))
            .validateArchive(image, "image.aci");
    assertTrue(only(bytes, "ACI-ARCH-002").message().contains("larger than the limit"));
    assertNull(bytes.imageId());
  }

  @Test
  void boundsExtendedHeaders() throws IOException {
    String huge = "comment=" + "x".repeat(3 << 20);
    byte[] tar = Tar.image().pax(huge).file("rootfs/b", "b").bytes();
    FileResult result = validate("image.aci", Fixtures.compress("gzip", tar));
    Finding f = only(result, "ACI-ARCH-002");
    assertTrue(f.message().contains("limit"), f.message());
    byte[] longName =
        Tar.image().gnuLongName("rootfs/" + "n".repeat(2 << 20)).file("x", "").bytes();
    assertTrue(
        only(validate("long.aci", longName), "ACI-ARCH-002").message().contains("GNU long name"));
  }

  // ACI-ID-001: trailing data is part of the hashed stream
  @Test
  void notesMissingEndMarkerAndTrailingData() throws IOException {
    FileResult noEnd = validate("a.aci", Tar.image().withoutEnd(0));
    assertEquals("LINT-ARCH-003@", ids(noEnd));
    assertNotNull(noEnd.imageId());
    byte[] tar = Tar.image().bytes();
    byte[] trailing = Arrays.copyOf(tar, tar.length + 512);
    trailing[tar.length + 7] = 'x';
    FileResult junk = validate("b.aci", trailing);
    assertEquals("LINT-ARCH-003@", ids(junk));
    assertEquals(Fixtures.sha512(trailing), junk.imageId());
  }

  @Test
  void reportsArchivesCutInsideAHeader() throws IOException {
    byte[] tar = Tar.image().withoutEnd(0);
    FileResult result = validate("a.aci", Arrays.copyOf(tar, tar.length - 100));
    assertTrue(only(result, "ACI-ARCH-002").message().contains("truncated"));
  }

  @Test
  void handlesTwentyThousandTinyEntriesQuickly() throws IOException {
    Tar tar = Tar.image();
    for (int i = 0; i < 20_000; i++) {
      tar.file("rootfs/f" + i, Integer.toString(i));
    }
    byte[] bytes = Fixtures.compress("gzip", tar.bytes());
    long start = System.nanoTime();
    FileResult result = validate("many.aci", bytes);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(List.of(), problems(result));
    assertNotNull(result.imageId());
    assertTrue(millis < 15_000, "took " + millis + " ms");
  }

  @Test
  void warnsAboutEncryptedArchives() throws IOException {
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Path plain = Fixtures.write(dir, "plain.aci", Fixtures.compress("gzip", Tar.image().bytes()));
    Path encrypted = dir.resolve("secret.aci");
    try {
      Fixtures.run(
          new byte[0],
          "gpg",
          "--homedir",
          home.toString(),
          "--batch",
          "--pinentry-mode",
          "loopback",
          "--passphrase",
          "sekr3t",
          "--cipher-algo",
          "AES256",
          "--output",
          encrypted.toString(),
          "--symmetric",
          plain.toString());
    } finally {
      Fixtures.run(new byte[0], "gpgconf", "--homedir", home.toString(), "--kill", "all");
    }
    FileResult result = validator.validateArchive(encrypted, "secret.aci");
    Finding f = only(result, "ACI-ARCH-008");
    assertEquals(Level.WARNING, f.level());
    assertNull(result.imageId());
    assertTrue(result.valid(false));
    assertTrue(!result.valid(true));
  }

  @Test
  void checksNameAndSignature() throws IOException {
    byte[] tar = Tar.image().bytes();
    FileResult unsigned = validate("image.aci", tar);
    Finding warning = unsigned.findings().get(0);
    assertEquals(List.of(warning), unsigned.findings());
    assertEquals("ACI-ARCH-009", warning.requirementId());
    assertEquals(Level.WARNING, warning.level());

    Files.writeString(dir.resolve("image.aci.asc"), "not a signature\n");
    FileResult badSignature = validate("image.aci", tar);
    Finding armor = only(badSignature, "ACI-ARCH-010");
    assertEquals("image.aci.asc", armor.file());

    Path tarFile = Fixtures.write(dir, "image.tar", tar);
    Files.writeString(dir.resolve("image.tar.asc"), "x");
    FileResult misnamed = validator.validateArchive(tarFile, "image.tar");
    assertTrue(only(misnamed, "ACI-ARCH-001").hint().contains("image.aci"));
    only(misnamed, "ACI-ARCH-011");

    ImageValidator actool = new ImageValidator(ValidationOptions.DEFAULT.withCompat(Compat.ACTOOL));
    assertEquals("", ids(actool.validateArchive(tarFile, "image.tar")));
  }

  // ACI-ARCH-009, ACI-ARCH-010: a gpg armored detached signature; no finding
  @Test
  void acceptsAnArmoredDetachedSignature() throws IOException {
    Path home = Files.createDirectory(dir.resolve("gnupg"));
    Path image = Fixtures.write(dir, "signed.aci", Tar.image().bytes());
    String[] gpg = {
      "gpg",
      "--homedir",
      home.toString(),
      "--batch",
      "--pinentry-mode",
      "loopback",
      "--passphrase",
      ""
    };
    try {
      Fixtures.run(
          new byte[0],
          concat(gpg, "--quick-gen-key", "test@example.com", "ed25519", "sign", "never"));
      Fixtures.run(new byte[0], concat(gpg, "--armor", "--detach-sign", image.toString()));
    } finally {
      Fixtures.run(new byte[0], "gpgconf", "--homedir", home.toString(), "--kill", "all");
    }
    assertTrue(Files.exists(dir.resolve("signed.aci.asc")));
    assertEquals(List.of(), validator.validateArchive(image, "signed.aci").findings());
    Path clear = Fixtures.write(dir, "other.aci", Tar.image().bytes());
    Files.copy(image, dir.resolve("other.aci.asc"));
    Finding f = only(validator.validateArchive(clear, "other.aci"), "ACI-ARCH-010");
    assertTrue(f.message().contains("ASCII-armored"), f.message());
  }

  @Test
  void neverThrowsOnMutatedArchives() throws IOException {
    byte[] tar =
        Tar.image()
            .pax("path=rootfs/p", "SCHILY.xattr.user.a=1")
            .file("rootfs/p", "pax")
            .gnuLongName("rootfs/" + "l".repeat(150))
            .file("x", "long")
            .hardlink("rootfs/h", "rootfs/a")
            .bytes();
    Random random = new Random(1234);
    for (int round = 0; round < 400; round++) {
      byte[] mutated = tar.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        int at = random.nextInt(mutated.length);
        mutated[at] = (byte) random.nextInt(256);
      }
      byte[] input = round % 2 == 0 ? mutated : Fixtures.compress("gzip", mutated);
      if (round % 3 == 0) {
        input = Arrays.copyOf(input, random.nextInt(input.length));
      }
      FileResult result = validate("m" + round + ".aci", input);
      assertNotNull(result.findings());
      assertTrue(
          result.findings().stream().noneMatch(f -> f.message().contains("Exception")),
          () -> result.findings().toString());
    }
  }

  @Test
  void reportsUnreadableFilesAsIoErrors() {
    FileResult result = validator.validateArchive(dir.resolve("missing.aci"), "missing.aci");
    assertEquals(ImageValidator.IO_ERROR, only(result, ImageValidator.IO_ERROR).requirementId());
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static void fixChecksum(byte[] tar, int header) {
    Arrays.fill(tar, header + 148, header + 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += tar[header + i] & 0xff;
    }
    byte[] digits = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(digits, 0, tar, header + 148, 8);
  }
}
