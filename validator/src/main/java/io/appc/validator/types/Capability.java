package io.appc.validator.types;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Linux capability as the capability isolators name it ({@code CAP_NET_ADMIN}). The table is
 * generated from {@code <linux/capability.h>} (see {@code
 * validator/scripts/generate-linux-tables.py}).
 *
 * @param name the {@code CAP_} name
 * @param number the bit number in the capability sets
 */
public record Capability(String name, int number) {
  private static final Map<String, Capability> BY_NAME = load();

  /**
   * The 14 capabilities an app gets when it has no capability isolator (ace.md
   * §capabilities-remove-set, ISO-CAPRM-003), in the spec's order.
   */
  public static final List<String> DEFAULT_SET =
      List.of(
          "CAP_AUDIT_WRITE",
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_KILL",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_NET_BIND_SERVICE",
          "CAP_SETUID",
          "CAP_SETGID",
          "CAP_SETPCAP",
          "CAP_SETFCAP",
          "CAP_SYS_CHROOT");

  public static Optional<Capability> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static boolean known(String name) {
    return BY_NAME.containsKey(name);
  }

  /** Every capability, in bit order. */
  public static List<Capability> all() {
    return List.copyOf(BY_NAME.values());
  }

  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  public static boolean inDefaultSet(String name) {
    return DEFAULT_SET.contains(name);
  }

  /**
   * True if {@code name} is shaped like a capability name: {@code CAP_} followed by ASCII
   * upper-case letters, digits and underscores, as every {@code <linux/capability.h>} macro is.
   * Kernels keep adding capabilities ({@code CAP_BPF} came in Linux 5.8), so such a name may be a
   * real capability this table lacks, or a typo; a name of another shape is neither.
   */
  public static boolean hasCapabilityForm(String name) {
    if (name.length() <= 4 || !name.startsWith("CAP_")) {
      return false;
    }
    for (int i = 4; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
        return false;
      }
    }
    return true;
  }

  /**
   * The capability a misspelt name most likely means: {@code cap_kill} and {@code KILL} give {@code
   * CAP_KILL}, {@code CAP_SYSADMIN} gives {@code CAP_SYS_ADMIN}.
   */
  public static Optional<String> suggestion(String name) {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    String prefixed = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
    if (BY_NAME.containsKey(prefixed)) {
      return Optional.of(prefixed);
    }
    return NameSuggestions.closest(prefixed, BY_NAME.keySet());
  }

  private static Map<String, Capability> load() {
    Map<String, Capability> map = new LinkedHashMap<>();
    for (String[] row : LinuxTable.rows("/io/appc/validator/types/capabilities.tsv")) {
      map.put(row[0], new Capability(row[0], Integer.parseInt(row[1])));
    }
    return Collections.unmodifiableMap(map);
  }
}
