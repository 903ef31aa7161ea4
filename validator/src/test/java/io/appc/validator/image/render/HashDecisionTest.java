package io.appc.validator.image.render;

import static io.appc.validator.image.testing.AciBuilder.image;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.image.Compression;
import io.appc.validator.image.ExpectedImageId;
import io.appc.validator.image.render.HashDecision.Blob;
import io.appc.validator.image.testing.AciBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When a layer is hashed: the policy alone, then the renderer following it. */
class HashDecisionTest {
  @TempDir Path tmp;
  RenderFixture fx;

  @BeforeEach
  void setUp() throws Exception {
    fx = new RenderFixture(tmp);
  }

  @ParameterizedTest
  @CsvSource({
    "AUTO, true, UNCHANGED, TRUSTED",
    "AUTO, true, UNSTAMPED, NO_STAMP",
    "AUTO, true, CHANGED, STAMP_CHANGED",
    "AUTO, false, NOT_STORED, NO_EXPECTED_ID",
    "AUTO, true, NOT_STORED, EXPECTED_ID",
    "ALWAYS, true, UNCHANGED, ALWAYS",
    "ALWAYS, false, NOT_STORED, ALWAYS",
    "NEVER, true, CHANGED, OFF",
    "NEVER, true, UNSTAMPED, OFF",
    "NEVER, true, NOT_STORED, OFF"
  })
  void decides(IdCheck mode, boolean expectedId, Blob blob, HashDecision decision) {
    assertEquals(decision, HashDecision.decide(mode, expectedId, blob));
  }

  @Test
  void onlyTheTrustedAndUncheckedCasesSkipHashing() {
    assertFalse(HashDecision.TRUSTED.hash());
    assertFalse(HashDecision.NO_EXPECTED_ID.hash());
    assertFalse(HashDecision.OFF.hash());
    for (HashDecision d :
        List.of(
            HashDecision.ALWAYS,
            HashDecision.EXPECTED_ID,
            HashDecision.NO_STAMP,
            HashDecision.STAMP_CHANGED)) {
      assertTrue(d.hash(), d.name());
      assertTrue(d.reason().startsWith("hashed: "), d.reason());
    }
  }

  // ACI-ID-003: with --id-check always every layer is hashed to its image ID
  @Test
  void theRendererReportsWhatItDecided() throws Exception {
    fx.add(image("example.com/base").file("rootfs/a", "base"));
    fx.add(image("example.com/app").dependency("example.com/base", null));
    RenderPlan plan = fx.plan("example.com/app", Compat.SPEC);

    Renderer.RenderResult auto = new Renderer(Compat.SPEC).render(plan, tmp.resolve("auto"));
    assertEquals(Renderer.Status.RENDERED, auto.status(), RenderFixture.errors(auto));
    for (Renderer.LayerReport r : auto.layers()) {
      assertEquals(HashDecision.TRUSTED, r.check());
      assertFalse(r.hashed());
      assertNull(r.id());
    }

    Renderer.RenderResult always =
        new Renderer(Compat.SPEC, IdCheck.ALWAYS).render(plan, tmp.resolve("always"));
    for (Renderer.LayerReport r : always.layers()) {
      assertEquals(HashDecision.ALWAYS, r.check());
      assertEquals(r.layer().image().id(), r.id());
    }
  }

  /**
   * ACI-ARCH-007, ACI-ID-001: a layer in each compression a consumer must accept is stored and
   * rendered, and its ID, in the store and when the renderer hashes it, is the SHA-512 of the
   * uncompressed tar.
   */
  @ParameterizedTest
  @ValueSource(strings = {"none", "gzip", "bzip2", "xz"})
  void aLayerInEveryCompressionIsStoredRenderedAndHashedAsItsTar(String compression)
      throws Exception {
    AciBuilder base = image("example.com/base").file("rootfs/a", "base " + compression);
    String tarId = AciBuilder.idOf(fx.write(base));
    Path archive = fx.write(base.compression(compression));
    try (var in = new java.io.BufferedInputStream(Files.newInputStream(archive))) {
      assertEquals(compression.toUpperCase(), Compression.detect(in).name());
    }
    assertEquals(tarId, fx.store.add(archive).image().id());
    fx.add(image("example.com/app").dependency("example.com/base", tarId));

    RenderPlan plan = fx.plan("example.com/app", Compat.SPEC);
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = new Renderer(Compat.SPEC, IdCheck.ALWAYS).render(plan, target);
    assertEquals(Renderer.Status.RENDERED, result.status(), RenderFixture.errors(result));
    assertEquals(tarId, result.layers().get(0).id());
    assertEquals("base " + compression, Files.readString(target.resolve("rootfs/a")));
  }

  @Test
  void aTrustedBlobChangedDuringTheRenderIsRefused() throws Exception {
    String base = fx.add(image("example.com/base").file("rootfs/a", "good"));
    RenderPlan plan = fx.plan("example.com/base", Compat.SPEC);
    Renderer renderer = new Renderer(Compat.SPEC);
    List<HashDecision> decisions = renderer.decisions(plan);
    assertEquals(List.of(HashDecision.TRUSTED), decisions);

    // Changed after the decision, before the blob is read.
    Path blob = fx.store.root().resolve("blobs").resolve(base);
    Files.setLastModifiedTime(blob, Files.getLastModifiedTime(blob));
    Path target = tmp.resolve("out");
    Renderer.RenderResult result = renderer.render(plan, decisions, target);
    assertEquals(Renderer.Status.REFUSED, result.status());
    assertEquals(List.of("ACI-ID-003"), RenderFixture.ids(result));
    assertTrue(RenderFixture.errors(result).contains("changed while it was rendered"));
    assertFalse(Files.exists(target));
    assertEquals(List.of(), RenderFixture.leftovers(tmp));
  }

  // ACI-ID-003: an archive file is checked against an expected, possibly truncated, ID
  @Test
  void anArchiveGivenDirectlyIsComparedAsAPrefixOfItsId() throws Exception {
    Path file = fx.write(image("example.com/app").file("rootfs/a", "x"));
    String id = AciBuilder.idOf(file);
    LayerImage top = Renderer.archive(file, new ArrayList<Finding>());
    LayerImage expecting = top.expecting(ExpectedImageId.parse(id.substring(0, 50)));
    RenderPlan plan = new RenderPlanner(fx.store, Compat.SPEC).plan(expecting);

    Renderer.RenderResult ok = new Renderer(Compat.SPEC).render(plan, tmp.resolve("ok"));
    assertEquals(Renderer.Status.RENDERED, ok.status(), RenderFixture.errors(ok));
    assertEquals(HashDecision.EXPECTED_ID, ok.layers().get(0).check());
    assertEquals(id, ok.layers().get(0).id());

    RenderPlan unchecked = new RenderPlanner(fx.store, Compat.SPEC).plan(top);
    Renderer.RenderResult plain = new Renderer(Compat.SPEC).render(unchecked, tmp.resolve("plain"));
    assertEquals(HashDecision.NO_EXPECTED_ID, plain.layers().get(0).check());
    assertFalse(plain.layers().get(0).hashed());
  }
}
