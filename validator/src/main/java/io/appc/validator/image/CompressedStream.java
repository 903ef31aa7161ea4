package io.appc.validator.image;

import io.appc.validator.image.ArchiveReadException.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * The uncompressed data of a gzip, bzip2 or xz file, which also checks what follows that data. A
 * file may hold several gzip members, or several bzip2 or xz streams, one after the other (gzip -c
 * a b, pbzip2, xz of concatenated files); all are read, as one stream. Anything else after the last
 * one is not part of the format:
 *
 * <ul>
 *   <li>bytes that are not all zero make the file invalid (Go's readers fail on them, and the JDK's
 *       gzip reader would silently drop them): the read that reaches the end throws an {@link
 *       ArchiveReadException} of kind {@link Kind#TRAILING_DATA};
 *   <li>zero bytes only (padding to a tape block, which gzip and bzip2 accept) are a warning the
 *       caller gets from {@link #trailingZeros()}, once the stream has been read to its end;
 *   <li>xz stream padding (zero bytes in multiples of four after a stream, xz file format §2.2) is
 *       part of the xz format and is accepted silently, as xz does.
 * </ul>
 *
 * <p>There is no cost per byte for this: every decoder stops exactly at the end of its member (the
 * gzip one gives back the input its inflater did not need), so the end of the compressed data is
 * known when the last member ends, and only the bytes after it are looked at.
 */
public final class CompressedStream extends InputStream {
  private static final int BUFFER = 1 << 16;
  private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};
  private static final byte[] BZIP2_MAGIC = {'B', 'Z', 'h'};
  private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  private final Compression compression;
  private final boolean checkEnd;
  private final Input input;
  private final Inflater inflater;
  private InputStream member;
  private TrailingZeros trailingZeros;
  private ArchiveReadException endFailure;

  /**
   * Starts reading {@code in}, a file of the given compression from its first byte; the first
   * member's header is read here.
   *
   * @param checkEnd whether to check what follows the compressed data; a reader that stops at the
   *     manifest does not, so that it behaves the same whether or not it happened to decompress a
   *     small file to its end
   * @throws IllegalArgumentException when {@code compression} is not gzip, bzip2 or xz
   */
  public CompressedStream(Compression compression, InputStream in, boolean checkEnd)
      throws IOException {
    if (compression != Compression.GZIP
        && compression != Compression.BZIP2
        && compression != Compression.XZ) {
      throw new IllegalArgumentException("cannot decompress " + compression.label());
    }
    this.compression = compression;
    this.checkEnd = checkEnd;
    this.input = new Input(in);
    // zlib memory outside the heap: one inflater serves every member, and close() frees it
    this.inflater = compression == Compression.GZIP ? new Inflater(true) : null;
    try {
      this.member = open();
    } catch (IOException | RuntimeException e) {
      if (inflater != null) {
        inflater.end();
      }
      throw e;
    }
  }

  /**
   * The zero bytes found after the compressed data; known once a read has returned -1 (empty
   * before).
   */
  public Optional<TrailingZeros> trailingZeros() {
    return Optional.ofNullable(trailingZeros);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (endFailure != null) {
      // a later read must not look like a clean end
      throw endFailure;
    }
    while (member != null) {
      int n = member.read(b, off, len);
      if (n >= 0) {
        return n;
      }
      try {
        member = next();
      } catch (ArchiveReadException e) {
        member = null;
        endFailure = e;
        throw e;
      }
    }
    return -1;
  }

  @Override
  public int available() throws IOException {
    return member == null ? 0 : member.available();
  }

  @Override
  public void close() throws IOException {
    member = null;
    if (inflater != null) {
      inflater.end();
    }
    input.close();
  }

  /** The decoder of the member or stream that starts here. */
  private InputStream open() throws IOException {
    switch (compression) {
      case GZIP:
        return new GzipMember(input, inflater);
      case BZIP2:
        // one stream only: this class looks for the next one itself, so that it knows where the
        // last one ended
        return new BZip2CompressorInputStream(input, false);
      default:
        // no memory limit, as commons-compress used it: ArchiveLimits bound the output instead
        return new SingleXZInputStream(input);
    }
  }

  /**
   * After a member: the next one, or {@code null} at the end of the file. Zero bytes may sit
   * between xz streams (stream padding); anything else ends the compressed data.
   */
  private InputStream next() throws IOException {
    long end = input.position();
    long zeros = input.skipZeros();
    boolean padding = zeros == 0 || (compression == Compression.XZ && zeros % 4 == 0);
    if (padding && input.startsWith(magic())) {
      return open();
    }
    if (!checkEnd) {
      return null;
    }
    if (input.atEnd()) {
      if (!padding) {
        trailingZeros = new TrailingZeros(compression, end, zeros);
      }
      return null;
    }
    long count = zeros + input.skipRest();
    String label = compression.label();
    throw new ArchiveReadException(
        Kind.TRAILING_DATA,
        TrailingZeros.REQUIREMENT,
        "not a valid "
            + label
            + " file: "
            + count
            + (count == 1 ? " byte follows" : " bytes follow")
            + " the end of the "
            + label
            + " data at byte offset "
            + end
            + " and "
            + (count == 1 ? "is" : "are")
            + " not another "
            + (compression == Compression.GZIP ? "gzip member" : label + " stream"),
        null);
  }

  private byte[] magic() {
    switch (compression) {
      case GZIP:
        return GZIP_MAGIC;
      case BZIP2:
        return BZIP2_MAGIC;
      default:
        return XZ_MAGIC;
    }
  }

  /**
   * The compressed file, buffered, with the position of the next unread byte in the file and a look
   * at the bytes ahead. The gzip inflater is lent the buffer itself.
   */
  static final class Input extends InputStream {
    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private long read;
    private boolean eof;

    Input(InputStream in) {
      this.in = in;
    }

    /** Offset in the file of the next byte not yet taken. */
    long position() {
      return read - (lim - pos);
    }

    /** Reads more after the bytes not yet taken; false at the end of the file. */
    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
      }
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) {
        eof = true;
        return false;
      }
      lim += n;
      read += n;
      return true;
    }

    boolean atEnd() throws IOException {
      return pos == lim && !fill();
    }

    /** Whether the next bytes are {@code magic}; takes nothing. */
    boolean startsWith(byte[] magic) throws IOException {
      while (lim - pos < magic.length) {
        if (!fill()) {
          return false;
        }
      }
      for (int i = 0; i < magic.length; i++) {
        if (buf[pos + i] != magic[i]) {
          return false;
        }
      }
      return true;
    }

    /** Takes the zero bytes that come next; returns how many. */
    long skipZeros() throws IOException {
      long zeros = 0;
      while (!atEnd()) {
        int start = pos;
        while (pos < lim && buf[pos] == 0) {
          pos++;
        }
        zeros += pos - start;
        if (pos < lim) {
          break;
        }
      }
      return zeros;
    }

    /** Takes everything left; returns how many bytes that was. */
    long skipRest() throws IOException {
      long count = 0;
      while (!atEnd()) {
        count += lim - pos;
        pos = lim;
      }
      return count;
    }

    /** Lends the inflater the bytes not yet taken, reading more if there are none; false at EOF. */
    boolean lend(Inflater inflater) throws IOException {
      if (atEnd()) {
        return false;
      }
      inflater.setInput(buf, pos, lim - pos);
      pos = lim;
      return true;
    }

    /** Takes back the last {@code unused} bytes lent: the inflater did not need them. */
    void giveBack(int unused) {
      pos = lim - unused;
    }

    @Override
    public int read() throws IOException {
      if (atEnd()) {
        return -1;
      }
      return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (atEnd()) {
        return -1;
      }
      int n = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return lim - pos;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * One gzip member (RFC 1952): header, deflate data, and a trailer with the CRC-32 and the size of
   * the data, both checked. It reads the input buffer in place and gives back to it what follows
   * the deflate data.
   */
  private static final class GzipMember extends InputStream {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Input input;
    private final Inflater inflater;
    private final CRC32 crc = new CRC32();
    private boolean done;

    GzipMember(Input input, Inflater inflater) throws IOException {
      this.input = input;
      this.inflater = inflater;
      inflater.reset();
      readHeader();
    }

    private void readHeader() throws IOException {
      CRC32 header = new CRC32();
      if (headerByte(header) != 0x1f || headerByte(header) != 0x8b) {
        throw new ZipException("not in gzip format");
      }
      int method = headerByte(header);
      if (method != 8) {
        throw new ZipException("need compression method 8 (deflate), got " + method);
      }
      int flags = headerByte(header);
      for (int i = 0; i < 6; i++) {
        headerByte(header); // modification time, extra flags, operating system
      }
      if ((flags & FEXTRA) != 0) {
        int length = headerByte(header) | headerByte(header) << 8;
        for (int i = 0; i < length; i++) {
          headerByte(header);
        }
      }
      if ((flags & FNAME) != 0) {
        while (headerByte(header) != 0) {
          // the original file name, zero-terminated
        }
      }
      if ((flags & FCOMMENT) != 0) {
        while (headerByte(header) != 0) {
          // a comment, zero-terminated
        }
      }
      if ((flags & FHCRC) != 0) {
        int expected = (int) header.getValue() & 0xffff;
        if (littleEndian(2) != expected) {
          throw new ZipException("gzip header checksum mismatch");
        }
      }
    }

    private int headerByte(CRC32 header) throws IOException {
      int b = input.read();
      if (b < 0) {
        throw new EOFException("end of data in a gzip header");
      }
      header.update(b);
      return b;
    }

    private long littleEndian(int bytes) throws IOException {
      long value = 0;
      for (int i = 0; i < bytes; i++) {
        int b = input.read();
        if (b < 0) {
          throw new EOFException("end of data in a gzip trailer");
        }
        value |= (long) b << (8 * i);
      }
      return value;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      try {
        while (true) {
          int n = inflater.inflate(b, off, len);
          if (n > 0) {
            crc.update(b, off, n);
            return n;
          }
          if (inflater.finished()) {
            readTrailer();
            done = true;
            return -1;
          }
          if (inflater.needsDictionary()) {
            throw new ZipException("deflate data that needs a preset dictionary");
          }
          if (inflater.needsInput() && !input.lend(inflater)) {
            throw new EOFException("end of data inside deflate data");
          }
        }
      } catch (DataFormatException e) {
        throw new ZipException(e.getMessage() == null ? "invalid deflate data" : e.getMessage());
      }
    }

    private void readTrailer() throws IOException {
      input.giveBack(inflater.getRemaining());
      long storedCrc = littleEndian(4);
      long storedSize = littleEndian(4);
      if (storedCrc != crc.getValue()) {
        throw new ZipException("CRC-32 mismatch: the gzip trailer does not match the data");
      }
      if (storedSize != (inflater.getBytesWritten() & 0xffffffffL)) {
        throw new ZipException("size mismatch: the gzip trailer does not match the data");
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int available() {
      // as InflaterInputStream: more may come until the member has ended
      return done ? 0 : 1;
    }
  }
}
