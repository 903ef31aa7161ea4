package io.appc.validator.rules.isolator;

import io.appc.validator.finding.Level;
import io.appc.validator.rules.RuleContext;

/**
 * Reports isolator findings whose level depends on the compatibility mode. A {@code null} level
 * means "nothing to report in that mode": ACTOOL mode raises errors exactly where the Go reference
 * rejects a manifest and turns the spec's other demands into notes.
 */
final class Reporter {
  private final RuleContext context;

  Reporter(RuleContext context) {
    this.context = context;
  }

  RuleContext context() {
    return context;
  }

  boolean actool() {
    return context.actool();
  }

  /** Reports with {@code spec} in SPEC mode and {@code actool} in ACTOOL mode. */
  void byMode(String id, Level spec, Level actool, String pointer, String message, String hint) {
    Level level = context.actool() ? actool : spec;
    if (level != null) {
      context.findings().add(id, level, pointer, message, hint);
    }
  }

  void error(String id, String pointer, String message, String hint) {
    context.findings().add(id, Level.ERROR, pointer, message, hint);
  }

  void warning(String id, String pointer, String message, String hint) {
    context.findings().add(id, Level.WARNING, pointer, message, hint);
  }

  void note(String id, String pointer, String message, String hint) {
    context.findings().add(id, Level.NOTE, pointer, message, hint);
  }

  /** An error in SPEC mode that the Go reference accepts: a note in ACTOOL mode. */
  void specError(String id, String pointer, String message, String hint) {
    byMode(id, Level.ERROR, Level.NOTE, pointer, message, hint);
  }
}
