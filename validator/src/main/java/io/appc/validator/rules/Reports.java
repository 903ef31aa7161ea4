package io.appc.validator.rules;

import io.appc.validator.finding.Level;
import io.appc.validator.finding.Requirements;
import io.appc.validator.types.InvalidValueException;
import io.appc.validator.types.NameSuggestions;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How rules turn problems into findings, so that levels follow the requirement catalog and the two
 * compatibility modes are handled the same way everywhere.
 */
final class Reports {
  private Reports() {}

  /** Reports at the level the catalog gives {@code id} (MUST: error, SHOULD: warning). */
  static void violation(RuleContext ctx, String id, String pointer, String message, String hint) {
    ctx.findings().add(id, Requirements.findingLevel(id), pointer, message, hint);
  }

  /** Reports an invalid value at the catalog level of {@code id}. */
  static void invalid(
      RuleContext ctx, String id, String pointer, String what, InvalidValueException e) {
    violation(ctx, id, pointer, what + ": " + e.getMessage(), e.hint());
  }

  /**
   * Reports something the spec requires but the Go actool accepted: at the catalog level in spec
   * mode, as a note in actool mode (so the document stays valid there, as it was for actool).
   */
  static void specOnly(RuleContext ctx, String id, String pointer, String message, String hint) {
    if (ctx.actool()) {
      ctx.findings()
          .note(id, pointer, message + " (the spec requires this; actool accepted it)", hint);
    } else {
      violation(ctx, id, pointer, message, hint);
    }
  }

  /** Like {@link #specOnly} for an invalid value. */
  static void specOnlyInvalid(
      RuleContext ctx, String id, String pointer, String what, InvalidValueException e) {
    specOnly(ctx, id, pointer, what + ": " + e.getMessage(), e.hint());
  }

  /**
   * Reports a string that is not one of the values {@code allowed}, with a did-you-mean. The
   * schemas list these values as {@code enum} for editors; the check lives here because compiling
   * an {@code enum} makes networknt build a Jackson ObjectMapper, a large share of a one-shot run.
   */
  static void notOneOf(
      RuleContext ctx, String id, String pointer, String value, List<String> allowed) {
    if (value == null || allowed.contains(value)) {
      return;
    }
    String need = allowed.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", "));
    String hint =
        NameSuggestions.nearest(value, allowed, Math.max(2, value.length() / 2))
            .map(s -> "did you mean \"" + s + "\"?")
            .orElse("use one of " + need);
    violation(ctx, id, pointer, "need one of " + need + ", got \"" + value + "\"", hint);
  }

  /** Advice the spec does not demand. */
  static void note(RuleContext ctx, String id, String pointer, String message, String hint) {
    ctx.findings().add(id, Level.NOTE, pointer, message, hint);
  }
}
