package io.appc.validator.image.render;

import java.util.List;

/**
 * Decides which members of one layer are extracted, from the whitelists that apply to it.
 *
 * <p>{@link #spec}: ace.md §Filesystem Setup says a file "can be filtered by any of the {@code
 * pathWhitelist} of the image itself and the images depending on the image" (ACE-FS-006). A member
 * is kept only if every non-empty whitelist on the path from the layer's image up to the rendered
 * image keeps it. In a diamond each pass over the shared image has its own path and so its own set
 * of whitelists (ACE-FS-011).
 *
 * <p>{@link #actool}: the Go renderer (VR R-RND-05/06). The image's own whitelist filters only
 * non-directories, by exact path; one "upper" whitelist, found by Go's backward walk over its
 * dependency list, filters every member by exact path.
 */
public interface LayerFilter {
  /** Whether a member at {@code path} (relative to the rootfs, no leading slash) is extracted. */
  boolean keeps(String path, boolean directory);

  /** Keeps everything. */
  LayerFilter ALL = (path, directory) -> true;

  static LayerFilter spec(List<PathWhitelist> whitelists) {
    List<PathWhitelist> active = whitelists.stream().filter(w -> !w.isEmpty()).toList();
    if (active.isEmpty()) {
      return ALL;
    }
    return (path, directory) -> {
      for (PathWhitelist w : active) {
        if (!w.keeps(path, directory)) {
          return false;
        }
      }
      return true;
    };
  }

  static LayerFilter actool(PathWhitelist own, PathWhitelist upper) {
    if (own.isEmpty() && (upper == null || upper.isEmpty())) {
      return ALL;
    }
    return (path, directory) ->
        (own.isEmpty() || directory || own.listsExactly(path))
            && (upper == null || upper.isEmpty() || upper.listsExactly(path));
  }
}
