package io.appc.validator.image.posix;

import java.nio.ByteBuffer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;

/**
 * The libc calls extraction needs and neither the JDK nor jnr-posix offers with raw byte paths:
 * device nodes, extended attributes in every namespace, nanosecond times on symlinks, {@code
 * statx}. Every path is a NUL-terminated byte array, so file names that are not valid UTF-8 survive
 * unchanged. Extraction, image building and the tests share this one binding.
 */
public interface LibC {
  int AT_FDCWD = -100;
  int AT_SYMLINK_NOFOLLOW = 0x100;
  int S_IFMT = 0170000;
  int S_IFDIR = 0040000;
  int S_IFREG = 0100000;
  int S_IFLNK = 0120000;
  int S_IFCHR = 0020000;
  int S_IFBLK = 0060000;
  int S_IFIFO = 0010000;
  int STATX_BASIC_STATS = 0x7ff;

  @SaveError
  int open(@In byte[] path, int flags, int mode);

  @SaveError
  long write(int fd, @In ByteBuffer buf, long count);

  @SaveError
  long pwrite(int fd, @In ByteBuffer buf, long count, long offset);

  @SaveError
  int ftruncate(int fd, long length);

  @SaveError
  int close(int fd);

  @SaveError
  int mkdir(@In byte[] path, int mode);

  @SaveError
  int symlink(@In byte[] target, @In byte[] path);

  @SaveError
  int linkat(int oldDirFd, @In byte[] oldPath, int newDirFd, @In byte[] newPath, int flags);

  @SaveError
  int mknod(@In byte[] path, int mode, long dev);

  @SaveError
  int unlink(@In byte[] path);

  @SaveError
  int rename(@In byte[] from, @In byte[] to);

  @SaveError
  int fchown(int fd, int uid, int gid);

  @SaveError
  int lchown(@In byte[] path, int uid, int gid);

  @SaveError
  int fchmod(int fd, int mode);

  @SaveError
  int chmod(@In byte[] path, int mode);

  @SaveError
  int futimens(int fd, @In long[] times);

  @SaveError
  int utimensat(int dirFd, @In byte[] path, @In long[] times, int flags);

  @SaveError
  int fsetxattr(int fd, @In byte[] name, @In byte[] value, long size, int flags);

  @SaveError
  int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, long size, int flags);

  @SaveError
  long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, long size);

  @SaveError
  long llistxattr(@In byte[] path, @Out byte[] list, long size);

  @SaveError
  int statx(int dirFd, @In byte[] path, int flags, int mask, @Out byte[] buffer);

  int geteuid();

  int getegid();
}
