package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.image;

import io.appc.validator.Compat;
import org.junit.jupiter.api.Test;

class PathWhitelistRuleTest {
  // IM-090, IM-092: absolute paths, or an empty list
  @Test
  void acceptsAbsolutePaths() {
    expectBoth(image("'pathWhitelist':['/etc/ca/example.com/crt','/etc/systemd/system/']"));
    expectBoth(image("'pathWhitelist':[]"));
  }

  @Test
  void relativePathsAreSpecErrorsAndActoolNotes() {
    String relative = image("'pathWhitelist':['/ok','foo','']");
    expect(Compat.SPEC, relative, "IM-090 error /pathWhitelist/1", "IM-090 error /pathWhitelist/2");
    expect(Compat.ACTOOL, relative, "IM-090 note /pathWhitelist/1", "IM-090 note /pathWhitelist/2");
  }

  @Test
  void notesRepeatedEntries() {
    expectBoth(image("'pathWhitelist':['/a','/a']"), "IM-090 note /pathWhitelist/1");
  }
}
