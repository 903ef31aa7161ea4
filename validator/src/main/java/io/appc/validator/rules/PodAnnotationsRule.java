package io.appc.validator.rules;

import io.appc.validator.rules.AnnotationsRule.Scope;

/**
 * pods.md §Pod Manifest Schema, pod-level {@code annotations} (POD-041); see {@link
 * AnnotationsRule}.
 */
public final class PodAnnotationsRule implements ManifestRule {
  @Override
  public void check(RuleContext context) {
    AnnotationsRule.checkList(
        context, "/annotations", Nodes.array(context.root(), "annotations"), Scope.POD);
  }
}
