package io.appc.validator.types;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Linux syscall names, for spotting misspelt entries in seccomp isolators. The table is the union
 * of the x86_64, i386 and x32 syscall tables and the asm-generic table (arm64, riscv64 and other
 * newer architectures) of the kernel headers installed at generation time (see {@code
 * validator/scripts/generate-linux-tables.py}). Syscalls added by later kernels are missing, so an
 * unknown name deserves a note, never an error.
 */
public final class SyscallNames {
  private static final String RESOURCE = "/io/appc/validator/types/syscalls.tsv";
  private static final Map<String, List<String>> ABIS = load();

  private SyscallNames() {}

  public static boolean known(String name) {
    return ABIS.containsKey(name);
  }

  /**
   * The ABIs whose table has the syscall: {@code x86_64}, {@code i386}, {@code x32}, {@code
   * generic}.
   */
  public static List<String> abis(String name) {
    return ABIS.getOrDefault(name, List.of());
  }

  public static Set<String> names() {
    return ABIS.keySet();
  }

  /** The package the table was generated from, e.g. {@code linux-libc-dev 6.1.187-1}. */
  public static String source() {
    return LinuxTable.generatedFrom(RESOURCE);
  }

  public static Optional<String> suggestion(String name) {
    return NameSuggestions.closest(name, ABIS.keySet());
  }

  private static Map<String, List<String>> load() {
    Map<String, List<String>> map = new TreeMap<>();
    for (String[] row : LinuxTable.rows(RESOURCE)) {
      map.put(row[0], List.of(row[1].split(",")));
    }
    return Collections.unmodifiableMap(map);
  }
}
