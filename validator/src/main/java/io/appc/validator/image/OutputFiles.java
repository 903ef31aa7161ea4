package io.appc.validator.image;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an output file so that it appears complete or not at all: the data goes to a hidden
 * temporary file in the target directory, which is flushed to disk and then renamed (or hard
 * linked, when an existing file must not be replaced). The temporary file is removed on failure and
 * when the JVM is stopped by a signal (Ctrl-C) before the rename.
 */
final class OutputFiles {
  /** Produces the content. */
  interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private OutputFiles() {}

  /**
   * Writes {@code target} atomically.
   *
   * @throws FileAlreadyExistsException if {@code target} exists and {@code overwrite} is false
   * @throws IOException otherwise, with a message that says what is wrong with {@code target} or
   *     its directory (never naming the temporary file), or what {@code content} threw
   */
  static void write(Path target, boolean overwrite, Content content) throws IOException {
    Path absolute = target.toAbsolutePath();
    if (!overwrite && Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(target.toString());
    }
    if (Files.isDirectory(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("it is a directory");
    }
    Path dir = absolute.getParent();
    Path temp;
    try {
      temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
    } catch (IOException e) {
      // the exception names the temporary file, which means nothing to the user
      throw new IOException(directoryProblem(dir, e), e);
    }
    Thread cleanup = new Thread(() -> deleteQuietly(temp), "appc-remove-partial-output");
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean done = false;
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        OutputStream out = Channels.newOutputStream(channel);
        content.writeTo(out);
        out.flush();
        channel.force(true);
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      if (overwrite) {
        Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } else {
        // a hard link fails if the target appeared meanwhile, where a rename would replace it
        Files.createLink(absolute, temp);
        Files.delete(temp);
      }
      done = true;
    } finally {
      if (!done) {
        deleteQuietly(temp);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(cleanup);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway; nothing to undo
      }
    }
  }

  private static String directoryProblem(Path dir, IOException e) {
    if (!Files.isDirectory(dir)) {
      return "no such directory " + dir;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied in " + dir;
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + " in " + dir;
    }
    return ArchiveReadException.reason(e);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: a leftover hidden .partial file is harmless
    }
  }
}
