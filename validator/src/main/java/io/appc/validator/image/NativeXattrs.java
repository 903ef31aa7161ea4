package io.appc.validator.image;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import jnr.ffi.LibraryLoader;
import jnr.ffi.LibraryOption;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** {@link Xattrs} through {@code llistxattr}, {@code lgetxattr} and {@code lsetxattr}. */
final class NativeXattrs implements Xattrs {
  private static final int ERANGE = 34;
  private static final int ENODATA = 61;
  private static final int ENOTSUP = 95;
  private static final Charset PATHS =
      Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

  /** The C functions used; sizes are {@code size_t}, results {@code ssize_t}. */
  public interface LibC {
    @ssize_t
    long llistxattr(@In byte[] path, @Out byte[] list, @size_t long size);

    @ssize_t
    long lgetxattr(@In byte[] path, @In byte[] name, @Out byte[] value, @size_t long size);

    int lsetxattr(@In byte[] path, @In byte[] name, @In byte[] value, @size_t long size, int flags);
  }

  private static volatile NativeXattrs instance;

  private final LibC libc;
  private final Runtime runtime;

  private NativeXattrs(LibC libc) {
    this.libc = libc;
    this.runtime = Runtime.getRuntime(libc);
  }

  static NativeXattrs instance() {
    NativeXattrs result = instance;
    if (result == null) {
      synchronized (NativeXattrs.class) {
        result = instance;
        if (result == null) {
          LibC libc =
              LibraryLoader.create(LibC.class).option(LibraryOption.SaveError, true).load("c");
          result = new NativeXattrs(libc);
          instance = result;
        }
      }
    }
    return result;
  }

  @Override
  public SortedMap<String, byte[]> list(Path file) throws IOException {
    byte[] path = cString(file.toString().getBytes(PATHS));
    SortedMap<String, byte[]> result = new TreeMap<>();
    byte[] names = null;
    for (int attempt = 0; names == null; attempt++) {
      long size = libc.llistxattr(path, null, 0);
      if (size < 0) {
        int errno = runtime.getLastError();
        if (errno == ENOTSUP) {
          return result;
        }
        throw failure("llistxattr", file, errno);
      }
      if (size == 0) {
        return result;
      }
      byte[] buffer = new byte[(int) size];
      long got = libc.llistxattr(path, buffer, buffer.length);
      if (got >= 0) {
        names = Arrays.copyOf(buffer, (int) got);
      } else if (runtime.getLastError() != ERANGE || attempt > 8) {
        throw failure("llistxattr", file, runtime.getLastError());
      }
    }
    int start = 0;
    for (int i = 0; i < names.length; i++) {
      if (names[i] == 0) {
        if (i > start) {
          byte[] name = Arrays.copyOfRange(names, start, i);
          byte[] value = get(path, file, name);
          if (value != null) {
            result.put(new String(name, StandardCharsets.UTF_8), value);
          }
        }
        start = i + 1;
      }
    }
    return result;
  }

  private byte[] get(byte[] path, Path file, byte[] name) throws IOException {
    byte[] cName = cString(name);
    for (int attempt = 0; attempt < 8; attempt++) {
      long size = libc.lgetxattr(path, cName, null, 0);
      if (size < 0) {
        int errno = runtime.getLastError();
        if (errno == ENODATA) {
          return null; // removed since it was listed
        }
        throw failure("lgetxattr " + new String(name, StandardCharsets.UTF_8), file, errno);
      }
      byte[] value = new byte[(int) size];
      long got = size == 0 ? 0 : libc.lgetxattr(path, cName, value, value.length);
      if (got >= 0) {
        return Arrays.copyOf(value, (int) got);
      }
      if (runtime.getLastError() != ERANGE) {
        throw failure("lgetxattr", file, runtime.getLastError());
      }
    }
    throw new IOException("lgetxattr " + file + ": value keeps changing size");
  }

  @Override
  public void set(Path file, String name, byte[] value) throws IOException {
    int rc =
        libc.lsetxattr(
            cString(file.toString().getBytes(PATHS)),
            cString(name.getBytes(StandardCharsets.UTF_8)),
            value,
            value.length,
            0);
    if (rc != 0) {
      throw failure("lsetxattr " + name, file, runtime.getLastError());
    }
  }

  private static IOException failure(String call, Path file, int errno) {
    return new IOException(call + " " + file + " failed: errno " + errno);
  }

  private static byte[] cString(byte[] bytes) {
    return Arrays.copyOf(bytes, bytes.length + 1);
  }
}
