package io.appc.validator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingRunTest {
  @Test
  void splitsCommandLinesAtSemicolonArguments() {
    List<String[]> lines =
        TrainingRun.split(new String[] {"validate", "a.json", ";", ";", "render", "x.aci", ";"});
    assertEquals(2, lines.size());
    assertEquals(List.of("validate", "a.json"), Arrays.asList(lines.get(0)));
    assertEquals(List.of("render", "x.aci"), Arrays.asList(lines.get(1)));
  }

  @Test
  void keepsSemicolonsInsideArguments() {
    List<String[]> lines = TrainingRun.split(new String[] {"validate", "a;b.json"});
    assertEquals(1, lines.size());
    assertEquals(List.of("validate", "a;b.json"), Arrays.asList(lines.get(0)));
  }
}
