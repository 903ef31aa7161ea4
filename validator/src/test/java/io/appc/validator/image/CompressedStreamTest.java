package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.image.tar.ImageArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gzip reader of {@link CompressedStream} parses member headers and checks trailers itself (so
 * that it knows where each member ends): every optional header field, and the checks gzip makes.
 */
class CompressedStreamTest {
  @TempDir Path dir;

  private static final byte[] DATA = data();

  private static byte[] data() {
    byte[] data = new byte[300_000];
    new Random(3).nextBytes(data);
    // compressible as well as not
    java.util.Arrays.fill(data, 100_000, 200_000, (byte) 'a');
    return data;
  }

  /** A gzip member with every optional header field: extra field, name, comment, header CRC. */
  private static byte[] memberWithEveryHeaderField(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 2 | 4 | 8 | 16, 1, 2, 3, 4, 0, 3});
    out.writeBytes(new byte[] {5, 0, 'A', 'p', 2, 0, 'x'}); // XLEN 5: one subfield of 2 bytes
    out.writeBytes("image.tar\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes("a comment\0".getBytes(StandardCharsets.ISO_8859_1));
    CRC32 headerCrc = new CRC32();
    headerCrc.update(out.toByteArray());
    littleEndian(out, headerCrc.getValue(), 2);
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    littleEndian(out, crc.getValue(), 4);
    littleEndian(out, data.length, 4);
    return out.toByteArray();
  }

  private static void littleEndian(ByteArrayOutputStream out, long value, int bytes) {
    for (int i = 0; i < bytes; i++) {
      out.write((int) (value >>> (8 * i)));
    }
  }

  private byte[] readAll(byte[] file) throws IOException {
    Path path = Fixtures.write(dir, "data.gz", file);
    try (ImageArchives.Opened opened = ImageArchives.open(path);
        InputStream in = Channels.newInputStream(opened.tar())) {
      return in.readAllBytes();
    }
  }

  @Test
  void readsEveryOptionalHeaderFieldAsGzipDoes() throws IOException {
    byte[] member = memberWithEveryHeaderField(DATA);
    // the member is well-formed: gzip itself reads it
    Path file = Fixtures.write(dir, "member.gz", member);
    String ours = Fixtures.sha512(readAll(member));
    String gzip = Fixtures.sh("gzip -dc '" + file + "' | sha512sum").split(" ")[0];
    assertEquals("sha512-" + gzip, ours);
    assertEquals(Fixtures.sha512(DATA), ours);
  }

  @Test
  void readsAMemberWithTheFileNameGzipStores() throws IOException {
    Path named = Fixtures.write(dir, "named.tar", DATA);
    Path gz = dir.resolve("named.tar.gz");
    Fixtures.sh("gzip -c '" + named + "' > '" + gz + "'");
    assertArrayEquals(DATA, readAll(java.nio.file.Files.readAllBytes(gz)));
  }

  @Test
  void checksTheHeaderCrcTheDataCrcAndTheSize() throws IOException {
    byte[] good = memberWithEveryHeaderField(DATA);
    int headerCrcAt = 10 + 7 + "image.tar\0".length() + "a comment\0".length();
    int crcAt = good.length - 8;
    int sizeAt = good.length - 4;
    String[][] cases = {
      {Integer.toString(headerCrcAt), "gzip header checksum mismatch"},
      {Integer.toString(crcAt), "CRC-32 mismatch"},
      {Integer.toString(sizeAt), "size mismatch"},
      {"2", "need compression method 8 (deflate), got 9"},
    };
    for (String[] c : cases) {
      byte[] bad = good.clone();
      bad[Integer.parseInt(c[0])] ^= 1;
      ArchiveReadException e = assertThrows(ArchiveReadException.class, () -> readAll(bad));
      assertEquals(ArchiveReadException.Kind.COMPRESSED_DATA, e.kind());
      assertTrue(e.getMessage().startsWith("gzip data is corrupt or truncated: "), e.getMessage());
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
    }
  }

  @Test
  void aTrailerCutShortIsTruncation() {
    byte[] good = memberWithEveryHeaderField(DATA);
    for (int cut = 1; cut <= 8; cut++) {
      byte[] bad = java.util.Arrays.copyOf(good, good.length - cut);
      ArchiveReadException e = assertThrows(ArchiveReadException.class, () -> readAll(bad));
      assertTrue(e.getMessage().contains("unexpected end of data"), e.getMessage());
    }
  }

  @Test
  void aSecondMemberThatStartsLikeGzipButIsNotIsCorruptData() {
    byte[] member = memberWithEveryHeaderField(DATA);
    byte[] file = java.util.Arrays.copyOf(member, member.length + 12);
    file[member.length] = 0x1f;
    file[member.length + 1] = (byte) 0x8b;
    file[member.length + 2] = 8;
    // no flags, then after the 10 header bytes a deflate block of the reserved type 3
    file[member.length + 10] = (byte) 0xff;
    file[member.length + 11] = (byte) 0xff;
    ArchiveReadException e = assertThrows(ArchiveReadException.class, () -> readAll(file));
    assertEquals(ArchiveReadException.Kind.COMPRESSED_DATA, e.kind());
    assertTrue(e.getMessage().contains("invalid block type"), e.getMessage());
  }

  @Test
  void aReadAfterTheTrailingDataErrorFailsAgain() throws IOException {
    byte[] member = memberWithEveryHeaderField(DATA);
    byte[] file = java.util.Arrays.copyOf(member, member.length + 3);
    file[file.length - 1] = 'x';
    Path path = Fixtures.write(dir, "junk.gz", file);
    try (ImageArchives.Opened opened = ImageArchives.open(path);
        InputStream in = Channels.newInputStream(opened.tar())) {
      ArchiveReadException first = assertThrows(ArchiveReadException.class, in::readAllBytes);
      assertEquals(ArchiveReadException.Kind.TRAILING_DATA, first.kind());
      assertTrue(
          first
              .getMessage()
              .contains("3 bytes follow the end of the gzip data at byte offset " + member.length),
          first.getMessage());
      assertEquals(first, assertThrows(ArchiveReadException.class, () -> in.read(new byte[10])));
    }
  }
}
