package io.appc.validator.finding;

/**
 * How serious a finding is. The level follows the RFC 2119 keyword of the requirement it comes
 * from: MUST becomes {@link #ERROR}, SHOULD becomes {@link #WARNING}, and advice that the spec does
 * not demand (typos, style) becomes {@link #NOTE}.
 */
public enum Level {
  ERROR,
  WARNING,
  NOTE;

  /** Lower-case name used in every output format. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
