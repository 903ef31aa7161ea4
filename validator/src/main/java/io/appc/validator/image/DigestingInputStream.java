package io.appc.validator.image;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Passes the uncompressed tar stream through while hashing and counting every byte, including
 * those the tar reader skips: {@link #skip} reads instead of seeking, so the image ID (sha512 of
 * the uncompressed tar, aci.md "Image ID") covers exactly the bytes {@code gzip -dc} would print.
 */
final class DigestingInputStream extends InputStream {
  private static final int SKIP_BUFFER = 1 << 16;

  private final InputStream in;
  private final MessageDigest digest;
  private final long limit;
  private long count;
  private long budgetEnd = -1;
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

  /** Bytes passed through so far. */
  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      digest.update((byte) b);
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      digest.update(buffer, offset, n);
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
   * reports whether all of it was zero bytes.
   */
  boolean drain(byte[] buffer) throws IOException {
    boolean zeros = true;
    int n;
    while ((n = read(buffer, 0, buffer.length)) >= 0) {
      for (int i = 0; zeros && i < n; i++) {
        zeros = buffer[i] == 0;
      }
    }
    return zeros;
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
