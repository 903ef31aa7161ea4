package io.appc.validator;

/**
 * Which reading of the rules to apply. {@link #SPEC} follows the specification text; {@link
 * #ACTOOL} accepts what the historical Go tool {@code actool} accepted where the two differ. Every
 * difference is listed in {@code docs/compat-actool.md}.
 */
public enum Compat {
  SPEC,
  ACTOOL
}
