package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.image;
import static io.appc.validator.rules.Manifests.imageApp;
import static io.appc.validator.rules.Manifests.pod;
import static io.appc.validator.rules.Manifests.podWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.rules.KnownMembers.ObjectType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnknownMembersRuleTest {
  private static final String NOTE = "LINT-UNKNOWN-MEMBER note ";

  @Test
  void notesUnknownMembersAtEveryLevelOfAnImageManifest() {
    expectBoth(
        image(
            "'extra':1,'labels':[{'name':'os','value':'linux','x':1}],"
                + "'app':{'user':'0','group':'0','foo':1,"
                + "'eventHandlers':[{'name':'pre-start','exec':['/a'],'x':1}],"
                + "'environment':[{'name':'A','value':'b','x':1}],"
                + "'isolators':[],"
                + "'mountPoints':[{'name':'m','path':'/m','x':1}],"
                + "'ports':[{'name':'p','port':1,'protocol':'tcp','x':1}],"
                + "'userLabels':{'anything':'goes'}},"
                + "'dependencies':[{'imageName':'example.com/b','x':1}],"
                + "'annotations':[{'name':'example.com/a','value':'b','x':1}]"),
        NOTE + "/extra",
        NOTE + "/labels/0/x",
        NOTE + "/app/foo",
        NOTE + "/app/eventHandlers/0/x",
        NOTE + "/app/environment/0/x",
        NOTE + "/app/mountPoints/0/x",
        NOTE + "/app/ports/0/x",
        NOTE + "/dependencies/0/x",
        NOTE + "/annotations/0/x");
  }

  @Test
  void notesUnknownMembersAtEveryLevelOfAPodManifest() {
    expectBoth(
        podWith(
            "'apps':[{'name':'a','x':1,'image':{'id':'"
                + Manifests.ID
                + "','x':2},"
                + "'mounts':[{'volume':'v','path':'/v','x':3,"
                + "'appVolume':{'name':'v','kind':'empty','x':4}}]}],"
                + "'volumes':[{'name':'w','kind':'empty','x':5}],'ports':[{'name':'p','hostPort':1,'x':6,"
                + "'podPort':{'name':'p','port':1,'protocol':'tcp','x':7}}],'x':8,"
                + "'userAnnotations':{'free':'form'}"),
        NOTE + "/apps/0/x",
        NOTE + "/apps/0/image/x",
        NOTE + "/apps/0/mounts/0/x",
        NOTE + "/apps/0/mounts/0/appVolume/x",
        NOTE + "/volumes/0/x",
        NOTE + "/ports/0/x",
        NOTE + "/ports/0/podPort/x",
        NOTE + "/x");
  }

  @Test
  void podApiKeysDifferFromImageKeys() {
    expectBoth(pod("'name':'example.com/x'"), NOTE + "/name");
  }

  @Test
  void suggestsTheMemberThatWasMeant() {
    Finding f = Manifests.only(Compat.SPEC, imageApp("'workingDir':'/x'"));
    assertEquals("LINT-UNKNOWN-MEMBER", f.requirementId());
    assertEquals(Level.NOTE, f.level());
    assertEquals("/app/workingDir", f.pointer());
    assertTrue(f.message().contains("\"workingDir\" in app is ignored"), f.message());
    assertEquals("did you mean \"workingDirectory\"?", f.hint());
  }

  @Test
  void explainsCaseDifferencesInSpecModeAndAcceptsThemInActool() {
    String gids = imageApp("'supplementaryGids':[400]");
    Finding f = Manifests.only(Compat.SPEC, gids);
    assertEquals("/app/supplementaryGids", f.pointer());
    assertTrue(f.hint().contains("\"supplementaryGIDs\""), f.hint());
    assertTrue(f.hint().contains("case-sensitive"), f.hint());
    expect(Compat.ACTOOL, gids);
  }

  @ParameterizedTest
  @CsvSource({
    "workingDir, APP, workingDirectory",
    "supplementaryGids, APP, supplementaryGIDs",
    "enviroment, APP, environment",
    "evenHandlers, APP, eventHandlers",
    "mountpoints, APP, mountPoints",
    "read_only, MOUNT_POINT, readOnly",
    "readonly, VOLUME, readOnly",
    "imageId, DEPENDENCY, imageID",
    "lables, IMAGE_MANIFEST, labels",
    "acversion, POD_MANIFEST, acVersion",
    "hostport, EXPOSED_PORT, hostPort",
    "socketActivation, PORT, socketActivated",
    "readOnlyRootFs, POD_APP, readOnlyRootFS",
    "exe, APP, exec"
  })
  void suggestsCloseNames(String unknown, ObjectType type, String expected) {
    assertEquals(expected, UnknownMembersRule.suggest(unknown, type.members().keySet()));
  }

  @ParameterizedTest
  @CsvSource({"foo, APP", "x, LABEL", "description, IMAGE_MANIFEST", "comment, VOLUME"})
  void suggestsNothingForUnrelatedNames(String unknown, ObjectType type) {
    assertNull(UnknownMembersRule.suggest(unknown, type.members().keySet()));
  }
}
