package io.appc.validator.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Links from a requirement ID to the section of the appc v0.8.11 specification it comes from. */
public final class SpecLinks {
  /** The tagged specification on GitHub; section paths are relative to it. */
  public static final String BASE = "https://github.com/appc/spec/blob/v0.8.11/";

  private static final Map<String, String> SECTIONS = load();

  private SpecLinks() {}

  /** The URL of the section that states {@code requirementId}, if the catalog names one. */
  public static Optional<String> helpUri(String requirementId) {
    String section = SECTIONS.get(requirementId);
    return section == null || section.isEmpty() ? Optional.empty() : Optional.of(BASE + section);
  }

  private static Map<String, String> load() {
    Map<String, String> map = new HashMap<>();
    try (InputStream in = SpecLinks.class.getResourceAsStream("spec-sections.tsv")) {
      if (in == null) {
        return Map.of();
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", -1);
        map.put(parts[0], parts.length > 1 ? parts[1] : "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(map);
  }
}
