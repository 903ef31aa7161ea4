package io.appc.validator.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestValidatorTest {
  private static FileResult validate(Compat compat, String json) {
    return new ManifestValidator(ValidationOptions.DEFAULT.withCompat(compat))
        .validate(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "m");
  }

  private static List<String> summary(FileResult result) {
    return result.findings().stream()
        .map(f -> f.requirementId() + " " + f.level().label() + " " + f.pointer())
        .sorted()
        .toList();
  }

  /** VR R-JSON-03: Go validates every copy of a repeated member, so a bad earlier one fails. */
  @Test
  void actoolRejectsAnInvalidEarlierCopyOfARepeatedMember() {
    String json =
        "{'acKind':'ImageManifest','acVersion':'0.8.11','name':'BAD','name':'example.com/app'}";
    FileResult actool = validate(Compat.ACTOOL, json);
    assertEquals(List.of("IM-001 note /name", "IM-012 error /name"), summary(actool));
    Finding earlier =
        actool.findings().stream()
            .filter(f -> f.requirementId().equals("IM-012"))
            .findFirst()
            .get();
    assertTrue(earlier.message().startsWith("earlier copy"), earlier.message());
    assertEquals(55, earlier.column());
    assertEquals(List.of("IM-001 error /name"), summary(validate(Compat.SPEC, json)));
  }

  @Test
  void actoolAcceptsValidEarlierCopies() {
    String json =
        "{'acKind':'ImageManifest','acVersion':'0.8.11','name':'example.com/old',"
            + "'labels':[{'name':'os','value':'linux'}],'name':'example.com/app',"
            + "'labels':[{'name':'version','value':'1'}]}";
    assertEquals(
        List.of("IM-001 note /labels", "IM-001 note /name"),
        summary(validate(Compat.ACTOOL, json)));
  }

  /** An invalid earlier copy nested in a list is found too. */
  @Test
  void actoolChecksEarlierCopiesInsideLists() {
    String json =
        "{'acKind':'ImageManifest','acVersion':'0.8.11','name':'example.com/app',"
            + "'labels':[{'name':'Os','name':'os','value':'linux'}]}";
    assertEquals(
        List.of("IM-001 note /labels/0/name", "IM-020 error /labels/0/name"),
        summary(validate(Compat.ACTOOL, json)));
  }
}
