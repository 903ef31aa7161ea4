package io.appc.validator.cli;

import io.appc.validator.image.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns command-line paths into inputs. A directory holding a regular file {@code manifest} is an
 * image layout; any other directory is walked in name order, where {@code *.json} files are
 * manifests (except the corpus's {@code *.expect.json} sidecars), {@code *.aci} files and files
 * that start like an archive are image archives, and everything else is skipped. Hidden entries and
 * symbolic links to directories are not followed, so a walk cannot loop. A file named on the
 * command line is always checked.
 */
final class InputScanner {
  /**
   * The test corpus keeps what it expects of {@code x.json} in {@code x.expect.json} beside it;
   * those are not manifests, so a walk skips them (naming one still checks it).
   */
  static final String EXPECTATION_SUFFIX = ".expect.json";

  private InputScanner() {}

  /** The inputs for {@code arguments}, in argument order, each directory's content sorted. */
  static List<Input> scan(List<String> arguments) {
    List<Input> inputs = new ArrayList<>();
    for (String argument : arguments) {
      Path path;
      try {
        path = Path.of(argument);
      } catch (InvalidPathException e) {
        inputs.add(Input.unreadable(null, argument, "not a valid path: " + e.getReason()));
        continue;
      }
      scanNamed(path, argument, inputs);
    }
    return List.copyOf(inputs);
  }

  private static void scanNamed(Path path, String display, List<Input> inputs) {
    if (Files.isDirectory(path)) {
      if (isLayout(path) || Files.exists(path.resolve("rootfs"), LinkOption.NOFOLLOW_LINKS)) {
        inputs.add(Input.of(Input.Type.LAYOUT, path, display));
      } else {
        walk(path, display, inputs);
      }
    } else if (Files.isRegularFile(path)) {
      try {
        inputs.add(Input.of(namedFileType(path), path, display));
      } catch (IOException e) {
        inputs.add(Input.unreadable(path, display, describe(e)));
      }
    } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
      inputs.add(Input.unreadable(path, display, "broken symbolic link"));
    } else if (Files.exists(path)) {
      inputs.add(Input.unreadable(path, display, "not a regular file or directory"));
    } else {
      inputs.add(Input.unreadable(path, display, "no such file or directory"));
    }
  }

  private static void walk(Path dir, String display, List<Input> inputs) {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    } catch (IOException e) {
      inputs.add(Input.unreadable(dir, display, describe(e)));
      return;
    }
    children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (name.startsWith(".")) {
        continue;
      }
      String childDisplay = join(display, name);
      BasicFileAttributes attributes;
      try {
        // One stat per entry; a symbolic link needs a second one to see what it points to.
        attributes =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink()) {
          if (Files.isDirectory(child)) {
            continue;
          }
          attributes = Files.readAttributes(child, BasicFileAttributes.class);
        }
      } catch (IOException e) {
        if (Files.isSymbolicLink(child)) {
          continue;
        }
        inputs.add(Input.unreadable(child, childDisplay, describe(e)));
        continue;
      }
      if (attributes.isDirectory()) {
        if (isLayout(child)) {
          inputs.add(Input.of(Input.Type.LAYOUT, child, childDisplay));
        } else {
          walk(child, childDisplay, inputs);
        }
      } else if (attributes.isRegularFile()) {
        try {
          Input.Type type = foundFileType(child, name);
          if (type != null) {
            inputs.add(Input.of(type, child, childDisplay));
          }
        } catch (IOException e) {
          inputs.add(Input.unreadable(child, childDisplay, describe(e)));
        }
      }
    }
  }

  /**
   * A directory with a {@code manifest} entry that is not a directory is a layout, so that a
   * manifest that is a broken symlink or a fifo is reported (ACI-LAYOUT-001) rather than the
   * directory passed over; a directory named {@code manifest} is just a directory to walk. A
   * directory the user names is also a layout when it has a {@code rootfs} entry.
   */
  private static boolean isLayout(Path dir) {
    Path manifest = dir.resolve("manifest");
    return Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(manifest, LinkOption.NOFOLLOW_LINKS);
  }

  /** A file the user named: JSON when it says so by name or content, else an archive. */
  static Input.Type namedFileType(Path file) throws IOException {
    if (lowerName(file).endsWith(".json") || startsWithBrace(file)) {
      return Input.Type.MANIFEST;
    }
    return Input.Type.ARCHIVE;
  }

  /** A file found by walking: a manifest, an archive, or {@code null} to skip it. */
  static Input.Type foundFileType(Path file, String name) throws IOException {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(EXPECTATION_SUFFIX)) {
      return null;
    }
    if (lower.endsWith(".json")) {
      return Input.Type.MANIFEST;
    }
    if (lower.endsWith(".aci")) {
      return Input.Type.ARCHIVE;
    }
    byte[] head = readHead(file, Compression.MAGIC_LENGTH);
    return Compression.detect(head, head.length) == Compression.UNKNOWN ? null : Input.Type.ARCHIVE;
  }

  private static boolean startsWithBrace(Path file) throws IOException {
    byte[] head = readHead(file, 4096);
    int i = 0;
    // A byte-order mark is skipped here so that the JSON reader gets to report it.
    if (head.length >= 3
        && (head[0] & 0xff) == 0xef
        && (head[1] & 0xff) == 0xbb
        && (head[2] & 0xff) == 0xbf) {
      i = 3;
    }
    while (i < head.length
        && (head[i] == ' ' || head[i] == '\t' || head[i] == '\n' || head[i] == '\r')) {
      i++;
    }
    return i < head.length && head[i] == '{';
  }

  private static byte[] readHead(Path file, int length) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(length);
    }
  }

  private static String lowerName(Path file) {
    Path name = file.getFileName();
    return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
  }

  private static String join(String parent, String name) {
    return parent.endsWith("/") || parent.endsWith(java.io.File.separator)
        ? parent + name
        : parent + java.io.File.separator + name;
  }

  /** A short reason for an I/O failure, without the exception class. */
  static String describe(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
