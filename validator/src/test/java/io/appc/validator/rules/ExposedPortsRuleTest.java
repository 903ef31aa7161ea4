package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExposedPortsRuleTest {
  private static String ports(String list) {
    return pod("'ports':[" + list + "]");
  }

  @Test
  void acceptsExposedPorts() {
    expectBoth(
        ports(
            "{'name':'ftp','hostPort':2121},{'name':'http','hostPort':8080,'hostIP':'203.0.113.23'},"
                + "{'name':'dns','hostPort':53,"
                + "'podPort':{'name':'dns','port':53,'protocol':'udp'}}"));
  }

  @Test
  void rejectsNamesThatAreNotAcNames() {
    expectBoth(ports("{'name':'BAD','hostPort':80}"), "POD-043 error /ports/0/name");
  }

  @Test
  void duplicateNamesAreSpecErrorsAndActoolNotes() {
    String twice = ports("{'name':'http','hostPort':80},{'name':'http','hostPort':8080}");
    expect(Compat.SPEC, twice, "POD-044 error /ports/1/name");
    expect(Compat.ACTOOL, twice, "POD-044 note /ports/1/name");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65536, 70000})
  void hostPortOutsideThePortRangeIsASpecErrorAndAnActoolNote(int port) {
    String bad = ports("{'name':'http','hostPort':" + port + "}");
    expect(Compat.SPEC, bad, "POD-045 error /ports/0/hostPort");
    expect(Compat.ACTOOL, bad, "POD-045 note /ports/0/hostPort");
  }

  /** Values Go could not decode into a uint were rejected by actool too; nothing may throw. */
  @ParameterizedTest
  @ValueSource(strings = {"-1", "0.0", "99999999999999999999999", "1e999999999"})
  void hostPortThatActoolCouldNotDecodeIsAnErrorInBothModes(String port) {
    expectBoth(ports("{'name':'http','hostPort':" + port + "}"), "POD-045 error /ports/0/hostPort");
  }

  @Test
  void hostPortThatFitsAGoUintIsOnlyANoteInActool() {
    String largest = ports("{'name':'http','hostPort':18446744073709551615}");
    expect(Compat.SPEC, largest, "POD-045 error /ports/0/hostPort");
    expect(Compat.ACTOOL, largest, "POD-045 note /ports/0/hostPort");
  }

  @Test
  void hostPortOfTheWrongTypeIsReportedOnceByTheSchema() {
    expectBoth(ports("{'name':'http','hostPort':'80'}"), "POD-045 error /ports/0/hostPort");
    assertEquals(
        "need an integer, got a string (\"80\")",
        Manifests.only(Compat.SPEC, ports("{'name':'http','hostPort':'80'}")).message());
  }

  @Test
  void hostIpIsADottedQuadInSpecMode() {
    for (String ip : new String[] {"::1", ""}) {
      String v6 = ports("{'name':'http','hostPort':80,'hostIP':'" + ip + "'}");
      expect(Compat.SPEC, v6, "POD-046 error /ports/0/hostIP");
      expect(Compat.ACTOOL, v6);
    }
    expectBoth(
        ports("{'name':'http','hostPort':80,'hostIP':'abc'}"), "POD-046 error /ports/0/hostIP");
  }

  @Test
  void checksPodPortsWithThePortRules() {
    expectBoth(
        ports(
            "{'name':'http','hostPort':80,"
                + "'podPort':{'name':'http','port':65000,'count':1000,'protocol':'tcp'}}"),
        "IM-068 error /ports/0/podPort/count");
    expectBoth(
        ports("{'name':'http','hostPort':80,'podPort':{'name':'web','port':80,'protocol':'tcp'}}"),
        "POD-047 note /ports/0/podPort/name");
  }

  /**
   * An app's app object replaces its image's, so when every app has one, the pod's port names are
   * all in the manifest and a name that matches none of them refers to nothing.
   */
  @Test
  void exposedPortMustNameAnAppPortWhenEveryAppOverridesItsAppSection() {
    String app =
        "{'name':'web','image':{'id':'"
            + Manifests.ID
            + "'},'app':{'user':'0','group':'0',"
            + "'ports':[{'name':'http','port':80,'protocol':'tcp'}]}}";
    String dangling =
        Manifests.podWith("'apps':[" + app + "],'ports':[{'name':'https','hostPort':443}]");
    expect(Compat.SPEC, dangling, "POD-043 error /ports/0/name");
    expect(Compat.ACTOOL, dangling, "POD-043 note /ports/0/name");
    expectBoth(Manifests.podWith("'apps':[" + app + "],'ports':[{'name':'http','hostPort':80}]"));
    expectBoth(
        Manifests.podWith(
            "'apps':["
                + app
                + "],'ports':[{'name':'https','hostPort':443,"
                + "'podPort':{'name':'https','port':443,'protocol':'tcp'}}]"));
  }

  /** Without an app object the image's ports are unknown here, so no name is a dangling one. */
  @Test
  void exposedPortNamesAreNotCheckedWhenAnAppUsesItsImagesPorts() {
    expectBoth(ports("{'name':'anything','hostPort':8080}"));
  }
}
