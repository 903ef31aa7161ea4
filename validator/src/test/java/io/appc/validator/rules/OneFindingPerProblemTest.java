package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.image;
import static io.appc.validator.rules.Manifests.imageApp;
import static io.appc.validator.rules.Manifests.json;
import static io.appc.validator.rules.Manifests.pod;

import io.appc.validator.Compat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Problems that both the schema layer and a rule could see. Each must give exactly one finding in
 * each mode, from whichever side owns it (types, required members and unconditional ranges: the
 * schema; grammars, uniqueness, isolator values and mode-dependent levels: the rules).
 */
class OneFindingPerProblemTest {
  private static final String IMAGE_HEADER = "'acKind':'ImageManifest','acVersion':";

  static Stream<Arguments> problems() {
    return Stream.of(
        problem(
            "hostPort out of range",
            pod("'ports':[{'name':'http','hostPort':70000}]"),
            "POD-045 error /ports/0/hostPort",
            "POD-045 note /ports/0/hostPort"),
        problem(
            "hostPort 0",
            pod("'ports':[{'name':'http','hostPort':0}]"),
            "POD-045 error /ports/0/hostPort",
            "POD-045 note /ports/0/hostPort"),
        both(
            "host volume without source",
            pod("'volumes':[{'name':'v','kind':'host'}]"),
            "POD-035 error /volumes/0"),
        both(
            "host volume with a null source",
            pod("'volumes':[{'name':'v','kind':'host','source':null}]"),
            "POD-035 error /volumes/0/source"),
        both("empty user", image("'app':{'user':'','group':'0'}"), "IM-034 error /app/user"),
        both("empty group", image("'app':{'user':'0','group':''}"), "IM-034 error /app/group"),
        both(
            "app port 0",
            imageApp("'ports':[{'name':'p','protocol':'tcp','port':0}]"),
            "IM-067 error /app/ports/0/port"),
        both(
            "app port with a huge exponent",
            imageApp("'ports':[{'name':'p','protocol':'tcp','port':1e999999999}]"),
            "IM-067 error /app/ports/0/port"),
        both(
            "isolator without value",
            imageApp("'isolators':[{'name':'resource/cpu'}]"),
            "TYPE-ISO-001 error /app/isolators/0"),
        both(
            "isolator list that is an object",
            imageApp("'isolators':{}"),
            "TYPE-ISO-001 error /app/isolators"),
        both(
            "capability set that is a string",
            imageApp(
                "'isolators':[{'name':'os/linux/capabilities-retain-set',"
                    + "'value':{'set':'CAP_KILL'}}]"),
            "ISO-CAPRT-002 error /app/isolators/0/value/set"),
        both(
            "seccomp set that is an object",
            imageApp("'isolators':[{'name':'os/linux/seccomp-remove-set','value':{'set':{}}}]"),
            "ISO-SECRM-002 error /app/isolators/0/value/set"),
        both(
            "acVersion that is not SemVer",
            json("{" + IMAGE_HEADER + "'1.2','name':'example.com/app'}"),
            "IM-011 error /acVersion"),
        both(
            "acVersion that is a number",
            json("{" + IMAGE_HEADER + "811,'name':'example.com/app'}"),
            "IM-011 error /acVersion"),
        both(
            "image name that is not an AC Identifier",
            json("{" + IMAGE_HEADER + "'0.8.11','name':'Example.com/App'}"),
            "IM-012 error /name"),
        both(
            "label name that is not an AC Identifier",
            image("'labels':[{'name':'Os','value':'linux'}]"),
            "IM-020 error /labels/0/name"),
        both(
            "label listed twice",
            image("'labels':[{'name':'version','value':'1'},{'name':'version','value':'2'}]"),
            "IM-021 error /labels/1/name"));
  }

  private static Arguments problem(String name, String json, String spec, String actool) {
    return Arguments.argumentSet(name, json, spec, actool);
  }

  private static Arguments both(String name, String json, String finding) {
    return problem(name, json, finding, finding);
  }

  @ParameterizedTest
  @MethodSource("problems")
  void givesExactlyOneFindingInEachMode(String json, String spec, String actool) {
    expect(Compat.SPEC, json, spec);
    expect(Compat.ACTOOL, json, actool);
  }
}
