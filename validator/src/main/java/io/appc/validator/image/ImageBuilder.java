package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builds an image archive from a layout directory, reproducibly: the same layout gives the same
 * bytes and so the same image ID on every run.
 *
 * <p>Entries are written in byte order of their paths ({@code manifest}, {@code rootfs}, then
 * {@code rootfs/...}; a parent always precedes its children) by {@link TarWriter}. Every property
 * the spec asks to keep is kept (ACI-ARCH-006): permission bits including setuid, setgid and
 * sticky, numeric owner and group, modification time (whole seconds), symbolic links, hard links
 * within rootfs (the later path in byte order becomes a link to the first), device numbers, fifos
 * and extended attributes of every namespace. Owner and group names are not stored: names from the
 * build machine mean nothing inside the image, and extractors would map them to the wrong IDs.
 */
public final class ImageBuilder {
  /** What happened. */
  public enum Status {
    BUILT,
    /** The layout has errors; nothing was written. */
    INVALID_LAYOUT,
    /** The output exists and overwriting was not allowed; nothing was written. */
    OUTPUT_EXISTS
  }

  /**
   * Build settings.
   *
   * @param compression how to compress the tar ({@link Compression#NONE}, GZIP, BZIP2 or XZ)
   * @param normalize set every modification time to 0 and every owner and group to 0
   * @param overwrite replace an existing output file
   */
  public record Options(Compression compression, boolean normalize, boolean overwrite) {
    public static final Options DEFAULT = new Options(Compression.GZIP, false, false);
  }

  /**
   * The outcome.
   *
   * @param status what happened
   * @param validation the findings for the layout (always present)
   * @param imageId the image ID of the written archive, or {@code null}
   */
  public record Result(Status status, FileResult validation, String imageId) {}

  /**
   * A file of the layout could not be read while building (it changed after validation, cannot be
   * opened, or has a name this tool cannot open); nothing was written. The message names the file.
   */
  public static final class LayoutReadException extends IOException {
    private static final long serialVersionUID = 1L;

    LayoutReadException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final ImageValidator validator;
  private final Xattrs xattrs;

  public ImageBuilder(ValidationOptions options, Xattrs xattrs) {
    this.validator = new ImageValidator(options);
    this.xattrs = xattrs;
  }

  /**
   * Validates {@code layout} and, if it has no errors, writes it to {@code output} atomically.
   *
   * @throws IllegalArgumentException if {@code output} lies inside {@code layout}
   * @throws LayoutReadException if a file of the layout cannot be read (no output remains)
   * @throws IOException if writing the output fails (no partial output remains)
   */
  public Result build(Path layout, Path output, Options options) throws IOException {
    FileResult validation = validator.validateLayout(layout, layout.toString());
    if (validation.count(Level.ERROR) > 0) {
      return new Result(Status.INVALID_LAYOUT, validation, null);
    }
    Path root = layout.toRealPath();
    Path target = output.toAbsolutePath().normalize();
    Path targetDir = target.getParent() == null ? target : target.getParent();
    // a missing directory is reported when the output is written, in the same words as elsewhere
    if (Files.isDirectory(targetDir) && targetDir.toRealPath().startsWith(root)) {
      throw new IllegalArgumentException(
          "the output " + output + " must not be inside the layout directory " + layout);
    }
    List<String> paths = collect(root, layout);
    String[] id = new String[1];
    try {
      OutputFiles.write(
          output,
          options.overwrite(),
          out -> id[0] = writeArchive(root, layout, paths, options, out));
    } catch (FileAlreadyExistsException e) {
      return new Result(Status.OUTPUT_EXISTS, validation, null);
    }
    return new Result(Status.BUILT, validation, id[0]);
  }

