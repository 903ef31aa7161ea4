package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Reads tar entries with commons-compress, adding what a validator needs and the library does not
 * give:
 *
 * <ul>
 *   <li>entry names exactly as stored: the library strips a leading {@code /} from GNU long names,
 *       PAX {@code path} records and directory names, which would hide absolute paths;
 *   <li>header checksums are verified (the library ignores them);
 *   <li>whether the end-of-archive marker was present;
 *   <li>a bound on the bytes read between two entries (extended headers, long names, sparse maps),
 *       the only data a tar reader has to hold in memory, so a hostile header cannot exhaust it.
 * </ul>
 *
 * <p>Entry bodies are always consumed before the next header is read, so the bytes read between two
 * entries are exactly their headers.
 */
final class TarReader {
  /** Bytes read after the last entry: end marker (2 records) and the rest of a 10 KiB block. */
  private static final int END_SLACK = 20 * 512 + 2 * 512;

  private final ArchiveStream stream;
  private final DigestingInputStream counter;
  private final Guarded tar;
  private final int maxHeaderBytes;
  private TarArchiveEntry current;
  private String currentName;
  private String currentLink;
  private String lastName;
  private boolean inHeader;
  private final byte[] skipBuffer = new byte[DecompressionPipe.CHUNK];

  TarReader(ArchiveStream stream, ArchiveLimits limits) {
    this(stream, stream.digesting(), limits);
  }

  /**
   * Reads through {@code source}, a stream layered over {@code stream}'s uncompressed data (e.g.
   * one that copies what passes).
   */
  TarReader(ArchiveStream stream, InputStream source, ArchiveLimits limits) {
    this.stream = stream;
    this.counter = stream.digesting();
    this.maxHeaderBytes = limits.maxHeaderBytes();
    this.tar = new Guarded(source, maxHeaderBytes, counter::expectZeros);
  }

  /**
   * Moves to the next entry, consuming what is left of the current body.
   *
   * @return the entry, or {@code null} at the end of the archive
   */
  TarArchiveEntry next() throws IOException {
    if (current != null) {
      skipBody();
    }
    tar.startEntry();
    counter.budget(maxHeaderBytes + END_SLACK);
    inHeader = true;
    try {
      current = tar.getNextEntry();
    } catch (RuntimeException e) {
      // the library signals malformed headers with unchecked exceptions of several kinds
      throw tarData(e.getMessage(), e);
    } catch (ArchiveReadException e) {
      throw e;
    } catch (IOException e) {
      ArchiveReadException cause = ours(e);
      throw cause != null ? cause : tarData(e.getMessage(), e);
    } finally {
      counter.budget(-1);
    }
    inHeader = false;
    if (current == null) {
      currentName = null;
      currentLink = null;
      return null;
    }
    currentName = tar.rawName != null ? tar.rawName : tar.headerName();
    currentLink = tar.rawLink != null ? tar.rawLink : current.getLinkName();
    lastName = currentName;
    return current;
  }

  /**
   * Where reading stands, for messages about a failure: the entry whose body or following header
   * was being read.
   */
  String location() {
    if (lastName == null) {
      return "in the first header";
    }
    return (inHeader ? "in the header after entry '" : "in entry '") + lastName + "'";
  }

  /** The last entry read (its path as stored), or empty before the first. */
  String lastEntry() {
    return lastName == null ? "" : lastName;
  }

  /** The name of the current entry as stored (a directory keeps its trailing slash). */
  String name() {
    return currentName;
  }

  /** The link target of the current entry as stored, or empty. */
  String linkName() {
    return currentLink == null ? "" : currentLink;
  }

