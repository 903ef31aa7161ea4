package io.appc.validator.image;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes the uncompressed tar stream through while hashing and counting every byte, including those
 * the tar reader skips: {@link #skip} reads instead of seeking, so the image ID (sha512 of the
 * uncompressed tar, aci.md "Image ID") covers exactly the bytes {@code gzip -dc} would print.
 */
final class DigestingInputStream extends InputStream {
  private static final int SKIP_BUFFER = 1 << 16;

  private final InputStream in;
  private final MessageDigest digest;
  private final long limit;
  private long count;
  private long budgetEnd = -1;
  private long zerosFrom = -1;
  private boolean nonZero;
  private byte[] skipBuffer;

  DigestingInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
    try {
      this.digest = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-512", e);
    }
  }

  /**
   * Allows at most {@code bytes} more bytes to be read until the budget is lifted with a negative
   * value; the tar reader runs under a budget while it reads the headers of one entry.
   */
  void budget(long bytes) {
    budgetEnd = bytes < 0 ? -1 : count + bytes;
  }

  /**
   * From now on, checks that every byte read is zero (what follows the first end-of-archive record
   * of a tar); {@link #drain} reports the result.
   */
  void expectZeros() {
    if (zerosFrom < 0) {
      zerosFrom = count;
    }
  }

  /** Bytes passed through so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      nonZero |= zerosFrom >= 0 && b != 0;
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      digest.update(buffer, offset, n);
      if (zerosFrom >= 0 && !nonZero) {
        for (int i = offset; i < offset + n && !nonZero; i++) {
          nonZero = buffer[i] != 0;
        }
      }
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    if (skipBuffer == null) {
      skipBuffer = new byte[SKIP_BUFFER];
    }
    int r = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
    return Math.max(r, 0);
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  /**
   * Reads everything that is left (the tar reader stops after the end-of-archive marker) and
   * reports whether everything read since {@link #expectZeros} was zero bytes.
   */
  boolean drain(byte[] buffer) throws IOException {
    expectZeros();
    while (read(buffer, 0, buffer.length) >= 0) {
      // hashed and checked by read
    }
    return !nonZero;
  }

  /** The image ID of everything read; call once, after {@link #drain}. */
  String imageId() {
    return "sha512-" + HexFormat.of().formatHex(digest.digest());
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private void advance(int n) throws ArchiveReadException {
    count += n;
    if (count > limit) {
      throw new ArchiveReadException(
          ArchiveReadException.Kind.LIMIT,
          "uncompressed archive is larger than the limit of " + limit + " bytes",
          null);
    }
    if (budgetEnd >= 0 && count > budgetEnd) {
      throw new ArchiveReadException(
          ArchiveReadException.Kind.LIMIT,
          "the headers of one entry (extended headers, long names, sparse maps) exceed the limit",
          null);
    }
  }
}
