package io.appc.validator.image.tar;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streaming reader for POSIX ustar, PAX and GNU tar archives, written for extraction: it keeps
 * names and extended attribute values as the bytes stored (commons-compress decodes PAX values as
 * UTF-8, which corrupts binary attributes such as {@code security.capability}), reads sparse
 * members (old GNU and PAX 0.0, 0.1 and 1.0), and hands member data out in large chunks of a direct
 * buffer so it can go to {@code write(2)} without another copy.
 *
 * <p>It is the one tar reader of the project: validation, image IDs, manifest reads, patching, the
 * store and rendering all use it. For hostile input it only ever throws {@link TarFormatException}
 * (with the stream offset; {@link TarFormatException#isLimit()} tells an exceeded limit), and it
 * holds at most one 1 MiB buffer (or one mapped window of a file, see {@link #mapping}) plus the
 * extended headers of one member, bounded by {@code maxHeaderBytes}. Header checksums are verified,
 * names are kept exactly as stored (a leading {@code /} included), and {@link #sawEndMarker()} and
 * {@link #drain()} tell how the archive ended.
 *
 * <p>Every byte read from the channel is first shown to the optional {@code tap}, which is how the
 * image ID is computed in the same pass.
 */
public final class TarReader implements Closeable {
  public static final int BLOCK = 512;
  private static final int BUFFER = 1 << 20;

  /** Default bound on the headers of one member (extended headers, long names, sparse maps). */
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 << 20;

  private static final int MAX_SPARSE_SEGMENTS = 1 << 20;

  /**
   * Bytes of an uncompressed archive file mapped at a time by {@link #mapping}: large enough that
   * remapping is rare, small enough to stay far below the 2 GiB a buffer can address.
   */
  private static final int WINDOW = 64 << 20;

  /**
   * Receives member data; the chunk is only valid during the call, unless {@link
   * #chunksStayValid()}.
   */
  @FunctionalInterface
  public interface DataSink {
    void accept(ByteBuffer chunk) throws IOException;
  }

  private final ReadableByteChannel in;
  private final Consumer<ByteBuffer> tap;
  private final FileChannel mapped;
  private final long mappedSize;
  private final int window;
  private ByteBuffer buf;
  private long windowStart;
  private long windowEnd;
  private final byte[] header = new byte[BLOCK];
  // The checksum is a plain sum, so byte order does not matter; native order is cheapest.
  private final ByteBuffer headerWords = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
  private final PaxHeaders globals = new PaxHeaders();
  private final int maxHeaderBytes;
  private final long maxTotalBytes;
  private long consumed;
  private long read;
  private long headerStart;
  private boolean eof;
  private boolean ended;
  private boolean endMarker;
  private long dataRemaining;
  private long padRemaining;
  private String currentName = "";

  /**
   * @param in the uncompressed tar stream
   * @param tap sees every byte read, in order; may be {@code null}
   */
  public TarReader(ReadableByteChannel in, Consumer<ByteBuffer> tap) {
    this(in, tap, DEFAULT_MAX_HEADER_BYTES, Long.MAX_VALUE);
  }

  /**
   * @param in the uncompressed tar stream
   * @param tap sees every byte read, in order; may be {@code null}
   * @param maxHeaderBytes most bytes of headers one member may have (extended headers, GNU long
   *     names, sparse maps): the only parts of a tar a reader has to hold in memory
   * @param maxTotalBytes most bytes of the uncompressed stream read (bounds decompression bombs)
   */
  public TarReader(
      ReadableByteChannel in, Consumer<ByteBuffer> tap, int maxHeaderBytes, long maxTotalBytes) {
    this(in, tap, maxHeaderBytes, maxTotalBytes, null, 0, 0);
  }

  private TarReader(
      ReadableByteChannel in,
      Consumer<ByteBuffer> tap,
      int maxHeaderBytes,
      long maxTotalBytes,
      FileChannel mapped,
      long mappedSize,
      int window) {
    this.in = in;
    this.tap = tap;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxTotalBytes = maxTotalBytes;
    this.mapped = mapped;
    this.mappedSize = mappedSize;
    this.window = window;
    this.buf = mapped == null ? ByteBuffer.allocateDirect(BUFFER) : ByteBuffer.allocate(0);
    buf.limit(0);
  }

  /**
   * A reader of an uncompressed archive file that maps the file into memory instead of copying it
   * into a buffer, so that member data reaches {@code write(2)} straight from the page cache and
   * {@link #chunksStayValid() stays valid} after the reader moves on. The file must not shrink
   * while it is read: touching a page past its new end fails with an {@link InternalError}. The
   * pages touched count in the process's resident size until their window is collected; they are
   * the file's page cache, which the kernel can reclaim at any time, not memory of the process.
   *
   * @param tap sees every byte of the file, in order, in chunks that stay valid; may be {@code
   *     null}
   */
  public static TarReader mapping(FileChannel file, Consumer<ByteBuffer> tap) throws IOException {
    return mapping(file, tap, WINDOW);
  }

  /** {@link #mapping(FileChannel, Consumer)} with a given window size, at least one block. */
  static TarReader mapping(FileChannel file, Consumer<ByteBuffer> tap, int window)
      throws IOException {
    if (window < BLOCK) {
      throw new IllegalArgumentException("need a window of at least one block, got " + window);
    }
    return new TarReader(
        file, tap, DEFAULT_MAX_HEADER_BYTES, Long.MAX_VALUE, file, file.size(), window);
  }

  /**
   * Whether the chunks handed to a {@link DataSink} or the tap stay valid (and unchanged) after the
   * call, so that they may be kept instead of copied.
   */
  public boolean chunksStayValid() {
    return mapped != null;
  }

  /** True once an all-zero header block (the end-of-archive marker) was read. */
  public boolean sawEndMarker() {
    return endMarker;
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
    PaxHeaders pax = null;
    long start = consumed;
    headerStart = start;
    while (true) {
      long at = consumed;
      if (!fill(BLOCK)) {
        if (buf.remaining() == 0 && at == start) {
          ended = true;
          return null;
        }
        throw new TarFormatException("archive ends inside a header (truncated?)", at);
      }
      buf.get(header);
      consumed += BLOCK;
      if (allZero(header)) {
        if (at != start) {
          throw new TarFormatException("extended header not followed by a member", at);
        }
        ended = true;
        endMarker = true;
        return null;
      }
      verifyChecksum(at);
      checkHeaderBudget(at);
      char flag = (char) (header[156] & 0xff);
      long size = number(124, 12, at, "size");
      switch (flag) {
        case 'x' -> {
          if (pax == null) {
            pax = globals.copy();
          }
          pax.parse(readMeta(size, at, "extended (PAX) header"), at);
        }
        case 'g' -> globals.parse(readMeta(size, at, "global extended (PAX) header"), at);
        case 'L' -> longName = cString(readMeta(size, at, "GNU long name"), 0, Integer.MAX_VALUE);
        case 'K' -> longLink = cString(readMeta(size, at, "GNU long link"), 0, Integer.MAX_VALUE);
        default -> {
          return member(flag, size, start, longName, longLink, pax == null ? globals : pax);
        }
      }
    }
  }

  /** Skips the rest of the current member's data (what {@link #next()} does first anyway). */
  public void skipData() throws IOException {
    skip(dataRemaining + padRemaining);
    dataRemaining = 0;
    padRemaining = 0;
  }

  /** Passes the current member's stored data to {@code sink} in chunks. */
  public void transferData(DataSink sink) throws IOException {
    while (dataRemaining > 0) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw truncatedData();
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

  /**
   * Reads the content of {@code entry}, the current member, into memory (a sparse file with its
   * holes filled with zeros); the caller bounds {@link TarEntry#realSize()} first.
   */
  public byte[] readData(TarEntry entry) throws IOException {
    if (entry.realSize() > DEFAULT_MAX_HEADER_BYTES || dataRemaining > entry.realSize()) {
      throw new TarFormatException("member too large to read into memory", consumed);
    }
    byte[] out = new byte[(int) entry.realSize()];
    if (entry.sparse() == null) {
      readFully(out, 0, (int) dataRemaining);
    } else {
      for (long[] segment : entry.sparse()) {
        readFully(out, (int) segment[0], (int) segment[1]);
      }
    }
    dataRemaining = 0;
    skip(padRemaining);
    padRemaining = 0;
    return out;
  }

  /**
   * Reads everything left in the stream, so that the tap sees the whole file.
   *
   * @return whether every byte after the end-of-archive marker was zero (tar padding) rather than
   *     data no tar reader would see; true when the stream ended without a marker
   */
  public boolean drain() throws IOException {
    boolean zeros = true;
    while (true) {
      if (zeros && endMarker) {
        for (int i = buf.position(); i < buf.limit() && zeros; i++) {
          zeros = buf.get(i) == 0;
        }
      }
      advance(buf.remaining());
      if (eof || !fill(1)) {
        return zeros;
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private TarEntry member(
      char flag, long headerSize, long at, String longName, String longLink, PaxHeaders pax)
      throws IOException {
    String name = longName != null ? longName : cString(header, 0, 100);
    if (longName == null && magic("ustar\0")) {
      // star's variant keeps times after a shorter prefix and marks itself at the block's end
      boolean xstar =
          header[508] == 't' && header[509] == 'a' && header[510] == 'r' && header[511] == 0;
      String prefix = cString(header, 345, xstar ? 131 : 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    if (pax.path != null) {
      name = pax.path;
    }
    String link =
        pax.linkPath != null
            ? pax.linkPath
            : longLink != null ? longLink : cString(header, 157, 100);
    int mode = (int) (number(100, 8, at, "mode") & 07777);
    long uid = pax.uid >= 0 ? pax.uid : number(108, 8, at, "uid");
    long gid = pax.gid >= 0 ? pax.gid : number(116, 8, at, "gid");
    long mtime = pax.hasMtime ? pax.mtimeSeconds : number(136, 12, at, "mtime");
    int mtimeNanos = pax.hasMtime ? pax.mtimeNanos : 0;
    boolean device = flag == '3' || flag == '4';
    long devMajor = pax.devMajor >= 0 ? pax.devMajor : device ? number(329, 8, at, "devmajor") : 0;
    long devMinor = pax.devMinor >= 0 ? pax.devMinor : device ? number(337, 8, at, "devminor") : 0;
    long size = pax.size >= 0 ? pax.size : headerSize;
    TarEntry.Type type = type(flag, name);
    // Header-only types carry no data whatever their size field says, as in Go's archive/tar.
    if ("123456".indexOf(flag) >= 0) {
      size = 0;
    }
    currentName = name;
    dataRemaining = size;
    padRemaining = padding(size);
    long realSize = size;
    List<long[]> sparse = null;
    if (flag == 'S') {
      sparse = oldGnuSparse(at);
      realSize = number(483, 12, at, "realsize");
    } else if (type == TarEntry.Type.FILE && pax.sparseMajor != null) {
      if (!pax.sparseMajor.equals("1")
          || !(pax.sparseMinor == null || pax.sparseMinor.equals("0"))) {
        throw new TarFormatException("unsupported PAX sparse format version", at);
      }
      sparse = pax10SparseMap(at);
      size = dataRemaining;
      realSize = required(pax.sparseRealSize, "GNU.sparse.realsize", at);
    } else if (type == TarEntry.Type.FILE && pax.sparseMap != null) {
      sparse = pax01SparseMap(pax.sparseMap, at);
      realSize = required(pax.sparseSize, "GNU.sparse.size", at);
    } else if (type == TarEntry.Type.FILE && pax.sparsePairs != null && pax.sparseSize >= 0) {
      sparse = pax.sparsePairs;
      realSize = pax.sparseSize;
    }
    if (sparse != null) {
      if (pax.sparseName != null) {
        name = pax.sparseName;
        currentName = name;
      }
      checkSparse(sparse, size, realSize, at);
    }
    return new TarEntry(
        name,
        type,
        flag,
        mode,
        uid,
        gid,
        pax.userName != null ? pax.userName : cString(header, 265, 32),
        pax.groupName != null ? pax.groupName : cString(header, 297, 32),
        size,
        realSize,
        mtime,
        mtimeNanos,
        link,
        (int) devMajor,
        (int) devMinor,
        pax.xattrs(),
        sparse,
        at);
  }

  private static TarEntry.Type type(char flag, String name) {
    return switch (flag) {
      case '0', '\0' -> name.endsWith("/") ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
      case '7', 'S' -> TarEntry.Type.FILE;
      case '1' -> TarEntry.Type.HARDLINK;
      case '2' -> TarEntry.Type.SYMLINK;
      case '3' -> TarEntry.Type.CHAR_DEVICE;
      case '4' -> TarEntry.Type.BLOCK_DEVICE;
      case '5', 'D' -> TarEntry.Type.DIRECTORY;
      case '6' -> TarEntry.Type.FIFO;
      default -> TarEntry.Type.OTHER;
    };
  }

  private static long required(long value, String key, long at) throws TarFormatException {
    if (value < 0) {
      throw new TarFormatException("sparse member without " + key, at);
    }
    return value;
  }

  private List<long[]> oldGnuSparse(long at) throws IOException {
    List<long[]> map = new ArrayList<>();
    addSparse(map, header, 386, 4, at);
    boolean extended = header[482] != 0;
    byte[] ext = new byte[BLOCK];
    while (extended) {
      if (!fill(BLOCK)) {
        throw new TarFormatException("archive ends inside a sparse header (truncated?)", consumed);
      }
      buf.get(ext);
      consumed += BLOCK;
      checkHeaderBudget(at);
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
      readFully(block, 0, BLOCK);
      dataRemaining -= BLOCK;
      checkHeaderBudget(at);
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
            PaxHeaders.decimal(parts[i], at, "GNU.sparse.map"),
            PaxHeaders.decimal(parts[i + 1], at, "GNU.sparse.map")
          });
    }
    return map;
  }

  private static void checkSparse(List<long[]> map, long stored, long realSize, long at)
      throws TarFormatException {
    long total = 0;
    long end = 0;
    for (long[] seg : map) {
      if (seg[0] < end || seg[1] < 0 || seg[0] > realSize || seg[1] > realSize - seg[0]) {
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

  private byte[] readMeta(long size, long at, String what) throws IOException {
    if (size > maxHeaderBytes - (consumed - headerStart)) {
      throw TarFormatException.limit(
          what
              + " of "
              + size
              + " bytes is larger than the limit of "
              + maxHeaderBytes
              + " bytes for the headers of one entry",
          at);
    }
    byte[] data = new byte[(int) size];
    readFully(data, 0, data.length);
    skip(padding(size));
    return data;
  }

  private void checkHeaderBudget(long at) throws TarFormatException {
    if (consumed - headerStart > maxHeaderBytes) {
      throw TarFormatException.limit(
          "the headers of one entry (extended headers, long names, sparse maps) exceed the limit"
              + " of "
              + maxHeaderBytes
              + " bytes",
          at);
    }
  }

  private TarFormatException truncatedData() {
    return new TarFormatException(
        "unexpected end of data: the archive ends inside "
            + TarEntry.display(currentName)
            + " (truncated?)",
        consumed);
  }

  private void readFully(byte[] out, int off, int length) throws IOException {
    int end = off + length;
    while (off < end) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw truncatedData();
      }
      int n = Math.min(end - off, buf.remaining());
      buf.get(out, off, n);
      consumed += n;
      off += n;
    }
  }

  private void skip(long n) throws IOException {
    while (n > 0) {
      if (!buf.hasRemaining() && !fill(1)) {
        throw truncatedData();
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
    if (mapped != null) {
      return map(need);
    }
    while (buf.remaining() < need && !eof) {
      buf.compact();
      int start = buf.position();
      int n = in.read(buf);
      if (n > 0) {
        read += n;
        if (read > maxTotalBytes) {
          throw TarFormatException.limit(
              "uncompressed archive is larger than the limit of " + maxTotalBytes + " bytes",
              read - n);
        }
      }
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

  /** {@link #fill} for a mapped file: maps the next window, starting at the current position. */
  private boolean map(int need) throws IOException {
    if (buf.remaining() >= need || eof) {
      return buf.remaining() >= need;
    }
    long at = windowStart + buf.position();
    long end = Math.min(mappedSize, at + window);
    if (end <= windowEnd) {
      eof = true;
      return false;
    }
    ByteBuffer next = mapped.map(FileChannel.MapMode.READ_ONLY, at, end - at);
    read += end - windowEnd;
    if (read > maxTotalBytes) {
      throw TarFormatException.limit(
          "uncompressed archive is larger than the limit of " + maxTotalBytes + " bytes",
          windowEnd);
    }
    if (tap != null) {
      tap.accept(next.duplicate().position((int) (windowEnd - at)));
    }
    buf = next;
    windowStart = at;
    windowEnd = end;
    // Nothing reads through the channel's position here; moving it shows progress to observers.
    mapped.position(end);
    return buf.remaining() >= need;
  }

  private void verifyChecksum(long at) throws TarFormatException {
    long stored = number(148, 8, at, "checksum");
    long unsigned = 8 * ' ' + byteSum() - fieldSum(148, 8);
    if (stored == unsigned) {
      return;
    }
    // Some old tars summed signed bytes.
    long signed = 8 * ' ';
    for (int i = 0; i < BLOCK; i++) {
      if (i < 148 || i >= 156) {
        signed += header[i];
      }
    }
    if (stored != signed) {
      throw new TarFormatException(
          "header checksum mismatch: need " + unsigned + ", got " + stored, at);
    }
  }

  /**
   * The sum of the header's bytes, eight at a time: each word's bytes are added pairwise into four
   * 16-bit lanes, which cannot overflow over 64 words (at most 64 * 510). This runs once per
   * member, and byte by byte it was a visible part of extracting many small files.
   */
  private long byteSum() {
    final long lowBytes = 0x00ff00ff00ff00ffL;
    long lanes = 0;
    for (int i = 0; i < BLOCK; i += 8) {
      long word = headerWords.getLong(i);
      lanes += (word & lowBytes) + ((word >>> 8) & lowBytes);
    }
    return (lanes & 0xffff)
        + ((lanes >>> 16) & 0xffff)
        + ((lanes >>> 32) & 0xffff)
        + ((lanes >>> 48) & 0xffff);
  }

  private long fieldSum(int offset, int length) {
    long sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += header[i] & 0xff;
    }
    return sum;
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
