package io.appc.validator.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.image.ImageChecks.Source;
import io.appc.validator.image.ImageChecks.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageChecksTest {
  private static EntrySummary f(String path) {
    return EntrySummary.of(path, EntryType.FILE);
  }

  private static EntrySummary d(String path) {
    return EntrySummary.of(path, EntryType.DIRECTORY);
  }

  private static EntrySummary sym(String path, String target) {
    return new EntrySummary(path, EntryType.SYMLINK, target, 0);
  }

  private static EntrySummary hard(String path, String target) {
    return new EntrySummary(path, EntryType.HARDLINK, target, 0);
  }

  private static List<String> run(Source source, Compat compat, EntrySummary... entries) {
    Findings findings = new Findings("image.aci");
    ImageChecks checks = new ImageChecks(source, compat, ArchiveLimits.DEFAULT, findings);
    for (EntrySummary e : entries) {
      checks.entry(e);
    }
    checks.finish();
    List<String> ids = new ArrayList<>();
    for (Finding f : findings.toList()) {
      ids.add(f.requirementId() + "@" + f.pointer());
    }
    ids.sort(null);
    return ids;
  }

  private static List<String> archive(Compat compat, EntrySummary... extra) {
    List<EntrySummary> all = new ArrayList<>(List.of(f("manifest"), d("rootfs/")));
    all.addAll(List.of(extra));
    return run(Source.ARCHIVE, compat, all.toArray(EntrySummary[]::new));
  }

  static Stream<Arguments> archiveCases() {
    return Stream.of(
        Arguments.of("plain file", List.of(f("rootfs/a")), List.of(), List.of()),
        Arguments.of(
            "dot-slash names",
            List.of(d("./"), f("./rootfs/b"), d("./rootfs/c/")),
            List.of(),
            List.of()),
        Arguments.of(
            "absolute path",
            List.of(f("/rootfs/b")),
            List.of("ACI-ARCH-005@/rootfs/b"),
            List.of("ACI-ARCH-005@/rootfs/b")),
        Arguments.of(
            "escaping dot-dot",
            List.of(f("../evil")),
            List.of("ACI-ARCH-005@../evil"),
            List.of("ACI-ARCH-005@../evil")),
        Arguments.of(
            "dot-dot out of rootfs",
            List.of(f("rootfs/../evil")),
            List.of("ACI-ARCH-005@rootfs/../evil"),
            List.of("ACI-ARCH-005@rootfs/../evil")),
        Arguments.of(
            "dot-dot inside rootfs",
            List.of(d("rootfs/a/"), f("rootfs/a/../b")),
            List.of("ACI-ARCH-005@rootfs/a/../b"),
            List.of()),
        Arguments.of(
            "rootfs prefix but other name",
            List.of(f("rootfsx/a")),
            List.of("ACI-ARCH-005@rootfsx/a"),
            List.of()),
        Arguments.of(
            "extra top-level file",
            List.of(f("README")),
            List.of("ACI-ARCH-005@README"),
            List.of("ACI-ARCH-005@README")),
        Arguments.of(
            "duplicate file",
            List.of(f("rootfs/a"), f("./rootfs/a")),
            List.of("ACI-ARCH-003@./rootfs/a"),
            List.of("ACI-ARCH-003@./rootfs/a")),
        Arguments.of(
            "duplicate rootfs", List.of(d("rootfs")), List.of("ACI-ARCH-003@rootfs"), List.of()),
        Arguments.of(
            "duplicate manifest",
            List.of(f("./manifest")),
            List.of("ACI-ARCH-003@./manifest"),
            List.of("ACI-ARCH-003@./manifest")),
        Arguments.of(
            "absolute symlink target is fine",
            List.of(sym("rootfs/l", "/etc/passwd")),
            List.of(),
            List.of()),
        Arguments.of(
            "path through a symlink",
            List.of(sym("rootfs/l", "/etc"), f("rootfs/l/passwd")),
            List.of("ACI-ARCH-005@rootfs/l/passwd"),
            List.of("ACI-ARCH-005@rootfs/l/passwd")),
        Arguments.of(
            "file under a file",
            List.of(f("rootfs/a"), f("rootfs/a/b")),
            List.of("ACI-ARCH-002@rootfs/a/b"),
            List.of("ACI-ARCH-002@rootfs/a/b")),
        Arguments.of(
            "hard link to earlier file",
            List.of(f("rootfs/a"), hard("rootfs/b", "rootfs/a")),
            List.of(),
            List.of()),
        Arguments.of(
            "hard link to later file",
            List.of(hard("rootfs/b", "rootfs/a"), f("rootfs/a")),
            List.of("ACI-ARCH-002@rootfs/b"),
            List.of("ACI-ARCH-002@rootfs/b")),
        Arguments.of(
            "hard link to the manifest",
            List.of(hard("rootfs/b", "manifest")),
            List.of("ACI-ARCH-005@rootfs/b"),
            List.of("ACI-ARCH-005@rootfs/b")),
        Arguments.of(
            "hard link escaping",
            List.of(hard("rootfs/b", "../../etc/shadow")),
            List.of("ACI-ARCH-005@rootfs/b"),
            List.of("ACI-ARCH-005@rootfs/b")),
        Arguments.of(
            "hard link absolute",
            List.of(hard("rootfs/b", "/etc/shadow")),
            List.of("ACI-ARCH-005@rootfs/b"),
            List.of("ACI-ARCH-005@rootfs/b")),
        Arguments.of(
            "hard link to a directory",
            List.of(d("rootfs/d/"), hard("rootfs/b", "rootfs/d")),
            List.of("ACI-ARCH-002@rootfs/b"),
            List.of("ACI-ARCH-002@rootfs/b")),
        Arguments.of(
            "devices and fifos",
            List.of(
                EntrySummary.of("rootfs/null", EntryType.CHAR_DEVICE),
                EntrySummary.of("rootfs/sda", EntryType.BLOCK_DEVICE),
                EntrySummary.of("rootfs/pipe", EntryType.FIFO)),
            List.of(),
            List.of()),
        Arguments.of(
            "unknown entry type",
            List.of(EntrySummary.of("rootfs/x", EntryType.OTHER)),
            List.of("ACI-ARCH-002@rootfs/x"),
            List.of("ACI-ARCH-002@rootfs/x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("archiveCases")
  void judgesArchiveEntriesPerMode(
      String name, List<EntrySummary> entries, List<String> spec, List<String> actool) {
    EntrySummary[] extra = entries.toArray(EntrySummary[]::new);
    assertEquals(spec, archive(Compat.SPEC, extra), "spec mode");
    assertEquals(actool, archive(Compat.ACTOOL, extra), "actool mode");
  }

  @Test
  void requiresManifestAndRootfs() {
    assertEquals(
        List.of("ACI-ARCH-004@", "ACI-ARCH-004@"), run(Source.ARCHIVE, Compat.SPEC, d("./")));
    assertEquals(List.of("ACI-LAYOUT-001@", "ACI-LAYOUT-001@"), run(Source.LAYOUT, Compat.SPEC));
  }

  @Test
  void implicitRootfsIsANoteForTheSpecButAnErrorForActool() {
    assertEquals(
        List.of("LINT-ARCH-001@rootfs"),
        run(Source.ARCHIVE, Compat.SPEC, f("manifest"), f("rootfs/a")));
    assertEquals(
        List.of("ACI-ARCH-004@"), run(Source.ARCHIVE, Compat.ACTOOL, f("manifest"), f("rootfs/a")));
  }

  @Test
  void rejectsWrongTypesForManifestAndRootfs() {
    assertEquals(
        List.of("ACI-ARCH-004@manifest/", "ACI-ARCH-004@rootfs"),
        run(Source.ARCHIVE, Compat.SPEC, d("manifest/"), f("rootfs")));
    assertEquals(
        List.of("ACI-LAYOUT-001@rootfs"),
        run(Source.LAYOUT, Compat.SPEC, f("manifest"), sym("rootfs", "/srv/root")));
  }

  @Test
  void namesLayoutRequirementsForLayouts() {
    assertEquals(
        List.of("ACI-LAYOUT-002@README"),
        run(Source.LAYOUT, Compat.SPEC, f("manifest"), d("rootfs"), f("README")));
  }

  @Test
  void asksToReadOnlyTheFirstManifest() {
    Findings findings = new Findings("x");
    ImageChecks checks =
        new ImageChecks(Source.ARCHIVE, Compat.SPEC, ArchiveLimits.DEFAULT, findings);
    assertEquals(Verdict.READ_MANIFEST, checks.entry(f("./manifest")));
    assertEquals(Verdict.CONTINUE, checks.entry(f("manifest")));
    assertEquals(Verdict.CONTINUE, checks.entry(f("rootfs/manifest")));
  }

  @Test
  void stopsAtTheEntryLimit() {
    Findings findings = new Findings("x");
    ImageChecks checks =
        new ImageChecks(
            Source.ARCHIVE, Compat.SPEC, ArchiveLimits.DEFAULT.withMaxEntries(2), findings);
    assertEquals(Verdict.READ_MANIFEST, checks.entry(f("manifest")));
    assertEquals(Verdict.CONTINUE, checks.entry(d("rootfs")));
    assertEquals(Verdict.STOP, checks.entry(f("rootfs/a")));
    assertEquals("ACI-ARCH-002", findings.toList().get(0).requirementId());
  }

  @Test
  void stopsAtThePathLengthLimit() {
    Findings findings = new Findings("x");
    ImageChecks checks =
        new ImageChecks(
            Source.ARCHIVE, Compat.SPEC, ArchiveLimits.DEFAULT.withMaxPathLength(20), findings);
    assertEquals(Verdict.CONTINUE, checks.entry(f("rootfs/short")));
    assertEquals(Verdict.STOP, checks.entry(f("rootfs/" + "é".repeat(10))));
    assertEquals(Verdict.STOP, checks.entry(sym("rootfs/l", "/" + "x".repeat(30))));
  }
}
