package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds real tar archives for tests. Headers are assembled here byte by byte (independently of the
 * production {@link TarWriter}), so that hostile archives can say anything: absolute names, {@code
 * ..}, wrong checksums, absurd sizes.
 */
final class Fixtures {
  static final String MANIFEST_JSON =
      "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/test\"}";

  private Fixtures() {}

  /** A tar stream assembled entry by entry. */
  static final class Tar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Tar file(String name, String body) {
      return file(name, body.getBytes(StandardCharsets.UTF_8));
    }

    Tar file(String name, byte[] body) {
      header(name, '0', body.length, "");
      data(body);
      return this;
    }

    Tar dir(String name) {
      header(name, '5', 0, "");
      return this;
    }

    Tar symlink(String name, String target) {
      header(name, '2', 0, target);
      return this;
    }

    Tar hardlink(String name, String target) {
      header(name, '1', 0, target);
      return this;
    }

    /** A PAX extended header with the given records ({@code "path=/x"}), for the next entry. */
    Tar pax(String... records) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (String r : records) {
        byte[] kv = r.getBytes(StandardCharsets.UTF_8);
        int fixed = kv.length + 2;
        int length = fixed + Integer.toString(fixed).length();
        if (Integer.toString(length).length() != Integer.toString(fixed).length()) {
          length = fixed + Integer.toString(length).length();
        }
        body.writeBytes((length + " ").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(kv);
        body.write('\n');
      }
      header("PaxHeaders/x", 'x', body.size(), "");
      data(body.toByteArray());
      return this;
    }

    /** A GNU long name entry ({@code ././@LongLink}, type L) for the next entry. */
    Tar gnuLongName(String name) {
      byte[] bytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
      header("././@LongLink", 'L', bytes.length, "");
      data(bytes);
      return this;
    }

    /** A header whose size field claims {@code size} bytes; no body follows. */
    Tar headerOnly(String name, char type, long size) {
      header(name, type, size, "");
      return this;
    }

    Tar raw(byte[] bytes) {
      out.writeBytes(bytes);
      return this;
    }

    /** The standard valid image: manifest, rootfs/, one file. */
    static Tar image() {
      return new Tar().file("manifest", MANIFEST_JSON).dir("rootfs/").file("rootfs/a", "a\n");
    }

    /** The archive with the two zero records that end a tar. */
    byte[] bytes() {
      return withoutEnd(1024);
    }

    /** The archive followed by {@code zeros} zero bytes instead of the usual end marker. */
    byte[] withoutEnd(int zeros) {
      byte[] body = out.toByteArray();
      return Arrays.copyOf(body, body.length + zeros);
    }

    private void header(String name, char type, long size, String link) {
      byte[] h = new byte[512];
      put(h, 0, name.getBytes(StandardCharsets.UTF_8), 100);
      put(h, 100, octal(type == '5' ? 0755 : 0644, 7), 8);
      put(h, 108, octal(0, 7), 8);
      put(h, 116, octal(0, 7), 8);
      put(h, 124, octal(size, 11), 12);
      put(h, 136, octal(1_500_000_000L, 11), 12);
      h[156] = (byte) type;
      put(h, 157, link.getBytes(StandardCharsets.UTF_8), 100);
      put(h, 257, "ustar\0".getBytes(StandardCharsets.US_ASCII), 6);
      put(h, 263, "00".getBytes(StandardCharsets.US_ASCII), 2);
      Arrays.fill(h, 148, 156, (byte) ' ');
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      put(h, 148, String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 8);
      out.writeBytes(h);
    }

    private void data(byte[] body) {
      out.writeBytes(body);
      out.writeBytes(new byte[(512 - body.length % 512) % 512]);
    }

    private static byte[] octal(long value, int digits) {
      String s = Long.toOctalString(value);
      return ("0".repeat(Math.max(0, digits - s.length())) + s + "\0")
          .getBytes(StandardCharsets.US_ASCII);
    }

    private static void put(byte[] h, int offset, byte[] value, int max) {
      System.arraycopy(value, 0, h, offset, Math.min(max, value.length));
    }
  }

  /** Compresses with the system tool ({@code gzip}, {@code bzip2}, {@code xz}) via a pipe. */
  static byte[] compress(String tool, byte[] data) {
    if (tool.equals("none")) {
      return data;
    }
    return run(data, tool, "-c");
  }

  static byte[] run(byte[] stdin, String... command) {
    try {
      Process p =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      Thread feeder =
          new Thread(
              () -> {
                try (var in = p.getOutputStream()) {
                  in.write(stdin);
                } catch (IOException e) {
                  // the process may exit early; its status tells
                }
              });
      feeder.start();
      byte[] out;
      try (InputStream result = p.getInputStream()) {
        out = result.readAllBytes();
      }
      feeder.join();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timeout: " + List.of(command));
      }
      assertEquals(0, p.exitValue(), "exit status of " + List.of(command));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs a shell command line; returns stdout. */
  static String sh(String script) {
    return new String(run(new byte[0], "sh", "-c", script), StandardCharsets.UTF_8);
  }

  static Path write(Path dir, String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  static String sha512(byte[] data) {
    try {
      return "sha512-"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a layout directory with a valid manifest and a rootfs holding one file. */
  static Path layout(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("rootfs/etc"));
    Files.writeString(dir.resolve("manifest"), MANIFEST_JSON);
    Files.writeString(dir.resolve("rootfs/etc/hostname"), "test\n");
    return dir;
  }

  static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n")));
  }
}
