package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageNameRuleTest {
  private static String named(String name) {
    return json("{'acKind':'ImageManifest','acVersion':'0.8.11','name':'" + name + "'}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"example.com/app", "example.com", "sub-domain.example.com/org/product/release"})
  void acceptsUrlLikeNames(String name) {
    expectBoth(named(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BAD", "example.com/App", "-app", "example.com/app/"})
  void rejectsNamesThatAreNotAcIdentifiers(String name) {
    expectBoth(named(name), "IM-012 error /name");
  }

  @Test
  void rejectsSeparatorRunsOnlyInSpecMode() {
    expect(Compat.SPEC, named("example.com/~user/app_v1"), "IM-012 error /name");
    expect(Compat.ACTOOL, named("example.com/~user/app_v1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"database", "my_org/app", "localhost/app"})
  void warnsAboutNamesDiscoveryCannotFind(String name) {
    expectBoth(named(name), "IM-013 warning /name");
  }

  @Test
  void reportsPositionAndMessage() {
    Finding f = Manifests.only(Compat.SPEC, named("Example.com/app"));
    assertEquals(Level.ERROR, f.level());
    assertEquals(1, f.line());
    assertTrue(
        f.message().startsWith("image name: need an AC Identifier, got \"Example.com/app\""));
    assertTrue(f.hint().contains("\"example.com/app\""), f.hint());
  }
}