  /** The body of the current entry; reading it past the entry's size returns -1. */
  InputStream body() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return readBody(b, off, len);
      }
    };
  }

  /** True once an all-zero record (the end-of-archive marker) was read. */
  boolean sawEndMarker() {
    return tar.sawZeroRecord;
  }

  /** Uncompressed position in the tar stream. */
  long position() {
    return stream.position();
  }

  /** The canonical path of the current entry ({@code ./manifest} gives {@code manifest}). */
  String canonicalName() {
    return EntryPath.of(currentName).path();
  }

  /** Converts a summary for the layout rules. */
  EntrySummary summary() {
    TarArchiveEntry e = current;
    EntryType type;
    if (e.isDirectory()) {
      type = EntryType.DIRECTORY;
    } else if (e.isSymbolicLink()) {
      type = EntryType.SYMLINK;
    } else if (e.isLink()) {
      type = EntryType.HARDLINK;
    } else if (e.isCharacterDevice()) {
      type = EntryType.CHAR_DEVICE;
    } else if (e.isBlockDevice()) {
      type = EntryType.BLOCK_DEVICE;
    } else if (e.isFIFO()) {
      type = EntryType.FIFO;
    } else if (e.isFile()) {
      type = EntryType.FILE;
    } else {
      type = EntryType.OTHER;
    }
    boolean link = type == EntryType.SYMLINK || type == EntryType.HARDLINK;
    return new EntrySummary(currentName, type, link ? linkName() : null, e.getSize());
  }

  private int readBody(byte[] b, int off, int len) throws IOException {
    try {
      return tar.read(b, off, len);
    } catch (ArchiveReadException e) {
      throw e;
    } catch (IOException e) {
      ArchiveReadException cause = ours(e);
      throw cause != null ? cause : tarData(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw tarData(e.getMessage(), e);
    }
  }

  private void skipBody() throws IOException {
    while (readBody(skipBuffer, 0, skipBuffer.length) >= 0) {
      // the digest sees every byte while the body is skipped
    }
  }

  private static ArchiveReadException ours(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ArchiveReadException r) {
        return r;
      }
    }
    return null;
  }

  private static ArchiveReadException tarData(String message, Throwable cause) {
    String text = message == null ? cause.getClass().getSimpleName() : message;
    if (text.equals("Truncated TAR archive")) {
      text = "unexpected end of data inside an entry (archive truncated?)";
    }
    return new ArchiveReadException(Kind.TAR_DATA, "tar data is corrupt: " + text, cause);
  }

  /** The library reader with hooks for raw names, checksums and the end marker. */
  private static final class Guarded extends TarArchiveInputStream {
    private final ByteArrayOutputStream pax = new ByteArrayOutputStream();
    private final int maxHeaderBytes;
    private final Runnable onEndMarker;
    private final byte[] header = new byte[512];
    private int depth;
    private boolean sawZeroRecord;
    private String rawName;
    private String rawLink;

    Guarded(InputStream in, int maxHeaderBytes, Runnable onEndMarker) {
      // strict (not lenient) parsing: malformed numbers are errors, not zeros
      super(in, 10240, 512, StandardCharsets.UTF_8.name(), false);
      this.maxHeaderBytes = maxHeaderBytes;
      this.onEndMarker = onEndMarker;
    }

    /**
     * The name in the last header as stored: the library adds a slash to directory names through a
     * setter that also strips a leading slash.
     */
    String headerName() {
      String name = field(0, 100);
      boolean posix =
          header[257] == 'u' && header[262] == 0 && header[263] == '0' && header[264] == '0';
      if (posix) {
        boolean xstar =
            header[508] == 't' && header[509] == 'a' && header[510] == 'r' && header[511] == 0;
        String prefix = field(345, xstar ? 131 : 155);
        if (!prefix.isEmpty()) {
          return prefix + "/" + name;
        }
      }
      return name;
    }

    private String field(int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    void startEntry() {
      pax.reset();
      rawName = null;
      rawLink = null;
    }

    @Override
    public TarArchiveEntry getNextEntry() throws IOException {
      depth++;
      try {
        TarArchiveEntry entry = super.getNextEntry();
        if (depth == 1 && entry != null && pax.size() > 0) {
          applyPax();
        }
        return entry;
      } finally {
        depth--;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      TarArchiveEntry entry = getCurrentEntry();
      if (n > 0 && entry != null && entry.isPaxHeader()) {
        if (pax.size() + n > maxHeaderBytes) {
          throw new ArchiveReadException(
              Kind.LIMIT,
              "extended (PAX) header larger than the limit of " + maxHeaderBytes + " bytes",
              null);
        }
        pax.write(b, off, n);
      }
      return n;
    }

    @Override
    protected byte[] getLongNameData() throws IOException {
      TarArchiveEntry meta = getCurrentEntry();
      if (meta.getSize() > maxHeaderBytes) {
        throw new ArchiveReadException(
            Kind.LIMIT,
            "GNU long name of "
                + meta.getSize()
                + " bytes is larger than the limit of "
                + maxHeaderBytes
                + " bytes",
            null);
      }
      boolean link = meta.isGNULongLinkEntry();
      byte[] data = super.getLongNameData();
      if (data != null) {
        String value = new String(data, StandardCharsets.UTF_8);
        if (link) {
          rawLink = value;
        } else {
          rawName = value;
        }
      }
      return data;
    }

    @Override
    protected boolean isEOFRecord(byte[] record) {
      boolean end = super.isEOFRecord(record);
      if (record != null && end && !sawZeroRecord) {
        sawZeroRecord = true;
        onEndMarker.run();
      }
      if (record != null && !end && !isAtEOF()) {
        System.arraycopy(record, 0, header, 0, header.length);
      }
      if (record != null && !end && !isAtEOF() && !TarUtils.verifyCheckSum(record)) {
        throw new IllegalStateException(
            "header checksum mismatch (the header is corrupt or this is not tar data)");
      }
      return end;
    }

    /** Takes {@code path} and {@code linkpath} from the PAX records, unaltered. */
    private void applyPax() {
      byte[] data = pax.toByteArray();
      int i = 0;
      while (i < data.length) {
        int space = i;
        while (space < data.length && data[space] != ' ') {
          space++;
        }
        int length;
        try {
          length = Integer.parseInt(new String(data, i, space - i, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
          return;
        }
        int end = i + length;
        if (length <= 0 || end > data.length || space + 1 >= end) {
          return;
        }
        int equals = space + 1;
        while (equals < end && data[equals] != '=') {
          equals++;
        }
        if (equals < end - 1) {
          String key = new String(data, space + 1, equals - space - 1, StandardCharsets.UTF_8);
          String value = new String(data, equals + 1, end - equals - 2, StandardCharsets.UTF_8);
          if (key.equals("path")) {
            rawName = value;
          } else if (key.equals("linkpath")) {
            rawLink = value;
          }
        }
        i = end;
      }
    }
  }
}
