package io.appc.validator.image;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The rules about file names around an image archive (aci.md, "Image Archives"): the archive ends
 * in {@code .aci}; it should have a signature next to it, named {@code .aci.asc}, which must be an
 * ASCII-armored detached OpenPGP signature. Whether the signature verifies against a trusted key is
 * not checked here.
 */
final class ArchiveNaming {
  static final String SUFFIX = ".aci";
  static final String SIGNATURE_SUFFIX = ".asc";
  private static final String ARMOR = "-----BEGIN PGP SIGNATURE-----";
  private static final int MAX_SIGNATURE_BYTES = 1 << 20;

  private ArchiveNaming() {}

  /**
   * Checks the archive's own name (into {@code findings}) and its signature file (findings about
   * that file go to {@code other}).
   */
  static void check(Path file, String display, Findings findings, List<Finding> other) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    boolean named = name.endsWith(SUFFIX);
    if (!named) {
      findings.error(
          "ACI-ARCH-001",
          "",
          "need a file name ending in '.aci', got '" + name + "'",
          "rename the image to " + suggestedName(name));
    }
    Path signature = file.resolveSibling(name + SIGNATURE_SUFFIX);
    String signatureDisplay = display + SIGNATURE_SUFFIX;
    if (!Files.exists(signature, LinkOption.NOFOLLOW_LINKS)) {
      findings.warning(
          "ACI-ARCH-009",
          "",
          "image is not signed: no detached signature '" + signature.getFileName() + "' found",
          "sign it: gpg --armor --output " + name + ".asc --detach-sig " + name);
      return;
    }
    if (!named) {
      other.add(
          new Finding(
              "ACI-ARCH-011",
              Level.ERROR,
              signatureDisplay,
              "",
              0,
              0,
              "need a signature file name ending in '.aci.asc', got '"
                  + signature.getFileName()
                  + "'",
              "rename the image and its signature together"));
    }
    String problem = armorProblem(signature);
    if (problem != null) {
      other.add(
          new Finding(
              "ACI-ARCH-010",
              Level.ERROR,
              signatureDisplay,
              "",
              0,
              0,
              problem,
              "create it with: gpg --armor --detach-sig " + name));
    }
  }

  private static String suggestedName(String name) {
    for (String ext : List.of(".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar")) {
      if (name.endsWith(ext)) {
        return "'" + name.substring(0, name.length() - ext.length()) + SUFFIX + "'";
      }
    }
    return "'" + name + SUFFIX + "'";
  }

  /** Why the file is not an ASCII-armored detached signature, or {@code null} if it is one. */
  static String armorProblem(Path signature) {
    byte[] data;
    try (InputStream in = Files.newInputStream(signature)) {
      data = in.readNBytes(MAX_SIGNATURE_BYTES + 1);
    } catch (IOException e) {
      return "cannot read the signature: " + ArchiveReadException.reason(e);
    }
    if (data.length > MAX_SIGNATURE_BYTES) {
      return "need a detached signature (a few hundred bytes), got a file over 1 MiB";
    }
    String text = new String(data, StandardCharsets.ISO_8859_1).stripLeading();
    if (!text.startsWith(ARMOR)) {
      String got =
          data.length > 0 && (data[0] & 0x80) != 0
              ? "binary OpenPGP data"
              : "'" + firstLine(text) + "'";
      return "need an ASCII-armored signature starting with '" + ARMOR + "', got " + got;
    }
    try (InputStream decoder = PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(data))) {
      Object first = new BcPGPObjectFactory(decoder).nextObject();
      if (!(first instanceof PGPSignatureList list) || list.isEmpty()) {
        return "need a detached signature packet, got "
            + (first == null ? "no OpenPGP packet" : first.getClass().getSimpleName());
      }
    } catch (IOException | RuntimeException e) {
      return "armored signature cannot be decoded: " + e.getMessage();
    }
    return null;
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }
}
