package io.appc.validator.types;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for names from a fixed table: the closest entry by edit distance. */
public final class NameSuggestions {
  private NameSuggestions() {}

  /**
   * The candidate closest to {@code input}, if it is close enough to be a plausible typo: an exact
   * case-insensitive match, or at most two edits (one for short names).
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    return nearest(input, candidates, input.length() <= 4 ? 1 : 2);
  }

  /**
   * The candidate nearest to {@code input} (ignoring case) within {@code maxDistance} edits, if
   * any.
   */
  public static Optional<String> nearest(
      String input, Collection<String> candidates, int maxDistance) {
    String folded = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(folded, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= maxDistance ? Optional.of(best) : Optional.empty();
  }

  /**
   * Edit distance counting insertions, deletions, substitutions and swaps of two neighbours
   * (optimal string alignment), the usual shape of a typo.
   */
  public static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }
}
