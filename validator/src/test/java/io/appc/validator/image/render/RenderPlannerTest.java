package io.appc.validator.image.render;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.StoredImage;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependency resolution: IDs, names, labels, sizes, cycles. */
class RenderPlannerTest {
  @TempDir Path tmp;
  RenderFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
  }

  private static List<String> errorIds(RenderPlan plan) {
    return plan.findings().stream()
        .filter(f -> f.level() == Level.ERROR)
        .map(Finding::requirementId)
        .toList();
  }

  private static List<String> layerNames(RenderPlan plan) {
    return plan.layers().stream().map(l -> l.image().name()).toList();
  }

  // IM-DEP-002, IM-082: a dependency pinned by imageID gets that image or none
  @Test
  void dependencyPinnedByAnotherIdIsRefused() throws Exception {
    fx.add(image("example.com/base").label("version", "1").file("rootfs/a", "1"));
    String other = AciBuilder.idOf(fx.write(image("example.com/base").label("version", "2")));
    fx.add(image("example.com/app").dependency("example.com/base", other));
    RenderPlan plan = fx.plan("example.com/app", Compat.SPEC);
    assertFalse(plan.ok());
    assertEquals(List.of("IM-DEP-002"), errorIds(plan));
    Finding f = plan.findings().get(0);
    assertEquals("/dependencies/0/imageID", f.pointer());
    assertTrue(f.file().endsWith("!manifest"));
  }

  @Test
  void dependencyWithUnknownNameAndIdIsReportedAsMissing() throws Exception {
    fx.add(image("example.com/app").dependency("example.com/nowhere", null));
    assertEquals(List.of("IM-DEP-001"), errorIds(fx.plan("example.com/app", Compat.SPEC)));
  }

  @Test
  void imageIdOfAnImageWithAnotherNameIsRefusedInSpecModeOnly() throws Exception {
    String base = fx.add(image("example.com/base"));
    fx.add(image("example.com/app").dependency("example.com/other", base));
    assertEquals(List.of("IM-DEP-002"), errorIds(fx.plan("example.com/app", Compat.SPEC)));
    RenderPlan actool = fx.plan("example.com/app", Compat.ACTOOL);
    assertTrue(actool.ok());
    assertEquals(List.of("example.com/base", "example.com/app"), layerNames(actool));
  }

  @Test
  void shortIdPrefixResolvesAndMalformedIdIsReported() throws Exception {
    String base = fx.add(image("example.com/base"));
    fx.add(image("example.com/app").dependency("example.com/base", base.substring(0, 39)));
    fx.add(image("example.com/bad").dependency("example.com/base", "sha512-..."));
    assertTrue(fx.plan("example.com/app", Compat.SPEC).ok());
    assertEquals(List.of("IM-082"), errorIds(fx.plan("example.com/bad", Compat.SPEC)));
  }

  @Test
  void sizeMustMatchTheArchiveOrTheTar() throws Exception {
    Path gz = fx.write(image("example.com/base").gzip().file("rootfs/a", "x".repeat(5000)));
    StoredImage base = fx.store.add(gz).image();
    assertTrue(base.size() < base.tarSize());
    fx.add(
        image("example.com/archive-size")
            .dependency("example.com/base", base.id(), Map.of(), base.size()));
    fx.add(
        image("example.com/tar-size")
            .dependency("example.com/base", base.id(), Map.of(), base.tarSize()));
    fx.add(
        image("example.com/wrong-size")
            .dependency("example.com/base", base.id(), Map.of(), base.size() + 1));
    assertTrue(fx.plan("example.com/archive-size", Compat.SPEC).ok());
    assertTrue(fx.plan("example.com/tar-size", Compat.SPEC).ok());
    RenderPlan wrong = fx.plan("example.com/wrong-size", Compat.SPEC);
    assertEquals(List.of("IM-084"), errorIds(wrong));
    assertEquals("/dependencies/0/size", wrong.findings().get(0).pointer());
  }

  @Test
  void cycleIsRefusedNotFollowedForever() throws Exception {
    fx.add(image("example.com/a").dependency("example.com/b", null));
    fx.add(image("example.com/b").dependency("example.com/a", null));
    RenderPlan plan = fx.plan("example.com/a", Compat.SPEC);
    assertEquals(List.of("ACE-FS-004"), errorIds(plan));
    assertTrue(
        plan.findings()
            .get(0)
            .message()
            .contains("example.com/a -> example.com/b -> example.com/a"));
  }

  @Test
  void selfDependencyIsACycle() throws Exception {
    fx.add(image("example.com/a").dependency("example.com/a", null));
    assertEquals(List.of("ACE-FS-004"), errorIds(fx.plan("example.com/a", Compat.SPEC)));
  }

  @Test
  void chainOfDiamondsStopsAtTheLayerLimit() throws Exception {
    fx.add(image("example.com/l0"));
    for (int i = 1; i <= 11; i++) {
      fx.add(
          image("example.com/l" + i)
              .dependency("example.com/l" + (i - 1), null)
              .dependency("example.com/l" + (i - 1), null));
    }
    RenderPlan plan = fx.plan("example.com/l11", Compat.SPEC);
    assertEquals(List.of("ACE-FS-004"), errorIds(plan));
    assertTrue(plan.layers().size() <= RenderPlanner.MAX_LAYERS + 1);
  }

  @Test
  void missingLabelsAreWildcardsAndTheHighestVersionWins() throws Exception {
    fx.add(image("example.com/base").label("version", "1.9.0").label("os", "linux"));
    String newest = fx.add(image("example.com/base").label("version", "1.10.0"));
    fx.add(image("example.com/base").label("version", "1.10.0-rc.1").label("os", "linux"));
    fx.add(image("example.com/base").label("version", "2.0.0").label("os", "freebsd"));
    fx.add(image("example.com/app").dependency("example.com/base", null, Map.of("os", "linux"), 0));
    RenderPlan plan = fx.plan("example.com/app", Compat.SPEC);
    assertTrue(plan.ok());
    assertEquals(newest, plan.layers().get(0).image().id());
    assertTrue(
        plan.findings().stream()
            .anyMatch(f -> f.requirementId().equals("IM-DEP-003") && f.level() == Level.NOTE));
  }

  // IM-DEP-001, IM-083: the dependency's labels must match
  @Test
  void explicitVersionLabelMustMatch() throws Exception {
    fx.add(image("example.com/base").label("version", "1.0.0"));
    fx.add(
        image("example.com/app")
            .dependency("example.com/base", null, Map.of("version", "2.0.0"), 0));
    assertEquals(List.of("IM-DEP-001"), errorIds(fx.plan("example.com/app", Compat.SPEC)));
  }

  // ACI-ID-003, IM-DEP-002: a pinned dependency whose stored content changed
  @Test
  void tamperedStoreBlobIsCaughtWhileRendering() throws Exception {
    String base = fx.add(image("example.com/base").file("rootfs/a", "good"));
    fx.add(image("example.com/app").dependency("example.com/base", base));
    Path blob = fx.store.root().resolve("blobs").resolve(base);
    String text = new String(Files.readAllBytes(blob), StandardCharsets.ISO_8859_1);
    Files.write(blob, text.replace("good", "evil").getBytes(StandardCharsets.ISO_8859_1));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = fx.render("example.com/app", target);
    assertEquals(Renderer.Status.REFUSED, result.status());
    assertEquals(List.of("ACI-ID-003"), RenderFixture.ids(result));
    assertFalse(Files.exists(target));
    assertEquals(List.of(), RenderFixture.leftovers(tmp));
  }
}
