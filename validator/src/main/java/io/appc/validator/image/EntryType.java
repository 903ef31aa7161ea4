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

  /** The type encoded in the format bits ({@code S_IFMT}) of a Unix {@code st_mode}. */
  public static EntryType ofMode(int mode) {
    switch (mode & 0170000) {
      case 0100000:
        return FILE;
      case 0040000:
        return DIRECTORY;
      case 0120000:
        return SYMLINK;
      case 0020000:
        return CHAR_DEVICE;
      case 0060000:
        return BLOCK_DEVICE;
      case 0010000:
        return FIFO;
      case 0140000:
        return SOCKET;
      default:
        return OTHER;
    }
  }

  /** Name used in messages ("need a directory, got regular file"). */
  public String label() {
    return label;
  }
}
