package io.appc.validator.rules;

/** Placeholder replaced by the isolator work: checks every isolator list in a manifest. */
public final class IsolatorRules implements ManifestRule {
  @Override
  public void check(RuleContext context) {}
}
