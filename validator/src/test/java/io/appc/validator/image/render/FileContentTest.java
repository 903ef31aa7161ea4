package io.appc.validator.image.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.testing.AciBuilder;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * File content and metadata survive the hand-over of small files to the background writer, in
 * batches and across batch boundaries, next to files too large to hand over; and a write that fails
 * midway (a full file system) fails the render without leaving files or descriptors behind.
 */
class FileContentTest {
  @TempDir Path tmp;
  RenderFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
  }

  /**
   * An image of {@code count} files of varied sizes, plus one empty and one larger than a batch.
   */
  private static List<byte[]> contents(int count, int maxSize) {
    Random random = new Random(7);
    List<byte[]> out = new ArrayList<>();
    out.add(new byte[0]);
    out.add(randomBytes(random, FileWriter.BUFFER_BYTES + 12345));
    out.add(randomBytes(random, FileWriter.BUFFER_BYTES));
    for (int i = 0; i < count; i++) {
      out.add(randomBytes(random, random.nextInt(maxSize)));
    }
    return out;
  }

  private static byte[] randomBytes(Random random, int size) {
    byte[] b = new byte[size];
    random.nextBytes(b);
    return b;
  }

  private static AciBuilder image(String name, List<byte[]> contents) {
    AciBuilder image = AciBuilder.image(name).dir("rootfs/d");
    for (int i = 0; i < contents.size(); i++) {
      image
          .bytes("rootfs/d/f" + i, contents.get(i), i % 2 == 0 ? 0640 : 0755)
          .mtime(Instant.ofEpochSecond(1_600_000_000L + i, i * 1000L));
    }
    return image;
  }

  /**
   * ACI-ARCH-006: content, mode and time of every file; ACI-ARCH-007: gzip. Uncompressed archives
   * are mapped and their content handed over; gzip content is copied.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyFileKeepsItsContentModeAndTime(boolean gzip) throws Exception {
    List<byte[]> contents = contents(700, 9000);
    AciBuilder image = image("example.com/many", contents);
    fx.add(gzip ? image.gzip() : image);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/many", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    for (int i = 0; i < contents.size(); i++) {
      Path file = target.resolve("rootfs/d/f" + i);
      assertArrayEquals(contents.get(i), Files.readAllBytes(file), file.toString());
      assertEquals(
          i % 2 == 0 ? "rw-r-----" : "rwxr-xr-x",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(file)),
          file.toString());
      assertEquals(
          FileTime.from(Instant.ofEpochSecond(1_600_000_000L + i, i * 1000L)),
          Files.getLastModifiedTime(file),
          file.toString());
    }
  }

  @Test
  void aFullFileSystemFailsTheRenderAndLeavesNothing() throws Exception {
    assumeTrue(NativeFs.get().isRoot(), "mounting a small tmpfs needs root");
    Path mount = Files.createDirectories(tmp.resolve("small"));
    assertEquals(0, run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString()));
    try {
      fx.add(image("example.com/big", contents(400, 16000)));
      long descriptorsBefore = openDescriptors();
      Path target = mount.resolve("out");
      Renderer.RenderResult result = fx.render("example.com/big", target);
      assertEquals(Renderer.Status.FAILED, result.status());
      assertTrue(
          result.failure().contains("No space left on device"),
          "the failure names the cause: " + result.failure());
      assertFalse(Files.exists(target), "no target");
      try (var left = Files.list(mount)) {
        assertEquals(List.of(), left.toList(), "nothing left on the file system");
      }
      assertEquals(descriptorsBefore, openDescriptors(), "every descriptor is closed");
    } finally {
      run("umount", mount.toString());
    }
  }

  private static long openDescriptors() throws Exception {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static int run(String... command) throws Exception {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(new File("/dev/null"))
        .start()
        .waitFor();
  }
}
