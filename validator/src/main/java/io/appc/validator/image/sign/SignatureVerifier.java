package io.appc.validator.image.sign;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.bcpg.ArmoredInputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Checks an image archive against its detached OpenPGP signature (aci.md, Image Archives): the
 * signature must be ASCII-armored and detached (ACI-ARCH-010), named {@code .aci.asc}
 * (ACI-ARCH-011), made over the archive file's bytes as they are (compressed or not) by a key in
 * the given keyring, and that key must not be revoked or expired at signing time. Which keys to
 * trust is the caller's choice (ACI-ARCH-013): only keys in the keyring count.
 */
public final class SignatureVerifier {
  private static final String ARMOR_SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

  /**
   * The key that made a good signature.
   *
   * @param keyId the signing (sub)key's 64-bit key ID, 16 upper-case hex digits
   * @param fingerprint the signing key's fingerprint, upper-case hex
   * @param userIds the user IDs of the key's primary key
   * @param created when the signature was made
   */
  public record Signer(String keyId, String fingerprint, List<String> userIds, Date created) {
    public Signer {
      userIds = List.copyOf(userIds);
    }
  }

  /**
   * The outcome: {@code signer} is set exactly when the signature is good.
   *
   * @param signer who signed, or {@code null}
   * @param findings why the signature was not accepted
   */
  public record Result(Signer signer, List<Finding> findings) {
    public Result {
      findings = List.copyOf(findings);
    }

    public boolean good() {
      return signer != null && findings.stream().noneMatch(f -> f.level() == Level.ERROR);
    }
  }

  /** The conventional signature file of an archive: the archive name plus {@code .asc}. */
  public static Path defaultSignature(Path archive) {
    return archive.resolveSibling(archive.getFileName() + ".asc");
  }

