package io.appc.validator.image.render;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Archives that try to write outside the render. Each case checks a canary directory outside the
 * target (and, for the literal {@code /etc} case, a file name that cannot exist in /etc), that the
 * refusal names the member and requirement, and that neither the target nor a temporary directory
 * is left behind.
 */
class HostileArchivesTest {
  @TempDir Path tmp;
  RenderFixture fx;
  Path canary;
  Path victim;
  static final String ETC_PROBE = "appc-render-probe-" + UUID.randomUUID();

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
    canary = Files.createDirectories(tmp.resolve("canary"));
    victim = Files.writeString(canary.resolve("victim"), "original");
  }

  @AfterEach
  void hostUntouched() throws Exception {
    assertEquals("original", Files.readString(victim));
    assertEquals(1, Files.getAttribute(victim, "unix:nlink"));
    try (Stream<Path> s = Files.list(canary)) {
      assertEquals(List.of(victim), s.toList(), "nothing new in the canary directory");
    }
    assertFalse(Files.exists(tmp.resolve("escape"), LinkOption.NOFOLLOW_LINKS));
    Path probe = Path.of("/etc", ETC_PROBE);
    boolean leaked = Files.deleteIfExists(probe);
    assertFalse(leaked, "a file was written into the host's /etc");
    assertEquals(List.of(), RenderFixture.leftovers(tmp), "temporary render left behind");
  }

  static Stream<Arguments> refusedArchives() {
    return Stream.of(
        Arguments.of(
            "symlink to a host directory, then a file through it",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .symlink("rootfs/etc", t.canary.toString())
                        .file("rootfs/etc/victim", "pwned"),
            "rootfs/etc/victim",
            "ACI-ARCH-005"),
        Arguments.of(
            "symlink to /etc, then a file through it",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .symlink("rootfs/etc", "/etc")
                        .file("rootfs/etc/" + ETC_PROBE, "pwned"),
            "rootfs/etc/" + ETC_PROBE,
            "ACI-ARCH-005"),
        Arguments.of(
            "symlink chain",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .symlink("rootfs/a", "b")
                        .symlink("rootfs/b", t.canary.toString())
                        .file("rootfs/a/victim", "pwned"),
            "rootfs/a/victim",
            "ACI-ARCH-005"),
        Arguments.of(
            "dot-dot out of the render",
            (Function<HostileArchivesTest, AciBuilder>)
                t -> image("example.com/evil").file("rootfs/../../escape", "pwned"),
            "rootfs/../../escape",
            "ACI-ARCH-005"),
        Arguments.of(
            "dot-dot in a long PAX name",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .file("rootfs/" + "x".repeat(120) + "/../../../escape", "pwned"),
            "rootfs/" + "x".repeat(120) + "/../../../escape",
            "ACI-ARCH-005"),
        Arguments.of(
            "absolute member name",
            (Function<HostileArchivesTest, AciBuilder>)
                t -> image("example.com/evil").file(t.victim.toString(), "pwned"),
            null,
            "ACI-ARCH-005"),
        Arguments.of(
            "hard link out of the render",
            (Function<HostileArchivesTest, AciBuilder>)
                t -> image("example.com/evil").hardlink("rootfs/h", "../canary/victim"),
            "rootfs/h",
            "ACI-ARCH-005"),
        Arguments.of(
            "hard link to an absolute path",
            (Function<HostileArchivesTest, AciBuilder>)
                t -> image("example.com/evil").hardlink("rootfs/h", t.victim.toString()),
            "rootfs/h",
            "ACI-ARCH-005"),
        Arguments.of(
            "hard link through a planted symlink",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .symlink("rootfs/etc", t.canary.toString())
                        .hardlink("rootfs/h", "rootfs/etc/victim"),
            "rootfs/h",
            "ACI-ARCH-005"),
        Arguments.of(
            "member outside rootfs",
            (Function<HostileArchivesTest, AciBuilder>)
                t -> image("example.com/evil").file("escape", "pwned"),
            "escape",
            "ACI-ARCH-005"),
        Arguments.of(
            "rootfs itself a symlink",
            (Function<HostileArchivesTest, AciBuilder>)
                t ->
                    image("example.com/evil")
                        .withoutRootfsMember()
                        .symlink("rootfs", t.canary.toString())
                        .file("rootfs/victim", "pwned"),
            "rootfs",
            "ACI-ARCH-004"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedArchives")
  void refusesAndLeavesTheHostAlone(
      String description,
      Function<HostileArchivesTest, AciBuilder> archive,
      String member,
      String requirement)
      throws Exception {
    fx.add(archive.apply(this));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/evil", target);
    assertEquals(Renderer.Status.REFUSED, result.status(), description);
    assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "no half-written target");
    List<Finding> errors =
        result.findings().stream().filter(f -> f.level() == Level.ERROR).toList();
    assertTrue(
        errors.stream().anyMatch(f -> f.requirementId().equals(requirement)),
        () -> "need " + requirement + ", got " + RenderFixture.errors(result));
    if (member != null) {
      assertTrue(
          errors.stream().anyMatch(f -> f.pointer().equals(member)),
          () -> "need a finding for " + member + ", got " + RenderFixture.errors(result));
    }
  }

  // ACE-FS-008, ACE-FS-009: a dependency's symlink to a host directory is replaced, not followed
  @Test
  void symlinkFromADependencyIsReplacedNotFollowed() throws Exception {
    fx.add(image("example.com/base").symlink("rootfs/etc", canary.toString()));
    fx.add(
        image("example.com/app")
            .dependency("example.com/base", null)
            .file("rootfs/etc/victim", "app"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(
        Map.of("etc", "d 0755", "etc/victim", "f 0644 app"),
        RenderFixture.tree(target.resolve("rootfs")));
    assertTrue(
        result.findings().stream()
            .anyMatch(
                f -> f.requirementId().equals("ACE-FS-009") && f.pointer().equals("rootfs/etc")));
  }

  /** ACI-ARCH-003: tar stores a name listed twice as a hard link to the first copy. */
  @Test
  void aSecondManifestStoredAsAHardLinkIsASecondManifest() throws Exception {
    AciBuilder app =
        image("example.com/app").file("rootfs/a", "a").hardlink("manifest", "manifest");
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.renderFile(fx.write(app), target);
    assertEquals(Renderer.Status.REFUSED, result.status());
    assertTrue(
        result.findings().stream().anyMatch(f -> f.requirementId().equals("ACI-ARCH-003")),
        () -> RenderFixture.errors(result));
    assertFalse(Files.exists(target));
  }

  @Test
  void aSymlinkOverriddenByALaterMemberOfTheSameArchiveGetsNoEarlierLayerNote() throws Exception {
    AciBuilder app = image("example.com/app").symlink("rootfs/etc", canary.toString());
    app.dir("rootfs/etc", 0710);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.renderFile(fx.write(app), target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(Map.of("etc", "d 0710"), RenderFixture.tree(target.resolve("rootfs")));
    assertTrue(
        result.findings().stream().noneMatch(f -> f.requirementId().equals("ACE-FS-009")),
        () -> "no note about an earlier layer, got " + result.findings());
  }

  // ACE-FS-009: a later directory or file replaces an earlier layer's symlink
  @Test
  void symlinkFromADependencyIsReplacedByALaterDirectoryOrFile() throws Exception {
    fx.add(
        image("example.com/base")
            .symlink("rootfs/etc", canary.toString())
            .symlink("rootfs/f", victim.toString()));
    AciBuilder app = image("example.com/app").dependency("example.com/base", null);
    app.dir("rootfs/etc", 0710);
    app.file("rootfs/f", "app");
    fx.add(app);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(
        Map.of("etc", "d 0710", "f", "f 0644 app"), RenderFixture.tree(target.resolve("rootfs")));
  }

  @Test
  void hardLinkToASymlinkLinksTheSymlinkItself() throws Exception {
    fx.add(
        image("example.com/app")
            .symlink("rootfs/l", victim.toString())
            .hardlink("rootfs/h", "rootfs/l"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertTrue(Files.isSymbolicLink(target.resolve("rootfs/h")));
    assertEquals(
        2, Files.getAttribute(target.resolve("rootfs/l"), "unix:nlink", LinkOption.NOFOLLOW_LINKS));
  }

  // ACE-FS-007: the later layer's file replaces the path, not the shared inode
  @Test
  void laterDependencyOverwritingAHardLinkedFileLeavesTheOtherNameAlone() throws Exception {
    fx.add(image("example.com/base").file("rootfs/a", "base").hardlink("rootfs/b", "rootfs/a"));
    fx.add(image("example.com/app").dependency("example.com/base", null).file("rootfs/a", "app"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(
        Map.of("a", "f 0644 app", "b", "f 0644 base"),
        RenderFixture.tree(target.resolve("rootfs")));
  }

  /**
   * The plan is made from the first manifest; writing a later one as the rendered manifest would
   * describe an image (name, whitelist, dependencies) other than the one rendered.
   */
  @Test
  void aSecondManifestIsRefused() throws Exception {
    Path archive =
        fx.write(
            image("example.com/first")
                .file("rootfs/a", "app")
                .file(
                    "manifest",
                    "{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\","
                        + "\"name\":\"example.com/second\",\"pathWhitelist\":[\"/b\"]}"));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.renderFile(archive, target);
    assertEquals(Renderer.Status.REFUSED, result.status(), RenderFixture.errors(result));
    assertTrue(
        result.findings().stream()
            .anyMatch(
                f -> f.requirementId().equals("ACI-ARCH-003") && f.pointer().equals("manifest")),
        RenderFixture.errors(result));
    assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
  }

  // ACE-FS-003: the render goes into an empty directory only
  @Test
  void targetThatIsNotEmptyIsRefusedWithoutTouchingIt() throws Exception {
    fx.add(image("example.com/app").file("rootfs/a", "app"));
    Path target = Files.createDirectories(tmp.resolve("out"));
    Files.writeString(target.resolve("keep"), "mine");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.FAILED, result.status());
    assertEquals(List.of(target.resolve("keep")), Files.list(target).toList());
  }

  // ACE-FS-003
  @Test
  void anEmptyTargetSpelledWithADotIsUsed() throws Exception {
    fx.add(image("example.com/app").file("rootfs/a", "app"));
    Path target = Files.createDirectories(tmp.resolve("out"));
    Renderer.RenderResult result = fx.render("example.com/app", target.resolve("."));
    assertEquals(Renderer.Status.RENDERED, result.status(), result.failure());
    assertEquals(Map.of("a", "f 0644 app"), RenderFixture.tree(target.resolve("rootfs")));
  }

  // ACE-FS-003: an empty target directory receives the render
  @Test
  void emptyTargetDirectoryIsReplacedAtomically() throws Exception {
    fx.add(image("example.com/app").file("rootfs/a", "app"));
    Path target = Files.createDirectories(tmp.resolve("out"));
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(Map.of("a", "f 0644 app"), RenderFixture.tree(target.resolve("rootfs")));
  }
}
