package io.appc.validator.image;

import io.appc.validator.Compat;
import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.ImageChecks.Source;
import io.appc.validator.image.ImageChecks.Verdict;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.BackgroundDigest;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.json.JsonReader;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.manifest.ManifestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates image archives ({@code .aci} files, any compression) and image layout directories. An
 * archive is read in one streaming pass: decompression, the image ID hash, the tar structure and
 * the layout rules all run on the same bytes, and only the manifest is held in memory. Thread-safe:
 * one instance serves every file of a run.
 */
public final class ImageValidator {
  /**
   * Requirement ID of findings that say a file could not be read at all (a failing disk, a missing
   * file): not a property of the image, so a command should exit with its I/O status.
   */
  public static final String IO_ERROR = "IO-ERROR";

  public static final String KIND_ARCHIVE = "ImageArchive";
  public static final String KIND_LAYOUT = "ImageLayout";

  private final ValidationOptions options;
  private final ArchiveLimits limits;
  private final ManifestValidator manifests;

  public ImageValidator(ValidationOptions options) {
    this(options, ArchiveLimits.DEFAULT);
  }

  public ImageValidator(ValidationOptions options, ArchiveLimits limits) {
    this.options = options;
    this.limits = limits;
    this.manifests =
        new ManifestValidator(
            new ValidationOptions(options.compat(), options.jsonLimits(), ManifestKind.IMAGE));
  }

  public ValidationOptions options() {
    return options;
  }

  public ArchiveLimits limits() {
    return limits;
  }

  /** The same validator with other archive limits. */
  public ImageValidator withLimits(ArchiveLimits other) {
    return new ImageValidator(options, other);
  }

  /**
   * Validates an image archive. {@link FileResult#imageId()} is set whenever the archive could be
   * read to its end, even if it breaks layout rules.
   *
   * @param file the archive
   * @param display the name findings use for it; the manifest inside is {@code display!manifest}
   */
  public FileResult validateArchive(Path file, String display) {
    Findings findings = new Findings(display);
    List<Finding> other = new ArrayList<>();
    if (options.compat() != Compat.ACTOOL) {
      ArchiveNaming.check(file, display, findings, other);
    }
    String imageId = null;
    try (ImageArchives.Opened opened = ImageArchives.open(file)) {
      imageId = scan(opened, display, findings, other);
    } catch (ArchiveFormatException e) {
      if (e.compression() == Compression.OPENPGP) {
        // Encryption is allowed (ACI-ARCH-008, MAY), so this is no error; but nothing inside
        // could be checked, so it must not pass silently either.
        findings.warning(
            "ACI-ARCH-008",
            "",
            "archive is OpenPGP-encrypted: its tar structure, manifest and image ID cannot be"
                + " checked",
            "decrypt it (gpg --output image.aci --decrypt " + display + ") and validate that");
      } else {
        findings.error("ACI-ARCH-002", "", unknownFormat(file), unknownHint(file));
      }
    } catch (ArchiveReadException e) {
      // the decompressor reads its header on opening
      readFailure(e, new Position(), 0, findings);
    } catch (IOException e) {
      findings.error(
          IO_ERROR, "", "cannot read " + display + ": " + ArchiveReadException.reason(e), "");
    }
    findings.addAll(other);
    return new FileResult(display, KIND_ARCHIVE, findings.toList(), imageId);
  }

