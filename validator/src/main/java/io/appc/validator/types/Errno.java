package io.appc.validator.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The errno names a seccomp isolator may name in {@code errno} (ace.md §seccomp-remove-set:
 * "all-uppercase name of a single errno code"). The table is generated from the Linux kernel
 * headers and errno(3) (see {@code validator/scripts/generate-linux-tables.py}); it records which
 * names POSIX.1-2001 and C99 define, because executors MUST support those (ISO-SECRM-010) and
 * SHOULD support the Linux-specific rest (ISO-SECRM-011).
 */
public final class Errno {
  /** One errno name. */
  public record Entry(String name, OptionalInt number, Set<String> standards) {
    /** Defined by POSIX.1-2001 or C99: every executor MUST support it. */
    public boolean requiredBySpec() {
      return standards.contains("POSIX.1-2001") || standards.contains("C99");
    }
  }

  private static final Map<String, Entry> ENTRIES = load();

  private Errno() {}

  public static boolean known(String name) {
    return ENTRIES.containsKey(name);
  }

  public static Optional<Entry> lookup(String name) {
    return Optional.ofNullable(ENTRIES.get(name));
  }

  /** Every known name, sorted. */
  public static Set<String> names() {
    return ENTRIES.keySet();
  }

  /** The names POSIX.1-2001 or C99 define (the ones ISO-SECRM-010 makes mandatory). */
  public static Set<String> requiredNames() {
    Set<String> names = new java.util.TreeSet<>();
    ENTRIES.values().stream().filter(Entry::requiredBySpec).forEach(e -> names.add(e.name()));
    return Collections.unmodifiableSet(names);
  }

  /**
   * The Go reference's only check (validation-rules.md §6.2): the first character is {@code E} and
   * every character is a Unicode upper-case letter or a Unicode number ({@code EÄ} passes, {@code
   * E_FOO} fails).
   */
  public static boolean goSyntax(String name) {
    if (name.isEmpty() || name.charAt(0) != 'E') {
      return false;
    }
    return name.codePoints()
        .allMatch(
            cp -> {
              int type = Character.getType(cp);
              return type == Character.UPPERCASE_LETTER
                  || type == Character.DECIMAL_DIGIT_NUMBER
                  || type == Character.LETTER_NUMBER
                  || type == Character.OTHER_NUMBER;
            });
  }

  /**
   * True if {@code name} is shaped like an errno name: {@code E} followed by at least one ASCII
   * upper-case letter or digit, as every C errno macro is. Such a name may be a code this table
   * does not know (a newer or platform-specific one, or a typo), which executors MAY ignore; a name
   * of another shape cannot be an errno code at all.
   */
  public static boolean hasErrnoForm(String name) {
    if (name.length() < 2 || name.charAt(0) != 'E') {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** The known name closest to a misspelt one ({@code EACCESS} gives {@code EACCES}). */
  public static Optional<String> suggestion(String name) {
    return NameSuggestions.closest(name, ENTRIES.keySet());
  }

  private static Map<String, Entry> load() {
    Map<String, Entry> map = new LinkedHashMap<>();
    for (String[] row : LinuxTable.rows("/io/appc/validator/types/errno.tsv")) {
      OptionalInt number =
          row[1].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(row[1]));
      map.put(row[0], new Entry(row[0], number, Set.copyOf(List.of(row[2].split(",")))));
    }
    return Collections.unmodifiableMap(map);
  }
}