  /**
   * Verifies {@code signature} over {@code archive} with the public keys in {@code keyring}
   * (armored or binary, one or several keys).
   *
   * @throws IOException when a file cannot be read
   */
  public Result verify(Path archive, Path signature, Path keyring) throws IOException {
    List<Finding> findings = new ArrayList<>();
    String sigName = signature.getFileName().toString();
    String sigFile = signature.toString();
    if (!archive.getFileName().toString().endsWith(".aci")) {
      findings.add(
          error(
              "ACI-ARCH-001",
              archive.toString(),
              "need an image archive named *.aci, got " + archive.getFileName(),
              "rename the archive"));
    }
    if (!sigName.endsWith(".aci.asc")) {
      findings.add(
          error(
              "ACI-ARCH-011",
              sigFile,
              "need a signature named *.aci.asc, got " + sigName,
              "name it after the archive: " + archive.getFileName() + ".asc"));
    }
    byte[] sigBytes = Files.readAllBytes(signature);
    PGPSignature sig = readArmoredSignature(sigBytes, sigFile, findings);
    PGPPublicKeyRingCollection keys = readKeyring(keyring, findings);
    if (sig == null || keys == null) {
      return new Result(null, findings);
    }
    String keyId = keyId(sig.getKeyID());
    PGPPublicKey key = keys.getPublicKey(sig.getKeyID());
    if (key == null) {
      findings.add(
          error(
              "ACI-ARCH-009",
              sigFile,
              "signed by key " + keyId + ", which is not in the keyring " + keyring,
              "add the signer's public key to the keyring if you trust it"));
      return new Result(null, findings);
    }
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
          sig.update(buf, 0, n);
        }
      }
      if (!sig.verify()) {
        findings.add(
            error(
                "ACI-ARCH-009",
                archive.toString(),
                "bad signature from key " + keyId + ": the archive is not what was signed",
                "the archive or the signature was changed after signing"));
        return new Result(null, findings);
      }
    } catch (PGPException e) {
      findings.add(
          error(
              "ACI-ARCH-010",
              sigFile,
              "cannot check the signature: " + e.getMessage(),
              "re-create it with: gpg --armor --detach-sign " + archive.getFileName()));
      return new Result(null, findings);
    }
    PGPPublicKeyRing ring = keys.getPublicKeyRing(sig.getKeyID());
    PGPPublicKey primary = ring.getPublicKey();
    if (primary.hasRevocation() || key.hasRevocation()) {
      findings.add(
          error(
              "ACI-ARCH-009",
              keyring.toString(),
              "key " + keyId + " is revoked",
              "do not trust archives signed with a revoked key"));
    }
    long valid = key.getValidSeconds();
    Date created = sig.getCreationTime();
    if (valid > 0 && created.getTime() > key.getCreationTime().getTime() + valid * 1000) {
      findings.add(
          error(
              "ACI-ARCH-009",
              keyring.toString(),
              "key " + keyId + " had expired when the signature was made",
              ""));
    }
    List<String> userIds = new ArrayList<>();
    Iterator<String> ids = primary.getUserIDs();
    while (ids.hasNext()) {
      userIds.add(ids.next());
    }
    Signer signer =
        new Signer(
            keyId,
            HexFormat.of().withUpperCase().formatHex(key.getFingerprint()),
            userIds,
            created);
    return new Result(signer, findings);
  }

  private static PGPSignature readArmoredSignature(
      byte[] bytes, String file, List<Finding> findings) {
    String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.US_ASCII);
    String trimmed = head.stripLeading();
    if (!trimmed.startsWith(ARMOR_SIGNATURE)) {
      String got =
          trimmed.startsWith("-----BEGIN PGP SIGNED MESSAGE-----")
              ? "a clear-signed message"
              : trimmed.startsWith("-----BEGIN PGP MESSAGE-----")
                  ? "an inline-signed message"
                  : trimmed.startsWith("-----BEGIN PGP")
                      ? "another armored OpenPGP block"
                      : "binary or unknown data";
      findings.add(
          error(
              "ACI-ARCH-010",
              file,
              "need an ASCII-armored detached signature (" + ARMOR_SIGNATURE + "), got " + got,
              "create it with: gpg --armor --detach-sign FILE.aci"));
      return null;
    }
    try (ArmoredInputStream armored = new ArmoredInputStream(new ByteArrayInputStream(bytes))) {
      Object o = new BcPGPObjectFactory(armored).nextObject();
      if (!(o instanceof PGPSignatureList list) || list.isEmpty()) {
        findings.add(
            error(
                "ACI-ARCH-010",
                file,
                "need a signature packet inside the armor, got "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()),
                ""));
        return null;
      }
      PGPSignature sig = list.get(0);
      if (sig.getSignatureType() != PGPSignature.BINARY_DOCUMENT) {
        findings.add(
            error(
                "ACI-ARCH-010",
                file,
                "need a signature over binary data (type 0x00), got type 0x"
                    + Integer.toHexString(sig.getSignatureType()),
                "sign without --textmode"));
        return null;
      }
      return sig;
    } catch (IOException | RuntimeException e) {
      findings.add(
          error(
              "ACI-ARCH-010",
              file,
              "the armored signature is damaged: " + e.getMessage(),
              "re-create it with: gpg --armor --detach-sign FILE.aci"));
      return null;
    }
  }

  private static PGPPublicKeyRingCollection readKeyring(Path keyring, List<Finding> findings)
      throws IOException {
    // Read first, so that whatever parsing throws (BouncyCastle reports bad armor or base64 as an
    // IOException) is about the content, a finding, not a failure to read the file.
    byte[] bytes = Files.readAllBytes(keyring);
    try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
      PGPPublicKeyRingCollection keys =
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
      if (!keys.getKeyRings().hasNext()) {
        findings.add(error("ACI-ARCH-013", keyring.toString(), "need public keys, got none", ""));
        return null;
      }
      return keys;
    } catch (PGPException | IOException | RuntimeException e) {
      findings.add(
          error(
              "ACI-ARCH-013",
              keyring.toString(),
              "need OpenPGP public keys, the keyring does not parse: " + e.getMessage(),
              "export keys with: gpg --armor --export KEYID"));
      return null;
    }
  }

  private static String keyId(long id) {
    return String.format(Locale.ROOT, "%016X", id);
  }

  private static Finding error(String id, String file, String message, String hint) {
    return new Finding(id, Level.ERROR, file, "", 0, 0, message, hint);
  }
}
