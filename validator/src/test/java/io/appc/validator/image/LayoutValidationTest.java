package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutValidationTest {
  @TempDir Path dir;

  private final ImageValidator validator = new ImageValidator(ValidationOptions.DEFAULT);

  private String ids(Path layout) {
    return ids(validator.validateLayout(layout, "layout"));
  }

  private static String ids(FileResult result) {
    return result.findings().stream()
        .map(f -> f.requirementId() + "@" + f.file() + ":" + f.pointer())
        .sorted()
        .collect(Collectors.joining(" "));
  }

  // ACI-LAYOUT-001: manifest file plus rootfs directory
  @Test
  void acceptsAValidLayout() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("l"));
    Files.createSymbolicLink(layout.resolve("rootfs/etc/link"), Path.of("/nowhere"));
    FileResult result = validator.validateLayout(layout, "layout");
    assertEquals("", ids(result));
    assertEquals("ImageLayout", result.kind());
    assertNull(result.imageId());
  }

  @Test
  void followsASymlinkToTheLayoutItself() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("l"));
    Path link = Files.createSymbolicLink(dir.resolve("alias"), layout);
    assertEquals("", ids(link));
  }

  @Test
  void rejectsAnythingBesideManifestAndRootfs() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("l"));
    Files.writeString(layout.resolve("README"), "x");
    Files.createDirectory(layout.resolve("rootfsx"));
    assertEquals("ACI-LAYOUT-002@layout:README ACI-LAYOUT-002@layout:rootfsx", ids(layout));
    assertEquals(
        "ACI-LAYOUT-002@layout:README",
        ids(
            new ImageValidator(ValidationOptions.DEFAULT.withCompat(Compat.ACTOOL))
                .validateLayout(layout, "layout")));
  }

  @Test
  void rejectsASymlinkedRootfs() throws IOException {
    Path layout = dir.resolve("l");
    Files.createDirectories(layout);
    Files.writeString(layout.resolve("manifest"), Fixtures.MANIFEST_JSON);
    Path real = Files.createDirectories(dir.resolve("real-rootfs"));
    Files.createSymbolicLink(layout.resolve("rootfs"), real);
    assertEquals("ACI-LAYOUT-001@layout:rootfs", ids(layout));
  }

  @Test
  void requiresManifestFileAndRootfsDirectory() throws IOException {
    Path layout = Files.createDirectories(dir.resolve("l/manifest"));
    Files.writeString(layout.resolveSibling("rootfs"), "not a directory");
    assertEquals(
        "ACI-LAYOUT-001@layout:manifest ACI-LAYOUT-001@layout:rootfs", ids(layout.getParent()));
    assertEquals(
        "ACI-LAYOUT-001@layout: ACI-LAYOUT-001@layout:",
        ids(Files.createDirectory(dir.resolve("empty"))));
  }

  @Test
  void reportsManifestFindingsUnderTheManifestFile() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("l"));
    Files.writeString(layout.resolve("manifest"), "[1,");
    assertEquals("IM-001@layout/manifest:", ids(layout));
  }

  @Test
  void notesSocketsThatAnArchiveCannotHold() throws IOException {
    Path layout = Fixtures.layout(dir.resolve("l"));
    try (ServerSocketChannel socket =
        ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
      socket.bind(UnixDomainSocketAddress.of(layout.resolve("rootfs/sock")));
      assertEquals("LINT-ARCH-004@layout:rootfs/sock", ids(layout));
    }
  }

  @Test
  void reportsAFileOrAMissingPath() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertEquals("ACI-LAYOUT-001@layout:", ids(file));
    assertEquals("IO-ERROR@layout:", ids(dir.resolve("missing")));
  }
}
