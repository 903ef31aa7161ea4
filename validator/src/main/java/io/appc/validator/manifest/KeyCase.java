package io.appc.validator.manifest;

import io.appc.validator.json.JsonDocument;

/** Placeholder replaced by the rules work: case-insensitive member names in actool mode. */
final class KeyCase {
  private KeyCase() {}

  static JsonDocument normalize(JsonDocument document) {
    return document;
  }
}
