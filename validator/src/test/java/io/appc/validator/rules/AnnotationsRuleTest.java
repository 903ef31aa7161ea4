package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.image;
import static io.appc.validator.rules.Manifests.pod;
import static io.appc.validator.rules.Manifests.podApp;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnnotationsRuleTest {
  private static String annotations(String list) {
    return image("'annotations':[" + list + "]");
  }

  private static String one(String name, String value) {
    return annotations("{'name':'" + name + "','value':'" + value + "'}");
  }

  @Test
  void acceptsTheRecognizedAnnotations() {
    expectBoth(
        annotations(
            "{'name':'authors','value':'Carly <c@example.com>'},"
                + "{'name':'created','value':'2014-10-27T19:32:27.67021798Z'},"
                + "{'name':'documentation','value':'https://example.com/docs'},"
                + "{'name':'homepage','value':'https://example.com'},"
                + "{'name':'appc.io/executor/supports-systemd-notify','value':'false'},"
                + "{'name':'example.com/build','value':'42'}"));
  }

  @Test
  void rejectsDuplicateNames() {
    expectBoth(
        annotations("{'name':'foo','value':'bar'},{'name':'foo','value':'baz'}"),
        "IM-104 warning /annotations/0/name",
        "IM-101 error /annotations/1/name");
  }

  @Test
  void rejectsNamesThatAreNotAcIdentifiers() {
    expectBoth(one("Foo", "x"), "IM-100 error /annotations/0/name");
  }

  @Test
  void warnsAboutCustomNamesWithoutNamespace() {
    expectBoth(one("website", "http://example.com/anno"), "IM-104 warning /annotations/0/name");
    expectBoth(one("example.com/website", "http://example.com/anno"));
    expectBoth(one("authors", "Carly Container"));
  }

  /** Go annotations_test.go and VR §16.31 values. */
  @ParameterizedTest
  @ValueSource(
      strings = {"garbage", "2014-10-27t19:32:27Z", "2014-10-27T19:32:27", "2014-02-30T00:00:00Z"})
  void rejectsCreatedValuesThatAreNotTimestamps(String value) {
    expectBoth(one("created", value), "IM-105 error /annotations/0/value");
  }

  @Test
  void appliesModeSpecificTimestampRules() {
    expect(
        Compat.SPEC,
        one("created", "2014-10-27T19:32:27+25:00"),
        "IM-105 error /annotations/0/value");
    expect(Compat.ACTOOL, one("created", "2014-10-27T19:32:27+25:00"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"not-A$@#URL", "ftp://isnotallowed.com", "", "/docs", "javascript:alert(1)"})
  void rejectsHomepageAndDocumentationThatAreNotHttpUrls(String value) {
    expectBoth(one("homepage", value), "IM-107 error /annotations/0/value");
    expectBoth(one("documentation", value), "IM-108 error /annotations/0/value");
  }

  @Test
  void requiresAHostOnlyInSpecMode() {
    expect(Compat.SPEC, one("homepage", "https://"), "IM-107 error /annotations/0/value");
    expect(Compat.ACTOOL, one("homepage", "https://"));
  }

  @Test
  void checksTheSystemdNotifyStringBoolean() {
    String maybe = one("appc.io/executor/supports-systemd-notify", "maybe");
    expect(Compat.SPEC, maybe, "IM-109 error /annotations/0/value");
    expect(Compat.ACTOOL, maybe, "IM-109 note /annotations/0/value");
    expectBoth(one("appc.io/executor/supports-systemd-notify", "true"));
  }

  @Test
  void authorsMayBeEmpty() {
    expectBoth(one("authors", ""));
  }

  @Test
  void podAnnotationNamesAreAcNamesInSpecModeAndAcIdentifiersInActool() {
    String pod = pod("'annotations':[{'name':'example.com/x','value':'1'}]");
    expect(Compat.SPEC, pod, "POD-041 error /annotations/0/name");
    expect(Compat.ACTOOL, pod);
    String app = podApp("'annotations':[{'name':'example.com/x','value':'1'}]", "");
    expect(Compat.SPEC, app, "POD-025 error /apps/0/annotations/0/name");
    expect(Compat.ACTOOL, app);
  }

  @Test
  void rejectsDuplicatePodAnnotations() {
    expectBoth(
        pod("'annotations':[{'name':'ip-address','value':'1'},{'name':'ip-address','value':'2'}]"),
        "POD-041 error /annotations/1/name");
    expectBoth(
        podApp("'annotations':[{'name':'foo','value':'1'},{'name':'foo','value':'2'}]", ""),
        "POD-025 error /apps/0/annotations/1/name");
  }

  @Test
  void checksRecognizedValuesOnPodAppsInBothModesAndOnThePodOnlyInActool() {
    expectBoth(
        podApp("'annotations':[{'name':'created','value':'yesterday'}]", ""),
        "IM-105 error /apps/0/annotations/0/value");
    String pod = pod("'annotations':[{'name':'homepage','value':'ftp://x'}]");
    expect(Compat.SPEC, pod);
    expect(Compat.ACTOOL, pod, "IM-107 error /annotations/0/value");
  }
}
