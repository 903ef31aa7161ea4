package io.appc.validator.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What an image archive file holds, recognised by its first bytes (never by its name): the spec
 * allows a plain tar or a gzip, bzip2 or xz compressed one, and PGP-encrypted data, which we can
 * recognise but not open. {@link CompressedStream} reads the compressed ones.
 */
public enum Compression {
  NONE,
  GZIP,
  BZIP2,
  XZ,
  OPENPGP,
  UNKNOWN;

  /** Bytes needed by {@link #detect}: a tar header's magic sits at offset 257. */
  public static final int MAGIC_LENGTH = 512;

  /** Detects the format from up to {@link #MAGIC_LENGTH} leading bytes. */
  public static Compression detect(byte[] head, int length) {
    if (startsWith(head, length, 0x1f, 0x8b)) {
      return GZIP;
    }
    if (startsWith(head, length, 'B', 'Z', 'h')) {
      return BZIP2;
    }
    if (startsWith(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
      return XZ;
    }
    if (length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
      return NONE;
    }
    if (isOpenPgp(head, length)) {
      return OPENPGP;
    }
    return UNKNOWN;
  }

  /**
   * Reads the leading bytes of {@code in} (which must support mark/reset), detects the format, and
   * returns it without consuming anything.
   */
  public static Compression detect(BufferedInputStream in) throws IOException {
    in.mark(MAGIC_LENGTH);
    byte[] head = in.readNBytes(MAGIC_LENGTH);
    in.reset();
    return detect(head, head.length);
  }

  /** Name used in messages and output. */
  public String label() {
    switch (this) {
      case NONE:
        return "uncompressed tar";
      case OPENPGP:
        return "OpenPGP data";
      case UNKNOWN:
        return "unknown format";
      default:
        return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static boolean startsWith(byte[] head, int length, int... magic) {
    if (length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((head[i] & 0xff) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * OpenPGP messages start with a packet header whose top bit is set (RFC 4880 §4.2); an encrypted
   * archive starts with a symmetric-key session packet (tag 3), a public-key session packet (tag 1)
   * or encrypted data (tags 9, 18). Armored data starts with a BEGIN PGP line.
   */
  private static boolean isOpenPgp(byte[] head, int length) {
    String text = new String(head, 0, Math.min(length, 40), StandardCharsets.US_ASCII);
    if (text.startsWith("-----BEGIN PGP MESSAGE-----")) {
      return true;
    }
    if (length < 2 || (head[0] & 0x80) == 0) {
      return false;
    }
    int b = head[0] & 0xff;
    int tag = (b & 0x40) != 0 ? b & 0x3f : (b >> 2) & 0x0f;
    return tag == 1 || tag == 3 || tag == 9 || tag == 18;
  }
}
