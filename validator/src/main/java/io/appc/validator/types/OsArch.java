package io.appc.validator.types;

import io.appc.validator.Compat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code os} and {@code arch} labels of an image (aci.md): together they name the syscall ABI
 * the image needs. Immutable.
 *
 * <p>aci.md says the supported combinations "are listed in the {@code types.ValidOSArch} variable",
 * names seven combinations as "whitelisted by default", and lets an implementation add more
 * (IM-026). The reference variable at v0.8.11 holds seven more Linux architectures ({@code
 * aarch64}, {@code aarch64_be}, {@code armv6l}, {@code armv7l}, {@code armv7b}, {@code ppc64},
 * {@code ppc64le}, {@code s390x}; {@code amd64} and {@code i386} are in both). Both modes accept
 * that table; {@link #defaultWhitelisted()} tells whether a pair is one of the seven the text
 * lists, so a rule can say when an image relies on the extension.
 *
 * <p>An {@code arch} without an {@code os} carries no meaning (the image is OS-independent) and is
 * not checked against the table.
 *
 * @param os the operating system, e.g. {@code linux}
 * @param arch the architecture, e.g. {@code amd64}, or {@code null} when the image has none
 */
public record OsArch(String os, String arch) {
  private static final Map<String, List<String>> DEFAULT_WHITELIST = new LinkedHashMap<>();
  private static final Map<String, List<String>> REFERENCE_TABLE = new LinkedHashMap<>();

  static {
    DEFAULT_WHITELIST.put("linux", List.of("amd64", "i386"));
    DEFAULT_WHITELIST.put("freebsd", List.of("amd64", "i386", "arm"));
    DEFAULT_WHITELIST.put("darwin", List.of("x86_64", "i386"));
    REFERENCE_TABLE.put(
        "linux",
        List.of(
            "amd64",
            "i386",
            "aarch64",
            "aarch64_be",
            "armv6l",
            "armv7l",
            "armv7b",
            "ppc64",
            "ppc64le",
            "s390x"));
    REFERENCE_TABLE.put("freebsd", List.of("amd64", "i386", "arm"));
    REFERENCE_TABLE.put("darwin", List.of("x86_64", "i386"));
  }

  /** Go architecture names and common misspellings, with the appc name to use instead. */
  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("linux/arm64", "aarch64"),
          Map.entry("linux/arm64be", "aarch64_be"),
          Map.entry("linux/arm64_be", "aarch64_be"),
          Map.entry("linux/arm", "armv6l or armv7l"),
          Map.entry("linux/386", "i386"),
          Map.entry("linux/x86_64", "amd64"),
          Map.entry("linux/x86-64", "amd64"),
          Map.entry("linux/i686", "i386"),
          Map.entry("freebsd/386", "i386"),
          Map.entry("freebsd/x86_64", "amd64"),
          Map.entry("darwin/amd64", "x86_64"),
          Map.entry("darwin/386", "i386"),
          Map.entry("darwin/arm64", "no appc name exists for it"));

  public OsArch {
    Objects.requireNonNull(os, "os");
  }

  /**
   * Parses the {@code os/arch} or {@code os} form.
   *
   * @throws InvalidValueException if the OS or the pair is not supported
   */
  public static OsArch parse(String value, Compat compat) throws InvalidValueException {
    if (value == null) {
      throw new InvalidValueException(null, "an os/arch pair such as \"linux/amd64\"", "", "");
    }
    int slash = value.indexOf('/');
    return slash < 0
        ? of(value, null, compat)
        : of(value.substring(0, slash), value.substring(slash + 1), compat);
  }

  /**
   * Checks the values of an image's {@code os} and {@code arch} labels.
   *
   * @param os the {@code os} label value
   * @param arch the {@code arch} label value, or {@code null} when absent
   * @throws InvalidValueException if the OS is unknown or the architecture is not listed for it
   */
  public static OsArch of(String os, String arch, Compat compat) throws InvalidValueException {
    Map<String, List<String>> table = supported(compat);
    if (os == null || !table.containsKey(os)) {
      String lower = os == null ? "" : os.toLowerCase(java.util.Locale.ROOT);
      String hint =
          table.containsKey(lower)
              ? "label values are case-sensitive; write \"" + lower + "\""
              : "supported operating systems are " + String.join(", ", table.keySet());
      throw new InvalidValueException(os, "a supported os", "unknown os", hint);
    }
    if (arch != null && !table.get(os).contains(arch)) {
      String alias = ALIASES.get(os + "/" + arch);
      String hint =
          alias != null
              ? "appc uses uname-style names: write " + alias
              : "supported arch values for " + os + " are " + String.join(", ", table.get(os));
      throw new InvalidValueException(
          arch, "a supported arch for os \"" + os + "\"", os + "/" + arch + " is not listed", hint);
    }
    return new OsArch(os, arch);
  }

  /**
   * The supported combinations: the reference table in both modes (see the class comment). The
   * result is unmodifiable.
   */
  public static Map<String, List<String>> supported(Compat compat) {
    return java.util.Collections.unmodifiableMap(REFERENCE_TABLE);
  }

  /** The seven combinations aci.md lists as whitelisted by default. Unmodifiable. */
  public static Map<String, List<String>> defaultWhitelist() {
    return java.util.Collections.unmodifiableMap(DEFAULT_WHITELIST);
  }

  /** True if this pair (or this OS alone) is in the list the spec text names. */
  public boolean defaultWhitelisted() {
    List<String> arches = DEFAULT_WHITELIST.get(os);
    return arches != null && (arch == null || arches.contains(arch));
  }

  @Override
  public String toString() {
    return arch == null ? os : os + "/" + arch;
  }
}
