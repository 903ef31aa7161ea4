package io.appc.validator.image.tar;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One member of a tar archive after GNU long-name, PAX and sparse headers have been applied.
 *
 * <p>Names are <em>byte strings</em>: each {@code char} holds one byte of the name as stored
 * (ISO-8859-1 decoding), so names that are not UTF-8 survive the round trip to the file system
 * unchanged. {@link #display(String)} turns one into readable text.
 *
 * @param name path as stored, after long-name and PAX {@code path} records
 * @param type what the member is
 * @param typeFlag the raw type flag, for messages about unsupported types
 * @param mode permission bits including setuid, setgid and sticky ({@code mode & 07777})
 * @param uid owner
 * @param gid group
 * @param userName owner name (header or PAX {@code uname}), a byte string; may be empty
 * @param groupName group name (header or PAX {@code gname}), a byte string; may be empty
 * @param size bytes of data stored after the header (for sparse files: the stored segments)
 * @param realSize the file's logical length (differs from {@code size} for sparse files)
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos nanoseconds part of the modification time (PAX {@code mtime})
 * @param linkName symlink target or hard link target, a byte string; empty for other types
 * @param devMajor device major number
 * @param devMinor device minor number
 * @param xattrs extended attributes by name (a byte string), values as stored
 * @param sparse stored data segments as {@code [offset, length]} pairs, or {@code null}
 * @param offset archive offset of the member's first header block, for messages
 */
public record TarEntry(
    String name,
    Type type,
    char typeFlag,
    int mode,
    long uid,
    long gid,
    String userName,
    String groupName,
    long size,
    long realSize,
    long mtimeSeconds,
    int mtimeNanos,
    String linkName,
    int devMajor,
    int devMinor,
    Map<String, byte[]> xattrs,
    List<long[]> sparse,
    long offset) {

  /** Member types the extractor knows. */
  public enum Type {
    FILE,
    DIRECTORY,
    SYMLINK,
    HARDLINK,
    CHAR_DEVICE,
    BLOCK_DEVICE,
    FIFO,
    OTHER
  }

  public TarEntry {
    xattrs = Map.copyOf(xattrs);
    sparse = sparse == null ? null : List.copyOf(sparse);
  }

  public boolean isDirectory() {
    return type == Type.DIRECTORY;
  }

  /** Readable form of a byte string: its bytes decoded as UTF-8. */
  public static String display(String byteString) {
    return new String(byteString.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  /** The byte string of a Unicode text: its UTF-8 bytes, one per {@code char}. */
  public static String byteString(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }
}
