package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcVersionRuleTest {
  private static String image(String version) {
    return json(
        "{'acKind':'ImageManifest','acVersion':'" + version + "','name':'example.com/app'}");
  }

  private static String pod(String version) {
    return json(
        "{'acKind':'PodManifest','acVersion':'" + version + "','apps':[" + Manifests.APP + "]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.8.11", "0.8.11+git", "0.8.0", "0.3.0", "0.1.1"})
  void acceptsTaggedVersionsUpToTheSupportedOne(String version) {
    expectBoth(image(version));
    expectBoth(pod(version));
  }

  @Test
  void rejectsBadGrammarWithTheManifestsOwnId() {
    expectBoth(image("v1.2.3"), "IM-011 error /acVersion");
    expectBoth(pod("1.2"), "POD-010 error /acVersion");
  }

  @Test
  void leadingZerosAreSpecErrorsButActoolCompatibilityNotes() {
    expect(Compat.SPEC, image("00.08.11"), "IM-011 error /acVersion");
    expect(Compat.ACTOOL, image("00.08.11"));
  }

  @Test
  void zeroVersionIsAnUntaggedVersionInSpecAndAGrammarErrorInActool() {
    expect(Compat.SPEC, image("0.0.0"), "TYPE-VER-001 error /acVersion");
    expect(Compat.ACTOOL, image("0.0.0"), "IM-011 error /acVersion");
  }

  @Test
  void rejectsVersionsAboveTheSupportedOne() {
    expect(Compat.SPEC, image("0.8.12"), "TYPE-VER-001 error /acVersion");
    expect(Compat.SPEC, image("0.9.0-dev"), "TYPE-VER-001 error /acVersion");
    expect(Compat.ACTOOL, image("0.8.12"), "TYPE-VER-001 note /acVersion");
  }

  @Test
  void rejectsAnotherMajorVersion() {
    expect(Compat.SPEC, image("1.0.0"), "TYPE-VER-002 error /acVersion");
    expect(Compat.SPEC, pod("99.0.0"), "TYPE-VER-002 error /acVersion");
    expect(Compat.ACTOOL, image("99.0.0"), "TYPE-VER-002 note /acVersion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.1.0", "0.4.3", "0.8.11-rc.1"})
  void rejectsVersionsThatWereNeverTagged(String version) {
    expect(Compat.SPEC, image(version), "TYPE-VER-001 error /acVersion");
  }

  @Test
  void explainsTheSupportedVersion() {
    Finding f = Manifests.only(Compat.SPEC, image("0.9.0"));
    assertTrue(f.message().startsWith("acVersion: need at most 0.8.11"), f.message());
    assertTrue(f.message().contains("got \"0.9.0\""), f.message());
  }

  /** The schema reports the type; the rule must not add a grammar finding for the same value. */
  @Test
  void reportsAVersionOfTheWrongJsonTypeOnce() {
    expectBoth(
        json("{'acKind':'ImageManifest','acVersion':811,'name':'example.com/app'}"),
        "IM-011 error /acVersion");
  }
}
