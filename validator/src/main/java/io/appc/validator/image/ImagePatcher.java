package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.manifest.ManifestValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rewrites the manifest of an image archive and copies every other byte unchanged: the headers and
 * bodies of all other entries, the end-of-archive marker and any padding are copied from the
 * uncompressed stream as they are, and the result is compressed the same way as the input. The new
 * manifest is validated before anything is written, and the output appears atomically.
 *
 * <p>The new {@code manifest} entry keeps the old entry's name, mode, owner and modification time;
 * extended headers the old entry had (e.g. xattrs on the manifest file) are not carried over.
 */
public final class ImagePatcher {
  /** What happened. */
  public enum Status {
    PATCHED,
    /** The archive has no manifest to patch. */
    NO_MANIFEST,
    /** The new manifest has errors; nothing was written. */
    INVALID_MANIFEST,
    /** The output exists and overwriting was not allowed; nothing was written. */
    OUTPUT_EXISTS
  }

  /**
   * The outcome.
   *
   * @param findings the findings for the new manifest, and a warning about zero bytes after the
   *     input's compressed data
   * @param imageId the image ID of the written archive, or {@code null}
   */
  public record Result(Status status, List<Finding> findings, String imageId) {}

  private final ValidationOptions options;
  private final ArchiveLimits limits;
  private final ManifestValidator manifests;

  public ImagePatcher(ValidationOptions options, ArchiveLimits limits) {
    this.options = options;
    this.limits = limits;
    this.manifests =
        new ManifestValidator(
            new ValidationOptions(options.compat(), options.jsonLimits(), ManifestKind.IMAGE));
  }

  /**
   * Patches {@code input} into {@code output} (which may be the same file when {@code overwrite} is
   * set).
   *
   * @throws IllegalArgumentException if the edits cannot be applied (the manifest is not JSON)
   * @throws ArchiveReadException if the input cannot be read
   */
  public Result patch(Path input, Path output, ManifestEdits edits, boolean overwrite)
      throws IOException {
    Optional<ImageManifests.Located> old =
        ImageManifests.locate(input, limits, options.jsonLimits().maxBytes());
    if (old.isEmpty()) {
      return new Result(Status.NO_MANIFEST, List.of(), null);
    }
    if (old.get().entry().sparse() != null) {
      throw new ArchiveReadException(
          Kind.TAR_DATA, "the manifest is stored as a sparse file; cannot patch it", null);
    }
    byte[] manifest = edits.apply(old.get().bytes());
    FileResult checked = manifests.validate(manifest, output + "!" + ImageChecks.MANIFEST);
    if (checked.count(Level.ERROR) > 0) {
      return new Result(Status.INVALID_MANIFEST, checked.findings(), null);
    }
    Copied[] copied = new Copied[1];
    try {
      OutputFiles.write(
          output, overwrite, out -> copied[0] = copy(input, old.get(), manifest, out));
    } catch (FileAlreadyExistsException e) {
      return new Result(Status.OUTPUT_EXISTS, checked.findings(), null);
    }
    List<Finding> findings = new ArrayList<>(checked.findings());
    // the output is compressed afresh and does not have them
    copied[0].trailingZeros().ifPresent(z -> findings.add(z.finding(input.toString())));
    return new Result(Status.PATCHED, List.copyOf(findings), copied[0].id());
  }

  /** What the second pass wrote: the new image ID, and what it saw after the input's data. */
  private record Copied(String id, Optional<TrailingZeros> trailingZeros) {}

  /**
   * Second pass: the tar reader checks the whole archive while its tap copies the uncompressed
   * stream, with the old manifest entry (found by the first pass) replaced by the new one.
   */
  private Copied copy(Path input, ImageManifests.Located old, byte[] manifest, OutputStream out)
      throws IOException {
    try (ImageArchives.Opened opened = ImageArchives.open(input)) {
      MessageDigest sha512 = ImageArchives.newDigest();
      OutputStream compressed = Compressors.open(opened.compression(), out);
      DigestOutputStream tarOut = new DigestOutputStream(compressed, sha512);
      Splice splice = new Splice(old, entryBytes(old.entry(), manifest), tarOut);
      TarReader reader = ImageManifests.reader(opened, splice, limits);
      try {
        TarEntry entry;
        while ((entry = reader.next()) != null) {
          // the tap copies (or drops) the stored bytes as they are read
          if (entry.offset() != old.start()
              && EntryPath.of(TarEntry.display(entry.name())).path().equals(ImageChecks.MANIFEST)) {
            // tar -x would extract the later one (of whatever type) over the patched one
            throw new ArchiveReadException(
                Kind.TAR_DATA,
                "ACI-ARCH-003",
                "duplicate entry: a second manifest '"
                    + TarEntry.display(entry.name())
                    + "' follows the first; cannot patch an archive with two manifests",
                null);
          }
        }
        reader.drain();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      tarOut.flush();
      Compressors.finish(compressed);
      return new Copied(ImageArchives.imageId(sha512), opened.trailingZeros());
    } catch (ArchiveFormatException e) {
      throw ArchiveReadException.of(e);
    } catch (TarFormatException e) {
      throw ArchiveReadException.of(e);
    }
  }

  /** The new manifest entry: a header with the old entry's name, mode, owner and time, and data. */
  private static byte[] entryBytes(TarEntry old, byte[] manifest) throws IOException {
    TarWriter.Header header =
        new TarWriter.Header(
            TarEntry.display(old.name()),
            TarWriter.FILE,
            old.mode(),
            old.uid(),
            old.gid(),
            TarEntry.display(old.userName()),
            TarEntry.display(old.groupName()),
            old.mtimeSeconds(),
            manifest.length,
            "",
            0,
            0,
            null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TarWriter(bytes).write(header, new ByteArrayInputStream(manifest));
    return bytes.toByteArray();
  }

  /**
   * Sees the uncompressed stream in order and writes it out, except the old manifest entry's bytes,
   * in whose place the new entry goes.
   */
  private static final class Splice implements Consumer<ByteBuffer> {
    private final long start;
    private final long end;
    private final byte[] replacement;
    private final OutputStream out;
    private final byte[] copy = new byte[1 << 16];
    private long at;
    private boolean replaced;

    Splice(ImageManifests.Located old, byte[] replacement, OutputStream out) {
      this.start = old.start();
      this.end = old.end();
      this.replacement = replacement;
      this.out = out;
    }

    @Override
    public void accept(ByteBuffer bytes) {
      try {
        while (bytes.hasRemaining()) {
          if (!replaced && at == start) {
            out.write(replacement);
            replaced = true;
          }
          long until = at < start ? start : at < end ? end : Long.MAX_VALUE;
          int n = (int) Math.min(Math.min(until - at, bytes.remaining()), copy.length);
          if (at < start || at >= end) {
            bytes.get(copy, 0, n);
            out.write(copy, 0, n);
          } else {
            bytes.position(bytes.position() + n);
          }
          at += n;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
