package io.appc.validator.image.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar reader on archives built byte by byte, for the cases common tools rarely write. */
class TarReaderTest {

  /** Minimal ustar writer: name, type, size, optional data; checksum computed. */
  private static byte[] header(String name, char type, long size, String linkName) {
    byte[] h = new byte[512];
    put(h, 0, name);
    put(h, 100, "0000644");
    put(h, 108, "0000000");
    put(h, 116, "0000000");
    put(h, 124, String.format("%011o", size));
    put(h, 136, "00000000000");
    h[156] = (byte) type;
    put(h, 157, linkName);
    put(h, 257, "ustar");
    put(h, 263, "00");
    checksum(h);
    return h;
  }

  private static void checksum(byte[] h) {
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format("%06o", sum));
    h[154] = 0;
  }

  private static void put(byte[] h, int offset, String text) {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(b, 0, h, offset, b.length);
  }

  private static byte[] pad(byte[] data) {
    return Arrays.copyOf(data, (data.length + 511) / 512 * 512);
  }

  private static byte[] pax(String... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String r : records) {
      out.writeBytes(paxRecord(r.getBytes(StandardCharsets.ISO_8859_1)));
    }
    return out.toByteArray();
  }

  private static byte[] paxRecord(byte[] keyValue) {
    int len = keyValue.length + 2;
    int digits = String.valueOf(len).length();
    int total = len + digits;
    if (String.valueOf(total).length() != digits) {
      total++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((total + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(keyValue);
    out.write('\n');
    return out.toByteArray();
  }

  private static byte[] archive(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static List<TarEntry> read(byte[] tar) throws Exception {
    TarReader r = new TarReader(Channels.newChannel(new java.io.ByteArrayInputStream(tar)), null);
    List<TarEntry> out = new ArrayList<>();
    TarEntry e;
    while ((e = r.next()) != null) {
      out.add(e);
    }
    return out;
  }

  // ACI-ARCH-006: binary xattrs and owners from PAX records
  @Test
  void binaryXattrValuesAndGlobalHeadersArriveAsStored() throws Exception {
    byte[] binary = {0, 1, (byte) 0xff, (byte) 0x80, 'A'};
    ByteArrayOutputStream kv = new ByteArrayOutputStream();
    kv.writeBytes("SCHILY.xattr.user.bin=".getBytes(StandardCharsets.US_ASCII));
    kv.writeBytes(binary);
    byte[] paxData = paxRecord(kv.toByteArray());
    byte[] global = pax("uid=4242", "gid=77");
    byte[] libarchive = pax("LIBARCHIVE.xattr.user.sp%20ace=AAH/gEE");
    byte[] tar =
        archive(
            header("pax_global_header", 'g', global.length, ""),
            pad(global),
            header("PaxHeaders/a", 'x', paxData.length, ""),
            pad(paxData),
            header("rootfs/a", '0', 0, ""),
            header("PaxHeaders/b", 'x', libarchive.length, ""),
            pad(libarchive),
            header("rootfs/b", '0', 0, ""));
    List<TarEntry> entries = read(tar);
    assertEquals(2, entries.size());
    assertArrayEquals(binary, entries.get(0).xattrs().get("user.bin"));
    assertEquals(4242, entries.get(0).uid());
    assertEquals(77, entries.get(1).gid());
    assertArrayEquals(binary, entries.get(1).xattrs().get("user.sp ace"));
  }

  @Test
  void emptyPaxValueUnsetsAGlobalValue() throws Exception {
    byte[] global = pax("uid=4242");
    byte[] unset = pax("uid=");
    byte[] tar =
        archive(
            header("g", 'g', global.length, ""),
            pad(global),
            header("x", 'x', unset.length, ""),
            pad(unset),
            header("rootfs/a", '0', 0, ""));
    assertEquals(0, read(tar).get(0).uid());
  }

  @Test
  void gnuLongNamesBase256IdsAndPaxPathsAreApplied() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String longName = "rootfs/" + "d/".repeat(80) + "file";
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
      TarArchiveEntry e = new TarArchiveEntry(longName);
      e.setUserId(3_000_000_000L);
      e.setSize(3);
      tar.putArchiveEntry(e);
      tar.write("abc".getBytes(StandardCharsets.US_ASCII));
      tar.closeArchiveEntry();
    }
    TarEntry e = read(out.toByteArray()).get(0);
    assertEquals(longName, e.name());
    assertEquals(3_000_000_000L, e.uid());
    assertEquals(3, e.size());
  }

  // ACI-ID-001: the digest sees every byte of the tar stream, trailer included
  @Test
  void dataIsDeliveredAndTheTapSeesEveryByte() throws Exception {
    byte[] content = new byte[3 * (1 << 20) + 77];
    new java.util.Random(7).nextBytes(content);
    byte[] tar =
        archive(
            header("rootfs/big", '0', content.length, ""),
            pad(content),
            header("rootfs/z", '0', 0, ""));
    byte[] withTrailer = Arrays.copyOf(tar, tar.length + 10240);
    MessageDigest seen = MessageDigest.getInstance("SHA-512");
    TarReader r =
        new TarReader(
            Channels.newChannel(new java.io.ByteArrayInputStream(withTrailer)), seen::update);
    TarEntry big = r.next();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    r.transferData(
        chunk -> {
          byte[] b = new byte[chunk.remaining()];
          chunk.get(b);
          data.writeBytes(b);
        });
    assertEquals(content.length, big.size());
    assertArrayEquals(content, data.toByteArray());
    assertEquals("rootfs/z", r.next().name());
    assertNull(r.next());
    r.drain();
    assertEquals(withTrailer.length, r.position());
    assertArrayEquals(MessageDigest.getInstance("SHA-512").digest(withTrailer), seen.digest());
  }

  @Test
  void aMappedFileReadsLikeAStreamWhateverTheWindowAndItsChunksStayValid(@TempDir Path dir)
      throws Exception {
    java.util.Random random = new java.util.Random(11);
    List<byte[]> parts = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      byte[] content = new byte[random.nextInt(3000)];
      random.nextBytes(content);
      contents.add(content);
      byte[] paxData = pax("path=rootfs/" + "n".repeat(120) + i);
      parts.add(header("x" + i, 'x', paxData.length, ""));
      parts.add(pad(paxData));
      parts.add(header("f" + i, '0', content.length, ""));
      parts.add(pad(content));
    }
    byte[] tar = archive(parts.toArray(new byte[0][]));
    Path file = Files.write(dir.resolve("a.tar"), tar);
    // Windows smaller than a header plus its extended header, unaligned ones, and a large one.
    for (int window : new int[] {512, 700, 4096, 1 << 20}) {
      MessageDigest seen = MessageDigest.getInstance("SHA-512");
      List<List<ByteBuffer>> kept = new ArrayList<>();
      try (FileChannel channel = FileChannel.open(file)) {
        TarReader r = TarReader.mapping(channel, seen::update, window);
        assertTrue(r.chunksStayValid());
        for (int i = 0; i < contents.size(); i++) {
          TarEntry e = r.next();
          assertEquals("rootfs/" + "n".repeat(120) + i, e.name(), "window " + window);
          List<ByteBuffer> chunks = new ArrayList<>();
          r.transferData(chunks::add);
          kept.add(chunks);
        }
        assertNull(r.next());
        r.drain();
        assertEquals(tar.length, r.position());
      }
      assertArrayEquals(MessageDigest.getInstance("SHA-512").digest(tar), seen.digest());
      // The chunks of every member still hold its bytes after the whole file was read.
      for (int i = 0; i < contents.size(); i++) {
        ByteBuffer joined = ByteBuffer.allocate(contents.get(i).length);
        kept.get(i).forEach(c -> joined.put(c.duplicate()));
        assertArrayEquals(contents.get(i), joined.array(), "window " + window + ", member " + i);
      }
    }
  }

  @Test
  void headerOnlyTypesCarryNoDataWhateverTheirSize() throws Exception {
    byte[] tar =
        archive(header("rootfs/l", '1', 1024, "rootfs/a"), header("rootfs/next", '0', 0, ""));
    List<TarEntry> entries = read(tar);
    assertEquals(TarEntry.Type.HARDLINK, entries.get(0).type());
    assertEquals("rootfs/a", entries.get(0).linkName());
    assertEquals("rootfs/next", entries.get(1).name());
  }

  @Test
  void checksumsOfHeadersFullOfHighBytesAreVerifiedExactly() throws Exception {
    byte[] h = header("rootfs/a", '0', 0, "");
    Arrays.fill(h, 265, 329, (byte) 0xff); // user and group names
    Arrays.fill(h, 345, 500, (byte) 0xfe); // name prefix
    Arrays.fill(h, 148, 156, (byte) ' ');
    long unsigned = 0;
    long signed = 0;
    for (byte b : h) {
      unsigned += b & 0xff;
      signed += b;
    }
    for (long sum : new long[] {unsigned, signed}) {
      put(h, 148, String.format("%07o", sum));
      assertEquals(1, read(archive(h.clone())).size(), "checksum " + sum);
    }
    put(h, 148, String.format("%07o", unsigned + 1));
    assertThrows(TarFormatException.class, () -> read(archive(h.clone())));
  }

  // ACI-ARCH-002
  @Test
  void corruptArchivesAreReportedWithTheirOffset() {
    byte[] bad = header("rootfs/a", '0', 0, "");
    bad[0] = 'X';
    TarFormatException checksum = assertThrows(TarFormatException.class, () -> read(archive(bad)));
    assertTrue(checksum.getMessage().contains("checksum"));
    assertEquals(0, checksum.offset());

    byte[] truncated = Arrays.copyOf(archive(header("rootfs/a", '0', 4096, "")), 1024);
    TarFormatException end =
        assertThrows(
            TarFormatException.class,
            () -> {
              TarReader r =
                  new TarReader(
                      Channels.newChannel(new java.io.ByteArrayInputStream(truncated)), null);
              r.next();
              r.transferData(ByteBuffer::clear);
            });
    assertTrue(end.getMessage().contains("ends"));

    byte[] badPax = "9999 path=x\n".getBytes(StandardCharsets.US_ASCII);
    assertThrows(
        TarFormatException.class,
        () ->
            read(
                archive(
                    header("x", 'x', badPax.length, ""), pad(badPax), header("a", '0', 0, ""))));
  }

  @Test
  void streamEndingWithoutTheEndMarkerStillReadsAllMembers() throws Exception {
    byte[] tar = Arrays.copyOf(archive(header("rootfs/a", '0', 0, "")), 512);
    assertEquals(1, read(tar).size());
  }

  private static TarReader reader(byte[] tar, int maxHeaderBytes, long maxTotalBytes) {
    return new TarReader(
        Channels.newChannel(new java.io.ByteArrayInputStream(tar)),
        null,
        maxHeaderBytes,
        maxTotalBytes);
  }

  @Test
  void sparseContentIsReadWithItsHolesAndOwnerNamesAreKept() throws Exception {
    byte[] map = pad("2\n1024\n3\n4096\n2\n".getBytes(StandardCharsets.US_ASCII));
    byte[] data = "abcde".getBytes(StandardCharsets.US_ASCII);
    byte[] stored = Arrays.copyOf(map, map.length + data.length);
    System.arraycopy(data, 0, stored, map.length, data.length);
    byte[] paxData =
        pax(
            "GNU.sparse.major=1",
            "GNU.sparse.minor=0",
            "GNU.sparse.name=rootfs/s",
            "GNU.sparse.realsize=8192",
            "uname=someone");
    byte[] tar =
        archive(
            header("x", 'x', paxData.length, ""),
            pad(paxData),
            header("rootfs/GNUSparseFile.0/s", '0', stored.length, ""),
            pad(stored));
    TarReader r = reader(tar, 1 << 20, Long.MAX_VALUE);
    TarEntry e = r.next();
    assertEquals("rootfs/s", e.name());
    assertEquals("someone", e.userName());
    byte[] content = r.readData(e);
    byte[] expected = new byte[8192];
    expected[1024] = 'a';
    expected[1025] = 'b';
    expected[1026] = 'c';
    expected[4096] = 'd';
    expected[4097] = 'e';
    assertArrayEquals(expected, content);
    assertNull(r.next());
    assertTrue(r.sawEndMarker());
    assertTrue(r.drain());
  }

  @Test
  void limitsAreReportedAsSuch() {
    byte[] paxData = pax("comment=" + "x".repeat(2000));
    byte[] tar =
        archive(header("x", 'x', paxData.length, ""), pad(paxData), header("a", '0', 0, ""));
    TarFormatException headers =
        assertThrows(TarFormatException.class, () -> reader(tar, 1024, Long.MAX_VALUE).next());
    assertTrue(headers.isLimit(), headers.getMessage());
    assertTrue(headers.getMessage().contains("limit of 1024 bytes"), headers.getMessage());
    TarFormatException total =
        assertThrows(TarFormatException.class, () -> reader(tar, 1 << 20, 1000).next());
    assertTrue(total.isLimit(), total.getMessage());
    TarFormatException corrupt =
        assertThrows(TarFormatException.class, () -> read(Arrays.copyOf(tar, 700)));
    assertTrue(!corrupt.isLimit(), corrupt.getMessage());
  }

  @Test
  void drainTellsWhetherDataFollowsTheEndMarker() throws Exception {
    byte[] tar = archive(header("a", '0', 0, ""));
    byte[] trailing = Arrays.copyOf(tar, tar.length + 512);
    trailing[tar.length + 100] = 1;
    TarReader clean = reader(tar, 1 << 20, Long.MAX_VALUE);
    TarReader dirty = reader(trailing, 1 << 20, Long.MAX_VALUE);
    while (clean.next() != null) {
      // read to the end marker
    }
    while (dirty.next() != null) {
      // read to the end marker
    }
    assertTrue(clean.drain());
    assertEquals(false, dirty.drain());
  }
}
