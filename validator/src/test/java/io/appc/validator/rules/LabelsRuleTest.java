package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.image;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;

class LabelsRuleTest {
  private static String labels(String list) {
    return image("'labels':[" + list + "]");
  }

  @Test
  void acceptsWellKnownLabels() {
    expectBoth(
        labels(
            "{'name':'version','value':'1.0.0'},{'name':'os','value':'linux'},"
                + "{'name':'arch','value':'amd64'},{'name':'example.com/env','value':''}"));
    expectBoth(labels(""));
  }

  @Test
  void rejectsDuplicateLabelNames() {
    expectBoth(
        labels("{'name':'os','value':'linux'},{'name':'os','value':'freebsd'}"),
        "IM-021 error /labels/1/name");
    expectBoth(
        labels(
            "{'name':'arch','value':'amd64'},{'name':'os','value':'freebsd'},"
                + "{'name':'arch','value':'x86_64'}"),
        "IM-021 error /labels/2/name");
  }

  /** VR R-LBL-02: Go reads a missing name as "", which passes once and collides the second time. */
  @Test
  void twoNamelessLabelsCollideInActoolMode() {
    String one = labels("{'value':'x'}");
    String two = labels("{'value':'x'},{'value':'y'}");
    expect(Compat.ACTOOL, one);
    expect(Compat.ACTOOL, two, "IM-021 error /labels/1");
    expect(Compat.SPEC, two, "IM-020 error /labels/0", "IM-020 error /labels/1");
  }

  @Test
  void rejectsALabelCalledName() {
    expectBoth(labels("{'name':'name','value':'x'}"), "IM-022 error /labels/0/name");
  }

  @Test
  void rejectsLabelNamesThatAreNotAcIdentifiers() {
    expectBoth(labels("{'name':'Name','value':'x'}"), "IM-020 error /labels/0/name");
    expectBoth(labels("{'name':'!n1','value':'x'}"), "IM-020 error /labels/0/name");
    expect(Compat.SPEC, labels("{'name':'a--b','value':'x'}"), "IM-020 error /labels/0/name");
    expect(Compat.ACTOOL, labels("{'name':'a--b','value':'x'}"));
  }

  @Test
  void rejectsUnsupportedOsArchPairs() {
    expectBoth(
        labels("{'name':'os','value':'linux'},{'name':'arch','value':'arm64'}"),
        "IM-025 error /labels/1/value");
    expectBoth(
        labels("{'name':'os','value':'Linux'},{'name':'arch','value':'amd64'}"),
        "IM-025 error /labels/0/value");
    expectBoth(labels("{'name':'os','value':''}"), "IM-025 error /labels/0/value");
    expectBoth(labels("{'name':'arch','value':'x86_64'},{'name':'os','value':'darwin'}"));
    expectBoth(
        labels("{'name':'os','value':'darwin'},{'name':'arch','value':'amd64'}"),
        "IM-025 error /labels/1/value");
  }

  @Test
  void notesPairsOutsideTheSpecsDefaultWhitelistInSpecMode() {
    String aarch64 = labels("{'name':'os','value':'linux'},{'name':'arch','value':'aarch64'}");
    expect(Compat.SPEC, aarch64, "IM-026 note /labels/1/value");
    expect(Compat.ACTOOL, aarch64);
  }

  @Test
  void notesArchWithoutOs() {
    expectBoth(labels("{'name':'arch','value':'sparc'}"), "IM-024 note /labels/0/value");
    // An os label is present, only its value has the wrong type: the schema reports that, and the
    // rule neither repeats it nor claims the os is missing.
    expectBoth(
        labels("{'name':'arch','value':'sparc'},{'name':'os','value':7}"),
        "IM-020 error /labels/1/value");
  }

  // IM-083: dependency labels follow the top-level label rules
  @Test
  void appliesTheSameRulesToDependencyAndPodImageLabels() {
    expectBoth(
        image(
            "'dependencies':[{'imageName':'example.com/base','labels':"
                + "[{'name':'name','value':'x'},{'name':'os','value':'plan9'}]}]"),
        "IM-022 error /dependencies/0/labels/0/name",
        "IM-025 error /dependencies/0/labels/1/value");
    expectBoth(
        Manifests.podWith(
            "'apps':[{'name':'app','image':{'id':'"
                + Manifests.ID
                + "','labels':[{'name':'v','value':'1'},{'name':'v','value':'2'}]}}]"),
        "IM-021 error /apps/0/image/labels/1/name");
  }
}
