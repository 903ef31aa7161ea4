package io.appc.validator.corpus;

import io.appc.validator.finding.Requirements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A finding a case expects: one of several requirement IDs, optionally at a JSON pointer.
 *
 * <p>The catalog often has a field row and a type row for the same fact (IM-012 "name is an AC
 * Identifier" and TYPE-ACID-001 "an AC Identifier is ..."), so an expectation may accept any of
 * them: {@code "IM-012|TYPE-ACID-001"}. A pointer matches a finding at that location or below it,
 * so "/labels/1" accepts a finding at "/labels/1/name"; {@code null} accepts any location.
 *
 * @param anyOf the accepted requirement IDs
 * @param pointer RFC 6901 pointer, "" for the document, or {@code null} for anywhere
 */
record ExpectedFinding(Set<String> anyOf, String pointer) {

  ExpectedFinding {
    anyOf = Set.copyOf(anyOf);
  }

  /** Parses {@code "ID|ID"}. */
  static Set<String> alternatives(String expression) {
    return new LinkedHashSet<>(Arrays.asList(expression.split("\\|", -1)));
  }

  /** Pairs requirement expressions with pointers; {@code pointers} may be {@code null}. */
  static List<ExpectedFinding> of(List<String> expressions, List<String> pointers) {
    List<ExpectedFinding> list = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      String pointer = pointers == null ? null : pointers.get(i);
      list.add(new ExpectedFinding(alternatives(expressions.get(i)), pointer));
    }
    return List.copyOf(list);
  }

  /** Problems with a requirement expression, empty when every alternative is a catalog ID. */
  static List<String> problemsOf(String expression) {
    List<String> problems = new ArrayList<>();
    for (String id : expression.split("\\|", -1)) {
      if (!Requirements.known(id)) {
        problems.add("unknown requirement ID '" + id + "' in '" + expression + "'");
      }
    }
    return problems;
  }

  static boolean wellFormedPointer(String pointer) {
    return pointer.isEmpty() || pointer.startsWith("/");
  }

  boolean matches(String requirement, String findingPointer) {
    if (!anyOf.contains(requirement)) {
      return false;
    }
    if (pointer == null || pointer.isEmpty()) {
      return true;
    }
    String at = findingPointer == null ? "" : findingPointer;
    return at.equals(pointer) || at.startsWith(pointer + "/");
  }

  String describe() {
    String ids = String.join("|", anyOf.stream().sorted().toList());
    return pointer == null ? ids : ids + " at \"" + pointer + "\"";
  }
}
