package io.appc.validator.image;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;

/**
 * Walks an image layout directory without following symbolic links and reports each path as an
 * {@link EntrySummary}, parents before children, so the same rules as for archives apply.
 */
final class LayoutWalker {
  /** Receives the paths; returns false to stop the walk. */
  interface Visitor {
    boolean visit(Path file, EntrySummary entry) throws IOException;

    /** A path that could not be read. */
    void failed(String relative, IOException e);
  }

  private LayoutWalker() {}

  static void walk(Path root, Visitor visitor) throws IOException {
    Files.walkFileTree(
        root,
        EnumSet.noneOf(java.nio.file.FileVisitOption.class),
        Integer.MAX_VALUE,
        new FileVisitor<Path>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(root)) {
              return FileVisitResult.CONTINUE;
            }
            boolean go =
                visitor.visit(dir, EntrySummary.of(relative(root, dir), EntryType.DIRECTORY));
            return go ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            boolean go = visitor.visit(file, summary(root, file, attrs));
            return go ? FileVisitResult.CONTINUE : FileVisitResult.TERMINATE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            visitor.failed(relative(root, file), e);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
              visitor.failed(relative(root, dir), e);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static String relative(Path root, Path file) {
    String text = root.relativize(file).toString();
    return file.getFileSystem().getSeparator().equals("/")
        ? text
        : text.replace(file.getFileSystem().getSeparator(), "/");
  }

  static EntrySummary summary(Path root, Path file, BasicFileAttributes attrs) throws IOException {
    String path = relative(root, file);
    if (attrs.isDirectory()) {
      return EntrySummary.of(path, EntryType.DIRECTORY);
    }
    if (attrs.isSymbolicLink()) {
      return new EntrySummary(path, EntryType.SYMLINK, Files.readSymbolicLink(file).toString(), 0);
    }
    if (attrs.isRegularFile()) {
      return new EntrySummary(path, EntryType.FILE, null, attrs.size());
    }
    return EntrySummary.of(path, typeOf(file));
  }

  /** The type of a special file, from the {@code st_mode} format bits. */
  static EntryType typeOf(Path file) throws IOException {
    int mode = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return EntryType.ofMode(mode);
  }
}
