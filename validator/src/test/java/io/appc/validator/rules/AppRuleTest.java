package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.imageApp;
import static io.appc.validator.rules.Manifests.podApp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppRuleTest {
  /** Go app_test.go valid apps (VR §16.10). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "'exec':['/bin/httpd'],'workingDirectory':'/tmp'",
        "'exec':['/app'],'eventHandlers':[{'name':'pre-start','exec':['/bin/setup']},"
            + "{'name':'post-stop','exec':['/bin/cleanup']}],"
            + "'environment':[{'name':'DEBUG','value':'true'}],'workingDirectory':'/tmp'",
        "'exec':['/app','arg1','arg2']",
        "'exec':['app']",
        "'exec':['bin/app','arg1']",
        "'supplementaryGIDs':[400,500]",
        "'userAnnotations':{'weird!':'normal?'},'userLabels':{'one!':'two?'}",
        "'mountPoints':[{'name':'work','path':'/var/lib/work','readOnly':false},"
            + "{'name':'cache','path':'/var/cache/app'}]",
        "'ports':[{'name':'health','port':4000,'protocol':'tcp','socketActivated':true},"
            + "{'name':'ftp-data','port':20000,'count':1000,'protocol':'tcp'}]"
      })
  void acceptsValidApps(String members) {
    expectBoth(imageApp(members));
  }

  @Test
  void notesAnEmptyExec() {
    expectBoth(imageApp("'exec':[]"), "IM-030 note /app/exec");
    expectBoth(imageApp("'exec':['','x']"), "IM-031 note /app/exec/0");
  }

  /** The schema leaves minLength to this rule (x-appc-checked-in-code): one finding per member. */
  @Test
  void rejectsEmptyUserAndGroup() {
    expectBoth(
        Manifests.image("'app':{'user':'','group':''}"),
        "IM-034 error /app/user",
        "IM-034 error /app/group");
    Finding user = Manifests.only(Compat.SPEC, Manifests.image("'app':{'user':'','group':'0'}"));
    assertEquals(
        "app user: need a name, a numeric ID or an absolute path, got \"\"", user.message());
  }

  @Test
  void rejectsTwoHandlersOfOneName() {
    expectBoth(
        imageApp(
            "'eventHandlers':[{'name':'post-stop','exec':['/a']},{'name':'pre-start','exec':['/b']},"
                + "{'name':'post-stop','exec':['/c']}]"),
        "IM-041 error /app/eventHandlers/2/name");
  }

  @Test
  void rejectsUnknownHandlerNamesWithASuggestion() {
    expectBoth(
        imageApp("'eventHandlers':[{'name':'pre-stop','exec':['/a']}]"),
        "IM-042 error /app/eventHandlers/0/name");
    Finding finding =
        Manifests.only(
            Compat.SPEC, imageApp("'eventHandlers':[{'name':'pre-stop','exec':['/a']}]"));
    assertEquals("need one of \"pre-start\", \"post-stop\", got \"pre-stop\"", finding.message());
    assertEquals("did you mean \"pre-start\"?", finding.hint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"stuff", "../home/fred", "x"})
  void rejectsRelativeWorkingDirectories(String dir) {
    expectBoth(imageApp("'workingDirectory':'" + dir + "'"), "IM-046 error /app/workingDirectory");
  }

  @Test
  void acceptsEmptyWorkingDirectoryOnlyInActoolMode() {
    expect(Compat.SPEC, imageApp("'workingDirectory':''"), "IM-046 error /app/workingDirectory");
    expect(Compat.ACTOOL, imageApp("'workingDirectory':''"));
    expectBoth(imageApp("'workingDirectory':'/../x'"));
  }

  @Test
  void checksEnvironmentNamesPerMode() {
    String leadingDigit = imageApp("'environment':[{'name':'0DEBUG','value':'1'}]");
    expect(Compat.SPEC, leadingDigit, "IM-051 note /app/environment/0/name");
    expect(Compat.ACTOOL, leadingDigit, "IM-051 error /app/environment/0/name");
    expectBoth(
        imageApp("'environment':[{'name':'VERBOSE|DEBUG','value':'1'},{'name':'A=B','value':''}]"),
        "IM-051 error /app/environment/0/name",
        "IM-051 error /app/environment/1/name");
  }

  @Test
  void duplicateEnvironmentNamesAreANoteInSpecAndAnErrorInActool() {
    String twice =
        imageApp("'environment':[{'name':'DEBUG','value':'1'},{'name':'DEBUG','value':'2'}]");
    expect(Compat.SPEC, twice, "IM-050 note /app/environment/1/name");
    expect(Compat.ACTOOL, twice, "IM-051 error /app/environment/1/name");
  }

  @Test
  void checksMountPoints() {
    expectBoth(
        imageApp("'mountPoints':[{'name':'Work','path':'/w'}]"),
        "IM-060 error /app/mountPoints/0/name");
    expectBoth(
        imageApp("'mountPoints':[{'name':'work','path':'var/lib/work'}]"),
        "IM-060 note /app/mountPoints/0/path");
    expectBoth(
        imageApp("'mountPoints':[{'name':'work','path':'/a'},{'name':'work','path':'/b'}]"),
        "IM-060 note /app/mountPoints/1/name");
  }

  @Test
  void warnsAboutOverlappingMountPoints() {
    expectBoth(
        imageApp(
            "'mountPoints':[{'name':'lib','path':'/var/lib'},{'name':'work','path':'/var/lib/work/'}]"),
        "ACE-VOL-006 warning /app/mountPoints/1/path");
  }

  @Test
  void checksPorts() {
    expectBoth(
        imageApp("'ports':[{'name':'Bad','port':80,'protocol':'tcp'}]"),
        "IM-063 error /app/ports/0/name");
    expectBoth(
        imageApp("'ports':[{'name':'http','port':80,'protocol':'http'}]"),
        "IM-065 warning /app/ports/0/protocol");
    String emptyProtocol = imageApp("'ports':[{'name':'http','port':80,'protocol':''}]");
    expect(Compat.SPEC, emptyProtocol, "IM-064 error /app/ports/0/protocol");
    expect(Compat.ACTOOL, emptyProtocol, "IM-064 note /app/ports/0/protocol");
    expectBoth(
        imageApp("'ports':[{'name':'http','port':80,'protocol':'TCP'}]"),
        "IM-065 note /app/ports/0/protocol");
  }

  @Test
  void anEmptyMountPointPathIsAnErrorInSpecModeOnly() {
    String json = imageApp("'mountPoints':[{'name':'work','path':''}]");
    expect(Compat.SPEC, json, "IM-060 error /app/mountPoints/0/path");
    expect(Compat.ACTOOL, json, "IM-060 note /app/mountPoints/0/path");
  }

  /** VR R-JSON-05: Go's int and uint decoders reject a fraction or exponent, even 80.0. */
  @Test
  void actoolRejectsIntegersWrittenWithAFractionOrExponent() {
    String json =
        imageApp("'supplementaryGIDs':[400.0],'ports':[{'name':'p','protocol':'tcp','port':8e1}]");
    expect(Compat.SPEC, json);
    expect(
        Compat.ACTOOL,
        json,
        "IM-037 error /app/supplementaryGIDs/0",
        "IM-067 error /app/ports/0/port");
  }

  /** Go port_test.go and VR §16.31: port + count must stay within 65535. */
  @Test
  void rejectsRangesBeyondTheLastPort() {
    expectBoth(imageApp("'ports':[{'name':'p','port':65535,'count':1,'protocol':'udp'}]"));
    expectBoth(
        imageApp("'ports':[{'name':'p','port':65535,'count':2,'protocol':'udp'}]"),
        "IM-068 error /app/ports/0/count");
    expectBoth(
        imageApp("'ports':[{'name':'p','port':32456,'count':45678,'protocol':'udp'}]"),
        "IM-068 error /app/ports/0/count");
  }

  @Test
  void duplicatePortNamesAreAnErrorInSpecAndANoteInActool() {
    String twice =
        imageApp(
            "'ports':[{'name':'http','port':80,'protocol':'tcp'},"
                + "{'name':'http','port':8080,'protocol':'tcp'}]");
    expect(Compat.SPEC, twice, "POD-044 error /app/ports/1/name");
    expect(Compat.ACTOOL, twice, "POD-044 note /app/ports/1/name");
  }

  @Test
  void checksAPodAppOverrideWithTheSameRules() {
    expectBoth(
        podApp("'app':{'user':'','group':'0','workingDirectory':'rel'}", ""),
        "IM-034 error /apps/0/app/user",
        "IM-046 error /apps/0/app/workingDirectory");
  }

  /** The schema reports a wrong JSON type; the app rules skip the value, so it is reported once. */
  @Test
  void reportsValuesOfTheWrongJsonTypeOnce() {
    String wrongTypes =
        imageApp(
            "'exec':'not a list','workingDirectory':5,'environment':{},'mountPoints':[1,null],"
                + "'ports':[{'name':7,'port':'80','protocol':6}]");
    List<String> inBothModes =
        List.of(
            "IM-030 error /app/exec",
            "IM-046 error /app/workingDirectory",
            "IM-050 error /app/environment",
            "IM-060 error /app/mountPoints/0",
            "IM-063 error /app/ports/0/name",
            "IM-064 error /app/ports/0/protocol",
            "IM-067 error /app/ports/0/port");
    expect(Compat.ACTOOL, wrongTypes, inBothModes.toArray(String[]::new));
    // Go read a null list entry as an empty mount point; the spec has no null mount point.
    List<String> spec = new ArrayList<>(inBothModes);
    spec.add("IM-060 error /app/mountPoints/1");
    expect(Compat.SPEC, wrongTypes, spec.toArray(String[]::new));
    expect(Compat.SPEC, Manifests.image("'app':null"), "IM-027 error /app");
    expect(Compat.ACTOOL, Manifests.image("'app':null"));
  }
}
