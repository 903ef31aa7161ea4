package io.appc.validator.rules.isolator;

import tools.jackson.databind.JsonNode;

/**
 * One isolator value being checked: its type, the value, where it is, and whether it sits in an
 * app's list or in the pod's list.
 */
record Site(IsolatorType type, JsonNode value, String pointer, boolean podLevel) {
  String name() {
    return type.isolatorName;
  }
}
