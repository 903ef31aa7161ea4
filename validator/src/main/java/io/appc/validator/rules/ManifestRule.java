package io.appc.validator.rules;

/**
 * One semantic check on a manifest: something a JSON Schema cannot express. A rule reads the
 * document through its {@link RuleContext} and reports findings there; it never throws on bad
 * input, and it skips values whose JSON type is wrong (the schema already reported those).
 */
@FunctionalInterface
public interface ManifestRule {
  void check(RuleContext context);
}
