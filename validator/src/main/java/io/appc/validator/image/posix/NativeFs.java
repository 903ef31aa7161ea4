package io.appc.validator.image.posix;

import io.appc.validator.image.tar.TarEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Thin wrapper over {@link LibC}: byte-string paths in, {@link FsException} with the operation,
 * path and errno out. Nothing here follows a symbolic link in the last path component; callers make
 * sure the parent components are real directories.
 */
public final class NativeFs {
  private static final int XATTR_SIZE_MAX = 1 << 16;
  private static volatile NativeFs instance;

  private final LibC libc;
  private final Runtime runtime;
  private final byte[] rootPrefix;
  private final int openNewFlags;

  /** Raised when a system call fails. */
  public static final class FsException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int errno;

    FsException(String op, String path, int errno) {
      super(op + "(" + TarEntry.display(path) + "): " + describe(errno));
      this.errno = errno;
    }

    public int errno() {
      return errno;
    }
  }

  /** What {@code lstat} reports, reduced to what extraction needs. */
  public record Stat(int mode, int uid, int gid, long size) {
    public int type() {
      return mode & LibC.S_IFMT;
    }

    public boolean isDirectory() {
      return type() == LibC.S_IFDIR;
    }

    public boolean isSymlink() {
      return type() == LibC.S_IFLNK;
    }
  }

  private NativeFs(LibC libc, byte[] rootPrefix) {
    this.libc = libc;
    this.runtime = Runtime.getRuntime(libc);
    this.rootPrefix = rootPrefix;
    this.openNewFlags =
        OpenFlags.O_WRONLY.intValue()
            | OpenFlags.O_CREAT.intValue()
            | OpenFlags.O_EXCL.intValue()
            | OpenFlags.O_NOFOLLOW.intValue()
            | OpenFlags.O_CLOEXEC.intValue();
  }

  /** The C library, loaded once. */
  public static NativeFs get() {
    NativeFs fs = instance;
    if (fs == null) {
      synchronized (NativeFs.class) {
        fs = instance;
        if (fs == null) {
          fs = new NativeFs(LibraryLoader.create(LibC.class).load("c"), new byte[0]);
          instance = fs;
        }
      }
    }
    return fs;
  }

  /** A path of this machine as the byte string the other methods take (absolute or relative). */
  public static String byteString(java.nio.file.Path path) {
    return new String(path.toString().getBytes(jnuCharset()), StandardCharsets.ISO_8859_1);
  }

  /** A view whose paths are relative to {@code root} (an absolute path). */
  public NativeFs under(java.nio.file.Path root) {
    String text = root.toAbsolutePath().toString();
    byte[] bytes = text.getBytes(jnuCharset());
    byte[] prefix = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, prefix, 0, bytes.length);
    prefix[bytes.length] = '/';
    return new NativeFs(libc, prefix);
  }

  public boolean isRoot() {
    return libc.geteuid() == 0;
  }

  public int euid() {
    return libc.geteuid();
  }

  public int egid() {
    return libc.getegid();
  }

  /** Stat without following a final symlink; {@code null} when nothing is there. */
  public Stat lstat(String path) throws FsException {
    byte[] buffer = new byte[256];
    if (libc.statx(LibC.AT_FDCWD, c(path), LibC.AT_SYMLINK_NOFOLLOW, LibC.STATX_BASIC_STATS, buffer)
        != 0) {
      int errno = errno();
      if (errno == Errno.ENOENT.intValue() || errno == Errno.ENOTDIR.intValue()) {
        return null;
      }
      throw new FsException("lstat", path, errno);
    }
    ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.nativeOrder());
    return new Stat(b.getShort(28) & 0xffff, b.getInt(20), b.getInt(24), b.getLong(40));
  }

  /**
   * The process's file mode creation mask, from {@code /proc/self/status} (reading it with {@code
   * umask(2)} would change it for a moment under other threads); {@code 0777} when unknown, which
   * makes callers set every mode explicitly.
   */
  public static int umask() {
    try {
      for (String line :
          java.nio.file.Files.readAllLines(
              java.nio.file.Path.of("/proc/self/status"), StandardCharsets.ISO_8859_1)) {
        if (line.startsWith("Umask:")) {
          return Integer.parseInt(line.substring(6).trim(), 8) & 0777;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: fall through
    }
    return 0777;
  }

  /** Creates a new regular file; returns its descriptor, or -1 when the path exists. */
  public int createFile(String path) throws FsException {
    return createFile(path, 0600);
  }

  /**
   * Creates a new regular file with {@code mode} (less the umask); returns its descriptor, or -1
   * when the path exists.
   */
  public int createFile(String path, int mode) throws FsException {
    int fd = libc.open(c(path), openNewFlags, mode);
    if (fd < 0) {
      int errno = errno();
      if (errno == Errno.EEXIST.intValue()) {
        return -1;
      }
      throw new FsException("open", path, errno);
    }
    return fd;
  }

  public void write(int fd, ByteBuffer chunk, String path) throws FsException {
    while (chunk.hasRemaining()) {
      long n = libc.write(fd, chunk, chunk.remaining());
      if (n < 0) {
        throw new FsException("write", path, errno());
      }
      chunk.position(chunk.position() + (int) n);
    }
  }

  public void pwrite(int fd, ByteBuffer chunk, long offset, String path) throws FsException {
    while (chunk.hasRemaining()) {
      long n = libc.pwrite(fd, chunk, chunk.remaining(), offset);
      if (n < 0) {
        throw new FsException("pwrite", path, errno());
      }
      chunk.position(chunk.position() + (int) n);
      offset += n;
    }
  }

  public void truncate(int fd, long length, String path) throws FsException {
    check(libc.ftruncate(fd, length), "ftruncate", path);
  }

  public void close(int fd, String path) throws FsException {
    check(libc.close(fd), "close", path);
  }

  /** Returns false when the path already exists. */
  public boolean mkdir(String path, int mode) throws FsException {
    return created(libc.mkdir(c(path), mode), "mkdir", path);
  }

  /** Returns false when the path already exists. */
  public boolean symlink(String target, String path) throws FsException {
    return created(libc.symlink(cRaw(target), c(path)), "symlink", path);
  }

  /** Hard link; never follows a symlink at {@code existing}. False when {@code path} exists. */
  public boolean link(String existing, String path) throws FsException {
    return created(
        libc.linkat(LibC.AT_FDCWD, c(existing), LibC.AT_FDCWD, c(path), 0), "link", path);
  }

  /** Returns false when the path already exists. */
  public boolean mknod(String path, int mode, long dev) throws FsException {
    return created(libc.mknod(c(path), mode, dev), "mknod", path);
  }

  public void unlink(String path) throws FsException {
    check(libc.unlink(c(path)), "unlink", path);
  }

  public void rename(String from, String to) throws FsException {
    check(libc.rename(c(from), c(to)), "rename", to);
  }

  public void fchown(int fd, long uid, long gid, String path) throws FsException {
    check(libc.fchown(fd, (int) uid, (int) gid), "fchown", path);
  }

  public void lchown(String path, long uid, long gid) throws FsException {
    check(libc.lchown(c(path), (int) uid, (int) gid), "lchown", path);
  }

  public void fchmod(int fd, int mode, String path) throws FsException {
    check(libc.fchmod(fd, mode), "fchmod", path);
  }

  /** chmod; only for paths known not to be symlinks. */
  public void chmod(String path, int mode) throws FsException {
    check(libc.chmod(c(path), mode), "chmod", path);
  }

  public void futimes(int fd, long seconds, int nanos, String path) throws FsException {
    check(libc.futimens(fd, times(seconds, nanos)), "futimens", path);
  }

  public void lutimes(String path, long seconds, int nanos) throws FsException {
    check(
        libc.utimensat(LibC.AT_FDCWD, c(path), times(seconds, nanos), LibC.AT_SYMLINK_NOFOLLOW),
        "utimensat",
        path);
  }

  public void fsetxattr(int fd, String name, byte[] value, String path) throws FsException {
    check(libc.fsetxattr(fd, cRaw(name), value, value.length, 0), "fsetxattr " + name, path);
  }

  public void lsetxattr(String path, String name, byte[] value) throws FsException {
    check(libc.lsetxattr(c(path), cRaw(name), value, value.length, 0), "lsetxattr " + name, path);
  }

  /**
   * The value of an extended attribute, or {@code null} when it is not set. Linux caps values at 64
   * KiB ({@code XATTR_SIZE_MAX}), so one buffer of that size always suffices.
   */
  public byte[] lgetxattr(String path, String name) throws FsException {
    byte[] buffer = new byte[XATTR_SIZE_MAX];
    long n = libc.lgetxattr(c(path), cRaw(name), buffer, buffer.length);
    if (n < 0) {
      int errno = errno();
      if (errno == Errno.ENODATA.intValue()) {
        return null;
      }
      throw new FsException("lgetxattr " + name, path, errno);
    }
    return Arrays.copyOf(buffer, (int) n);
  }

  /**
   * Every extended attribute of {@code path} (any namespace, not following a final symlink), by
   * name (a byte string) in byte order; empty when the file system does not support them.
   */
  public SortedMap<String, byte[]> listXattrs(String path) throws FsException {
    SortedMap<String, byte[]> result = new TreeMap<>();
    byte[] names = null;
    // the list can grow between the size query and the read (ERANGE); retry a few times
    for (int attempt = 0; names == null; attempt++) {
      long size = libc.llistxattr(c(path), null, 0);
      if (size < 0) {
        int errno = errno();
        if (errno == Errno.ENOTSUP.intValue() || errno == Errno.EOPNOTSUPP.intValue()) {
          return result;
        }
        throw new FsException("llistxattr", path, errno);
      }
      if (size == 0) {
        return result;
      }
      byte[] buffer = new byte[(int) size];
      long got = libc.llistxattr(c(path), buffer, buffer.length);
      if (got >= 0) {
        names = Arrays.copyOf(buffer, (int) got);
      } else if (errno() != Errno.ERANGE.intValue() || attempt > 8) {
        throw new FsException("llistxattr", path, errno());
      }
    }
    int start = 0;
    for (int i = 0; i < names.length; i++) {
      if (names[i] == 0) {
        if (i > start) {
          String name = new String(names, start, i - start, StandardCharsets.ISO_8859_1);
          byte[] value = lgetxattr(path, name);
          if (value != null) { // removed since it was listed
            result.put(name, value);
          }
        }
        start = i + 1;
      }
    }
    return result;
  }

  /** Linux {@code makedev}: the dev_t of a major and minor number. */
  public static long makedev(long major, long minor) {
    return ((major & 0xfffff000L) << 32)
        | ((major & 0xfffL) << 8)
        | ((minor & 0xffffff00L) << 12)
        | (minor & 0xffL);
  }

  public static boolean isPermissionError(FsException e) {
    return e.errno() == Errno.EPERM.intValue()
        || e.errno() == Errno.EACCES.intValue()
        || e.errno() == Errno.EOPNOTSUPP.intValue()
        || e.errno() == Errno.ENOTSUP.intValue();
  }

  private static long[] times(long seconds, int nanos) {
    return new long[] {seconds, nanos, seconds, nanos};
  }

  private int errno() {
    return runtime.getLastError();
  }

  private void check(int result, String op, String path) throws FsException {
    if (result != 0) {
      throw new FsException(op, path, errno());
    }
  }

  private boolean created(int result, String op, String path) throws FsException {
    if (result == 0) {
      return true;
    }
    int errno = errno();
    if (errno == Errno.EEXIST.intValue()) {
      return false;
    }
    throw new FsException(op, path, errno);
  }

  /** The NUL-terminated bytes of {@code path} (a byte string), prefixed by the root. */
  private byte[] c(String path) {
    int n = path.length();
    byte[] out = new byte[rootPrefix.length + n + 1];
    System.arraycopy(rootPrefix, 0, out, 0, rootPrefix.length);
    for (int i = 0; i < n; i++) {
      out[rootPrefix.length + i] = (byte) path.charAt(i);
    }
    return out;
  }

  private static byte[] cRaw(String byteString) {
    int n = byteString.length();
    byte[] out = new byte[n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) byteString.charAt(i);
    }
    return out;
  }

  private static java.nio.charset.Charset jnuCharset() {
    String name = System.getProperty("sun.jnu.encoding");
    try {
      return name == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(name);
    } catch (IllegalArgumentException e) {
      return StandardCharsets.UTF_8;
    }
  }

  private static String describe(int errno) {
    Errno e = Errno.valueOf(errno);
    return e == null || e == Errno.__UNKNOWN_CONSTANT__
        ? "errno " + errno
        : e.name() + " (" + e.description() + ", errno " + errno + ")";
  }
}
