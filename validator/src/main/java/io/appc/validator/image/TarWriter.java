package io.appc.validator.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes tar entries in a fixed, documented way so that the same input always gives the same bytes
 * (and so the same image ID): POSIX ustar headers, and a PAX extended header only when a value does
 * not fit ustar or the entry has extended attributes. PAX records appear in key order, xattrs as
 * {@code SCHILY.xattr.NAME} with the raw value bytes (as GNU tar writes them). Owner names are
 * written only when given; timestamps have whole-second resolution.
 */
public final class TarWriter {
  static final int RECORD = 512;
  static final int BLOCK = 20 * RECORD;
  private static final long MAX_OCTAL_7 = 07777777L;
  private static final long MAX_OCTAL_11 = 077777777777L;

  /** Typeflags of the entries this writer produces. */
  public static final byte FILE = '0';

  public static final byte HARDLINK = '1';
  public static final byte SYMLINK = '2';
  public static final byte CHAR_DEVICE = '3';
  public static final byte BLOCK_DEVICE = '4';
  public static final byte DIRECTORY = '5';
  public static final byte FIFO = '6';
  private static final byte PAX = 'x';

  /**
   * One entry's header.
   *
   * @param name path inside the archive; directories end in {@code /}
   * @param type typeflag, one of the constants of {@link TarWriter}
   * @param mode permission bits including setuid, setgid and sticky ({@code 07777})
   * @param mtime modification time, seconds since the epoch
   * @param size body size (regular files only)
   * @param linkName target of a symbolic or hard link, else empty
   * @param xattrs extended attributes by full name ({@code user.x}, {@code security.capability})
   */
  public record Header(
      String name,
      byte type,
      int mode,
      long uid,
      long gid,
      String userName,
      String groupName,
      long mtime,
      long size,
      String linkName,
      int devMajor,
      int devMinor,
      SortedMap<String, byte[]> xattrs) {
    public Header {
      Objects.requireNonNull(name, "name");
      userName = userName == null ? "" : userName;
      groupName = groupName == null ? "" : groupName;
      linkName = linkName == null ? "" : linkName;
      xattrs = xattrs == null ? new TreeMap<>() : new TreeMap<>(xattrs);
    }

    public Header withSize(long other) {
      return new Header(
          name, type, mode, uid, gid, userName, groupName, mtime, other, linkName, devMajor,
          devMinor, xattrs);
    }
  }

  private final OutputStream out;
  private long written;

