package io.appc.validator.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The appc schemas use no anyOf/oneOf today; this schema does, so that a later schema change cannot
 * turn one mistake into one finding per alternative.
 */
class ErrorTranslatorTest {
  private static final String ID = "https://appc.io/test/cascade.schema.json";
  private static final SchemaSet SCHEMAS =
      SchemaSet.of(Map.of(ID, SchemaCases.read("cascade.schema.json")));
  private static final ErrorTranslator TRANSLATOR = new ErrorTranslator(SCHEMAS, "IM-001");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"either": 5}          | IM-030 /either         | need a string or an array, got a number (5)
          {"either": ["a", 1]}   | IM-030 /either/1       | need a string, got a number (1)
          {"one": true}          | IM-067 /one            | need an integer or an object, got a boolean (true)
          {"one": 0}             | IM-067 /one            | need an integer of at least 1, got 0
          {"one": {}}            | IM-067 /one            | required member "port" is missing
          {"one": {"port": "8"}} | IM-067 /one/port       | need an integer, got a string ("8")
          {"both": 5}            | IM-067 /both           | need a value that matches exactly one of the allowed forms, got one that matches several
          """)
  void failedAlternativesGiveOneFinding(String json, String idAndPointer, String message) {
    JsonNode instance = SchemaCases.MAPPER.readTree(json);
    List<SchemaViolation> violations = TRANSLATOR.translate(SCHEMAS.validate(ID, instance));
    assertEquals(1, violations.size(), violations::toString);
    SchemaViolation v = violations.get(0);
    assertEquals(idAndPointer, v.requirementId() + " " + v.pointer());
    assertEquals(message, v.message());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"either": "a", "one": 2, "both": -1} | 0
          {"either": 5, "one": true}            | 2
          """)
  void alternativesAreCollapsedPerValue(String json, int expected) {
    JsonNode instance = SchemaCases.MAPPER.readTree(json);
    assertEquals(expected, TRANSLATOR.translate(SCHEMAS.validate(ID, instance)).size());
  }
}
