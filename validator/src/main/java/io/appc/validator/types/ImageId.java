package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.Objects;

/**
 * An Image ID (types.md): {@code sha512-} followed by the hex digest of the uncompressed image tar,
 * e.g. {@code sha512-8d3f...} with 128 hex digits. Immutable.
 *
 * <p>{@link Compat#SPEC} requires the full digest: 128 lower-case hex digits. The spec defines the
 * value as "the hex encoded string of the digest", and a SHA-512 digest is 64 bytes; lower case is
 * the form {@code sha512sum} prints in aci.md's example and the form stores key by. Truncated IDs
 * ({@code sha512-} plus 32 hex digits, as printed by actool and rkt) are a shorthand that a store
 * resolves; they do not identify an image deterministically, so they are rejected here with a hint.
 * {@link Compat#ACTOOL} follows the Go {@code types.NewHash}: split on {@code -} into exactly two
 * parts, the first must be {@code sha512} and the second non-empty; nothing else is checked.
 *
 * @param algorithm the hash algorithm, always {@code sha512}
 * @param digest the hex digest (or, in actool mode, whatever followed the dash)
 */
public record ImageId(String algorithm, String digest) {
  /** The only permitted algorithm. */
  public static final String SHA512 = "sha512";

  /** Hex digits in a full SHA-512 digest. */
  public static final int FULL_LENGTH = 128;

  /** Hex digits in the truncated form some tools print. */
  public static final int TRUNCATED_LENGTH = 32;

  private static final String NEED =
      "an Image ID \"sha512-\" followed by 128 lower-case hex digits";
  private static final String NEED_GO = "an Image ID \"sha512-<digest>\"";

  public ImageId {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(digest, "digest");
  }

  /** True for {@code sha512-...}, the placeholder the spec's examples use for an elided digest. */
  public static boolean isElided(String value) {
    return "sha512-...".equals(value);
  }

  /**
   * Parses an Image ID.
   *
   * @throws InvalidValueException if {@code value} is not an Image ID in that mode
   */
  public static ImageId parse(String value, Compat compat) throws InvalidValueException {
    return compat == Compat.ACTOOL ? parseGo(value) : parseStrict(value);
  }

  private static ImageId parseStrict(String value) throws InvalidValueException {
    if (value == null || value.isEmpty()) {
      throw new InvalidValueException(
          value,
          NEED,
          "empty",
          "compute it with: echo sha512-$(sha512sum image.tar | cut -c1-128)");
    }
    int dash = value.indexOf('-');
    if (dash < 0) {
      throw new InvalidValueException(
          value, NEED, "no \"-\" between algorithm and digest", "write sha512-<hex digest>");
    }
    String algorithm = value.substring(0, dash);
    String digest = value.substring(dash + 1);
    if (!algorithm.equals(SHA512)) {
      throw new InvalidValueException(
          value,
          NEED,
          "algorithm \"" + algorithm + "\" is not permitted",
          "sha512 (lower case) is the only algorithm the spec permits");
    }
    int upper = 0;
    for (int i = 0; i < digest.length(); i++) {
      char c = digest.charAt(i);
      if (c >= 'A' && c <= 'F') {
        upper++;
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new InvalidValueException(
            value,
            NEED,
            "digest character " + AcIdentifier.describe(c) + " at offset " + i + " is not hex",
            digest.equals("...")
                ? "replace the placeholder with the real digest of the image"
                : "the digest is the sha512 of the uncompressed image tar in hex");
      }
    }
    if (upper > 0) {
      throw new InvalidValueException(
          value,
          NEED,
          "the digest has upper-case hex digits",
          "write the digest in lower case, as sha512sum prints it");
    }
    if (digest.length() != FULL_LENGTH) {
      String hint =
          digest.length() == TRUNCATED_LENGTH
              ? "this is a truncated ID; write the full 128-digit digest, since a prefix does not"
                  + " identify an image deterministically"
              : "a SHA-512 digest has 128 hex digits";
      throw new InvalidValueException(
          value, NEED, "the digest has " + digest.length() + " hex digits", hint);
    }
    return new ImageId(algorithm, digest);
  }

  private static ImageId parseGo(String value) throws InvalidValueException {
    String hint = "write sha512-<hex digest>";
    if (value == null) {
      throw new InvalidValueException(value, NEED_GO, "empty", hint);
    }
    String[] parts = value.split("-", -1);
    if (parts.length != 2) {
      throw new InvalidValueException(
          value, NEED_GO, "badly formatted: need exactly one \"-\"", hint);
    }
    if (parts[0].isEmpty()) {
      throw new InvalidValueException(value, NEED_GO, "empty hash type", hint);
    }
    if (!parts[0].equals(SHA512)) {
      throw new InvalidValueException(
          value, NEED_GO, "unrecognized hash type \"" + parts[0] + "\"", hint);
    }
    if (parts[1].isEmpty()) {
      throw new InvalidValueException(value, NEED_GO, "empty digest", hint);
    }
    return new ImageId(parts[0], parts[1]);
  }

  /** True if the digest is a complete lower-case SHA-512 hex digest. */
  public boolean isFull() {
    return digest.length() == FULL_LENGTH && digest.chars().allMatch(ImageId::isLowerHex);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /** The canonical text, {@code sha512-<digest>}. */
  @Override
  public String toString() {
    return algorithm + "-" + digest;
  }
}
