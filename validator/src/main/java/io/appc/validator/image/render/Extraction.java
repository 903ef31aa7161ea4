package io.appc.validator.image.render;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.posix.LibC;
import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.posix.NativeFs.FsException;
import io.appc.validator.image.posix.NativeFs.Stat;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Extracts layers, one after the other, into a private render directory ({@code manifest} and
 * {@code rootfs/}), so that nothing is ever written outside it whatever the archives hold.
 *
 * <p>How that is guaranteed:
 *
 * <ul>
 *   <li>Member names are checked before use: absolute names and any {@code ..} component are
 *       refused (ACI-ARCH-005), as are names outside {@code rootfs/} other than {@code manifest}.
 *   <li>Every parent directory of a member is checked with {@code lstat} (or known from an earlier
 *       check) to be a real directory before anything is created below it; a symlink in its place
 *       is never followed. A symlink planted by the same archive makes the member a refusal
 *       (ACI-ARCH-005); one left by an earlier layer is removed and replaced by a directory
 *       (ACE-FS-008/009), since the later layer's member implies a directory there.
 *   <li>The last component is created with {@code O_EXCL|O_NOFOLLOW}, {@code mkdir}, {@code
 *       symlink}, {@code mknod} or {@code linkat} without following; whatever is in the way is
 *       first removed (a directory with everything in it), never written through. Writing a new
 *       inode instead of truncating also keeps hard links of an earlier layer intact.
 *   <li>A hard link's target must be a member path inside {@code rootfs/} whose parents are real
 *       directories; {@code linkat} without {@code AT_SYMLINK_FOLLOW} links a symlink itself, never
 *       what it points to.
 * </ul>
 *
 * <p>The cache of directories known to be real is cleared whenever a directory is removed, the only
 * operation that could turn a checked path into something else; the render directory is private
 * (mode 0700) while this runs.
 *
 * <p>Metadata: owners (as root; {@code lchown} never follows), all mode bits including setuid,
 * nanosecond mtimes, extended attributes (after {@code chown}, which clears file capabilities),
 * device nodes and FIFOs. Directory modes and times are applied by {@link #finish()}, after all
 * layers, because creating entries changes a directory's mtime and a read-only mode would block
 * later layers.
 */
final class Extraction implements AutoCloseable {
  private static final String ROOTFS = "rootfs";
  private static final int IMPLICIT_DIR_MODE = 0755;

  /** Mode and time a directory gets at the end. */
  private record DirMeta(int mode, long seconds, int nanos, boolean timed) {}

  /** A member that is refused; it becomes a finding and the render fails. */
  private static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final String requirementId;

    Refusal(String requirementId, String message) {
      super(message, null, false, false);
      this.requirementId = requirementId;
    }
  }

  /** What one layer did. */
  record LayerStats(long extracted, long filtered) {}

  private final Path renderDir;
  private final NativeFs fs;
  private final FileWriter writer;
  private final boolean root;
  private final int euid;
  private final int egid;
  private final int umask;
  private final List<Finding> findings;
  private final boolean refuseOutsideRootfs;
  private final Set<String> realDirs = new HashSet<>();
  private final NavigableMap<String, DirMeta> dirMeta = new TreeMap<>();
  private boolean ownersNoted;
  private int trash;

  Extraction(Path renderDir, List<Finding> findings, boolean refuseOutsideRootfs)
      throws IOException {
    this.renderDir = renderDir;
    this.fs = NativeFs.get().under(renderDir);
    this.root = fs.isRoot();
    this.euid = fs.euid();
    this.egid = fs.egid();
    this.umask = NativeFs.umask();
    this.findings = findings;
    this.refuseOutsideRootfs = refuseOutsideRootfs;
    fs.mkdir(ROOTFS, 0700);
    this.writer = new FileWriter(fs);
    realDirs.add(ROOTFS);
    dirMeta.put(ROOTFS, new DirMeta(IMPLICIT_DIR_MODE, 0, 0, false));
  }

  /** State of one pass over one archive. */
  private final class Pass {
    final Layer layer;
    final String display;
    final boolean top;
    final Set<String> ownSymlinks = new HashSet<>();
    final Set<String> filteredFiles = new HashSet<>();
    final Map<String, List<String>> deferredLinks = new LinkedHashMap<>();
    long extracted;
    long filtered;
    boolean manifestSeen;

    Pass(Layer layer, boolean top) {
      this.layer = layer;
      this.display = layer.image().display();
      this.top = top;
    }
  }

  /**
   * Extracts one layer read from {@code reader}. Refused members become findings; I/O failures that
   * have nothing to do with the archive's content are thrown.
   */
  LayerStats extract(Layer layer, TarReader reader, boolean top) throws IOException {
    Pass pass = new Pass(layer, top);
    TarEntry entry;
    while ((entry = reader.next()) != null) {
      try {
        member(pass, entry, reader);
      } catch (Refusal r) {
        findings.add(
            new Finding(
                r.requirementId,
                Level.ERROR,
                pass.display,
                TarEntry.display(entry.name()),
                0,
                0,
                r.getMessage(),
                "the member was not extracted and the render fails"));
      }
    }
    if (!pass.deferredLinks.isEmpty()) {
      resolveDeferredLinks(pass);
    }
    writer.flush(this::xattrWarning);
    return new LayerStats(pass.extracted, pass.filtered);
  }

  /** Applies directory modes and times, deepest first, once every file is complete. */
  void finish() throws IOException {
    writer.flush(this::xattrWarning);
    for (Map.Entry<String, DirMeta> e : dirMeta.descendingMap().entrySet()) {
      Stat s = fs.lstat(e.getKey());
      if (s == null || !s.isDirectory()) {
        continue;
      }
      DirMeta meta = e.getValue();
      fs.chmod(e.getKey(), meta.mode());
      if (meta.timed()) {
        fs.lutimes(e.getKey(), meta.seconds(), meta.nanos());
      }
    }
  }

  /** Completes or abandons queued files, closing their descriptors. */
  @Override
  public void close() {
    writer.close();
  }

  private void member(Pass pass, TarEntry e, TarReader reader) throws IOException, Refusal {
    String rel = clean(e.name(), "member name");
    if (rel.isEmpty()) {
      return;
    }
    if (rel.equals("manifest")) {
      if (pass.manifestSeen) {
        // The plan was made from the first one; another would replace it in the output. (tar
        // stores a second copy of a name as a hard link, so this comes before the type check.)
        throw new Refusal("ACI-ARCH-003", "need one manifest entry, got a second one");
      }
      if (e.type() != TarEntry.Type.FILE) {
        throw new Refusal("ACI-ARCH-004", "need manifest to be a regular file, got " + kind(e));
      }
      pass.manifestSeen = true;
      if (pass.top) {
        writeFile(pass, e, "manifest", reader);
      }
      return;
    }
    if (!rel.equals(ROOTFS) && !rel.startsWith(ROOTFS + "/")) {
      if (refuseOutsideRootfs) {
        throw new Refusal(
            "ACI-ARCH-005", "need every member other than manifest under rootfs/, got " + rel);
      }
      return;
    }
    if (rel.equals(ROOTFS)) {
      if (!e.isDirectory()) {
        throw new Refusal("ACI-ARCH-004", "need rootfs to be a directory, got " + kind(e));
      }
      directory(pass, e, rel);
      return;
    }
    String inRootfs = rel.substring(ROOTFS.length() + 1);
    if (!pass.layer.filter().keeps(inRootfs, e.isDirectory())) {
      pass.filtered++;
      if (e.type() == TarEntry.Type.FILE) {
        pass.filteredFiles.add(rel);
      }
      return;
    }
    switch (e.type()) {
      case FILE -> writeFile(pass, e, rel, reader);
      case DIRECTORY -> directory(pass, e, rel);
      case SYMLINK -> symlink(pass, e, rel);
      case HARDLINK -> hardLink(pass, e, rel);
      case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> special(pass, e, rel);
      default ->
          throw new Refusal(
              "ACI-ARCH-002",
              "unsupported member type '" + printable(e.typeFlag()) + "'; not extracted");
    }
    pass.extracted++;
  }

  private void writeFile(Pass pass, TarEntry e, String rel, TarReader reader)
      throws IOException, Refusal {
    ensureParents(pass, rel);
    // Most modes survive the umask unchanged; then open(2) sets the mode and fchmod is not needed.
    // Set-id and sticky bits always need it (open ignores them, and chown clears set-id bits).
    boolean modeAtCreate = (e.mode() & (07000 | umask)) == 0;
    int createMode = modeAtCreate ? e.mode() : 0600;
    int fd = fs.createFile(rel, createMode);
    if (fd < 0) {
      clear(rel);
      fd = fs.createFile(rel, createMode);
      if (fd < 0) {
        throw new IOException("cannot create " + TarEntry.display(rel) + ": it keeps reappearing");
      }
    }
    FileWriter.Metadata metadata =
        new FileWriter.Metadata(
            owners(e),
            e.uid(),
            e.gid(),
            modeAtCreate ? -1 : e.mode(),
            e.xattrs(),
            e.mtimeSeconds(),
            e.mtimeNanos());
    FileWriter.Origin origin = new FileWriter.Origin(pass.display, e.name());
    boolean handedOver = false;
    try {
      int file = fd;
      if (e.sparse() == null && FileWriter.takes(reader, e.size())) {
        writer.add(fd, rel, origin, metadata, reader, e.size());
        handedOver = true;
        return;
      }
      if (e.sparse() == null) {
        reader.transferData(chunk -> fs.write(file, chunk, rel));
      } else {
        SparseWriter sparse = new SparseWriter(file, e.sparse(), rel);
        reader.transferData(sparse::write);
        fs.truncate(fd, e.realSize(), rel);
      }
      FileWriter.apply(fs, fd, rel, origin, metadata, this::xattrWarning);
    } finally {
      if (!handedOver) {
        fs.close(fd, rel);
      }
    }
  }

  /** Writes stored sparse segments at their offsets. */
  private final class SparseWriter {
    private final int fd;
    private final List<long[]> segments;
    private final String rel;
    private int index;
    private long done;

    SparseWriter(int fd, List<long[]> segments, String rel) {
      this.fd = fd;
      this.segments = segments;
      this.rel = rel;
    }

    void write(ByteBuffer chunk) throws IOException {
      while (chunk.hasRemaining()) {
        while (index < segments.size() && done == segments.get(index)[1]) {
          index++;
          done = 0;
        }
        long[] seg = segments.get(index);
        int n = (int) Math.min(chunk.remaining(), seg[1] - done);
        ByteBuffer part = chunk.duplicate();
        part.limit(chunk.position() + n);
        fs.pwrite(fd, part, seg[0] + done, rel);
        chunk.position(chunk.position() + n);
        done += n;
      }
    }
  }

  private void directory(Pass pass, TarEntry e, String rel) throws IOException, Refusal {
    ensureParents(pass, rel);
    if (!fs.mkdir(rel, 0700)) {
      Stat s = fs.lstat(rel);
      if (s == null || !s.isDirectory()) {
        // A symlink of this archive is simply overridden by its later member, as in tar.
        if (s != null && s.isSymlink() && !pass.ownSymlinks.contains(rel)) {
          replacedNote(pass, rel, "a symlink");
        }
        clear(rel);
        fs.mkdir(rel, 0700);
      }
    }
    realDirs.add(rel);
    pass.ownSymlinks.remove(rel);
    ownerAndXattrs(pass, e, rel);
    dirMeta.put(rel, new DirMeta(e.mode(), e.mtimeSeconds(), e.mtimeNanos(), true));
  }

  /**
   * Sets the owner, then the extended attributes, of a path: a change of owner clears set-id bits
   * and file capabilities, so it must come first.
   */
  private void ownerAndXattrs(Pass pass, TarEntry e, String rel) throws IOException {
    if (owners(e)) {
      fs.lchown(rel, e.uid(), e.gid());
    }
    for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
      try {
        fs.lsetxattr(rel, x.getKey(), x.getValue());
      } catch (FsException ex) {
        xattrWarning(
            new FileWriter.XattrFailure(
                new FileWriter.Origin(pass.display, e.name()), x.getKey(), ex));
      }
    }
  }

  private void symlink(Pass pass, TarEntry e, String rel) throws IOException, Refusal {
    if (e.linkName().isEmpty() || e.linkName().indexOf('\0') >= 0) {
      throw new Refusal("ACI-ARCH-002", "need a symlink target, got an empty or broken one");
    }
    ensureParents(pass, rel);
    if (!fs.symlink(e.linkName(), rel)) {
      clear(rel);
      fs.symlink(e.linkName(), rel);
    }
    pass.ownSymlinks.add(rel);
    ownerAndXattrs(pass, e, rel);
    fs.lutimes(rel, e.mtimeSeconds(), e.mtimeNanos());
  }

  private void hardLink(Pass pass, TarEntry e, String rel) throws IOException, Refusal {
    String target = clean(e.linkName(), "hard link target");
    if (!target.startsWith(ROOTFS + "/")) {
      throw new Refusal(
          "ACI-ARCH-005",
          "need a hard link target inside rootfs/, got " + TarEntry.display(e.linkName()));
    }
    if (target.equals(rel)) {
      return;
    }
    if (pass.filteredFiles.contains(target)) {
      pass.deferredLinks.computeIfAbsent(target, t -> new ArrayList<>()).add(rel);
      return;
    }
    checkExistingParents(target);
    Stat s = fs.lstat(target);
    if (s == null) {
      throw new Refusal(
          "ACI-ARCH-002",
          "need the hard link target "
              + TarEntry.display(target)
              + " to be extracted before the link, got nothing there");
    }
    if (s.isDirectory()) {
      throw new Refusal(
          "ACI-ARCH-002", "need a hard link target that is not a directory: " + target);
    }
    ensureParents(pass, rel);
    if (!fs.link(target, rel)) {
      clear(rel);
      if (fs.lstat(target) == null) {
        throw new Refusal(
            "ACI-ARCH-002", "the hard link replaced its own target " + TarEntry.display(target));
      }
      fs.link(target, rel);
    }
  }

  private void special(Pass pass, TarEntry e, String rel) throws IOException, Refusal {
    ensureParents(pass, rel);
    int type =
        switch (e.type()) {
          case CHAR_DEVICE -> LibC.S_IFCHR;
          case BLOCK_DEVICE -> LibC.S_IFBLK;
          default -> LibC.S_IFIFO;
        };
    long dev = type == LibC.S_IFIFO ? 0 : NativeFs.makedev(e.devMajor(), e.devMinor());
    try {
      if (!fs.mknod(rel, type | 0600, dev)) {
        clear(rel);
        fs.mknod(rel, type | 0600, dev);
      }
    } catch (FsException ex) {
      if (!root && NativeFs.isPermissionError(ex)) {
        findings.add(
            new Finding(
                "ACI-ARCH-006",
                Level.WARNING,
                pass.display,
                TarEntry.display(e.name()),
                0,
                0,
                "need root to create device node "
                    + e.devMajor()
                    + ":"
                    + e.devMinor()
                    + "; skipped",
                "render as root to keep device nodes"));
        return;
      }
      throw ex;
    }
    ownerAndXattrs(pass, e, rel);
    fs.chmod(rel, e.mode());
    fs.lutimes(rel, e.mtimeSeconds(), e.mtimeNanos());
  }

  /**
   * Makes every parent of {@code rel} a real directory, never following a symlink: missing ones are
   * created, symlinks and files of earlier layers are replaced, a symlink of this archive is a
   * refusal.
   */
  private void ensureParents(Pass pass, String rel) throws IOException, Refusal {
    int last = rel.lastIndexOf('/');
    if (last < 0 || realDirs.contains(rel.substring(0, last))) {
      return;
    }
    for (int i = rel.indexOf('/'); i >= 0 && i <= last; i = rel.indexOf('/', i + 1)) {
      String prefix = rel.substring(0, i);
      if (realDirs.contains(prefix)) {
        continue;
      }
      Stat s = fs.lstat(prefix);
      if (s == null) {
        fs.mkdir(prefix, 0700);
        dirMeta.putIfAbsent(prefix, new DirMeta(IMPLICIT_DIR_MODE, 0, 0, false));
      } else if (!s.isDirectory()) {
        if (s.isSymlink() && pass.ownSymlinks.contains(prefix)) {
          throw new Refusal(
              "ACI-ARCH-005",
              "need real directories above each member, got the symlink "
                  + TarEntry.display(prefix)
                  + " from this archive; symlinks are never followed");
        }
        if (s.isSymlink()) {
          replacedNote(pass, prefix, "a symlink");
        }
        fs.unlink(prefix);
        fs.mkdir(prefix, 0700);
        dirMeta.putIfAbsent(prefix, new DirMeta(IMPLICIT_DIR_MODE, 0, 0, false));
      }
      realDirs.add(prefix);
    }
  }

  /** Checks, without changing anything, that every parent of {@code rel} is a real directory. */
  private void checkExistingParents(String rel) throws IOException, Refusal {
    int last = rel.lastIndexOf('/');
    if (realDirs.contains(rel.substring(0, last))) {
      return;
    }
    for (int i = rel.indexOf('/'); i >= 0 && i <= last; i = rel.indexOf('/', i + 1)) {
      String prefix = rel.substring(0, i);
      if (realDirs.contains(prefix)) {
        continue;
      }
      Stat s = fs.lstat(prefix);
      if (s == null || !s.isDirectory()) {
        throw new Refusal(
            "ACI-ARCH-005",
            "need the hard link target "
                + TarEntry.display(rel)
                + " below real directories, got "
                + (s == null ? "no " : "a non-directory ")
                + TarEntry.display(prefix));
      }
      realDirs.add(prefix);
    }
  }

  /** Removes whatever is at {@code rel} without following it. */
  private void clear(String rel) throws IOException {
    Stat s = fs.lstat(rel);
    if (s == null) {
      return;
    }
    if (!s.isDirectory()) {
      fs.unlink(rel);
      return;
    }
    // Move the tree out of rootfs under a plain ASCII name, then delete it with the JDK.
    String away = ".trash-" + (trash++);
    fs.rename(rel, away);
    realDirs.clear();
    dirMeta.subMap(rel + "/", true, rel + "0", false).clear();
    dirMeta.remove(rel);
    Trees.delete(renderDir.resolve(away));
  }

  /** Second pass for hard links whose target this layer's whitelist dropped. */
  private void resolveDeferredLinks(Pass pass) throws IOException {
    Map<String, List<String>> wanted = new HashMap<>(pass.deferredLinks);
    try (ImageArchives.Opened opened = ImageArchives.open(pass.layer.image().archive())) {
      TarReader reader = new TarReader(opened.tar(), null);
      TarEntry e;
      while ((e = reader.next()) != null && !wanted.isEmpty()) {
        String rel;
        try {
          rel = clean(e.name(), "member name");
        } catch (Refusal r) {
          continue;
        }
        List<String> links = wanted.remove(rel);
        if (links == null || e.type() != TarEntry.Type.FILE) {
          continue;
        }
        String first = links.get(0);
        try {
          writeFile(pass, e, first, reader);
          for (String other : links.subList(1, links.size())) {
            ensureParents(pass, other);
            if (!fs.link(first, other)) {
              clear(other);
              fs.link(first, other);
            }
          }
        } catch (Refusal r) {
          findings.add(
              new Finding(
                  r.requirementId,
                  Level.ERROR,
                  pass.display,
                  TarEntry.display(first),
                  0,
                  0,
                  r.getMessage(),
                  "the member was not extracted and the render fails"));
        }
      }
    }
    for (Map.Entry<String, List<String>> missing : wanted.entrySet()) {
      findings.add(
          new Finding(
              "ACI-ARCH-002",
              Level.ERROR,
              pass.display,
              TarEntry.display(missing.getValue().get(0)),
              0,
              0,
              "need the hard link target "
                  + TarEntry.display(missing.getKey())
                  + " as a regular file in the archive, got none",
              ""));
    }
  }

  /**
   * The member path with {@code ./}, repeated and trailing slashes removed; refuses absolute names,
   * {@code ..} components and NUL bytes.
   */
  private static String clean(String name, String what) throws Refusal {
    if (name.startsWith("/")) {
      throw new Refusal(
          "ACI-ARCH-005", "need a relative " + what + ", got the absolute " + shown(name));
    }
    if (name.indexOf('\0') >= 0) {
      throw new Refusal("ACI-ARCH-002", "need a " + what + " without NUL bytes");
    }
    if (isClean(name)) {
      return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
    StringBuilder out = new StringBuilder(name.length());
    int start = 0;
    while (start <= name.length()) {
      int slash = name.indexOf('/', start);
      int end = slash < 0 ? name.length() : slash;
      String part = name.substring(start, end);
      if (part.equals("..")) {
        throw new Refusal("ACI-ARCH-005", "need a " + what + " without \"..\", got " + shown(name));
      }
      if (!part.isEmpty() && !part.equals(".")) {
        if (out.length() > 0) {
          out.append('/');
        }
        out.append(part);
      }
      if (slash < 0) {
        break;
      }
      start = slash + 1;
    }
    return out.toString();
  }

  /** Fast check for the common case: no empty, {@code .} or {@code ..} components. */
  private static boolean isClean(String name) {
    int n = name.endsWith("/") ? name.length() - 1 : name.length();
    if (n == 0) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || name.charAt(i) == '/') {
        int len = i - start;
        if (len == 0
            || (len == 1 && name.charAt(start) == '.')
            || (len == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.')) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  private boolean owners(TarEntry e) {
    if (e.uid() == euid && e.gid() == egid) {
      return false;
    }
    if (root) {
      return true;
    }
    if (!ownersNoted) {
      ownersNoted = true;
      findings.add(
          new Finding(
              "ACI-ARCH-006",
              Level.NOTE,
              "render",
              "",
              0,
              0,
              "owners are not kept: not running as root",
              "render as root to keep the owners the archives record"));
    }
    return false;
  }

  private void xattrWarning(FileWriter.XattrFailure failure) {
    findings.add(
        new Finding(
            "ACI-ARCH-006",
            Level.WARNING,
            failure.origin().archive(),
            TarEntry.display(failure.origin().member()),
            0,
            0,
            "extended attribute "
                + TarEntry.display(failure.name())
                + " not kept: "
                + failure.error().getMessage(),
            "the file system or the privileges do not allow it"));
  }

  private void replacedNote(Pass pass, String rel, String what) {
    findings.add(
        new Finding(
            "ACE-FS-009",
            Level.NOTE,
            pass.display,
            TarEntry.display(rel),
            0,
            0,
            "replaced " + what + " left by an earlier layer instead of following it",
            ""));
  }

  private static String kind(TarEntry e) {
    return e.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String shown(String name) {
    String text = TarEntry.display(name);
    return text.length() > 120 ? text.substring(0, 117) + "..." : text;
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
  }
}
