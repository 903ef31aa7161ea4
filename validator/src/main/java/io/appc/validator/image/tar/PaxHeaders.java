package io.appc.validator.image.tar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PAX extended header values that apply to one member (POSIX pax, "pax Extended Header"), kept
 * as typed fields rather than a map so that the per-member work stays small. A global header fills
 * one instance that every member starts from; a member's own header is parsed into a copy. An empty
 * value unsets the keyword, as POSIX says. Keywords that affect neither extraction nor patching
 * (atime, ctime, comment, ACLs in text form) are ignored.
 */
final class PaxHeaders {
  private static final String XATTR_SCHILY = "SCHILY.xattr.";
  private static final String XATTR_LIBARCHIVE = "LIBARCHIVE.xattr.";

  String path;
  String linkPath;
  String userName;
  String groupName;
  long size = -1;
  long uid = -1;
  long gid = -1;
  long devMajor = -1;
  long devMinor = -1;
  boolean hasMtime;
  long mtimeSeconds;
  int mtimeNanos;
  String sparseMajor;
  String sparseMinor;
  String sparseName;
  String sparseMap;
  long sparseSize = -1;
  long sparseRealSize = -1;
  List<long[]> sparsePairs;
  private long pendingSparseOffset = -1;
  private Map<String, byte[]> schilyXattrs;
  private Map<String, byte[]> libarchiveXattrs;

  PaxHeaders copy() {
    PaxHeaders c = new PaxHeaders();
    c.path = path;
    c.linkPath = linkPath;
    c.userName = userName;
    c.groupName = groupName;
    c.size = size;
    c.uid = uid;
    c.gid = gid;
    c.devMajor = devMajor;
    c.devMinor = devMinor;
    c.hasMtime = hasMtime;
    c.mtimeSeconds = mtimeSeconds;
    c.mtimeNanos = mtimeNanos;
    c.sparseMajor = sparseMajor;
    c.sparseMinor = sparseMinor;
    c.sparseName = sparseName;
    c.sparseMap = sparseMap;
    c.sparseSize = sparseSize;
    c.sparseRealSize = sparseRealSize;
    c.sparsePairs = sparsePairs == null ? null : new ArrayList<>(sparsePairs);
    c.schilyXattrs = schilyXattrs == null ? null : new LinkedHashMap<>(schilyXattrs);
    c.libarchiveXattrs = libarchiveXattrs == null ? null : new LinkedHashMap<>(libarchiveXattrs);
    return c;
  }

