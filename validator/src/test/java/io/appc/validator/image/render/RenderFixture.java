package io.appc.validator.image.render;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.StoredImage;
import io.appc.validator.image.testing.AciBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A store in a temporary directory plus helpers to render and describe results. */
final class RenderFixture {
  final Path dir;
  final ImageStore store;
  private int counter;

  RenderFixture(Path dir) throws IOException {
    this.dir = dir;
    this.store = ImageStore.open(dir.resolve("store"));
  }

  /** Writes and adds an image; returns its ID. */
  String add(AciBuilder image) throws Exception {
    return store.add(write(image)).image().id();
  }

  Path write(AciBuilder image) throws IOException {
    Files.createDirectories(dir.resolve("aci"));
    return image.write(dir.resolve("aci"), "image" + (counter++) + ".aci");
  }

  RenderPlan plan(String reference, Compat compat) throws Exception {
    StoredImage top = store.resolve(reference);
    return new RenderPlanner(store, compat).plan(LayerImage.of(top, store.blob(top)));
  }

  Renderer.RenderResult render(String reference, Path target) throws Exception {
    return render(reference, target, Compat.SPEC);
  }

  Renderer.RenderResult render(String reference, Path target, Compat compat) throws Exception {
    return new Renderer(compat).render(plan(reference, compat), target);
  }

  Renderer.RenderResult renderFile(Path archive, Path target) throws Exception {
    List<Finding> findings = new ArrayList<>();
    LayerImage top = Renderer.archive(archive, findings);
    RenderPlan plan = new RenderPlanner(store, Compat.SPEC).plan(top);
    return new Renderer(Compat.SPEC).render(plan, target);
  }

  /**
   * Every path under {@code root} (not followed through symlinks) described as {@code d 0755},
   * {@code f 0644 content} or {@code l target}.
   */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.toList()) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        PosixFileAttributes a =
            Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String mode = Integer.toOctalString(0x1000 | mode(a)).substring(1);
        if (a.isSymbolicLink()) {
          out.put(rel, "l " + Files.readSymbolicLink(p));
        } else if (a.isDirectory()) {
          out.put(rel, "d " + mode);
        } else if (a.isRegularFile()) {
          out.put(
              rel, "f " + mode + " " + new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } else {
          out.put(rel, "o " + mode);
        }
      }
    }
    return out;
  }

  private static int mode(PosixFileAttributes a) {
    String s = PosixFilePermissions.toString(a.permissions());
    int m = 0;
    for (int i = 0; i < 9; i++) {
      if (s.charAt(i) != '-') {
        m |= 1 << (8 - i);
      }
    }
    return m;
  }

  static String errors(Renderer.RenderResult result) {
    return result.findings().stream()
        .filter(f -> f.level() == Level.ERROR)
        .map(f -> f.requirementId() + " " + f.file() + "!" + f.pointer() + ": " + f.message())
        .collect(Collectors.joining("\n"));
  }

  static List<String> ids(Renderer.RenderResult result) {
    return result.findings().stream()
        .filter(f -> f.level() == Level.ERROR)
        .map(Finding::requirementId)
        .toList();
  }

  /** Names of temporary render directories left in {@code parent}. */
  static List<String> leftovers(Path parent) throws IOException {
    try (Stream<Path> s = Files.list(parent)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".appc-render-"))
          .toList();
    }
  }
}
