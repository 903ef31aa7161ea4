package io.appc.validator.image.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer thread's hand-over ends with every descriptor closed, however it ends. */
class FileWriterTest {
  @TempDir Path dir;

  @Test
  void closingAnInterruptedWriterStillClosesEveryDescriptorItWasGiven() throws Exception {
    AciBuilder image = AciBuilder.image("example.com/many");
    for (int i = 0; i < 300; i++) {
      image.file("rootfs/f" + i, "content " + i);
    }
    Path archive = image.write(dir, "many.aci");
    Path out = Files.createDirectory(dir.resolve("out"));
    NativeFs fs = NativeFs.get().under(out);
    FileWriter.Metadata metadata = new FileWriter.Metadata(false, 0, 0, -1, Map.of(), 0, 0);
    long before = openDescriptors();

    FileWriter writer = new FileWriter(fs);
    int handedOver = 0;
    try (FileChannel channel = FileChannel.open(archive)) {
      TarReader reader = new TarReader(channel, null);
      TarEntry e;
      while ((e = reader.next()) != null) {
        if (e.type() == TarEntry.Type.FILE && e.name().startsWith("rootfs/")) {
          String name = "f" + handedOver++;
          int fd = fs.createFile(name, 0644);
          writer.add(
              fd, name, new FileWriter.Origin("many.aci", e.name()), metadata, reader, e.size());
        }
      }
    }
    Thread.currentThread().interrupt();
    writer.close();

    assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    assertEquals(300, handedOver);
    assertEquals(before, openDescriptors(), "no descriptor left open");
  }

  private static long openDescriptors() throws Exception {
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
