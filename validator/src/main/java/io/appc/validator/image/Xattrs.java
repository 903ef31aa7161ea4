package io.appc.validator.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SortedMap;

/**
 * Extended attributes of a file in every namespace ({@code user.}, {@code trusted.}, {@code
 * security.}, {@code system.}), without following symbolic links. Java's own attribute view only
 * reaches {@code user.}, so the system implementation calls the C library.
 */
public interface Xattrs {
  /** All attributes of {@code file} by name, in name order; empty if the file system has none. */
  SortedMap<String, byte[]> list(Path file) throws IOException;

  /** Sets one attribute on {@code file} (not following a symbolic link). */
  void set(Path file, String name, byte[] value) throws IOException;

  /** The implementation for this machine: the C library's {@code l*xattr} calls. */
  static Xattrs system() {
    return NativeXattrs.instance();
  }
}
