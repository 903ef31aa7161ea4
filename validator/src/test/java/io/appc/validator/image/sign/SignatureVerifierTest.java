package io.appc.validator.image.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.appc.validator.finding.Finding;
import io.appc.validator.image.testing.AciBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detached signatures made with keys generated here, and one made by gpg when it is installed. */
class SignatureVerifierTest {
  @TempDir static Path tmp;
  static Key alice;
  static Key mallory;
  static Path archive;

  /** A generated key: its pair and public ring. */
  record Key(PGPKeyPair pair, PGPPublicKeyRing ring) {
    String id() {
      return String.format("%016X", pair.getKeyID());
    }
  }

  @BeforeAll
  static void keys() throws Exception {
    alice = generate("Alice Builder <alice@example.com>");
    mallory = generate("Mallory <mallory@example.com>");
    archive = AciBuilder.image("example.com/app").file("rootfs/a", "hello").write(tmp, "app.aci");
  }

  static Key generate(String userId) throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    PGPKeyPair pair =
        new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, kpg.generateKeyPair(), new Date());
    PGPKeyRingGenerator gen =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            pair,
            userId,
            new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
            null,
            null,
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            null);
    return new Key(pair, gen.generatePublicKeyRing());
  }

  static byte[] sign(Key key, byte[] data, boolean armor) throws Exception {
    PGPSignatureGenerator gen =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            key.pair().getPublicKey());
    gen.init(PGPSignature.BINARY_DOCUMENT, key.pair().getPrivateKey());
    gen.update(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream o = armor ? new ArmoredOutputStream(out) : out) {
      gen.generate().encode(o);
    }
    return out.toByteArray();
  }

  static Path keyring(String name, Key... keys) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArmoredOutputStream a = new ArmoredOutputStream(out)) {
      for (Key k : keys) {
        k.ring().encode(a);
      }
    }
    return Files.write(tmp.resolve(name), out.toByteArray());
  }

  static List<String> ids(SignatureVerifier.Result r) {
    return r.findings().stream().map(Finding::requirementId).toList();
  }

  // ACI-ARCH-009: a good signature by a key of the keyring
  @Test
  void goodSignatureNamesTheSigner() throws Exception {
    Path sig =
        Files.write(tmp.resolve("app.aci.asc"), sign(alice, Files.readAllBytes(archive), true));
    SignatureVerifier.Result r =
        new SignatureVerifier().verify(archive, sig, keyring("both.asc", mallory, alice));
    assertTrue(r.good(), r.findings().toString());
    assertEquals(alice.id(), r.signer().keyId());
    assertEquals(List.of("Alice Builder <alice@example.com>"), r.signer().userIds());
    assertEquals(sig, SignatureVerifier.defaultSignature(archive));
  }

  // ACI-ARCH-009
  @Test
  void tamperedArchiveIsABadSignature() throws Exception {
    Path copy = tmp.resolve("tampered.aci");
    byte[] bytes = Files.readAllBytes(archive);
    Path sig = Files.write(tmp.resolve("tampered.aci.asc"), sign(alice, bytes, true));
    bytes[bytes.length - 1] ^= 1;
    Files.write(copy, bytes);
    SignatureVerifier.Result r =
        new SignatureVerifier().verify(copy, sig, keyring("alice.asc", alice));
    assertFalse(r.good());
    assertTrue(r.findings().get(0).message().startsWith("bad signature"), r.findings().toString());
  }

  // ACI-ARCH-009, ACI-ARCH-013: only keys of the keyring are trusted
  @Test
  void signatureByAKeyOutsideTheKeyringIsUnknown() throws Exception {
    Path sig =
        Files.write(
            tmp.resolve("mallory.aci.asc"), sign(mallory, Files.readAllBytes(archive), true));
    SignatureVerifier.Result r =
        new SignatureVerifier().verify(archive, sig, keyring("alice-only.asc", alice));
    assertFalse(r.good());
    assertTrue(r.findings().get(0).message().contains(mallory.id()), r.findings().toString());
  }

  @Test
  void binaryOrClearSignedSignaturesAreNotArmoredDetachedSignatures() throws Exception {
    Path binary =
        Files.write(tmp.resolve("bin.aci.asc"), sign(alice, Files.readAllBytes(archive), false));
    Path clear =
        Files.writeString(
            tmp.resolve("clear.aci.asc"),
            "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nhello\n");
    Path keys = keyring("alice2.asc", alice);
    assertEquals(
        List.of("ACI-ARCH-010"), ids(new SignatureVerifier().verify(archive, binary, keys)));
    assertEquals(
        List.of("ACI-ARCH-010"), ids(new SignatureVerifier().verify(archive, clear, keys)));
  }

  @Test
  void signatureFileMustBeNamedAciAsc() throws Exception {
    Path sig = Files.write(tmp.resolve("app.sig"), sign(alice, Files.readAllBytes(archive), true));
    SignatureVerifier.Result r =
        new SignatureVerifier().verify(archive, sig, keyring("a3.asc", alice));
    assertFalse(r.good());
    assertEquals(List.of("ACI-ARCH-011"), ids(r));
  }

  @Test
  void archiveMustBeNamedAci() throws Exception {
    Path tar = Files.copy(archive, tmp.resolve("app.tar"));
    Path sig =
        Files.write(tmp.resolve("app.tar.aci.asc"), sign(alice, Files.readAllBytes(tar), true));
    SignatureVerifier.Result r = new SignatureVerifier().verify(tar, sig, keyring("a4.asc", alice));
    assertFalse(r.good());
    assertEquals(List.of("ACI-ARCH-001"), ids(r));
  }

  @Test
  void keyringThatIsNotAKeyringIsReported() throws Exception {
    Path sig =
        Files.write(tmp.resolve("k.aci.asc"), sign(alice, Files.readAllBytes(archive), true));
    Path junk = Files.writeString(tmp.resolve("junk.asc"), "not a key");
    SignatureVerifier.Result r = new SignatureVerifier().verify(archive, sig, junk);
    assertFalse(r.good());
    assertEquals(List.of("ACI-ARCH-013"), ids(r));
  }

  /** ACI-ARCH-009, ACI-ARCH-010: a signature made by gpg itself, as the spec's example does. */
  @Test
  void signatureMadeByGpgVerifies() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/gpg")), "gpg is not installed");
    Path home = Files.createDirectories(tmp.resolve("gnupg"));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Map<String, String> env = Map.of("GNUPGHOME", home.toString());
    try {
      gpg(
          env,
          "--batch",
          "--passphrase",
          "",
          "--quick-gen-key",
          "Gpg Signer <gpg@example.com>",
          "ed25519",
          "sign",
          "never");
      Path sig = tmp.resolve("gpg-signed.aci.asc");
      Path signed = Files.copy(archive, tmp.resolve("gpg-signed.aci"));
      gpg(
          env,
          "--batch",
          "--armor",
          "--output",
          sig.toString(),
          "--detach-sign",
          signed.toString());
      Path keys = tmp.resolve("gpg-keys.asc");
      gpg(env, "--batch", "--armor", "--output", keys.toString(), "--export");
      SignatureVerifier.Result r = new SignatureVerifier().verify(signed, sig, keys);
      assertTrue(r.good(), r.findings().toString());
      assertEquals(List.of("Gpg Signer <gpg@example.com>"), r.signer().userIds());
      Files.write(
          signed,
          "changed".getBytes(StandardCharsets.UTF_8),
          java.nio.file.StandardOpenOption.APPEND);
      assertFalse(new SignatureVerifier().verify(signed, sig, keys).good());
    } finally {
      // gpg started an agent for this home directory only; stop it.
      ProcessBuilder kill = new ProcessBuilder("gpgconf", "--kill", "all");
      kill.environment().putAll(env);
      kill.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      kill.start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void gpg(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("gpg", "--quiet", "--no-tty"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gpg timed out");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
  }
}
