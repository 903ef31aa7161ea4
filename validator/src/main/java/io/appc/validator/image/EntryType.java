package io.appc.validator.image;

/** The kind of file an archive entry or layout path stands for. */
public enum EntryType {
  FILE("regular file"),
  DIRECTORY("directory"),
  SYMLINK("symbolic link"),
  HARDLINK("hard link"),
  CHAR_DEVICE("character device"),
  BLOCK_DEVICE("block device"),
  FIFO("fifo"),
  SOCKET("socket"),
  OTHER("unsupported entry type");

  private final String label;

  EntryType(String label) {
    this.label = label;
  }

  /** Name used in messages ("need a directory, got regular file"). */
  public String label() {
    return label;
  }
}
