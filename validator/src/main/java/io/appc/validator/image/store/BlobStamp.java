package io.appc.validator.image.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/**
 * What a store blob looked like on disk right after {@code store add} hashed it: device, inode,
 * size, modification and status-change times (nanoseconds). A blob that still shows the same stamp
 * has not been written, truncated, chmod-ed, renamed over or replaced since, because every one of
 * those sets the ctime to the current time, which no user can set back (only the system clock can
 * be), and a replacement also brings another inode. So render can trust such a blob without hashing
 * it again.
 *
 * <p>It does not detect changes below the file system (media corruption alters no metadata), and it
 * does not protect against someone who can write the store: they can write the rendered output as
 * well.
 *
 * @param device the file system's device number
 * @param inode the inode number
 * @param size bytes
 * @param modified mtime
 * @param changed ctime
 */
public record BlobStamp(long device, long inode, long size, Instant modified, Instant changed) {
  private static final String ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime";

  /**
   * The stamp {@code blob} has now (the file itself, never a symlink's target).
   *
   * @throws IOException when the file cannot be examined
   * @throws UnsupportedOperationException where the file system has no unix attributes
   */
  public static BlobStamp of(Path blob) throws IOException {
    Map<String, Object> a = Files.readAttributes(blob, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    return new BlobStamp(
        (Long) a.get("dev"),
        (Long) a.get("ino"),
        (Long) a.get("size"),
        ((FileTime) a.get("lastModifiedTime")).toInstant(),
        ((FileTime) a.get("ctime")).toInstant());
  }

  /**
   * Whether {@code blob} still has this stamp. A blob that is gone or cannot be examined does not
   * match: then nothing vouches for it and it must be hashed (or fail to open).
   */
  public boolean matches(Path blob) {
    try {
      return equals(of(blob));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }
}
