package io.appc.validator.rules.isolator;

import io.appc.validator.finding.Level;
import io.appc.validator.json.JsonPointers;
import io.appc.validator.rules.isolator.Members.Member;
import io.appc.validator.types.Errno;
import io.appc.validator.types.SyscallNames;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Values of {@code os/linux/seccomp-remove-set} and {@code -retain-set}: {@code {"set": [...],
 * "errno": "..."}}. Entries are syscall names or scoped wildcards {@code @scope/name}; the {@code
 * @appc.io/} scope is the spec's, and each isolator defines one wildcard in it.
 */
final class SeccompValues {
  private static final String RESERVED_SCOPE = "appc.io";

  private final Reporter reporter;

  SeccompValues(Reporter reporter) {
    this.reporter = reporter;
  }

  void check(Site site) {
    boolean remove = site.type() == IsolatorType.SECCOMP_REMOVE;
    String shapeId = site.type().shapeId;
    String emptyId = remove ? "ISO-SECRM-004" : "ISO-SECRT-003";
    JsonNode value = site.value();
    if (!value.isObject()) {
      reporter.error(
          shapeId,
          site.pointer(),
          "need an object {\"set\": [...], \"errno\": \"...\"} for "
              + site.name()
              + ", got "
              + Members.describe(value),
          "list the syscalls under \"set\"");
      return;
    }
    Members.noteUnknown(reporter, value, site.pointer(), site.name(), List.of("set", "errno"));
    checkErrno(site, remove, Members.get(value, "errno", site.pointer(), reporter.actool()));

    Member set = Members.get(value, "set", site.pointer(), reporter.actool());
    if (set == null || set.node().isNull() || (set.node().isArray() && set.node().isEmpty())) {
      reporter.error(
          emptyId,
          set == null ? site.pointer() : set.pointer(),
          "need a non-empty \"set\" of syscall names for "
              + site.name()
              + ", got "
              + (set == null ? "none" : Members.describe(set.node())),
          remove
              ? "list the syscalls to block, or [\"@appc.io/empty\"] for the executor's default"
                  + " filter only"
              : "list the syscalls to allow, or [\"@appc.io/all\"] to turn filtering off");
      return;
    }
    if (!set.node().isArray()) {
      reporter.error(
          shapeId,
          set.pointer(),
          "need an array of syscall names for \"set\", got " + Members.describe(set.node()),
          "e.g. \"set\": [\"reboot\"]");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < set.node().size(); i++) {
      JsonNode entry = set.node().get(i);
      String pointer = JsonPointers.child(set.pointer(), i);
      String text;
      if (entry.isString()) {
        text = entry.asString();
      } else if (entry.isNull() && reporter.actool()) {
        text = "";
      } else {
        reporter.error(
            shapeId,
            pointer,
            "need a syscall name string, got " + Members.describe(entry),
            "write the name in quotes, e.g. \"reboot\"");
        continue;
      }
      checkEntry(site, remove, pointer, text);
      if (!seen.add(text)) {
        reporter.note(
            "LINT-ISO-002",
            pointer,
            "\"" + Members.shorten(text) + "\" is listed more than once in this set",
            "remove the repeated entry");
      }
    }
    String masking = remove ? "@appc.io/empty" : "@appc.io/all";
    if (seen.contains(masking) && seen.size() > 1) {
      reporter.note(
          remove ? "ISO-SECRM-017" : "ISO-SECRT-015",
          set.pointer(),
          masking + " masks every other entry of this set, so the others have no effect",
          remove
              ? "keep only @appc.io/empty, or drop it to block the listed syscalls"
              : "keep only @appc.io/all, or drop it to allow only the listed syscalls");
    }
  }