  /** Applies the records of one extended header: {@code "<length> <key>=<value>\n"} each. */
  void parse(byte[] data, long at) throws TarFormatException {
    int pos = 0;
    while (pos < data.length && data[pos] != 0) {
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
      long end = pos + length;
      if (space >= data.length || length <= 0 || end > data.length || data[(int) end - 1] != '\n') {
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
      int valueStart = eq + 1;
      int valueLength = (int) end - 1 - valueStart;
      if (valueLength == 0) {
        unset(key);
      } else {
        set(key, data, valueStart, valueLength, at);
      }
      pos = (int) end;
    }
  }

  private void set(String key, byte[] data, int off, int len, long at) throws TarFormatException {
    switch (key) {
      case "path" -> path = text(data, off, len);
      case "linkpath" -> linkPath = text(data, off, len);
      case "uname" -> userName = text(data, off, len);
      case "gname" -> groupName = text(data, off, len);
      case "size" -> size = decimal(text(data, off, len), at, key);
      case "uid" -> uid = decimal(text(data, off, len), at, key);
      case "gid" -> gid = decimal(text(data, off, len), at, key);
      case "mtime" -> {
        long[] t = time(text(data, off, len), at);
        hasMtime = true;
        mtimeSeconds = t[0];
        mtimeNanos = (int) t[1];
      }
      case "SCHILY.devmajor" -> devMajor = decimal(text(data, off, len), at, key);
      case "SCHILY.devminor" -> devMinor = decimal(text(data, off, len), at, key);
      case "GNU.sparse.major" -> sparseMajor = text(data, off, len);
      case "GNU.sparse.minor" -> sparseMinor = text(data, off, len);
      case "GNU.sparse.name" -> sparseName = text(data, off, len);
      case "GNU.sparse.map" -> sparseMap = text(data, off, len);
      case "GNU.sparse.size" -> sparseSize = decimal(text(data, off, len), at, key);
      case "GNU.sparse.realsize" -> sparseRealSize = decimal(text(data, off, len), at, key);
      case "GNU.sparse.offset" -> pendingSparseOffset = decimal(text(data, off, len), at, key);
      case "GNU.sparse.numbytes" -> {
        if (pendingSparseOffset < 0) {
          throw new TarFormatException("GNU.sparse.numbytes without GNU.sparse.offset", at);
        }
        if (sparsePairs == null) {
          sparsePairs = new ArrayList<>();
        }
        sparsePairs.add(new long[] {pendingSparseOffset, decimal(text(data, off, len), at, key)});
        pendingSparseOffset = -1;
      }
      default -> {
        if (key.startsWith(XATTR_SCHILY)) {
          if (schilyXattrs == null) {
            schilyXattrs = new LinkedHashMap<>();
          }
          schilyXattrs.put(
              key.substring(XATTR_SCHILY.length()),
              java.util.Arrays.copyOfRange(data, off, off + len));
        } else if (key.startsWith(XATTR_LIBARCHIVE)) {
          if (libarchiveXattrs == null) {
            libarchiveXattrs = new LinkedHashMap<>();
          }
          libarchiveXattrs.put(
              percentDecode(key.substring(XATTR_LIBARCHIVE.length()), at),
              base64(text(data, off, len), key, at));
        }
      }
    }
  }

  private void unset(String key) {
    switch (key) {
      case "path" -> path = null;
      case "linkpath" -> linkPath = null;
      case "uname" -> userName = null;
      case "gname" -> groupName = null;
      case "size" -> size = -1;
      case "uid" -> uid = -1;
      case "gid" -> gid = -1;
      case "mtime" -> hasMtime = false;
      case "SCHILY.devmajor" -> devMajor = -1;
      case "SCHILY.devminor" -> devMinor = -1;
      default -> {
        if (key.startsWith(XATTR_SCHILY) && schilyXattrs != null) {
          schilyXattrs.remove(key.substring(XATTR_SCHILY.length()));
        }
      }
    }
  }

  /** Extended attributes; a SCHILY record wins over a LIBARCHIVE one for the same name. */
  Map<String, byte[]> xattrs() {
    if (schilyXattrs == null && libarchiveXattrs == null) {
      return Map.of();
    }
    Map<String, byte[]> out = new LinkedHashMap<>();
    if (libarchiveXattrs != null) {
      out.putAll(libarchiveXattrs);
    }
    if (schilyXattrs != null) {
      out.putAll(schilyXattrs);
    }
    return out;
  }

  static long decimal(String text, long at, String field) throws TarFormatException {
    if (text.isEmpty() || text.length() > 18 || !digits(text)) {
      throw new TarFormatException("bad decimal number in PAX " + field + ": " + text, at);
    }
    return Long.parseLong(text);
  }

  /** PAX time: {@code [-]seconds[.fraction]} as seconds and non-negative nanoseconds. */
  static long[] time(String text, long at) throws TarFormatException {
    boolean negative = text.startsWith("-");
    String body = negative ? text.substring(1) : text;
    int dot = body.indexOf('.');
    String whole = dot < 0 ? body : body.substring(0, dot);
    String fraction = dot < 0 ? "" : body.substring(dot + 1);
    if (!fraction.isEmpty() && !digits(fraction)) {
      throw new TarFormatException("bad PAX mtime: " + text, at);
    }
    long seconds = decimal(whole, at, "mtime");
    long nanos = 0;
    for (int i = 0; i < 9; i++) {
      nanos = nanos * 10 + (i < fraction.length() ? fraction.charAt(i) - '0' : 0);
    }
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

  private static byte[] base64(String value, String key, long at) throws TarFormatException {
    String padded = value;
    while (padded.length() % 4 != 0) {
      padded = padded + "=";
    }
    try {
      return Base64.getDecoder().decode(padded);
    } catch (IllegalArgumentException e) {
      throw new TarFormatException("bad base64 in PAX record " + key, at);
    }
  }

  private static String percentDecode(String s, long at) throws TarFormatException {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 2 >= s.length()) {
        throw new TarFormatException("bad percent escape in xattr name", at);
      }
      try {
        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
      } catch (NumberFormatException e) {
        throw new TarFormatException("bad percent escape in xattr name", at);
      }
      i += 2;
    }
    return out.toString();
  }

  private static String text(byte[] data, int off, int len) {
    return new String(data, off, len, StandardCharsets.ISO_8859_1);
  }
}
