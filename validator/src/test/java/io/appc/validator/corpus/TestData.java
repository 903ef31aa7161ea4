package io.appc.validator.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** Where the shared test data lives and how its files are named. */
final class TestData {
  static final String SIDECAR_SUFFIX = ".expect.json";

  /** Reads sidecars and vector files; duplicate members in them are mistakes, not data. */
  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private TestData() {}

  /** The repository's {@code testdata} directory (tests run with the module as working dir). */
  static Path root() {
    String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
    for (Path candidate :
        List.of(
            Path.of(basedir, "..", "testdata"),
            Path.of(System.getProperty("user.dir"), "..", "testdata"),
            Path.of(System.getProperty("user.dir"), "testdata"))) {
      if (Files.isDirectory(candidate.resolve("manifests"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("testdata/ not found from " + basedir);
  }

  static Path examples() {
    return root().resolve("examples");
  }

  static Path manifests() {
    return root().resolve("manifests");
  }

  static Path goVectors() {
    return root().resolve("go-vectors");
  }

  static boolean isSidecar(Path file) {
    return file.getFileName().toString().endsWith(SIDECAR_SUFFIX);
  }

  static boolean isManifest(Path file) {
    return file.getFileName().toString().endsWith(".json") && !isSidecar(file);
  }

  static Path sidecarOf(Path manifest) {
    String name = manifest.getFileName().toString();
    return manifest.resolveSibling(
        name.substring(0, name.length() - ".json".length()) + SIDECAR_SUFFIX);
  }

  static Path manifestOf(Path sidecar) {
    String name = sidecar.getFileName().toString();
    return sidecar.resolveSibling(
        name.substring(0, name.length() - SIDECAR_SUFFIX.length()) + ".json");
  }

  /** Every regular file below {@code dir}, sorted for stable test order. */
  static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String relative(Path file) {
    return root().relativize(file).toString().replace('\\', '/');
  }
}
