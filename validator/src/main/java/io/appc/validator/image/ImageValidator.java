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
    try (ArchiveStream stream = ArchiveStream.open(file, limits.maxTotalBytes())) {
      switch (stream.compression()) {
        case OPENPGP:
          // Encryption is allowed (ACI-ARCH-008, MAY), so this is no error; but nothing inside
          // could be checked, so it must not pass silently either.
          findings.warning(
              "ACI-ARCH-008",
              "",
              "archive is OpenPGP-encrypted: its tar structure, manifest and image ID cannot be"
                  + " checked",
              "decrypt it (gpg --output image.aci --decrypt " + display + ") and validate that");
          break;
        case UNKNOWN:
          findings.error("ACI-ARCH-002", "", unknownFormat(file), unknownHint(file));
          break;
        default:
          imageId = scan(stream, display, findings, other);
      }
    } catch (ArchiveReadException e) {
      findings.error(IO_ERROR, "", e.getMessage(), "");
    } catch (IOException e) {
      findings.error(IO_ERROR, "", "cannot read " + display + ": " + ArchiveStream.reason(e), "");
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
                  "cannot read '" + relative + "': " + ArchiveStream.reason(e),
                  "");
            }
          });
    } catch (IOException e) {
      findings.error(IO_ERROR, "", "cannot read " + display + ": " + ArchiveStream.reason(e), "");
      stopped[0] = true;
    }
    if (!stopped[0]) {
      checks.finish();
    }
    findings.addAll(other);
    return new FileResult(display, KIND_LAYOUT, findings.toList());
  }

  /** The streaming pass over a readable archive; returns the image ID if it was read to the end. */
  private String scan(
      ArchiveStream stream, String display, Findings findings, List<Finding> other) {
    ImageChecks checks = new ImageChecks(Source.ARCHIVE, options.compat(), limits, findings);
    TarReader reader = new TarReader(stream, limits);
    try {
      while (reader.next() != null) {
        EntrySummary entry = reader.summary();
        Verdict verdict = checks.entry(entry);
        if (verdict == Verdict.STOP) {
          return null;
        }
        if (verdict == Verdict.READ_MANIFEST) {
          manifest(reader.body(), entry.size(), display + "!" + ImageChecks.MANIFEST, other);
        }
      }
      if (!reader.sawEndMarker()) {
        if (reader.position() % 512 != 0) {
          findings.error(
              "ACI-ARCH-002",
              reader.lastEntry(),
              "tar data ends inside a header (archive truncated?) after entry '"
                  + reader.lastEntry()
                  + "'",
              "recreate the archive; the end of the file is missing");
          return null;
        }
        findings.note(
            ImageChecks.LINT_TRAILING_DATA,
            "",
            "tar data ends without the end-of-archive marker (two zero blocks)",
            "the archive may be truncated; tools that write tar add the marker");
      }
      if (!stream.drain()) {
        findings.note(
            ImageChecks.LINT_TRAILING_DATA,
            "",
            "non-zero data follows the tar end-of-archive marker; it is part of the image ID but"
                + " no tar reader sees it",
            "rebuild the archive without trailing data");
      }
    } catch (ArchiveReadException e) {
      readFailure(e, reader, findings);
      return null;
    } catch (IOException e) {
      findings.error(IO_ERROR, "", "cannot read " + display + ": " + ArchiveStream.reason(e), "");
      return null;
    }
    checks.finish();
    return stream.imageId();
  }

  private void readFailure(ArchiveReadException e, TarReader reader, Findings findings) {
    String where = reader.location() + ", at uncompressed byte " + reader.position();
    switch (e.kind()) {
      case LIMIT:
        findings.error(
            "ACI-ARCH-002",
            reader.lastEntry(),
            e.getMessage() + " (" + where + "); reading stopped",
            "raise the limit if this image is genuine");
        break;
      case FILE:
        findings.error(IO_ERROR, reader.lastEntry(), e.getMessage(), "");
        break;
      default:
        findings.error(
            "ACI-ARCH-002",
            reader.lastEntry(),
            e.getMessage() + " (" + where + ")",
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
  private void manifest(InputStream body, long size, String file, List<Finding> other)
      throws IOException {
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
      return;
    }
    byte[] bytes = body.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
    other.addAll(manifests.validate(bytes, file).findings());
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