  private void checkEntry(Site site, boolean remove, String pointer, String text) {
    String reservedId = remove ? "ISO-SECRM-016" : "ISO-SECRT-014";
    if (text.isEmpty()) {
      reporter.specError(
          site.type().shapeId,
          pointer,
          "need a syscall name or a @scope/name wildcard, got an empty string",
          "remove the empty entry");
      return;
    }
    if (text.startsWith("@")) {
      int slash = text.indexOf('/');
      if (slash <= 1 || slash == text.length() - 1) {
        reporter.specError(
            reservedId,
            pointer,
            "need a wildcard scoped by '/', such as @appc.io/all or @example.com/name, got \""
                + Members.shorten(text)
                + "\"",
            "entries starting with @ are special values, not syscall names");
        return;
      }
      String scope = text.substring(1, slash);
      String wildcard = text.substring(slash + 1);
      if (!scope.equals(RESERVED_SCOPE)) {
        reporter.note(
            reservedId,
            pointer,
            "\""
                + Members.shorten(text)
                + "\" is an implementation-specific wildcard; only"
                + " executors that define the scope \""
                + scope
                + "\" understand it",
            "portable manifests list syscall names or the spec's @appc.io wildcards");
        return;
      }
      String defined = remove ? "empty" : "all";
      String otherDefined = remove ? "all" : "empty";
      if (wildcard.equals(defined)) {
        return;
      }
      if (wildcard.equals(otherDefined)) {
        reporter.byMode(
            reservedId,
            Level.WARNING,
            Level.NOTE,
            pointer,
            remove
                ? "the spec defines @appc.io/all for seccomp-retain-set; in a remove set it blocks"
                    + " every syscall, so the app cannot run"
                : "the spec defines @appc.io/empty for seccomp-remove-set; in a retain set it"
                    + " allows only the executor's minimal default set, so the app most likely"
                    + " cannot run",
            remove
                ? "to opt in to the executor's default filter only, use @appc.io/empty"
                : "to turn seccomp filtering off, use @appc.io/all");
        return;
      }
      reporter.specError(
          reservedId,
          pointer,
          "need a wildcard the spec defines for "
              + site.name()
              + " (@appc.io/"
              + defined
              + "), got \""
              + Members.shorten(text)
              + "\"; the @appc.io scope is reserved for"
              + " the spec",
          "use @appc.io/" + defined + " or a wildcard in your implementation's own scope");
      return;
    }
    if (!SyscallNames.known(text)) {
      String hint =
          SyscallNames.suggestion(text)
              .map(s -> "did you mean \"" + s + "\"?")
              .orElse("syscalls added after these headers are not listed; check the spelling");
      reporter.note(
          site.type().shapeId,
          pointer,
          "\""
              + Members.shorten(text)
              + "\" is not a syscall of the x86_64, i386, x32 or generic"
              + " Linux tables ("
              + SyscallNames.source()
              + ")",
          hint);
    }
  }

  private void checkErrno(Site site, boolean remove, Member errno) {
    // Go decoded null into its plain string as "" (SIGSYS); in the spec errno is a string.
    if (errno == null || (errno.node().isNull() && reporter.actool())) {
      return;
    }
    String errnoId = remove ? "ISO-SECRM-008" : "ISO-SECRT-007";
    if (!errno.node().isString()) {
      reporter.error(
          errnoId,
          errno.pointer(),
          "need an errno name string such as \"EPERM\", got " + Members.describe(errno.node()),
          "write the name in quotes, or leave errno out to kill the app with SIGSYS");
      return;
    }
    String name = errno.node().asString();
    if (name.isEmpty()) {
      return;
    }
    String suggestion = Errno.suggestion(name).map(s -> "did you mean \"" + s + "\"? ").orElse("");
    if (reporter.actool()) {
      if (!Errno.goSyntax(name)) {
        reporter.error(
            errnoId,
            errno.pointer(),
            "need an errno name: 'E' followed by upper-case letters or digits, got \""
                + Members.shorten(name)
                + "\"",
            suggestion + "see errno(3)");
      } else if (!Errno.known(name)) {
        reporter.note(
            errnoId,
            errno.pointer(),
            "\""
                + Members.shorten(name)
                + "\" is not a Linux errno name; actool accepts it, but"
                + " executors cannot return it",
            suggestion + "see errno(3)");
      }
      return;
    }
    var entry = Errno.lookup(name);
    String linuxCodesId = remove ? "ISO-SECRM-011" : "ISO-SECRT-010";
    if (entry.isEmpty() && Errno.hasErrnoForm(name)) {
      // Shaped like an errno name but not a known one: executors must support only the POSIX and
      // C99 codes and may ignore others, so the isolator still works, just not as written.
      reporter.warning(
          linuxCodesId,
          errno.pointer(),
          "\""
              + Members.shorten(name)
              + "\" is not a known errno name; executors need to support only the POSIX.1-2001"
              + " and C99 codes and may ignore others",
          suggestion + "see errno(3)");
    } else if (entry.isEmpty()) {
      reporter.error(
          errnoId,
          errno.pointer(),
          "need the upper-case name of an errno code such as EPERM, got \""
              + Members.shorten(name)
              + "\"",
          suggestion + "see errno(3)");
    } else if (!entry.get().requiredBySpec()) {
      reporter.note(
          linuxCodesId,
          errno.pointer(),
          name
              + " is Linux-specific, not POSIX.1-2001 or C99: executors SHOULD support it but"
              + " MAY ignore it",
          "for portable behaviour use a POSIX code such as EPERM or ENOSYS");
    }
  }
}
