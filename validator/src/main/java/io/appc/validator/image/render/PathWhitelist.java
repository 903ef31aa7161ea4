package io.appc.validator.image.render;

import io.appc.validator.image.tar.TarEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An image's {@code pathWhitelist}, normalised for matching against archive members.
 *
 * <p>Meaning chosen from the spec (aci.md: "whitelist of absolute paths that will exist in the
 * app's rootfs after rendering. This must be a complete and absolute set"): a listed path is kept,
 * and so is every directory above a listed path, because the listed path cannot exist without them
 * (the spec's own example lists {@code /etc/ca/example.com/crt} but not {@code /etc}). Listing a
 * directory keeps the directory itself, not what is inside it: the set is complete, so contents
 * that should survive are listed too. The Go renderer matches exact paths only ({@link
 * #listsExactly}); parent directories it drops are recreated with default metadata by its
 * extractor, whereas here they keep the metadata their image gives them.
 *
 * <p>Entries are normalised like a path: repeated and trailing slashes and {@code .} go, {@code ..}
 * goes up (never above the root), and a relative entry such as {@code foo} means {@code /foo}, as
 * in the Go renderer (which joins every entry to the rootfs).
 */
public final class PathWhitelist {
  private static final PathWhitelist EMPTY = new PathWhitelist(List.of(), Set.of(), Set.of());

  private final List<String> entries;
  private final Set<String> listed;
  private final Set<String> ancestors;

  private PathWhitelist(List<String> entries, Set<String> listed, Set<String> ancestors) {
    this.entries = entries;
    this.listed = listed;
    this.ancestors = ancestors;
  }

  public static PathWhitelist of(List<String> entries) {
    if (entries.isEmpty()) {
      return EMPTY;
    }
    Set<String> listed = new HashSet<>();
    Set<String> ancestors = new HashSet<>();
    for (String entry : entries) {
      String path = normalize(TarEntry.byteString(entry));
      if (path.isEmpty()) {
        continue;
      }
      listed.add(path);
      for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
        ancestors.add(path.substring(0, i));
      }
    }
    return new PathWhitelist(List.copyOf(entries), Set.copyOf(listed), Set.copyOf(ancestors));
  }

  /** An empty whitelist keeps everything (IM-092). */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The entries as written in the manifest. */
  public List<String> entries() {
    return entries;
  }

  /**
   * Whether a member at {@code path} (a byte string relative to the rootfs, without a leading
   * slash) survives this whitelist.
   */
  public boolean keeps(String path, boolean directory) {
    return isEmpty() || listed.contains(path) || (directory && ancestors.contains(path));
  }

  /** Go's test: the path itself is listed. */
  public boolean listsExactly(String path) {
    return listed.contains(path);
  }

  static String normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }
}
