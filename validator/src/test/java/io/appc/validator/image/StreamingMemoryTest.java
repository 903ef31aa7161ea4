package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory must stay flat whatever the archive size: a 200 MB entry is validated in a JVM whose whole
 * heap is 64 MB.
 */
class StreamingMemoryTest {
  private static final long SIZE = 200L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void validatesTwoHundredMegabytesOfZerosInASixtyFourMegabyteHeap() throws Exception {
    Path image = dir.resolve("zeros.aci");
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(image), 1 << 16);
        GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
        DigestOutputStream tarBytes = new DigestOutputStream(gzip, sha512)) {
      TarWriter tar = new TarWriter(tarBytes);
      byte[] manifest = Fixtures.MANIFEST_JSON.getBytes(StandardCharsets.UTF_8);
      tar.write(
          header("manifest", TarWriter.FILE, manifest.length),
          new java.io.ByteArrayInputStream(manifest));
      tar.write(header("rootfs/", TarWriter.DIRECTORY, 0), null);
      tar.write(header("rootfs/zeros", TarWriter.FILE, SIZE), new Zeros(SIZE));
      tar.finish();
    }
    String expected = "sha512-" + HexFormat.of().formatHex(sha512.digest());

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                ValidateMain.class.getName(),
                image.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out;
    try (InputStream in = child.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!child.waitFor(300, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    assertEquals(0, child.exitValue(), out);
    assertEquals(List.of(expected, "0"), List.of(out.strip().split("\n")));
  }

  private static TarWriter.Header header(String name, byte type, long size) {
    return new TarWriter.Header(
        name,
        type,
        type == TarWriter.DIRECTORY ? 0755 : 0644,
        0,
        0,
        "",
        "",
        0,
        size,
        "",
        0,
        0,
        null);
  }

  /** {@code size} zero bytes without holding them. */
  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long size) {
      this.left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
