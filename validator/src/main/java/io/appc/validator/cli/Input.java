package io.appc.validator.cli;

import java.nio.file.Path;

/**
 * One thing to check, as found on the command line or while walking a directory.
 *
 * @param type how it will be checked
 * @param path where it is
 * @param display its name in findings: the path as the user typed it, or that path joined with the
 *     names found below it
 * @param problem why it cannot be read, for {@link Type#UNREADABLE}; otherwise empty
 */
record Input(Type type, Path path, String display, String problem) {
  enum Type {
    MANIFEST,
    ARCHIVE,
    LAYOUT,
    UNREADABLE
  }

  static Input of(Type type, Path path, String display) {
    return new Input(type, path, display, "");
  }

  static Input unreadable(Path path, String display, String problem) {
    return new Input(Type.UNREADABLE, path, display, problem);
  }
}
