package io.appc.validator.image;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An archive entry name reduced to a canonical relative path: {@code ./rootfs//a/} and {@code
 * rootfs/a} are the same path. {@code ..} segments are resolved lexically but remembered, because
 * whether they are acceptable depends on the compatibility mode.
 *
 * @param path the canonical path without leading {@code ./}, empty or {@code .} segments and
 *     trailing slash; empty for the archive root itself
 * @param absolute the name started with {@code /}
 * @param parentSegments the name contained at least one {@code ..} segment
 * @param escapesRoot a {@code ..} segment climbed above the archive root
 */
record EntryPath(String path, boolean absolute, boolean parentSegments, boolean escapesRoot) {

  static EntryPath of(String raw) {
    Deque<String> segments = new ArrayDeque<>();
    boolean parents = false;
    boolean escapes = false;
    int start = 0;
    int length = raw.length();
    while (start <= length) {
      int slash = raw.indexOf('/', start);
      int end = slash < 0 ? length : slash;
      String segment = raw.substring(start, end);
      if (segment.equals("..")) {
        parents = true;
        if (segments.isEmpty()) {
          escapes = true;
        } else {
          segments.removeLast();
        }
      } else if (!segment.isEmpty() && !segment.equals(".")) {
        segments.addLast(segment);
      }
      start = end + 1;
    }
    return new EntryPath(String.join("/", segments), raw.startsWith("/"), parents, escapes);
  }

  /** The first segment, e.g. {@code rootfs} for {@code rootfs/etc/hosts}. */
  String topLevel() {
    int slash = path.indexOf('/');
    return slash < 0 ? path : path.substring(0, slash);
  }

  boolean isRoot() {
    return path.isEmpty();
  }

  /** True for {@code rootfs/...} (but not {@code rootfs} itself or {@code rootfsx}). */
  boolean underRootfs() {
    return path.startsWith(ImageChecks.ROOTFS + "/");
  }
}
