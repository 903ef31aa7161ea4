package io.appc.validator.rules;

import io.appc.validator.rules.isolator.IsolatorChecks;

/**
 * Isolators (ace.md §Isolators, types.md §Isolator Type): names, value shapes and grammars, scope,
 * multiplicity and conflicts, in every isolator list of an image or pod manifest. The checks live
 * in {@link io.appc.validator.rules.isolator}.
 */
public final class IsolatorRules implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    IsolatorChecks.run(context);
  }
}