  /**
   * Validates an image layout directory: {@code manifest}, {@code rootfs/} and nothing else.
   *
   * @param dir the layout directory (a symbolic link to one is followed)
   * @param display the name findings use for it
   */
  public FileResult validateLayout(Path dir, String display) {
    Findings findings = new Findings(display);
    List<Finding> other = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      findings.error(
          Files.exists(dir) ? "ACI-LAYOUT-001" : IO_ERROR,
          "",
          Files.exists(dir)
              ? "need an image layout directory, got a file"
              : "cannot read " + display + ": no such directory",
          "");
      return new FileResult(display, KIND_LAYOUT, findings.toList());
    }
    ImageChecks checks = new ImageChecks(Source.LAYOUT, options.compat(), limits, findings);
    boolean[] stopped = {false};
    try {
      Path root = dir.toRealPath();
      LayoutWalker.walk(
          root,
          new LayoutWalker.Visitor() {
            @Override
            public boolean visit(Path file, EntrySummary entry) throws IOException {
              Verdict verdict = checks.entry(entry);
              if (verdict == Verdict.STOP) {
                stopped[0] = true;
                return false;
              }
              if (verdict == Verdict.READ_MANIFEST) {
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                  manifest(in, entry.size(), display + "/" + ImageChecks.MANIFEST, other);
                }
              }
              return true;
            }

            @Override
            public void failed(String relative, IOException e) {
              findings.error(
                  IO_ERROR,
                  relative,
                  "cannot read '" + relative + "': " + ArchiveReadException.reason(e),
                  "");
            }
          });
    } catch (IOException e) {
      findings.error(
          IO_ERROR, "", "cannot read " + display + ": " + ArchiveReadException.reason(e), "");
      stopped[0] = true;
    }
    if (!stopped[0]) {
      checks.finish();
    }
    findings.addAll(other);
    return new FileResult(display, KIND_LAYOUT, findings.toList());
  }

  /** Where reading stands, for messages about a failure. */
  private static final class Position {
    private String lastEntry;
    private boolean inHeader = true;

    /** The entry whose body or following header was being read. */
    String location() {
      if (lastEntry == null) {
        return "in the first header";
      }
      return (inHeader ? "in the header after entry '" : "in entry '") + lastEntry + "'";
    }

    /** The last entry read (its path as stored), or empty before the first. */
    String lastEntry() {
      return lastEntry == null ? "" : lastEntry;
    }
  }

  /**
   * The streaming pass over a readable archive: the tar reader parses on this thread while the
   * image ID is hashed on a second one. Returns the image ID if the archive was read to the end.
   */
  private String scan(
      ImageArchives.Opened opened, String display, Findings findings, List<Finding> other) {
    ImageChecks checks = new ImageChecks(Source.ARCHIVE, options.compat(), limits, findings);
    Position position = new Position();
    try (BackgroundDigest digest = new BackgroundDigest(ImageArchives.newDigest())) {
      TarReader reader = ImageManifests.reader(opened, digest, limits);
      try {
        TarEntry entry;
        while ((entry = reader.next()) != null) {
          EntrySummary summary = summary(entry);
          position.lastEntry = summary.path();
          position.inHeader = false;
          Verdict verdict = checks.entry(summary);
          if (verdict == Verdict.STOP) {
            return null;
          }
          if (verdict == Verdict.READ_MANIFEST) {
            manifest(reader, entry, display + "!" + ImageChecks.MANIFEST, other);
          }
          // skipped here rather than in next(), so a truncated body is reported at its entry
          reader.skipData();
          position.inHeader = true;
        }
        if (!reader.sawEndMarker()) {
          findings.note(
              ImageChecks.LINT_TRAILING_DATA,
              "",
              "tar data ends without the end-of-archive marker (two zero blocks)",
              "the archive may be truncated; tools that write tar add the marker");
        }
        if (!reader.drain()) {
          findings.note(
              ImageChecks.LINT_TRAILING_DATA,
              "",
              "non-zero data follows the tar end-of-archive marker; it is part of the image ID but"
                  + " no tar reader sees it",
              "rebuild the archive without trailing data");
        }
        opened
            .trailingZeros()
            .ifPresent(z -> findings.warning(TrailingZeros.REQUIREMENT, "", z.message(), z.hint()));
      } catch (TarFormatException e) {
        readFailure(ArchiveReadException.of(e), position, e.offset(), findings);
        return null;
      } catch (ArchiveReadException e) {
        readFailure(e, position, reader.position(), findings);
        return null;
      } catch (IOException e) {
        findings.error(
            IO_ERROR, "", "cannot read " + display + ": " + ArchiveReadException.reason(e), "");
        return null;
      }
      checks.finish();
      return ImageArchives.imageId(digest.finish());
    }
  }

  /** What the layout rules need of a tar member; names are shown decoded as UTF-8. */
  private static EntrySummary summary(TarEntry e) {
    EntryType type =
        switch (e.type()) {
          case FILE -> EntryType.FILE;
          case DIRECTORY -> EntryType.DIRECTORY;
          case SYMLINK -> EntryType.SYMLINK;
          case HARDLINK -> EntryType.HARDLINK;
          case CHAR_DEVICE -> EntryType.CHAR_DEVICE;
          case BLOCK_DEVICE -> EntryType.BLOCK_DEVICE;
          case FIFO -> EntryType.FIFO;
          case OTHER -> EntryType.OTHER;
        };
    boolean link = type == EntryType.SYMLINK || type == EntryType.HARDLINK;
    return new EntrySummary(
        TarEntry.display(e.name()),
        type,
        link ? TarEntry.display(e.linkName()) : null,
        type == EntryType.FILE ? e.realSize() : e.size());
  }

  private void readFailure(
      ArchiveReadException e, Position reader, long offset, Findings findings) {
    String where = reader.location() + ", at uncompressed byte " + offset;
    String message = e.getMessage();
    if (e.getCause() instanceof TarFormatException t) {
      // the offset goes into the location
      message = (e.kind() == Kind.LIMIT ? "" : "tar data is corrupt: ") + t.reason();
    }
    switch (e.kind()) {
      case LIMIT:
        findings.error(
            "ACI-ARCH-002",
            reader.lastEntry(),
            message + " (" + where + "); reading stopped",
            "raise the limit if this image is genuine");
        break;
      case FILE:
        findings.error(IO_ERROR, reader.lastEntry(), message, "");
        break;
      case TRAILING_DATA:
        // about the file, not about an entry: the whole tar was read
        findings.error(
            "ACI-ARCH-002",
            "",
            message,
            "remove the bytes from that offset on (truncate -s OFFSET FILE) or rebuild the"
                + " archive");
        break;
      default:
        findings.error(
            "ACI-ARCH-002",
            reader.lastEntry(),
            message + " (" + where + ")",
            e.kind() == Kind.COMPRESSED_DATA
                ? "the file is damaged or incomplete; download or build it again"
                : "the tar structure is damaged; rebuild the archive");
    }
  }

  /**
   * Reads the manifest body (bounded by the JSON limits) and validates it as an image manifest.
   *
   * @param file the name its findings carry ({@code image.aci!manifest}, {@code layout/manifest})
   */
  private void manifest(TarReader reader, TarEntry entry, String file, List<Finding> other)
      throws IOException {
    if (!tooLarge(entry.realSize(), file, other)) {
      other.addAll(manifests.validate(reader.readData(entry), file).findings());
    }
  }

  private void manifest(InputStream body, long size, String file, List<Finding> other)
      throws IOException {
    if (!tooLarge(size, file, other)) {
      byte[] bytes =
          body.readNBytes((int) Math.min(options.jsonLimits().maxBytes(), Integer.MAX_VALUE - 8));
      other.addAll(manifests.validate(bytes, file).findings());
    }
  }

  /** Reports a manifest above the JSON size limit, which is then not read. */
  private boolean tooLarge(long size, String file, List<Finding> other) {
    long max = options.jsonLimits().maxBytes();
    if (size > max) {
      Findings f = new Findings(file);
      f.error(
          JsonReader.VALID_JSON,
          "",
          "manifest is too large: need at most " + max + " bytes, got " + size,
          "manifests are small JSON files; raise the limit with --max-manifest-bytes if this is"
              + " intended");
      other.addAll(f.toList());
      return true;
    }
    return false;
  }

  private static String unknownFormat(Path file) {
    byte[] head = head(file);
    if (head.length == 0) {
      return "file is empty: need a tar archive (plain, gzip, bzip2 or xz compressed)";
    }
    if (head.length >= 4
        && (head[0] & 0xff) == 0x28
        && (head[1] & 0xff) == 0xb5
        && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return "need a plain, gzip, bzip2 or xz compressed tar, got zstd compressed data";
    }
    return "not a tar archive: need a plain tar (ustar magic), gzip, bzip2 or xz data, got "
        + describe(head);
  }

  private static String unknownHint(Path file) {
    byte[] head = head(file);
    int i = 0;
    while (i < head.length && Character.isWhitespace(head[i])) {
      i++;
    }
    if (i < head.length && head[i] == '{') {
      return "this looks like a JSON manifest; validate it as a manifest, or build an image with"
          + " 'appc build'";
    }
    return "build the image with 'appc build' or 'tar -czf NAME.aci manifest rootfs'";
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(16);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String describe(byte[] head) {
    StringBuilder hex = new StringBuilder("bytes");
    for (int i = 0; i < Math.min(head.length, 8); i++) {
      hex.append(String.format(" %02x", head[i] & 0xff));
    }
    return hex.toString();
  }

  /** True for a finding that says a file could not be read (a command exits 2 for these). */
  public static boolean isIoError(Finding finding) {
    return finding.requirementId().equals(IO_ERROR) && finding.level() == Level.ERROR;
  }
}
