package io.appc.validator.types;

import java.util.List;
import java.util.Objects;

/**
 * A key of the {@code os/unix/sysctl} isolator, as sysctl(8) writes it: components below {@code
 * /proc/sys} separated by dots ({@code net.ipv4.tcp_keepalive_time}) or, when a component itself
 * contains a dot such as a VLAN interface, by slashes ({@code net/ipv4/conf/eth0.100/forwarding}).
 *
 * <p>The grammar is deliberately tight because an executor turns the key into a path: every
 * component is non-empty and uses only ASCII letters, digits and {@code _ - @ + :} (plus {@code .}
 * in the slash form); no leading or trailing separator; no {@code .} or {@code ..} component, which
 * would leave {@code /proc/sys}.
 *
 * @param key the key as written
 * @param components the path components below {@code /proc/sys}
 */
public record SysctlKey(String key, List<String> components) {
  /**
   * Keys the Linux kernel isolates per network, IPC or UTS namespace, so that setting them in a pod
   * does not change the host. Entries ending in {@code .} are subtrees.
   */
  private static final List<String> NAMESPACED =
      List.of(
          "net.",
          "fs.mqueue.",
          "kernel.msgmax",
          "kernel.msgmnb",
          "kernel.msgmni",
          "kernel.sem",
          "kernel.shmall",
          "kernel.shmmax",
          "kernel.shmmni",
          "kernel.shm_rmid_forced",
          "kernel.hostname",
          "kernel.domainname");

  public SysctlKey {
    Objects.requireNonNull(key, "key");
    components = List.copyOf(components);
  }

  public static SysctlKey parse(String key) throws SysctlKeyFormatException {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty()) {
      throw new SysctlKeyFormatException(
          key, "need a sysctl key such as net.ipv4.ip_forward, got an empty string");
    }
    boolean slashForm = key.indexOf('/') >= 0;
    char separator = slashForm ? '/' : '.';
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_-@+:./".indexOf(c) >= 0;
      if (!allowed) {
        throw new SysctlKeyFormatException(
            key,
            "need a sysctl key of letters, digits, '_', '-' and '.' separators, got "
                + quote(key)
                + " with "
                + describe(c)
                + " at position "
                + (i + 1));
      }
    }
    if (key.charAt(0) == separator || key.charAt(key.length() - 1) == separator) {
      throw new SysctlKeyFormatException(
          key,
          "need a key relative to /proc/sys without leading or trailing '"
              + separator
              + "', got "
              + quote(key));
    }
    List<String> parts = List.of(key.split(slashForm ? "/" : "\\.", -1));
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new SysctlKeyFormatException(
            key, "need non-empty components between separators, got " + quote(key));
      }
      if (part.equals(".") || part.equals("..")) {
        throw new SysctlKeyFormatException(
            key,
            "need a key inside /proc/sys, got " + quote(key) + " with a '" + part + "' component");
      }
    }
    return new SysctlKey(key, parts);
  }

  /** The path below {@code /proc/sys}, e.g. {@code net/ipv4/ip_forward}. */
  public String path() {
    return String.join("/", components);
  }

  /** The key in dot form with the components joined by dots, as sysctl -a prints it. */
  public String dotted() {
    return String.join(".", components);
  }

  /**
   * True if the kernel keeps this parameter per network, IPC or UTS namespace, so a pod can set it
   * without touching the host. Executors commonly refuse or ignore the others (ISO-SYSCTL-005).
   */
  public boolean namespaced() {
    String dotted = dotted();
    for (String prefix : NAMESPACED) {
      if (prefix.endsWith(".") ? dotted.startsWith(prefix) : dotted.equals(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(char c) {
    if (Character.isWhitespace(c)) {
      return "whitespace";
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("control character U+%04X", (int) c);
    }
    return "'" + c + "'";
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
