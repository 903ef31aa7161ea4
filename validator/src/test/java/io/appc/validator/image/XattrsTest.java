package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XattrsTest {
  @TempDir Path dir;

  private final Xattrs xattrs = Xattrs.system();

  // ACI-ARCH-006: extended attributes of every namespace, byte for byte
  @Test
  void readsEveryNamespaceWithBinaryValues() throws IOException {
    Path file = Files.writeString(dir.resolve("f"), "x");
    byte[] binary = {0, (byte) 0x80, (byte) 0xff, '\n'};
    xattrs.set(file, "user.b", binary);
    xattrs.set(file, "trusted.a", "root only".getBytes());
    xattrs.set(file, "user.empty", new byte[0]);
    var all = xattrs.list(file);
    assertEquals(List.of("trusted.a", "user.b", "user.empty"), List.copyOf(all.keySet()));
    assertArrayEquals(binary, all.get("user.b"));
    assertArrayEquals(new byte[0], all.get("user.empty"));
    String seenByPython =
        Fixtures.sh(
            "python3 -c \"import os,sys; print(os.getxattr(sys.argv[1], 'user.b').hex())\" '"
                + file
                + "'");
    assertEquals("0080ff0a", seenByPython.strip());
  }

  @Test
  void doesNotFollowSymbolicLinks() throws IOException {
    Path target = Files.writeString(dir.resolve("target"), "x");
    xattrs.set(target, "user.on-target", new byte[] {1});
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertEquals(List.of(), List.copyOf(xattrs.list(link).keySet()));
  }

  @Test
  void failsClearlyForMissingFiles() {
    IOException e = assertThrows(IOException.class, () -> xattrs.list(dir.resolve("missing")));
    assertEquals(true, e.getMessage().contains("errno 2"), e.getMessage());
  }
}
