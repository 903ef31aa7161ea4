package io.appc.validator.image;

import java.util.Objects;

/**
 * What the layout rules need to know about one archive entry or one path of a layout directory.
 * Both readers reduce their input to these, so one set of rules serves archives and layouts.
 *
 * @param path the path exactly as stored (archive) or relative to the layout root with {@code /}
 *     separators (layout); it is what findings show
 * @param type the file type
 * @param linkTarget the target of a symbolic or hard link as stored, else {@code null}
 * @param size the size of the entry body in bytes (0 for non-files)
 */
public record EntrySummary(String path, EntryType type, String linkTarget, long size) {
  public EntrySummary {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(type, "type");
  }

  public static EntrySummary of(String path, EntryType type) {
    return new EntrySummary(path, type, null, 0);
  }
}
