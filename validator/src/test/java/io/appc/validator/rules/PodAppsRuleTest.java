package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.ID;
import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.expectReified;
import static io.appc.validator.rules.Manifests.podApp;
import static io.appc.validator.rules.Manifests.podWith;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;

class PodAppsRuleTest {
  private static final String WORK_VOLUME =
      "'volumes':[{'name':'worklib','kind':'host','source':'/opt/tenant1/work'}]";

  private static String app(String name) {
    return "{'name':'" + name + "','image':{'id':'" + ID + "'}}";
  }

  @Test
  void acceptsAReifiedPod() {
    expectBoth(
        podApp(
            "'app':{'exec':['/bin/reduce-worker'],'user':'0','group':'0',"
                + "'mountPoints':[{'name':'work','path':'/var/lib/work'}]},"
                + "'readOnlyRootFS':true,'mounts':[{'volume':'worklib','path':'/var/lib/work'}]",
            WORK_VOLUME));
  }

  @Test
  void rejectsDuplicateAppNames() {
    expectBoth(
        podWith("'apps':[" + app("foo") + "," + app("bar") + "," + app("foo") + "]"),
        "POD-014 error /apps/2/name");
  }

  /** VR R-POD-10: Go reads a missing app name as "", so two nameless apps collide. */
  @Test
  void twoNamelessAppsCollideInActoolMode() {
    String nameless = "{'image':{'id':'" + ID + "'}}";
    String two = podWith("'apps':[" + nameless + "," + nameless + "]");
    expect(Compat.ACTOOL, podWith("'apps':[" + nameless + "]"));
    expect(Compat.ACTOOL, two, "POD-014 error /apps/1");
    expect(Compat.SPEC, two, "POD-013 error /apps/0", "POD-013 error /apps/1");
  }

  @Test
  void rejectsAppNamesThatAreNotAcNames() {
    expectBoth(podWith("'apps':[" + app("Foo") + "]"), "POD-013 error /apps/0/name");
    expect(Compat.SPEC, podWith("'apps':[" + app("a--b") + "]"), "POD-013 error /apps/0/name");
    expect(Compat.ACTOOL, podWith("'apps':[" + app("a--b") + "]"));
  }

  @Test
  void checksTheImageReference() {
    String image =
        podWith("'apps':[{'name':'app','image':{'id':'sha512-xyz','name':'example.com/App'}}]");
    expect(
        Compat.SPEC, image, "POD-016 error /apps/0/image/id", "POD-017 error /apps/0/image/name");
    expect(Compat.ACTOOL, image, "POD-017 error /apps/0/image/name");
    String placeholder = podWith("'apps':[{'name':'app','image':{'id':'sha512-...'}}]");
    expect(Compat.SPEC, placeholder, "POD-016 warning /apps/0/image/id");
    expect(Compat.ACTOOL, placeholder);
    expectBoth(
        podWith("'apps':[{'name':'app','image':{'id':'id'}}]"), "POD-016 error /apps/0/image/id");
  }

  @Test
  void mountsMustReferenceADefinedVolumeUnlessTheyCarryOne() {
    String unknown = podApp("'mounts':[{'volume':'missing','path':'/x'}]", WORK_VOLUME);
    expect(Compat.SPEC, unknown, "POD-021 error /apps/0/mounts/0/volume");
    expect(Compat.ACTOOL, unknown, "POD-021 note /apps/0/mounts/0/volume");
    expectBoth(
        podApp(
            "'mounts':[{'volume':'scratch','path':'/x',"
                + "'appVolume':{'name':'scratch','kind':'empty'}}]",
            ""));
  }

  @Test
  void checksMountVolumeNamesAndPaths() {
    expectBoth(
        podApp("'mounts':[{'volume':'BAD','path':'/x'}]", WORK_VOLUME),
        "POD-021 error /apps/0/mounts/0/volume");
    expectBoth(
        podApp("'mounts':[{'volume':'worklib','path':'x'}]", WORK_VOLUME),
        "POD-022 note /apps/0/mounts/0/path");
    String empty = podApp("'mounts':[{'volume':'worklib','path':''}]", WORK_VOLUME);
    expect(Compat.SPEC, empty, "POD-022 error /apps/0/mounts/0/path");
    expect(Compat.ACTOOL, empty, "POD-022 note /apps/0/mounts/0/path");
  }

  @Test
  void checksAnAppVolumeWithTheVolumeRules() {
    expectBoth(
        podApp(
            "'mounts':[{'volume':'v','path':'/x','appVolume':{'name':'v','kind':'host','source':'rel'}}]",
            ""),
        "POD-035 error /apps/0/mounts/0/appVolume/source");
  }

  @Test
  void warnsAboutOverlappingMounts() {
    expectBoth(
        podApp(
            "'mounts':[{'volume':'worklib','path':'/mnt'},{'volume':'worklib','path':'/mnt/bar'}]",
            WORK_VOLUME),
        "ACE-VOL-006 warning /apps/0/mounts/1/path");
  }

  @Test
  void everyMountPointOfAnOverrideIsSatisfied() {
    String unsatisfied =
        podApp(
            "'app':{'user':'0','group':'0','mountPoints':[{'name':'backup','path':'/mnt/bar'}]}",
            WORK_VOLUME);
    expect(Compat.SPEC, unsatisfied, "POD-002 warning /apps/0/app/mountPoints/0");
    expectReified(unsatisfied, "POD-002 error /apps/0/app/mountPoints/0");
    expect(Compat.ACTOOL, unsatisfied, "POD-002 note /apps/0/app/mountPoints/0");
    expectBoth(
        podApp(
            "'app':{'user':'0','group':'0','mountPoints':[{'name':'worklib','path':'/w'}]}",
            WORK_VOLUME));
    expectBoth(
        podApp(
            "'app':{'user':'0','group':'0','mountPoints':[{'name':'backup','path':'/mnt/bar/'}]},"
                + "'mounts':[{'volume':'worklib','path':'/mnt/bar'}]",
            WORK_VOLUME));
  }

  @Test
  void portNamesAreUniqueAcrossApps() {
    String ports =
        "'app':{'user':'0','group':'0','ports':[{'name':'http','port':80,'protocol':'tcp'}]}";
    String twoApps =
        podWith(
            "'apps':[{'name':'a','image':{'id':'"
                + ID
                + "'},"
                + ports
                + "},{'name':'b','image':{'id':'"
                + ID
                + "'},"
                + ports
                + "}]");
    expect(Compat.SPEC, twoApps, "POD-044 error /apps/1/app/ports/0/name");
    expect(Compat.ACTOOL, twoApps, "POD-044 note /apps/1/app/ports/0/name");
  }
}
