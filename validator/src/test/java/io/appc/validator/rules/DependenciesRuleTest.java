package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.ID;
import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.image;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;

class DependenciesRuleTest {
  private static String dependencies(String list) {
    return image("'dependencies':[" + list + "]");
  }

  // IM-004, IM-080 to IM-084: a dependency list using every member
  @Test
  void acceptsDependencies() {
    expectBoth(
        dependencies(
            "{'imageName':'example.com/base'},"
                + "{'imageName':'example.com/certs','imageID':'"
                + ID
                + "','labels':[{'name':'os','value':'linux'}],'size':22017258}"));
  }

  @Test
  void rejectsImageNamesThatAreNotAcIdentifiers() {
    expectBoth(dependencies("{'imageName':'BAD'}"), "IM-081 error /dependencies/0/imageName");
  }

  // TYPE-IMGID-001, TYPE-IMGID-002: hex digest, sha512 only
  @Test
  void checksImageIdsPerMode() {
    String loose = dependencies("{'imageName':'example.com/base','imageID':'sha512-zz'}");
    expect(Compat.SPEC, loose, "IM-082 error /dependencies/0/imageID");
    expect(Compat.ACTOOL, loose);
    expectBoth(
        dependencies("{'imageName':'example.com/base','imageID':''}"),
        "IM-082 error /dependencies/0/imageID");
    expectBoth(
        dependencies("{'imageName':'example.com/base','imageID':'sha256-abc'}"),
        "IM-082 error /dependencies/0/imageID");
  }

  @Test
  void notesADependencyListedTwice() {
    expectBoth(
        dependencies("{'imageName':'example.com/base'},{'imageName':'example.com/base'}"),
        "IM-080 note /dependencies/1");
  }
}
