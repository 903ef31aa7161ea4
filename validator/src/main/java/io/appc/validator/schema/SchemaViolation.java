package io.appc.validator.schema;

import tools.jackson.databind.JsonNode;

/**
 * One schema error, translated into the terms of a finding.
 *
 * @param requirementId catalog ID taken from the schema's {@code x-appc-*} annotations
 * @param mapped false when no annotation named a requirement and a fallback ID was used
 * @param keyword the JSON Schema keyword that failed ({@code type}, {@code required}, ...)
 * @param pointer RFC 6901 pointer to the offending value (for {@code required}: the object)
 * @param member the missing member for {@code required}; otherwise the last token of the pointer
 *     ({@code ""} at the root)
 * @param instance the offending value
 * @param message what is wrong, "need X, got Y"
 * @param hint how to fix it
 * @param typeFact true when the failed keyword is part of the member's type as the spec states it
 *     (the subschema says {@code x-appc-type-fact}), so the violation is an error whatever the
 *     keyword of the row it cites
 */
record SchemaViolation(
    String requirementId,
    boolean mapped,
    String keyword,
    String pointer,
    String member,
    JsonNode instance,
    String message,
    String hint,
    boolean typeFact) {

  /** True when the offending member is an array element rather than a named member. */
  boolean memberIsIndex() {
    return !"required".equals(keyword)
        && !member.isEmpty()
        && member.chars().allMatch(Character::isDigit);
  }
}
