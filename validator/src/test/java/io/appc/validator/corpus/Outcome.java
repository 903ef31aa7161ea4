package io.appc.validator.corpus;

import java.util.List;

/**
 * What one validation mode must say about one case.
 *
 * @param verdict valid, invalid, or not decided by the spec
 * @param errors errors that must be among the findings when invalid; may be empty when only the
 *     verdict is known
 */
record Outcome(Verdict verdict, List<ExpectedFinding> errors) {

  enum Verdict {
    VALID,
    INVALID,
    /** The spec text does not decide; the case records why and the test makes no claim. */
    UNSPECIFIED
  }

  Outcome {
    errors = List.copyOf(errors);
  }

  static Outcome valid() {
    return new Outcome(Verdict.VALID, List.of());
  }

  static Outcome invalid(List<ExpectedFinding> errors) {
    return new Outcome(Verdict.INVALID, errors);
  }

  static Outcome unspecified() {
    return new Outcome(Verdict.UNSPECIFIED, List.of());
  }
}
