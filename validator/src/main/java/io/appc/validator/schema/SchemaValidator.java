package io.appc.validator.schema;

import io.appc.validator.rules.RuleContext;

/** Placeholder replaced by the schema work: validates a manifest against schemas/. */
public final class SchemaValidator {
  private static final SchemaValidator SHARED = new SchemaValidator();

  public static SchemaValidator shared() {
    return SHARED;
  }

  public void validate(RuleContext context) {}
}