  public TarWriter(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  public long written() {
    return written;
  }

  /**
   * Writes one entry. {@code body} must yield at least {@code header.size()} bytes; exactly that
   * many are copied.
   */
  public void write(Header header, InputStream body) throws IOException {
    SortedMap<String, byte[]> pax = new TreeMap<>();
    byte[] record = new byte[RECORD];
    byte[] nameBytes = utf8(header.name());
    if (!splitName(nameBytes, record)) {
      pax.put("path", nameBytes);
      put(record, 0, 100, truncate(nameBytes, 100));
    }
    byte[] link = utf8(header.linkName());
    if (link.length > 100) {
      pax.put("linkpath", link);
      put(record, 157, 100, truncate(link, 100));
    } else {
      put(record, 157, 100, link);
    }
    octal(record, 100, 8, header.mode() & 07777);
    numeric(record, 108, 8, header.uid(), MAX_OCTAL_7, "uid", pax);
    numeric(record, 116, 8, header.gid(), MAX_OCTAL_7, "gid", pax);
    numeric(record, 124, 12, header.size(), MAX_OCTAL_11, "size", pax);
    numeric(record, 136, 12, header.mtime(), MAX_OCTAL_11, "mtime", pax);
    record[156] = header.type();
    put(record, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(record, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(record, 265, 32, truncate(utf8(header.userName()), 32));
    put(record, 297, 32, truncate(utf8(header.groupName()), 32));
    if (header.type() == CHAR_DEVICE || header.type() == BLOCK_DEVICE) {
      octal(record, 329, 8, header.devMajor());
      octal(record, 337, 8, header.devMinor());
    }
    for (Map.Entry<String, byte[]> x : header.xattrs().entrySet()) {
      pax.put("SCHILY.xattr." + x.getKey(), x.getValue());
    }
    if (!pax.isEmpty()) {
      writePax(header, pax);
    }
    checksum(record);
    emit(record, RECORD);
    if (header.type() == FILE && header.size() > 0) {
      copy(body, header.size(), header.name());
    }
  }

  /** Writes the end-of-archive marker and pads the archive to a multiple of 10 KiB, as tar does. */
  public void finish() throws IOException {
    emit(new byte[2 * RECORD], 2 * RECORD);
    int rest = (int) ((BLOCK - written % BLOCK) % BLOCK);
    emit(new byte[rest], rest);
    out.flush();
  }

  private void writePax(Header header, SortedMap<String, byte[]> records) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> r : records.entrySet()) {
      byte[] key = utf8(r.getKey());
      int fixed = key.length + r.getValue().length + 3; // ' ', '=', '\n'
      int length = fixed + Integer.toString(fixed).length();
      if (Integer.toString(length).length() != Integer.toString(fixed).length()) {
        length = fixed + Integer.toString(length).length();
      }
      data.writeBytes(utf8(Integer.toString(length)));
      data.write(' ');
      data.writeBytes(key);
      data.write('=');
      data.writeBytes(r.getValue());
      data.write('\n');
    }
    byte[] body = data.toByteArray();
    Header pax =
        new Header(
            paxName(header.name()),
            PAX,
            0644,
            0,
            0,
            "",
            "",
            Math.max(0, Math.min(header.mtime(), MAX_OCTAL_11)),
            body.length,
            "",
            0,
            0,
            null);
    byte[] record = new byte[RECORD];
    put(record, 0, 100, truncate(utf8(pax.name()), 100));
    octal(record, 100, 8, pax.mode());
    octal(record, 108, 8, 0);
    octal(record, 116, 8, 0);
    octal(record, 124, 12, body.length);
    octal(record, 136, 12, pax.mtime());
    record[156] = PAX;
    put(record, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(record, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    checksum(record);
    emit(record, RECORD);
    emit(body, body.length);
    pad(body.length);
  }

  /** GNU tar's default name for extended headers: {@code DIR/PaxHeaders/NAME}. */
  private static String paxName(String name) {
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    int slash = trimmed.lastIndexOf('/');
    String dir = slash < 0 ? "" : trimmed.substring(0, slash + 1);
    return dir + "PaxHeaders/" + trimmed.substring(slash + 1);
  }

  private void copy(InputStream body, long size, String name) throws IOException {
    byte[] buffer = new byte[(int) Math.min(size, 1 << 18)];
    long left = size;
    while (left > 0) {
      int n = body.read(buffer, 0, (int) Math.min(left, buffer.length));
      if (n < 0) {
        throw new IOException(name + " became shorter while it was being archived");
      }
      emit(buffer, n);
      left -= n;
    }
    pad(size);
  }

  private void pad(long size) throws IOException {
    int rest = (int) ((RECORD - size % RECORD) % RECORD);
    if (rest > 0) {
      emit(new byte[rest], rest);
    }
  }

  private void emit(byte[] data, int length) throws IOException {
    out.write(data, 0, length);
    written += length;
  }

  /** Places a name into the ustar name and prefix fields if it fits; false if PAX is needed. */
  private static boolean splitName(byte[] name, byte[] record) {
    if (name.length <= 100) {
      put(record, 0, 100, name);
      return true;
    }
    for (int i = 0; i < name.length && i <= 155; i++) {
      if (name[i] == '/' && name.length - i - 1 <= 100 && name.length - i - 1 > 0 && i > 0) {
        put(record, 345, 155, Arrays.copyOfRange(name, 0, i));
        put(record, 0, 100, Arrays.copyOfRange(name, i + 1, name.length));
        return true;
      }
    }
    return false;
  }

  private static void numeric(
      byte[] record,
      int offset,
      int length,
      long value,
      long max,
      String key,
      SortedMap<String, byte[]> pax) {
    if (value < 0 || value > max) {
      pax.put(key, utf8(Long.toString(value)));
      octal(record, offset, length, 0);
    } else {
      octal(record, offset, length, value);
    }
  }

  /** Zero-padded octal digits followed by a NUL, filling the field. */
  private static void octal(byte[] record, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    int width = length - 1;
    for (int i = 0; i < width; i++) {
      int from = i - (width - digits.length());
      record[offset + i] = (byte) (from < 0 ? '0' : digits.charAt(from));
    }
    record[offset + width] = 0;
  }

  private static void checksum(byte[] record) {
    Arrays.fill(record, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : record) {
      sum += b & 0xff;
    }
    String digits = String.format("%06o", sum);
    for (int i = 0; i < 6; i++) {
      record[148 + i] = (byte) digits.charAt(i);
    }
    record[154] = 0;
    record[155] = ' ';
  }

  private static void put(byte[] record, int offset, int length, byte[] value) {
    System.arraycopy(value, 0, record, offset, Math.min(length, value.length));
  }

  /** At most {@code max} bytes, cut at a UTF-8 character boundary. */
  private static byte[] truncate(byte[] value, int max) {
    if (value.length <= max) {
      return value;
    }
    int end = max;
    while (end > 0 && (value[end] & 0xc0) == 0x80) {
      end--;
    }
    return Arrays.copyOf(value, end);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
