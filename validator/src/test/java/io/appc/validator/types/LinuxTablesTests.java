package io.appc.validator.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxTablesTests {
  /** POSIX.1-2001 names as listed in errno(3); C99 adds EDOM, EILSEQ and ERANGE among them. */
  private static final Set<String> POSIX_2001 =
      Set.of(
          "E2BIG",
          "EACCES",
          "EADDRINUSE",
          "EADDRNOTAVAIL",
          "EAFNOSUPPORT",
          "EAGAIN",
          "EALREADY",
          "EBADF",
          "EBADMSG",
          "EBUSY",
          "ECANCELED",
          "ECHILD",
          "ECONNABORTED",
          "ECONNREFUSED",
          "ECONNRESET",
          "EDEADLK",
          "EDESTADDRREQ",
          "EDOM",
          "EDQUOT",
          "EEXIST",
          "EFAULT",
          "EFBIG",
          "EHOSTUNREACH",
          "EIDRM",
          "EILSEQ",
          "EINPROGRESS",
          "EINTR",
          "EINVAL",
          "EIO",
          "EISCONN",
          "EISDIR",
          "ELOOP",
          "EMFILE",
          "EMLINK",
          "EMSGSIZE",
          "EMULTIHOP",
          "ENAMETOOLONG",
          "ENETDOWN",
          "ENETRESET",
          "ENETUNREACH",
          "ENFILE",
          "ENOBUFS",
          "ENODATA",
          "ENODEV",
          "ENOENT",
          "ENOEXEC",
          "ENOLCK",
          "ENOLINK",
          "ENOMEM",
          "ENOMSG",
          "ENOPROTOOPT",
          "ENOSPC",
          "ENOSR",
          "ENOSTR",
          "ENOSYS",
          "ENOTCONN",
          "ENOTDIR",
          "ENOTEMPTY",
          "ENOTSOCK",
          "ENOTSUP",
          "ENOTTY",
          "ENXIO",
          "EOPNOTSUPP",
          "EOVERFLOW",
          "EPERM",
          "EPIPE",
          "EPROTO",
          "EPROTONOSUPPORT",
          "EPROTOTYPE",
          "ERANGE",
          "EROFS",
          "ESPIPE",
          "ESRCH",
          "ESTALE",
          "ETIME",
          "ETIMEDOUT",
          "ETXTBSY",
          "EWOULDBLOCK",
          "EXDEV");

  @Test
  void errnoTableMarksExactlyThePosixAndC99NamesAsRequired() {
    assertEquals(POSIX_2001, Errno.requiredNames());
  }

  @Test
  void errnoTableKnowsLinuxSpecificNamesWithTheirNumbers() {
    Errno.Entry hwpoison = Errno.lookup("EHWPOISON").orElseThrow();
    assertFalse(hwpoison.requiredBySpec());
    assertEquals(133, hwpoison.number().getAsInt());
    assertEquals(1, Errno.lookup("EPERM").orElseThrow().number().getAsInt());
    assertEquals(95, Errno.lookup("ENOTSUP").orElseThrow().number().getAsInt());
    assertTrue(Errno.lookup("EOWNERDEAD").orElseThrow().standards().contains("POSIX.1-2008"));
    assertFalse(Errno.known("EACCESS"));
  }

  @Test
  void errnoSuggestsTheNameATypoMeant() {
    assertEquals(Optional.of("EACCES"), Errno.suggestion("EACCESS"));
    assertEquals(Optional.of("EACCES"), Errno.suggestion("eacces"));
  }

  /** validation-rules.md §6.2 and §16.31: Go's errno check. */
  @ParameterizedTest
  @ValueSource(strings = {"E", "E2BIG", "EÄ", "EACCESS", "ENOTSUP", "E\u0661"})
  void goSyntaxAcceptsUpperCaseAndNumbersAfterE(String name) {
    assertTrue(Errno.goSyntax(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "E_FOO", "2E", "-EPERM", "eaccess", "Eperm", "EPERM "})
  void goSyntaxRejectsEverythingElse(String name) {
    assertFalse(Errno.goSyntax(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"EPERM", "EACCESS", "E2BIG", "ENOTACODE", "E0"})
  void errnoFormIsEFollowedByAsciiUpperCaseOrDigits(String name) {
    assertTrue(Errno.hasErrnoForm(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "E", "EÄ", "E_FOO", "2E", "-EPERM", "eaccess", "Eperm", "EPERM "})
  void errnoFormRejectsWhatNoErrnoMacroLooksLike(String name) {
    assertFalse(Errno.hasErrnoForm(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"CAP_KILL", "CAP_PONIES", "CAP_ADMIN", "CAP_NET_BIND_SERVICE", "CAP_2"})
  void capabilityFormIsCapFollowedByUpperCaseDigitsOrUnderscores(String name) {
    assertTrue(Capability.hasCapabilityForm(name), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "CAP_", "cap_kill", "KILL", "CAP_kill", "CAP-KILL", " CAP_KILL"})
  void capabilityFormRejectsOtherShapes(String name) {
    assertFalse(Capability.hasCapabilityForm(name), name);
  }

  @Test
  void capabilityTableHasEveryKernelCapabilityInBitOrder() {
    assertEquals(41, Capability.all().size());
    for (int i = 0; i < Capability.all().size(); i++) {
      assertEquals(i, Capability.all().get(i).number());
    }
    assertEquals(21, Capability.byName("CAP_SYS_ADMIN").orElseThrow().number());
    assertTrue(Capability.known("CAP_CHECKPOINT_RESTORE"));
    assertFalse(Capability.known("CAP_PONIES"));
  }

  @Test
  void defaultCapabilitySetIsTheSpecsFourteen() {
    assertEquals(14, Capability.DEFAULT_SET.size());
    assertEquals(14, Set.copyOf(Capability.DEFAULT_SET).size());
    Capability.DEFAULT_SET.forEach(name -> assertTrue(Capability.known(name), name));
    assertFalse(Capability.inDefaultSet("CAP_SYS_ADMIN"));
  }

  @Test
  void capabilitySuggestionsFixCaseAndPrefix() {
    assertEquals(Optional.of("CAP_KILL"), Capability.suggestion("cap_kill"));
    assertEquals(Optional.of("CAP_KILL"), Capability.suggestion("KILL"));
    assertEquals(Optional.of("CAP_SYS_ADMIN"), Capability.suggestion("CAP_SYSADMIN"));
    assertEquals(Optional.empty(), Capability.suggestion("CAP_PONIES"));
  }

  @Test
  void syscallTableCoversTheArchitectures() {
    assertTrue(SyscallNames.known("reboot"));
    assertTrue(SyscallNames.known("clock_adjtime"));
    assertTrue(SyscallNames.known("socketcall"));
    assertEquals(java.util.List.of("i386"), SyscallNames.abis("socketcall"));
    assertTrue(SyscallNames.abis("openat").contains("generic"));
    assertFalse(SyscallNames.abis("open").contains("generic"));
    assertFalse(SyscallNames.known("syscalls"));
    assertFalse(SyscallNames.known("Reboot"));
    assertEquals(Optional.of("reboot"), SyscallNames.suggestion("rebot"));
    assertTrue(SyscallNames.source().startsWith("linux-libc-dev "), SyscallNames.source());
  }
}
