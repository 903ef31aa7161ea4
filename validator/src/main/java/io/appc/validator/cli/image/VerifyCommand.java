package io.appc.validator.cli.image;

import io.appc.validator.finding.Level;
import io.appc.validator.image.sign.SignatureVerifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appc verify IMAGE.aci --keyring KEYS.asc}: check a detached signature. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an image archive's ASCII-armored detached OpenPGP signature"
          + " (as made by gpg --armor --detach-sign) against trusted public keys."
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE.aci", description = "The signed archive.")
  Path archive;

  @Option(
      names = "--signature",
      paramLabel = "FILE",
      description = "The signature (default: IMAGE.aci.asc next to the archive).")
  Path signature;

  @Option(
      names = "--keyring",
      required = true,
      paramLabel = "KEYS",
      description = "Trusted public keys, armored or binary (gpg --armor --export).")
  Path keyring;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path sig = signature != null ? signature : SignatureVerifier.defaultSignature(archive);
    for (Path p : new Path[] {archive, sig, keyring}) {
      if (!Files.isRegularFile(p)) {
        err.println("error: " + p + (Files.exists(p) ? ": not a regular file" : ": no such file"));
        err.flush();
        return ImageCli.USAGE_OR_IO;
      }
    }
    try {
      SignatureVerifier.Result r = new SignatureVerifier().verify(archive, sig, keyring);
      FindingLines.print(err, r.findings(), Level.NOTE);
      if (!r.good()) {
        return ImageCli.CHECK_FAILED;
      }
      SignatureVerifier.Signer s = r.signer();
      out.printf(
          "good signature on %s from key %s %s (fingerprint %s), made %s%n",
          archive,
          s.keyId(),
          s.userIds().isEmpty() ? "(no user ID)" : "\"" + String.join("\", \"", s.userIds()) + "\"",
          s.fingerprint(),
          s.created().toInstant());
      out.flush();
      return ImageCli.OK;
    } catch (IOException e) {
      err.println("error: " + ImageCli.message(e));
      err.flush();
      return ImageCli.USAGE_OR_IO;
    }
  }
}
