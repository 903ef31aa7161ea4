package io.appc.validator.image;

import io.appc.validator.Compat;
import io.appc.validator.finding.Findings;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The layout rules of an image, applied to a sequence of {@link EntrySummary entry summaries}. The
 * archive reader and the layout directory walker both feed this one class, so an archive and the
 * directory it was built from are judged alike (aci.md, "Image Layout" and "Image Archives").
 *
 * <p>Rules that protect whoever extracts the image (absolute paths, {@code ..} escaping the root,
 * paths through symbolic links, hard links to files outside {@code rootfs}) apply in every
 * compatibility mode, although actool did not check them. Under {@link Compat#ACTOOL} the rules
 * actool had for the rest are followed: an explicit {@code rootfs} directory entry is required,
 * {@code rootfs} may appear twice, the top-level test is a string prefix ({@code rootfsx} passes),
 * and {@code ..} segments that stay inside the archive are resolved instead of rejected.
 *
 * <p>Memory grows with the number of entries (their names are kept to find duplicates and link
 * targets), never with their size; {@link ArchiveLimits#maxEntries()} bounds it.
 */
public final class ImageChecks {
  public static final String MANIFEST = "manifest";
  public static final String ROOTFS = "rootfs";

  /** Toolkit advice (notes): see docs/images.md. */
  public static final String LINT_IMPLICIT_ROOTFS = "LINT-ARCH-001";

  public static final String LINT_NAME_NOT_UTF8 = "LINT-ARCH-002";
  public static final String LINT_TRAILING_DATA = "LINT-ARCH-003";
  public static final String LINT_SOCKET = "LINT-ARCH-004";

  /** Where the entries come from; decides which requirement IDs findings name. */
  public enum Source {
    ARCHIVE("ACI-ARCH-004", "ACI-ARCH-005", "archive"),
    LAYOUT("ACI-LAYOUT-001", "ACI-LAYOUT-002", "layout");

    private final String shapeId;
    private final String outsideId;
    private final String noun;

    Source(String shapeId, String outsideId, String noun) {
      this.shapeId = shapeId;
      this.outsideId = outsideId;
      this.noun = noun;
    }
  }

  /** What the reader should do after an entry. */
  public enum Verdict {
    /** Go on with the next entry; the body is not needed. */
    CONTINUE,
    /** This entry is the image manifest: read its body and pass it to the manifest validator. */
    READ_MANIFEST,
    /** A limit was exceeded: stop reading. */
    STOP
  }

  private final Source source;
  private final Compat compat;
  private final ArchiveLimits limits;
  private final Findings findings;
  private final Map<String, EntryType> seen = new HashMap<>();
  private long entries;
  private boolean manifestFound;
  private boolean rootfsEntry;
  private boolean rootfsContent;

  public ImageChecks(Source source, Compat compat, ArchiveLimits limits, Findings findings) {
    this.source = source;
    this.compat = compat;
    this.limits = limits;
    this.findings = findings;
  }

  public long entries() {
    return entries;
  }

  /** Checks one entry; the reader calls this in archive order. */
  public Verdict entry(EntrySummary entry) {
    entries++;
    if (entries > limits.maxEntries()) {
      findings.error(
          "ACI-ARCH-002",
          entry.path(),
          "too many entries: need at most " + limits.maxEntries() + "; reading stopped here",
          "raise the limit (--max-entries) if this image is genuine");
      return Verdict.STOP;
    }
    if (tooLong(entry.path()) || (entry.linkTarget() != null && tooLong(entry.linkTarget()))) {
      findings.error(
          "ACI-ARCH-002",
          entry.path().substring(0, Math.min(entry.path().length(), 200)),
          "path or link target too long: need at most "
              + limits.maxPathLength()
              + " bytes; reading stopped here",
          "raise the limit (--max-path-length) if this image is genuine");
      return Verdict.STOP;
    }
    if (entry.path().indexOf('\uFFFD') >= 0) {
      findings.note(
          LINT_NAME_NOT_UTF8,
          entry.path(),
          "entry name is not valid UTF-8; tools may show or extract it differently",
          "rename the file using UTF-8");
    }
    EntryPath path = EntryPath.of(entry.path());
    if (!safe(entry.path(), path, "path")) {
      return Verdict.CONTINUE;
    }
    if (path.isRoot()) {
      if (entry.type() != EntryType.DIRECTORY) {
        findings.error(
            source.shapeId,
            entry.path(),
            "need the archive root '" + entry.path() + "' to be a directory, got " + label(entry),
            "remove this entry");
      }
      return Verdict.CONTINUE;
    }
    String name = path.path();
    EntryType previous = seen.putIfAbsent(name, entry.type());
    if (previous != null) {
      if (!(compat == Compat.ACTOOL && name.equals(ROOTFS))) {
        findings.error(
            "ACI-ARCH-003",
            entry.path(),
            "duplicate entry: '" + name + "' appears more than once in the archive",
            "rebuild the archive so that every path is stored once");
      }
      return Verdict.CONTINUE;
    }
    Verdict verdict = topLevel(entry, path);
    if (path.underRootfs()) {
      rootfsContent = true;
      checkAncestors(entry, name);
      if (entry.type() == EntryType.HARDLINK) {
        checkHardLink(entry);
      }
    }
    if (entry.type() == EntryType.SOCKET) {
      findings.note(
          LINT_SOCKET,
          entry.path(),
          "sockets cannot be stored in an image archive; it will be left out",
          "sockets are created by the running app; remove it from the layout");
    } else if (entry.type() == EntryType.OTHER) {
      findings.error(
          "ACI-ARCH-002",
          entry.path(),
          "unsupported tar entry type; need a file, directory, link, device or fifo",
          "rebuild the archive with a POSIX (ustar/pax) tar");
    }
    return verdict;
  }

  /** Reports what is missing once every entry has been seen. */
  public void finish() {
    if (!manifestFound && !seen.containsKey(MANIFEST)) {
      findings.error(
          source.shapeId,
          "",
          "no image manifest found: need a regular file named 'manifest' at the top level",
          "add the image manifest as 'manifest' next to 'rootfs'");
    }
    if (rootfsEntry || seen.containsKey(ROOTFS)) {
      return;
    }
    if (rootfsContent && source == Source.ARCHIVE && compat != Compat.ACTOOL) {
      findings.note(
          LINT_IMPLICIT_ROOTFS,
          ROOTFS,
          "no entry for the 'rootfs' directory itself; its mode and owner are unspecified and"
              + " actool rejects such archives",
          "build the archive so that it stores 'rootfs/' (e.g. tar -cf x.aci manifest rootfs)");
    } else {
      findings.error(
          source.shapeId,
          "",
          "no rootfs found: need a directory named 'rootfs' at the top level",
          rootfsContent
              ? "store an entry for the 'rootfs' directory itself (actool requires it)"
              : "add the root file system of the app as 'rootfs/'");
    }
  }

  private Verdict topLevel(EntrySummary entry, EntryPath path) {
    String name = path.path();
    if (name.equals(MANIFEST)) {
      if (entry.type() != EntryType.FILE) {
        findings.error(
            source.shapeId,
            entry.path(),
            "need 'manifest' to be a regular file, got " + label(entry),
            "store the image manifest as a regular file");
        return Verdict.CONTINUE;
      }
      manifestFound = true;
      return Verdict.READ_MANIFEST;
    }
    if (name.equals(ROOTFS)) {
      if (entry.type() == EntryType.DIRECTORY) {
        rootfsEntry = true;
      } else {
        findings.error(
            source.shapeId,
            entry.path(),
            "need 'rootfs' to be a directory, got " + label(entry),
            source == Source.LAYOUT && entry.type() == EntryType.SYMLINK
                ? "replace the symbolic link by the directory itself"
                : "store the root file system as a directory named 'rootfs'");
      }
      return Verdict.CONTINUE;
    }
    if (path.underRootfs()) {
      return Verdict.CONTINUE;
    }
    if (compat == Compat.ACTOOL && name.startsWith(ROOTFS)) {
      return Verdict.CONTINUE;
    }
    findings.error(
        source.outsideId,
        entry.path(),
        "path outside rootfs: the "
            + source.noun
            + " may hold only 'manifest' and 'rootfs' at the top level, got '"
            + path.topLevel()
            + "'",
        "move it under rootfs/ or remove it");
    return Verdict.CONTINUE;
  }

  /** Absolute and escaping paths are reported; returns whether the path can be checked further. */
  private boolean safe(String shown, EntryPath path, String what) {
    if (path.absolute()) {
      findings.error(
          "ACI-ARCH-005",
          shown,
          "absolute " + what + ": need a path relative to the image root, got '" + shown + "'",
          "store paths as manifest and rootfs/...; never with a leading '/'");
      return false;
    }
    if (path.escapesRoot()) {
      findings.error(
          "ACI-ARCH-005",
          shown,
          what + " escapes the image root through '..': '" + shown + "'",
          "an extractor would write outside its target directory; remove the entry");
      return false;
    }
    if (path.parentSegments() && compat != Compat.ACTOOL) {
      findings.error(
          "ACI-ARCH-005",
          shown,
          what + " contains a '..' segment: need a plain path, got '" + shown + "'",
          "where a '..' leads depends on symbolic links met while extracting; store '"
              + path.path()
              + "' instead");
      return false;
    }
    return true;
  }

  private void checkAncestors(EntrySummary entry, String name) {
    int slash = name.indexOf('/');
    while (slash >= 0) {
      String ancestor = name.substring(0, slash);
      EntryType type = seen.get(ancestor);
      if (type == EntryType.SYMLINK) {
        findings.error(
            "ACI-ARCH-005",
            entry.path(),
            "path goes through the symbolic link '"
                + ancestor
                + "' stored earlier; extracting it would write wherever the link points",
            "store the file under its real directory");
        return;
      }
      if (type != null && type != EntryType.DIRECTORY) {
        findings.error(
            "ACI-ARCH-002",
            entry.path(),
            "parent '" + ancestor + "' is a " + type.label() + ", not a directory",
            "an entry can only live under a directory");
        return;
      }
      slash = name.indexOf('/', slash + 1);
    }
  }

  private void checkHardLink(EntrySummary entry) {
    String raw = entry.linkTarget() == null ? "" : entry.linkTarget();
    EntryPath target = EntryPath.of(raw);
    if (!safe(entry.path(), target, "hard link target '" + raw + "'")) {
      return;
    }
    if (!target.underRootfs()) {
      findings.error(
          "ACI-ARCH-005",
          entry.path(),
          "hard link target outside rootfs: need rootfs/..., got '" + raw + "'",
          "a hard link may only point at a file of the image's root file system");
      return;
    }
    EntryType type = seen.get(target.path());
    if (type == null || target.path().equals(EntryPath.of(entry.path()).path())) {
      findings.error(
          "ACI-ARCH-002",
          entry.path(),
          "hard link target '" + raw + "' is not stored earlier in the archive",
          "a tar hard link must point at an entry that precedes it");
    } else if (type == EntryType.DIRECTORY) {
      findings.error(
          "ACI-ARCH-002",
          entry.path(),
          "hard link target '" + raw + "' is a directory",
          "directories cannot be hard linked");
    }
  }

  private boolean tooLong(String value) {
    return value.length() > limits.maxPathLength() / 3
        && value.getBytes(StandardCharsets.UTF_8).length > limits.maxPathLength();
  }

  private static String label(EntrySummary entry) {
    return entry.type().label();
  }
}
