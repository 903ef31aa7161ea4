package io.appc.validator.image.tar;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streaming reader for POSIX ustar, PAX and GNU tar archives, written for extraction: it keeps
 * names and extended attribute values as the bytes stored (commons-compress decodes PAX values as
 * UTF-8, which corrupts binary attributes such as {@code security.capability}), reads sparse
 * members (old GNU and PAX 0.0, 0.1 and 1.0), and hands member data out in large chunks of a direct
 * buffer so it can go to {@code write(2)} without another copy.
 *
 * <p>Every byte read from the channel is first shown to the optional {@code tap}, which is how the
 * image ID is computed in the same pass.
 */
public final class TarReader implements Closeable {
  public static final int BLOCK = 512;
  private static final int BUFFER = 1 << 20;
  private static final int MAX_META = 16 << 20;
  private static final int MAX_SPARSE_SEGMENTS = 1 << 20;
  private static final String XATTR_SCHILY = "SCHILY.xattr.";
  private static final String XATTR_LIBARCHIVE = "LIBARCHIVE.xattr.";

  /** Receives member data; the chunk is only valid during the call. */
  @FunctionalInterface
  public interface DataSink {
    void accept(ByteBuffer chunk) throws IOException;
  }

  private final ReadableByteChannel in;
  private final Consumer<ByteBuffer> tap;
  private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
  private final byte[] header = new byte[BLOCK];
  private final Map<String, byte[]> globals = new HashMap<>();
  private long consumed;
  private boolean eof;
  private boolean ended;
  private long dataRemaining;
  private long padRemaining;
  private String currentName = "";

  /**
   * @param in the uncompressed tar stream
   * @param tap sees every byte read, in order; may be {@code null}
   */
  public TarReader(ReadableByteChannel in, Consumer<ByteBuffer> tap) {
    this.in = in;
    this.tap = tap;
    buf.limit(0);
  }

  /** Bytes of the stream consumed so far. */
  public long position() {
    return consumed;
  }

  /**
   * Moves to the next member, skipping the rest of the current one.
   *
   * @return the member, or {@code null} at the end-of-archive marker or at the end of the stream
   */
  public TarEntry next() throws IOException {
    if (ended) {
      return null;
    }
    skip(dataRemaining + padRemaining);
    dataRemaining = 0;
    padRemaining = 0;
    String longName = null;
    String longLink = null;
    Map<String, byte[]> pax = null;
    List<long[]> sparsePairs = null;
    long start = consumed;
    while (true) {
      long at = consumed;
      if (!fill(BLOCK)) {
        if (buf.remaining() == 0 && at == start && pax == null && longName == null) {
          ended = true;
          return null;
        }
        throw new TarFormatException("archive ends inside a header", at);
      }
      buf.get(header);
      consumed += BLOCK;
      if (allZero(header)) {
        if (at != start) {
          throw new TarFormatException("extended header not followed by a member", at);
        }
        ended = true;
        return null;
      }
      verifyChecksum(at);
      char flag = (char) (header[156] & 0xff);
      long size = number(124, 12, at, "size");
      switch (flag) {
        case 'x' -> {
          if (pax == null) {
            pax = new HashMap<>();
            sparsePairs = new ArrayList<>();
          }
          parsePax(readMeta(size, at), pax, sparsePairs, at);
        }
        case 'g' -> {
          Map<String, byte[]> global = new HashMap<>();
          parsePax(readMeta(size, at), global, new ArrayList<>(), at);
          global.forEach(
              (k, v) -> {
                if (v.length == 0) {
                  globals.remove(k);
                } else {
                  globals.put(k, v);
                }
              });
        }
        case 'L' -> longName = cString(readMeta(size, at), 0, Integer.MAX_VALUE);
        case 'K' -> longLink = cString(readMeta(size, at), 0, Integer.MAX_VALUE);
        default -> {
          return member(flag, size, start, longName, longLink, pax, sparsePairs);
        }
      }
    }
  }

