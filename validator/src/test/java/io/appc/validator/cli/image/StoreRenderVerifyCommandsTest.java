package io.appc.validator.cli.image;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.image.testing.AciBuilder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The picocli commands run as a user would: exit codes and output lines. */
class StoreRenderVerifyCommandsTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  private Run run(Callable<Integer> command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private String store() {
    return tmp.resolve("store").toString();
  }

  @Test
  void storeAddListRemoveAndGc() throws Exception {
    Path app = image("example.com/app").label("version", "1.0.0").write(tmp, "app.aci");
    Run add = run(new StoreCommand(), "add", "--store", store(), app.toString());
    assertEquals(0, add.code(), add.err());
    assertEquals(AciBuilder.idOf(app), add.out().strip());

    Run list = run(new StoreCommand(), "list", "--store", store());
    assertEquals(0, list.code());
    assertTrue(list.out().contains("example.com/app"), list.out());
    assertTrue(list.out().contains("version=1.0.0"), list.out());

    Run json = run(new StoreCommand(), "list", "--store", store(), "--format", "json");
    assertTrue(json.out().contains("\"id\" : \"" + AciBuilder.idOf(app) + "\""), json.out());

    Run badFormat = run(new StoreCommand(), "list", "--store", store(), "--format", "xml");
    assertEquals(2, badFormat.code());

    Run rm = run(new StoreCommand(), "rm", "--store", store(), "example.com/app:1.0.0");
    assertEquals(0, rm.code(), rm.err());
    Run again = run(new StoreCommand(), "rm", "--store", store(), "example.com/app");
    assertEquals(1, again.code());
    assertTrue(again.err().startsWith("error: example.com/app: no image"), again.err());

    Run gc = run(new StoreCommand(), "gc", "--store", store());
    assertEquals(0, gc.code());
    assertTrue(gc.out().startsWith("removed 0 temporary files"), gc.out());
  }

  @Test
  void storeAddReportsUnusableArchivesAndMissingFiles() throws Exception {
    Path noName =
        image("x")
            .rawManifest("{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\"}")
            .write(tmp, "noname.aci");
    Run bad = run(new StoreCommand(), "add", "--store", store(), noName.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().contains("noname.aci!manifest: error IM-012: "), bad.err());
    assertTrue(bad.err().contains("(at /name)"), bad.err());
    Run missing =
        run(new StoreCommand(), "add", "--store", store(), tmp.resolve("nope.aci").toString());
    assertEquals(2, missing.code());
    assertFalse(missing.err().contains("Exception"), missing.err());
  }

  @Test
  void renderPrintsTheLayerOrderAndTheResult() throws Exception {
    Path base =
        image("example.com/base").file("rootfs/etc/os-release", "base").write(tmp, "base.aci");
    run(new StoreCommand(), "add", "--store", store(), base.toString());
    Path app =
        image("example.com/app")
            .dependency("example.com/base", null)
            .file("rootfs/app", "app")
            .write(tmp, "app.aci");
    Path target = tmp.resolve("out");
    Run r = run(new RenderCommand(), app.toString(), "--to", target.toString(), "--store", store());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).startsWith("layer 1/2: example.com/base (sha512-"), r.out());
    assertTrue(lines.get(0).endsWith("via example.com/app -> example.com/base"), r.out());
    assertTrue(lines.get(1).startsWith("layer 2/2: " + app), r.out());
    assertTrue(
        lines.get(2).startsWith("rendered example.com/app (" + AciBuilder.idOf(app) + ")"),
        r.out());
    assertEquals("base", Files.readString(target.resolve("rootfs/etc/os-release")));

    Run again =
        run(new RenderCommand(), app.toString(), "--to", target.toString(), "--store", store());
    assertEquals(2, again.code(), "a non-empty target is a usage error");
  }

  @Test
  void refusedRenderIsOneLinePerProblemWithFileMemberAndRequirement() throws Exception {
    Path evil =
        image("example.com/evil")
            .symlink("rootfs/etc", tmp.toString())
            .file("rootfs/etc/owned", "x")
            .write(tmp, "evil.aci");
    Path target = tmp.resolve("out");
    Run r =
        run(new RenderCommand(), evil.toString(), "--to", target.toString(), "--store", store());
    assertEquals(1, r.code());
    assertTrue(r.err().contains(evil + ": error ACI-ARCH-005: "), r.err());
    assertTrue(r.err().contains("(at rootfs/etc/owned)"), r.err());
    assertFalse(r.err().contains("Exception"));
    assertFalse(r.err().contains("\tat "));
    assertFalse(Files.exists(tmp.resolve("owned")));
    assertFalse(Files.exists(target));
  }

  @Test
  void renderUsageAndLookupErrors() throws Exception {
    assertEquals(2, run(new RenderCommand(), "x.aci", "--store", store()).code(), "missing --to");
    assertEquals(
        2,
        run(
                new RenderCommand(),
                tmp.resolve("no.aci").toString(),
                "--to",
                tmp.resolve("o").toString(),
                "--store",
                store())
            .code());
    Run unknown =
        run(
            new RenderCommand(),
            "example.com/nothing",
            "--to",
            tmp.resolve("o").toString(),
            "--store",
            store());
    assertEquals(1, unknown.code());
    assertTrue(unknown.err().contains("no image matching example.com/nothing"), unknown.err());
    assertEquals(
        2, run(new RenderCommand(), "x", "--to", "o", "--compat", "go", "--store", store()).code());
  }

  @Test
  void verifyGoodAndTampered() throws Exception {
    KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
    kpg.initialize(2048);
    PGPKeyPair pair =
        new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, kpg.generateKeyPair(), new Date());
    PGPKeyRingGenerator gen =
        new PGPKeyRingGenerator(
            PGPSignature.POSITIVE_CERTIFICATION,
            pair,
            "Cli Tester <cli@example.com>",
            new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
            null,
            null,
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            null);
    Path keys = tmp.resolve("keys.asc");
    try (OutputStream o = new ArmoredOutputStream(Files.newOutputStream(keys))) {
      gen.generatePublicKeyRing().encode(o);
    }
    Path aci = image("example.com/app").write(tmp, "app.aci");
    PGPSignatureGenerator sg =
        new PGPSignatureGenerator(
            new JcaPGPContentSignerBuilder(
                PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
            pair.getPublicKey());
    sg.init(PGPSignature.BINARY_DOCUMENT, pair.getPrivateKey());
    sg.update(Files.readAllBytes(aci));
    ByteArrayOutputStream sig = new ByteArrayOutputStream();
    try (OutputStream o = new ArmoredOutputStream(sig)) {
      sg.generate().encode(o);
    }
    Files.write(tmp.resolve("app.aci.asc"), sig.toByteArray());

    Run good = run(new VerifyCommand(), aci.toString(), "--keyring", keys.toString());
    assertEquals(0, good.code(), good.err());
    assertTrue(
        good.out()
            .contains(
                String.format("from key %016X \"Cli Tester <cli@example.com>\"", pair.getKeyID())),
        good.out());

    Files.writeString(aci, "tampered", java.nio.file.StandardOpenOption.APPEND);
    Run bad = run(new VerifyCommand(), aci.toString(), "--keyring", keys.toString());
    assertEquals(1, bad.code());
    assertTrue(bad.err().startsWith(aci + ": error ACI-ARCH-009: bad signature"), bad.err());

    Run noSig =
        run(
            new VerifyCommand(),
            aci.toString(),
            "--signature",
            tmp.resolve("none.asc").toString(),
            "--keyring",
            keys.toString());
    assertEquals(2, noSig.code());
  }
}