  /** Writes the (compressed) archive to {@code out}; returns its image ID. */
  private String writeArchive(
      Path root, Path layout, List<String> paths, Options options, OutputStream out)
      throws IOException {
    MessageDigest sha512 = sha512();
    OutputStream compressed = Compressors.open(options.compression(), out);
    DigestOutputStream tarBytes = new DigestOutputStream(compressed, sha512);
    TarWriter tar = new TarWriter(tarBytes);
    Map<String, String> firstLinkName = new HashMap<>();
    for (String relative : paths) {
      Path file = root.resolve(relative);
      Map<String, Object> attrs;
      try {
        attrs = Files.readAttributes(file, "unix:*", LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw unreadable(layout, relative, e);
      }
      int mode = (Integer) attrs.get("mode");
      EntryType type = EntryType.ofMode(mode);
      if (type == EntryType.SOCKET || type == EntryType.OTHER) {
        continue; // reported by the layout validation; tar cannot hold it
      }
      String linkTarget = null;
      byte typeFlag = flag(type);
      // only files of rootfs are linked: a hard link to the manifest would leave rootfs
      // (ACI-ARCH-005), so a rootfs file sharing the manifest's inode is stored as a copy
      if (type == EntryType.FILE
          && (Integer) attrs.get("nlink") > 1
          && relative.startsWith(ImageChecks.ROOTFS + "/")) {
        String key = attrs.get("dev") + ":" + attrs.get("ino");
        String first = firstLinkName.putIfAbsent(key, relative);
        if (first != null) {
          typeFlag = TarWriter.HARDLINK;
          linkTarget = first;
        }
      }
      SortedMap<String, byte[]> attributes;
      try {
        if (type == EntryType.SYMLINK) {
          linkTarget = Files.readSymbolicLink(file).toString();
        }
        attributes = xattrs.list(file);
      } catch (IOException e) {
        throw unreadable(layout, relative, e);
      }
      long rdev = ((Number) attrs.get("rdev")).longValue();
      long size = typeFlag == TarWriter.FILE ? ((Number) attrs.get("size")).longValue() : 0;
      TarWriter.Header header =
          new TarWriter.Header(
              type == EntryType.DIRECTORY ? relative + "/" : relative,
              typeFlag,
              mode & 07777,
              options.normalize() ? 0 : ((Number) attrs.get("uid")).longValue(),
              options.normalize() ? 0 : ((Number) attrs.get("gid")).longValue(),
              "",
              "",
              options.normalize() ? 0 : seconds((FileTime) attrs.get("lastModifiedTime")),
              size,
              linkTarget,
              major(rdev),
              minor(rdev),
              new TreeMap<>(attributes));
      if (typeFlag == TarWriter.FILE) {
        InputStream body;
        try {
          body = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
          throw unreadable(layout, relative, e);
        }
        try (InputStream in = new LayoutInput(body, layout, relative)) {
          tar.write(header, in);
        }
      } else {
        tar.write(header, null);
      }
    }
    tar.finish();
    tarBytes.flush();
    Compressors.finish(compressed);
    return "sha512-" + HexFormat.of().formatHex(sha512.digest());
  }

  private static LayoutReadException unreadable(Path layout, String relative, IOException e) {
    if (e instanceof LayoutReadException known) {
      return known;
    }
    return new LayoutReadException(
        "cannot read " + layout.resolve(relative) + ": " + ArchiveReadException.reason(e), e);
  }

  /** Marks read failures of a layout file, so they are not taken for failures of the output. */
  private static final class LayoutInput extends java.io.FilterInputStream {
    private final Path layout;
    private final String relative;

    LayoutInput(InputStream in, Path layout, String relative) {
      super(in);
      this.layout = layout;
      this.relative = relative;
    }

    @Override
    public int read() throws IOException {
      try {
        return in.read();
      } catch (IOException e) {
        throw unreadable(layout, relative, e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return in.read(b, off, len);
      } catch (IOException e) {
        throw unreadable(layout, relative, e);
      }
    }
  }

  /**
   * Every path below {@code root}, relative, in byte order of its UTF-8 form.
   *
   * @throws LayoutReadException if a directory cannot be listed, or a name is not valid UTF-8: the
   *     JDK decodes such a name with replacement characters and cannot open the file by it
   */
  private static List<String> collect(Path root, Path layout) throws IOException {
    List<String> paths = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(root)) {
              paths.add(add(dir));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            paths.add(add(file));
            return FileVisitResult.CONTINUE;
          }

          private String add(Path file) throws IOException {
            String relative = LayoutWalker.relative(root, file);
            if (!root.resolve(relative).equals(file)) {
              throw new LayoutReadException(
                  "cannot read "
                      + layout.resolve(relative)
                      + ": its name is not valid UTF-8, and appc build reads and stores names as"
                      + " UTF-8; rename it",
                  null);
            }
            return relative;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw unreadable(layout, LayoutWalker.relative(root, file), e);
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw unreadable(layout, LayoutWalker.relative(root, dir), e);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    Map<String, byte[]> bytes = new HashMap<>();
    for (String p : paths) {
      bytes.put(p, p.getBytes(StandardCharsets.UTF_8));
    }
    paths.sort((a, b) -> Arrays.compareUnsigned(bytes.get(a), bytes.get(b)));
    return paths;
  }

  private static byte flag(EntryType type) {
    switch (type) {
      case DIRECTORY:
        return TarWriter.DIRECTORY;
      case SYMLINK:
        return TarWriter.SYMLINK;
      case CHAR_DEVICE:
        return TarWriter.CHAR_DEVICE;
      case BLOCK_DEVICE:
        return TarWriter.BLOCK_DEVICE;
      case FIFO:
        return TarWriter.FIFO;
      default:
        return TarWriter.FILE;
    }
  }

  /** Device major number from a Linux {@code dev_t} (glibc encoding). */
  static int major(long rdev) {
    return (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & 0xfffff000L));
  }

  /** Device minor number from a Linux {@code dev_t} (glibc encoding). */
  static int minor(long rdev) {
    return (int) ((rdev & 0xffL) | ((rdev >>> 12) & 0xffffff00L));
  }

  private static long seconds(FileTime time) {
    return time.toInstant().getEpochSecond();
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-512", e);
    }
  }
}
