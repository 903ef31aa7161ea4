package io.appc.validator.image.render;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Go renderer's scenarios (VR §16.28, pkg/acirenderer/acirenderer_test.go), rendered for real
 * and compared file by file, including the directories a render creates for parents. Where the spec
 * reading differs from Go's, the test says so.
 */
class RenderScenariosTest {
  @TempDir Path tmp;
  RenderFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
  }

  private Map<String, String> renderTop(String name) throws Exception {
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render(name, target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertTrue(Files.isRegularFile(target.resolve("manifest")));
    assertTrue(
        Files.readString(target.resolve("manifest")).contains("\"" + name + "\""),
        "the manifest comes from the rendered image");
    return RenderFixture.tree(target.resolve("rootfs"));
  }

  private static Map<String, String> expect(String... pairs) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  // IM-004, ACE-FS-004, ACE-FS-005: the dependency's rootfs, then the image's own
  @Test
  void dirFromParentAndNewDir() throws Exception {
    String dep = fx.add(image("example.com/test01").dir("rootfs/a"));
    fx.add(image("example.com/test02").dependency("example.com/test01", dep).dir("rootfs/b"));
    assertEquals(expect("a", "d 0755", "b", "d 0755"), renderTop("example.com/test02"));
  }

  // ACE-FS-007: a later layer's directory overrides the earlier one's mode
  @Test
  void dirOverrideTakesTheUpperMode() throws Exception {
    String dep = fx.add(image("example.com/test01").dir("rootfs/a"));
    AciBuilder top = image("example.com/test02").dependency("example.com/test01", dep);
    top.dir("rootfs/a", 0700);
    fx.add(top);
    assertEquals(expect("a", "d 0700"), renderTop("example.com/test02"));
  }

  // ACE-FS-005, ACE-FS-007, IM-005: the image's file overwrites the dependency's; the rest is kept
  @Test
  void fileFromParentNewFileAndOverride() throws Exception {
    String dep =
        fx.add(
            image("example.com/test01")
                .file("rootfs/a/file01.txt", "hello")
                .file("rootfs/a/kept.txt", "hello"));
    fx.add(
        image("example.com/test02")
            .dependency("example.com/test01", dep)
            .file("rootfs/a/file01.txt", "hellohello")
            .file("rootfs/b/new.txt", "new"));
    assertEquals(
        expect(
            "a", "d 0755",
            "a/file01.txt", "f 0644 hellohello",
            "a/kept.txt", "f 0644 hello",
            "b", "d 0755",
            "b/new.txt", "f 0644 new"),
        renderTop("example.com/test02"));
  }

  // ACE-FS-007: a later file replaces an earlier directory and all below it
  @Test
  void fileOverridesDirectorySubtree() throws Exception {
    AciBuilder dep = image("example.com/test01");
    dep.dir("rootfs/a/b", 0700);
    dep.dir("rootfs/a/b/c", 0700);
    dep.file("rootfs/a/b/c/file01", "hello");
    String id = fx.add(dep);
    fx.add(
        image("example.com/test02")
            .dependency("example.com/test01", id)
            .file("rootfs/a/b", "hellohello"));
    assertEquals(
        expect("a", "d 0755", "a/b", "f 0644 hellohello"), renderTop("example.com/test02"));
  }

  /** The dependency members of PWLOnlyParent and PWLOnlyImage. */
  private static AciBuilder pwlDependency(AciBuilder b) {
    b.file("rootfs/a/file01.txt", "hello")
        .file("rootfs/a/file02.txt", "hello")
        .file("rootfs/a/file03.txt", "hello")
        .symlink("rootfs/b/link01.txt", "file01.txt");
    b.dir("rootfs/c", 0700);
    b.file("rootfs/c/file01.txt", "hello", 0700);
    b.dir("rootfs/d", 0700);
    b.file("rootfs/d/file01.txt", "hello", 0700);
    b.file("rootfs/e/file01.txt", "hello", 0700);
    return b;
  }

  // ACE-FS-006: a dependency's own whitelist filters its files, not the image's
  @Test
  void whitelistOfTheDependencyOnly() throws Exception {
    String dep =
        fx.add(
            pwlDependency(
                image("example.com/test01")
                    .whitelist("/a/file01.txt", "/a/file02.txt", "/b/link01.txt", "/c/", "/d/")));
    fx.add(
        image("example.com/test02")
            .dependency("example.com/test01", dep)
            .file("rootfs/b/file01.txt", "hellohello")
            .file("rootfs/c/file02.txt", "hello"));
    assertEquals(
        expect(
            "a", "d 0755",
            "a/file01.txt", "f 0644 hello",
            "a/file02.txt", "f 0644 hello",
            "b", "d 0755",
            "b/file01.txt", "f 0644 hellohello",
            "b/link01.txt", "l file01.txt",
            "c", "d 0700",
            "c/file02.txt", "f 0644 hello",
            "d", "d 0700"),
        renderTop("example.com/test02"));
  }

  /**
   * ACE-FS-006, IM-007, IM-091: the rendered image's whitelist filters its dependency's files too.
   *
   * <p>Go drops the dependency's {@code c} directory (not listed exactly) and its extractor
   * recreates it with default metadata; here {@code c} is kept with its 0700 mode because the
   * whitelisted {@code /c/file02.txt} cannot exist without it.
   */
  @Test
  void whitelistOfTheRenderedImage() throws Exception {
    String dep = fx.add(pwlDependency(image("example.com/test01")));
    fx.add(
        image("example.com/test02")
            .whitelist(
                "/a/file01.txt",
                "/a/file02.txt",
                "/b/link01.txt",
                "/b/file01.txt",
                "/c/file02.txt",
                "/d/")
            .dependency("example.com/test01", dep)
            .file("rootfs/a/file01.txt", "hellohello")
            .file("rootfs/c/file02.txt", "hello"));
    assertEquals(
        expect(
            "a", "d 0755",
            "a/file01.txt", "f 0644 hellohello",
            "a/file02.txt", "f 0644 hello",
            "b", "d 0755",
            "b/link01.txt", "l file01.txt",
            "c", "d 0700",
            "c/file02.txt", "f 0644 hello",
            "d", "d 0700"),
        renderTop("example.com/test02"));
  }

  private static final Map<String, String> TWO_DEPS =
      expect(
          "a", "d 0755",
          "a/file01.txt", "f 0644 hellohellohello",
          "a/file02.txt", "f 0644 hellohello",
          "a/file03.txt", "f 0644 hello",
          "b", "d 0755",
          "b/file01.txt", "f 0644 hello",
          "b/file02.txt", "f 0644 hello",
          "b/link01.txt", "l file01.txt",
          "c", "d 0755",
          "c/file01.txt", "f 0644 hello");

  private static AciBuilder firstDep(String name) {
    return image(name)
        .file("rootfs/a/file01.txt", "hello")
        .file("rootfs/a/file02.txt", "hello")
        .file("rootfs/a/file03.txt", "hello")
        .file("rootfs/a/file04.txt", "hello")
        .symlink("rootfs/b/link01.txt", "file01.txt");
  }

  private static AciBuilder top(String name, String... deps) {
    AciBuilder b =
        image(name)
            .whitelist(
                "/a/file01.txt",
                "/a/file02.txt",
                "/a/file03.txt",
                "/b/link01.txt",
                "/b/file01.txt",
                "/b/file02.txt",
                "/c/file01.txt");
    for (String d : deps) {
      b.dependency(d, null);
    }
    return b.file("rootfs/a/file01.txt", "hellohellohello")
        .file("rootfs/b/file02.txt", "hello")
        .file("rootfs/c/file01.txt", "hello");
  }

  // ACE-FS-006, IM-007, IM-080: dependencies in list order, under own and the image's whitelist
  @Test
  void twoDependenciesFirstWhitelisted() throws Exception {
    fx.add(
        firstDep("example.com/test01")
            .whitelist(
                "/a/file01.txt",
                "/a/file02.txt",
                "/a/file03.txt",
                "/a/file04.txt",
                "/b/link01.txt",
                "/b/file01.txt"));
    fx.add(
        image("example.com/test02")
            .file("rootfs/a/file01.txt", "hellohello")
            .file("rootfs/a/file02.txt", "hellohello")
            .file("rootfs/b/file01.txt", "hello"));
    fx.add(top("example.com/test03", "example.com/test01", "example.com/test02"));
    assertEquals(TWO_DEPS, renderTop("example.com/test03"));
  }

  // ACE-FS-006, IM-007, IM-080: dependencies in list order, under own and the image's whitelist
  @Test
  void twoDependenciesSecondWhitelisted() throws Exception {
    fx.add(firstDep("example.com/test01"));
    fx.add(
        image("example.com/test02")
            .whitelist("/a/file01.txt", "/a/file02.txt", "/b/file01.txt")
            .file("rootfs/a/file01.txt", "hellohello")
            .file("rootfs/a/file02.txt", "hellohello")
            .file("rootfs/b/file01.txt", "hello"));
    fx.add(top("example.com/test03", "example.com/test01", "example.com/test02"));
    assertEquals(TWO_DEPS, renderTop("example.com/test03"));
  }

  // ACE-FS-006, IM-007: the image's whitelist filters a dependency of a dependency
  @Test
  void threeDependenciesFilteredByTheTopWhitelist() throws Exception {
    fx.add(firstDep("example.com/test01"));
    AciBuilder d =
        image("example.com/test03")
            .file("rootfs/a/file02.txt", "hello")
            .file("rootfs/b/file01.txt", "hello");
    d.dir("rootfs/d", 0700);
    d.file("rootfs/d/file01.txt", "hello", 0700);
    fx.add(d);
    fx.add(
        image("example.com/test02")
            .dependency("example.com/test03", null)
            .file("rootfs/a/file01.txt", "hellohello")
            .file("rootfs/a/file02.txt", "hellohello")
            .file("rootfs/b/file01.txt", "hello"));
    fx.add(top("example.com/test04", "example.com/test01", "example.com/test02"));
    assertEquals(TWO_DEPS, renderTop("example.com/test04"));
  }

  // ACI-ARCH-006, IM-091: rootfs keeps its mode; a whitelist listing nothing there empties it
  @Test
  void emptyRootfsKeepsItsModeWithAndWithoutWhitelist() throws Exception {
    fx.add(image("example.com/test_empty_rootfs").rootfsMode(0700));
    fx.add(image("example.com/test_empty_rootfs_pwl").rootfsMode(0700).whitelist("foo"));
    for (String name :
        List.of("example.com/test_empty_rootfs", "example.com/test_empty_rootfs_pwl")) {
      Path target = tmp.resolve(name.replace('/', '_'));
      Renderer.RenderResult result = fx.render(name, target);
      assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
      assertEquals(Map.of("rootfs", "d 0700"), nonManifest(RenderFixture.tree(target)));
    }
  }

  private static Map<String, String> nonManifest(Map<String, String> tree) {
    Map<String, String> m = new TreeMap<>(tree);
    m.remove("manifest");
    return m;
  }

  // ACE-FS-010, ACE-FS-004, IM-005: A -> [B, C], C -> [D] applies B, D, C, A; later wins
  @Test
  void overrideOrderIsDependenciesDepthFirstThenTheImage() throws Exception {
    fx.add(
        image("example.com/b")
            .file("rootfs/bd", "B")
            .file("rootfs/bc", "B")
            .file("rootfs/ba", "B"));
    fx.add(image("example.com/d").file("rootfs/bd", "D").file("rootfs/dc", "D"));
    fx.add(
        image("example.com/c")
            .dependency("example.com/d", null)
            .file("rootfs/bc", "C")
            .file("rootfs/dc", "C"));
    fx.add(
        image("example.com/a")
            .dependency("example.com/b", null)
            .dependency("example.com/c", null)
            .file("rootfs/ba", "A"));
    RenderPlan plan = fx.plan("example.com/a", Compat.SPEC);
    assertEquals(
        List.of("example.com/b", "example.com/d", "example.com/c", "example.com/a"),
        plan.layers().stream().map(l -> l.image().name()).toList());
    assertEquals(
        expect("ba", "f 0644 A", "bc", "f 0644 C", "bd", "f 0644 D", "dc", "f 0644 C"),
        renderTop("example.com/a"));
  }

  /**
   * ACE-FS-011: A -> [B, C], B -> [D], C -> [D]: D is applied twice, once under B's whitelist and
   * once under C's. Go's upper-whitelist walk (compat actool) picks C's whitelist for both passes
   * of D and for B, so it loses {@code d1} and even B's own {@code b}.
   */
  @Test
  void diamondAppliesTheSharedDependencyOncePerPathWithThatPathsWhitelist() throws Exception {
    fx.add(image("example.com/d").file("rootfs/d1", "D").file("rootfs/d2", "D"));
    fx.add(
        image("example.com/b")
            .whitelist("/d1", "/b")
            .dependency("example.com/d", null)
            .file("rootfs/b", "B"));
    fx.add(
        image("example.com/c")
            .whitelist("/d2", "/c")
            .dependency("example.com/d", null)
            .file("rootfs/c", "C"));
    fx.add(
        image("example.com/a").dependency("example.com/b", null).dependency("example.com/c", null));
    RenderPlan plan = fx.plan("example.com/a", Compat.SPEC);
    assertEquals(
        List.of(
            "example.com/d", "example.com/b", "example.com/d", "example.com/c", "example.com/a"),
        plan.layers().stream().map(l -> l.image().name()).toList());
    assertEquals(List.of("example.com/b"), plan.layers().get(0).whitelistedBy());
    assertEquals(List.of("example.com/c"), plan.layers().get(2).whitelistedBy());
    assertEquals(
        expect("b", "f 0644 B", "c", "f 0644 C", "d1", "f 0644 D", "d2", "f 0644 D"),
        renderTop("example.com/a"));

    Path actool = tmp.resolve("actool");
    Renderer.RenderResult go = fx.render("example.com/a", actool, Compat.ACTOOL);
    assertEquals(Renderer.Status.RENDERED, go.status(), RenderFixture.errors(go));
    assertEquals(
        expect("c", "f 0644 C", "d2", "f 0644 D"), RenderFixture.tree(actool.resolve("rootfs")));
  }

  // IM-092: an empty whitelist is the same as none
  @Test
  void emptyWhitelistKeepsEverything() throws Exception {
    fx.add(image("example.com/base").file("rootfs/x/y", "base"));
    fx.add(
        image("example.com/app")
            .whitelist()
            .dependency("example.com/base", null)
            .file("rootfs/z", "app"));
    assertEquals(
        expect("x", "d 0755", "x/y", "f 0644 base", "z", "f 0644 app"),
        renderTop("example.com/app"));
  }

  // IM-091: the whitelist is complete; a listed directory keeps none of its unlisted contents
  @Test
  void listedDirectoryKeepsTheDirectoryButNotItsContents() throws Exception {
    AciBuilder b = image("example.com/app").whitelist("/etc/systemd/system/", "/etc/keep");
    b.dir("rootfs/etc", 0750);
    b.dir("rootfs/etc/systemd", 0700);
    b.dir("rootfs/etc/systemd/system", 0711);
    b.file("rootfs/etc/systemd/system/unit", "u");
    b.file("rootfs/etc/keep", "k");
    b.file("rootfs/etc/drop", "d");
    b.dir("rootfs/var", 0755);
    fx.add(b);
    assertEquals(
        expect(
            "etc", "d 0750",
            "etc/keep", "f 0644 k",
            "etc/systemd", "d 0700",
            "etc/systemd/system", "d 0711"),
        renderTop("example.com/app"));
  }

  /**
   * IM-006: a dependency contributes its rootfs only. Its {@code app} (and the rest of its
   * manifest) does not reach the render; the rendered manifest is the image's own, byte for byte.
   */
  @Test
  void theDependencysAppIsIgnoredAndTheManifestIsTheImagesOwn() throws Exception {
    fx.add(
        image("example.com/base")
            .rawManifest(
                "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\","
                    + "\"name\":\"example.com/base\",\"app\":{\"exec\":[\"/bin/base\"],"
                    + "\"user\":\"0\",\"group\":\"0\"}}")
            .file("rootfs/bin/base", "base"));
    String own =
        "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/app\","
            + "\"dependencies\":[{\"imageName\":\"example.com/base\"}]}";
    fx.add(image("example.com/app").rawManifest(own).file("rootfs/bin/app", "app"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(own, Files.readString(target.resolve("manifest")));
    assertEquals(
        expect("bin", "d 0755", "bin/app", "f 0644 app", "bin/base", "f 0644 base"),
        RenderFixture.tree(target.resolve("rootfs")));
  }

  /**
   * ACE-FS-008, ACE-FS-009: a dependency's symlink to a directory of its own rootfs is not followed
   * by a later layer's member below it; the link becomes a directory and the directory it pointed
   * to keeps only its own contents. (Links that point out of the rootfs: {@link
   * HostileArchivesTest}.)
   */
  @Test
  void symlinkToADirectoryInsideTheRootfsIsReplacedNotFollowed() throws Exception {
    fx.add(
        image("example.com/base")
            .file("rootfs/usr/etc/a", "base")
            .symlink("rootfs/etc", "usr/etc"));
    fx.add(
        image("example.com/app").dependency("example.com/base", null).file("rootfs/etc/b", "app"));
    assertEquals(
        expect(
            "etc", "d 0755",
            "etc/b", "f 0644 app",
            "usr", "d 0755",
            "usr/etc", "d 0755",
            "usr/etc/a", "f 0644 base"),
        renderTop("example.com/app"));
  }
}