  /** Passes the current member's stored data to {@code sink} in chunks. */
  public void transferData(DataSink sink) throws IOException {
    while (dataRemaining > 0) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw new TarFormatException(
            "archive ends inside the data of " + TarEntry.display(currentName), consumed);
      }
      int n = (int) Math.min(dataRemaining, buf.remaining());
      ByteBuffer chunk = buf.duplicate();
      chunk.limit(buf.position() + n);
      sink.accept(chunk);
      advance(n);
      dataRemaining -= n;
    }
    skip(padRemaining);
    padRemaining = 0;
  }

  /** Reads the current member's data into memory; the caller bounds the size first. */
  public byte[] readData() throws IOException {
    if (dataRemaining > MAX_META) {
      throw new TarFormatException("member too large to read into memory", consumed);
    }
    byte[] out = new byte[(int) dataRemaining];
    readFully(out);
    dataRemaining = 0;
    skip(padRemaining);
    padRemaining = 0;
    return out;
  }

  /** Reads everything left in the stream, so that the tap sees the whole file. */
  public void drain() throws IOException {
    while (true) {
      advance(buf.remaining());
      if (eof || !fill(1)) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private TarEntry member(
      char flag,
      long headerSize,
      long at,
      String longName,
      String longLink,
      Map<String, byte[]> entryPax,
      List<long[]> sparsePairs)
      throws IOException {
    Map<String, byte[]> pax;
    if (globals.isEmpty() && entryPax != null) {
      pax = entryPax;
      pax.values().removeIf(v -> v.length == 0);
    } else if (entryPax == null) {
      pax = globals;
    } else {
      pax = new HashMap<>(globals);
      for (Map.Entry<String, byte[]> e : entryPax.entrySet()) {
        if (e.getValue().length == 0) {
          pax.remove(e.getKey());
        } else {
          pax.put(e.getKey(), e.getValue());
        }
      }
    }
    boolean posix = magic("ustar\0");
    String name = longName != null ? longName : cString(header, 0, 100);
    if (longName == null && posix) {
      String prefix = cString(header, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    String link = longLink != null ? longLink : cString(header, 157, 100);
    int mode = (int) (number(100, 8, at, "mode") & 07777);
    long uid = number(108, 8, at, "uid");
    long gid = number(116, 8, at, "gid");
    long mtime = number(136, 12, at, "mtime");
    int mtimeNanos = 0;
    boolean device = flag == '3' || flag == '4';
    int devMajor = device ? (int) number(329, 8, at, "devmajor") : 0;
    int devMinor = device ? (int) number(337, 8, at, "devminor") : 0;
    long size = headerSize;

    if (pax.containsKey("path")) {
      name = text(pax.get("path"));
    }
    if (pax.containsKey("linkpath")) {
      link = text(pax.get("linkpath"));
    }
    if (pax.containsKey("size")) {
      size = decimal(pax.get("size"), at, "size");
    }
    if (pax.containsKey("uid")) {
      uid = decimal(pax.get("uid"), at, "uid");
    }
    if (pax.containsKey("gid")) {
      gid = decimal(pax.get("gid"), at, "gid");
    }
    if (pax.containsKey("SCHILY.devmajor")) {
      devMajor = (int) decimal(pax.get("SCHILY.devmajor"), at, "devmajor");
    }
    if (pax.containsKey("SCHILY.devminor")) {
      devMinor = (int) decimal(pax.get("SCHILY.devminor"), at, "devminor");
    }
    if (pax.containsKey("mtime")) {
      long[] t = paxTime(text(pax.get("mtime")), at);
      mtime = t[0];
      mtimeNanos = (int) t[1];
    }
    Map<String, byte[]> xattrs = xattrs(pax, at);

    TarEntry.Type type =
        switch (flag) {
          case '0', '\0', '7', 'S' ->
              (flag == '0' || flag == '\0') && name.endsWith("/")
                  ? TarEntry.Type.DIRECTORY
                  : TarEntry.Type.FILE;
          case '1' -> TarEntry.Type.HARDLINK;
          case '2' -> TarEntry.Type.SYMLINK;
          case '3' -> TarEntry.Type.CHAR_DEVICE;
          case '4' -> TarEntry.Type.BLOCK_DEVICE;
          case '5', 'D' -> TarEntry.Type.DIRECTORY;
          case '6' -> TarEntry.Type.FIFO;
          default -> TarEntry.Type.OTHER;
        };
    // Header-only types carry no data whatever their size field says, as in Go's archive/tar.
    if ("123456".indexOf(flag) >= 0) {
      size = 0;
    }

    long realSize = size;
    List<long[]> sparse = null;
    if (flag == 'S') {
      sparse = oldGnuSparse(at);
      realSize = number(483, 12, at, "realsize");
    } else if (type == TarEntry.Type.FILE && pax.containsKey("GNU.sparse.major")) {
      if (!"1".equals(text(pax.get("GNU.sparse.major")))
          || !"0".equals(text(pax.getOrDefault("GNU.sparse.minor", new byte[] {'0'})))) {
        throw new TarFormatException("unsupported PAX sparse format version", at);
      }
      currentName = name;
      dataRemaining = size;
      padRemaining = padding(size);
      sparse = pax10SparseMap(at);
      size = dataRemaining;
      realSize = decimal(pax.get("GNU.sparse.realsize"), at, "GNU.sparse.realsize");
    } else if (type == TarEntry.Type.FILE && pax.containsKey("GNU.sparse.map")) {
      sparse = pax01SparseMap(text(pax.get("GNU.sparse.map")), at);
      realSize = decimal(pax.get("GNU.sparse.size"), at, "GNU.sparse.size");
    } else if (type == TarEntry.Type.FILE
        && sparsePairs != null
        && !sparsePairs.isEmpty()
        && pax.containsKey("GNU.sparse.size")) {
      sparse = sparsePairs;
      realSize = decimal(pax.get("GNU.sparse.size"), at, "GNU.sparse.size");
    }
    if (sparse != null && pax.containsKey("GNU.sparse.name")) {
      name = text(pax.get("GNU.sparse.name"));
    }
    if (sparse != null) {
      checkSparse(sparse, size, realSize, at);
    }

    currentName = name;
    if (sparse == null || flag == 'S' || !pax.containsKey("GNU.sparse.major")) {
      dataRemaining = size;
      padRemaining = padding(size);
    }
    return new TarEntry(
        name,
        type,
        flag,
        mode,
        uid,
        gid,
        size,
        realSize,
        mtime,
        mtimeNanos,
        link,
        devMajor,
        devMinor,
        xattrs,
        sparse,
        at);
  }

  private Map<String, byte[]> xattrs(Map<String, byte[]> pax, long at) throws TarFormatException {
    if (pax.isEmpty()) {
      return Map.of();
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : pax.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(XATTR_LIBARCHIVE)) {
        String attr = percentDecode(key.substring(XATTR_LIBARCHIVE.length()), at);
        String b64 = text(e.getValue());
        while (b64.length() % 4 != 0) {
          b64 = b64 + "=";
        }
        try {
          out.putIfAbsent(attr, Base64.getDecoder().decode(b64));
        } catch (IllegalArgumentException ex) {
          throw new TarFormatException("bad base64 in PAX record " + key, at);
        }
      }
    }
    for (Map.Entry<String, byte[]> e : pax.entrySet()) {
      if (e.getKey().startsWith(XATTR_SCHILY)) {
        out.put(e.getKey().substring(XATTR_SCHILY.length()), e.getValue());
      }
    }
    return out;
  }

  private List<long[]> oldGnuSparse(long at) throws IOException {
    List<long[]> map = new ArrayList<>();
    addSparse(map, header, 386, 4, at);
    boolean extended = header[482] != 0;
    byte[] ext = new byte[BLOCK];
    while (extended) {
      if (!fill(BLOCK)) {
        throw new TarFormatException("archive ends inside a sparse header", consumed);
      }
      buf.get(ext);
      consumed += BLOCK;
      addSparse(map, ext, 0, 21, at);
      extended = ext[504] != 0;
    }
    return map;
  }

  private void addSparse(List<long[]> map, byte[] block, int offset, int count, long at)
      throws TarFormatException {
    for (int i = 0; i < count; i++) {
      int o = offset + i * 24;
      if (block[o] == 0) {
        return;
      }
      map.add(
          new long[] {
            number(block, o, 12, at, "sparse offset"), number(block, o + 12, 12, at, "sparse size")
          });
      if (map.size() > MAX_SPARSE_SEGMENTS) {
        throw new TarFormatException("too many sparse segments", at);
      }
    }
  }

  private List<long[]> pax10SparseMap(long at) throws IOException {
    List<Long> numbers = new ArrayList<>();
    long current = -1;
    long expected = -1;
    byte[] block = new byte[BLOCK];
    while (expected < 0 || numbers.size() < expected) {
      if (dataRemaining < BLOCK) {
        throw new TarFormatException("PAX 1.0 sparse map runs past the member data", at);
      }
      readFully(block);
      dataRemaining -= BLOCK;
      for (byte b : block) {
        if (expected >= 0 && numbers.size() >= expected) {
          break;
        }
        if (b >= '0' && b <= '9') {
          current = (current < 0 ? 0 : current) * 10 + (b - '0');
          if (current > Long.MAX_VALUE / 10) {
            throw new TarFormatException("number too large in sparse map", at);
          }
        } else if (b == '\n' && current >= 0) {
          numbers.add(current);
          current = -1;
          if (numbers.size() == 1) {
            if (numbers.get(0) > MAX_SPARSE_SEGMENTS) {
              throw new TarFormatException("too many sparse segments", at);
            }
            expected = 1 + 2 * numbers.get(0);
          }
        } else {
          throw new TarFormatException("malformed PAX 1.0 sparse map", at);
        }
      }
    }
    List<long[]> map = new ArrayList<>();
    for (int i = 1; i + 1 < numbers.size(); i += 2) {
      map.add(new long[] {numbers.get(i), numbers.get(i + 1)});
    }
    return map;
  }

  private static List<long[]> pax01SparseMap(String text, long at) throws TarFormatException {
    String[] parts = text.isEmpty() ? new String[0] : text.split(",", -1);
    if (parts.length % 2 != 0 || parts.length / 2 > MAX_SPARSE_SEGMENTS) {
      throw new TarFormatException("malformed GNU.sparse.map", at);
    }
    List<long[]> map = new ArrayList<>();
    for (int i = 0; i < parts.length; i += 2) {
      map.add(
          new long[] {
            decimal(parts[i], at, "GNU.sparse.map"), decimal(parts[i + 1], at, "GNU.sparse.map")
          });
    }
    return map;
  }

  private static void checkSparse(List<long[]> map, long stored, long realSize, long at)
      throws TarFormatException {
    long total = 0;
    long end = 0;
    for (long[] seg : map) {
      if (seg[0] < end || seg[1] < 0 || seg[0] + seg[1] > realSize) {
        throw new TarFormatException("sparse map segments overlap or exceed the file size", at);
      }
      end = seg[0] + seg[1];
      total += seg[1];
    }
    if (total != stored) {
      throw new TarFormatException(
          "sparse map describes " + total + " stored bytes, member has " + stored, at);
    }
  }

  private void parsePax(byte[] data, Map<String, byte[]> into, List<long[]> pairs, long at)
      throws TarFormatException {
    int pos = 0;
    long pendingOffset = -1;
    while (pos < data.length) {
      if (data[pos] == 0) {
        break;
      }
      int space = pos;
      long length = 0;
      while (space < data.length && data[space] != ' ') {
        byte b = data[space];
        if (b < '0' || b > '9' || length > data.length) {
          throw new TarFormatException("malformed PAX record length", at);
        }
        length = length * 10 + (b - '0');
        space++;
      }
      int end = (int) (pos + length);
      if (space >= data.length || length <= 0 || end > data.length || data[end - 1] != '\n') {
        throw new TarFormatException("malformed PAX record", at);
      }
      int eq = space + 1;
      while (eq < end && data[eq] != '=') {
        eq++;
      }
      if (eq >= end) {
        throw new TarFormatException("PAX record without '='", at);
      }
      String key = new String(data, space + 1, eq - space - 1, StandardCharsets.ISO_8859_1);
      byte[] value = java.util.Arrays.copyOfRange(data, eq + 1, end - 1);
      into.put(key, value);
      if (key.equals("GNU.sparse.offset")) {
        pendingOffset = decimal(value, at, key);
      } else if (key.equals("GNU.sparse.numbytes")) {
        if (pendingOffset < 0) {
          throw new TarFormatException("GNU.sparse.numbytes without offset", at);
        }
        pairs.add(new long[] {pendingOffset, decimal(value, at, key)});
        pendingOffset = -1;
      }
      pos = end;
    }
  }

  private byte[] readMeta(long size, long at) throws IOException {
    if (size > MAX_META) {
      throw new TarFormatException("extended header larger than " + MAX_META + " bytes", at);
    }
    byte[] data = new byte[(int) size];
    readFully(data);
    skip(padding(size));
    return data;
  }

  private void readFully(byte[] out) throws IOException {
    int off = 0;
    while (off < out.length) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw new TarFormatException("archive ends unexpectedly", consumed);
      }
      int n = Math.min(out.length - off, buf.remaining());
      buf.get(out, off, n);
      consumed += n;
      off += n;
    }
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw new TarFormatException(
            "archive ends inside the data of " + TarEntry.display(currentName), consumed);
      }
      int k = (int) Math.min(n, buf.remaining());
      advance(k);
      n -= k;
    }
  }

  private void advance(int n) {
    buf.position(buf.position() + n);
    consumed += n;
  }

  /** Makes at least {@code need} bytes available unless the stream ends first. */
  private boolean fill(int need) throws IOException {
    while (buf.remaining() < need && !eof) {
      buf.compact();
      int start = buf.position();
      int n = in.read(buf);
      if (n < 0) {
        eof = true;
      } else if (n > 0 && tap != null) {
        ByteBuffer fresh = buf.duplicate();
        fresh.position(start).limit(start + n);
        tap.accept(fresh);
      }
      buf.flip();
    }
    return buf.remaining() >= need;
  }

  private void verifyChecksum(long at) throws TarFormatException {
    long stored = number(148, 8, at, "checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : header[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    if (stored != unsigned && stored != signed) {
      throw new TarFormatException(
          "header checksum mismatch: need " + unsigned + ", got " + stored, at);
    }
  }

  private boolean magic(String expected) {
    for (int i = 0; i < expected.length(); i++) {
      if (header[257 + i] != expected.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private long number(int offset, int length, long at, String field) throws TarFormatException {
    return number(header, offset, length, at, field);
  }

  /** A numeric header field: octal text, or GNU base-256 when the top bit is set. */
  static long number(byte[] block, int offset, int length, long at, String field)
      throws TarFormatException {
    if ((block[offset] & 0x80) != 0) {
      if ((block[offset] & 0x40) != 0) {
        throw new TarFormatException("negative " + field + " field", at);
      }
      long value = block[offset] & 0x3f;
      for (int i = 1; i < length; i++) {
        if (value > (Long.MAX_VALUE >>> 8)) {
          throw new TarFormatException(field + " field overflows", at);
        }
        value = (value << 8) | (block[offset + i] & 0xff);
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && (block[i] == ' ' || block[i] == 0)) {
      i++;
    }
    long value = 0;
    while (i < end && block[i] >= '0' && block[i] <= '7') {
      if (value > (Long.MAX_VALUE >>> 3)) {
        throw new TarFormatException(field + " field overflows", at);
      }
      value = (value << 3) | (block[i] - '0');
      i++;
    }
    while (i < end) {
      if (block[i] != ' ' && block[i] != 0) {
        throw new TarFormatException("bad octal number in " + field + " field", at);
      }
      i++;
    }
    return value;
  }

  private static long decimal(byte[] value, long at, String field) throws TarFormatException {
    return decimal(text(value), at, field);
  }

  private static long decimal(String text, long at, String field) throws TarFormatException {
    if (text.isEmpty() || text.length() > 18 || !digits(text)) {
      throw new TarFormatException("bad decimal number in PAX " + field + ": " + text, at);
    }
    return Long.parseLong(text);
  }

  /** PAX time: {@code [-]seconds[.fraction]} as seconds and non-negative nanoseconds. */
  private static long[] paxTime(String text, long at) throws TarFormatException {
    boolean negative = text.startsWith("-");
    String body = negative ? text.substring(1) : text;
    int dot = body.indexOf('.');
    String whole = dot < 0 ? body : body.substring(0, dot);
    String fraction = dot < 0 ? "" : body.substring(dot + 1);
    if (!fraction.isEmpty() && !digits(fraction)) {
      throw new TarFormatException("bad PAX mtime: " + text, at);
    }
    long seconds = decimal(whole, at, "mtime");
    String nineDigits = (fraction + "000000000").substring(0, 9);
    long nanos = Long.parseLong(nineDigits);
    if (negative) {
      seconds = -seconds;
      if (nanos > 0) {
        seconds -= 1;
        nanos = 1_000_000_000L - nanos;
      }
    }
    return new long[] {seconds, nanos};
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String percentDecode(String s, long at) throws TarFormatException {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          throw new TarFormatException("bad percent escape in xattr name", at);
        }
        try {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        } catch (NumberFormatException e) {
          throw new TarFormatException("bad percent escape in xattr name", at);
        }
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String cString(byte[] bytes, int offset, int max) {
    int end = offset;
    int limit = (int) Math.min((long) offset + max, bytes.length);
    while (end < limit && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.ISO_8859_1);
  }

  private static boolean allZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static long padding(long size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
  }
}
