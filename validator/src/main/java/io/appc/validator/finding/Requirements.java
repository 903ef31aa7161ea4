package io.appc.validator.finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requirement IDs of the appc v0.8.11 catalog with their RFC 2119 level. Findings name these
 * IDs; reports use the level to explain how strict a requirement is. IDs starting with {@code
 * LINT-} are the toolkit's own advice and are not in the catalog.
 */
public final class Requirements {
  private static final Map<String, String> LEVELS = load();

  private Requirements() {}

  /** Every catalog ID with its level ({@code MUST}, {@code SHOULD*}, ...), in catalog order. */
  public static Map<String, String> all() {
    return LEVELS;
  }

  public static boolean known(String id) {
    return LEVELS.containsKey(id);
  }

  /** The level keyword of {@code id}, or {@code "LINT"} for the toolkit's own advice. */
  public static String keyword(String id) {
    return LEVELS.getOrDefault(id, "LINT");
  }

  /** The finding level a violation of {@code id} gets: MUST is an error, SHOULD a warning. */
  public static Level findingLevel(String id) {
    String keyword = keyword(id);
    if (keyword.startsWith("MUST")) {
      return Level.ERROR;
    }
    if (keyword.startsWith("SHOULD")) {
      return Level.WARNING;
    }
    return Level.NOTE;
  }

  private static Map<String, String> load() {
    Map<String, String> map = new LinkedHashMap<>();
    try (InputStream in =
        Requirements.class.getResourceAsStream("/io/appc/validator/requirements.tsv")) {
      if (in == null) {
        throw new IllegalStateException("requirements.tsv missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        map.put(parts[0], parts[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Collections.unmodifiableMap(map);
  }
}
