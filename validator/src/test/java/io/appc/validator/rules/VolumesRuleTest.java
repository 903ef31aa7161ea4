package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.pod;
import static io.appc.validator.rules.Manifests.podApp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import org.junit.jupiter.api.Test;

class VolumesRuleTest {
  private static String volumes(String list) {
    return pod("'volumes':[" + list + "]");
  }

  /** Go volume_test.go valid volumes (VR §16.21). */
  @Test
  void acceptsValidVolumes() {
    expectBoth(
        volumes(
            "{'name':'a','kind':'host','source':'/tmp'},"
                + "{'name':'b','kind':'host','source':'/tmp','readOnly':true,'recursive':false},"
                + "{'name':'c','kind':'empty'},"
                + "{'name':'d','kind':'empty','readOnly':true,'mode':'0777','uid':1000,'gid':1000},"
                + "{'name':'e','kind':'host','source':'/../x'},"
                + "{'name':'f','kind':'empty','source':''}"));
  }

  @Test
  void rejectsDuplicateVolumeNames() {
    expectBoth(
        volumes(
            "{'name':'simplename','kind':'empty'},{'name':'simplename','kind':'host','source':'/tmp'}"),
        "POD-030 error /volumes/1/name");
  }

  @Test
  void rejectsVolumeNamesThatAreNotAcNames() {
    expectBoth(volumes("{'name':'#foobar','kind':'empty'}"), "POD-030 error /volumes/0/name");
  }

  @Test
  void hostVolumesNeedAnAbsoluteSource() {
    expectBoth(
        volumes("{'name':'a','kind':'host','source':'tmp'}"), "POD-035 error /volumes/0/source");
    expectBoth(
        volumes("{'name':'a','kind':'host','source':''}"), "POD-035 error /volumes/0/source");
  }

  /** A missing source is the schema's (required); the rule only checks a source it can read. */
  @Test
  void reportsAMissingHostSourceOnce() {
    expectBoth(volumes("{'name':'a','kind':'host'}"), "POD-035 error /volumes/0");
    expectBoth(
        volumes("{'name':'a','kind':'host','source':null}"), "POD-035 error /volumes/0/source");
    expectBoth(
        podApp("'mounts':[{'volume':'v','path':'/v','appVolume':{'name':'v','kind':'host'}}]", ""),
        "POD-035 error /apps/0/mounts/0/appVolume");
    Finding missing = Manifests.only(Compat.SPEC, volumes("{'name':'a','kind':'host'}"));
    assertEquals("required member \"source\" is missing", missing.message());
    assertTrue(missing.hint().contains("\"source\": \"/"), missing.hint());
  }

  @Test
  void emptyOnlyMembersOnHostVolumesAreNotesInSpecAndErrorsInActool() {
    String host =
        volumes("{'name':'a','kind':'host','source':'/tmp','mode':'0600','uid':3,'gid':0}");
    expect(
        Compat.SPEC,
        host,
        "POD-037 note /volumes/0/mode",
        "POD-038 note /volumes/0/uid",
        "POD-039 note /volumes/0/gid");
    expect(
        Compat.ACTOOL,
        host,
        "POD-037 error /volumes/0/mode",
        "POD-038 error /volumes/0/uid",
        "POD-039 error /volumes/0/gid");
  }

  @Test
  void aSourceOnAnEmptyVolumeIsANoteInSpecAndAnErrorInActool() {
    String empty = volumes("{'name':'a','kind':'empty','source':'/tmp'}");
    expect(Compat.SPEC, empty, "POD-035 note /volumes/0/source");
    expect(Compat.ACTOOL, empty, "POD-035 error /volumes/0/source");
  }

  @Test
  void notesRecursiveOnAnEmptyVolume() {
    expectBoth(
        volumes("{'name':'a','kind':'empty','recursive':true}"),
        "POD-036 note /volumes/0/recursive");
  }

  @Test
  void modeIsOctal() {
    String rwx = volumes("{'name':'a','kind':'empty','mode':'rwx'}");
    expect(Compat.SPEC, rwx, "POD-037 error /volumes/0/mode");
    expect(Compat.ACTOOL, rwx, "POD-037 note /volumes/0/mode");
  }

  @Test
  void notesNegativeOwners() {
    expectBoth(
        volumes("{'name':'a','kind':'empty','uid':-5,'gid':-1}"),
        "POD-038 note /volumes/0/uid",
        "POD-039 note /volumes/0/gid");
  }

  /** An unknown kind is reported once; neither source nor mode of an unknown kind is checked. */
  @Test
  void reportsUnknownKindsOnly() {
    expectBoth(
        volumes("{'name':'a','kind':'Host','source':'rel','mode':'x'}"),
        "POD-032 error /volumes/0/kind");
  }
}
