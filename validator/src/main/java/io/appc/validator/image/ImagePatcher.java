package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveReadException.Kind;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.manifest.ManifestValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

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
   * @param findings the findings for the new manifest
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
    Optional<byte[]> old = ImageManifests.read(input, limits, options.jsonLimits().maxBytes());
    if (old.isEmpty()) {
      return new Result(Status.NO_MANIFEST, List.of(), null);
    }
    byte[] manifest = edits.apply(old.get());
    FileResult checked = manifests.validate(manifest, output + "!" + ImageChecks.MANIFEST);
    if (checked.count(Level.ERROR) > 0) {
      return new Result(Status.INVALID_MANIFEST, checked.findings(), null);
    }
    String[] id = new String[1];
    try {
      OutputFiles.write(output, overwrite, out -> id[0] = copy(input, manifest, out));
    } catch (FileAlreadyExistsException e) {
      return new Result(Status.OUTPUT_EXISTS, checked.findings(), null);
    }
    return new Result(Status.PATCHED, checked.findings(), id[0]);
  }

  private String copy(Path input, byte[] manifest, OutputStream out) throws IOException {
    try (ArchiveStream stream = ArchiveStream.open(input, limits.maxTotalBytes())) {
      ImageManifests.requireReadable(stream);
      MessageDigest sha512 = sha512();
      OutputStream compressed = Compressors.open(stream.compression(), out);
      DigestOutputStream tarOut = new DigestOutputStream(compressed, sha512);
      Router router = new Router(stream.digesting(), tarOut);
      TarReader reader = new TarReader(stream, router, limits);
      InputStream body = reader.body();
      byte[] buffer = new byte[DecompressionPipe.CHUNK];
      long previousEnd = 0;
      boolean previousDropped = false;
      boolean replaced = false;
      TarArchiveEntry entry;
      while (true) {
        router.route(Router.Mode.HOLD);
        entry = reader.next();
        byte[] held = router.takeHeld();
        int padding = (int) (roundUp(previousEnd) - previousEnd);
        if (!previousDropped) {
          tarOut.write(held, 0, Math.min(padding, held.length));
        }
        if (entry == null) {
          if (held.length > padding) {
            tarOut.write(held, padding, held.length - padding);
          }
          break;
        }
        boolean isManifest =
            !replaced && reader.canonicalName().equals(ImageChecks.MANIFEST) && entry.isFile();
        if (isManifest) {
          if (entry.isSparse()) {
            throw new ArchiveReadException(
                Kind.TAR_DATA, "the manifest is stored as a sparse file; cannot patch it", null);
          }
          writeManifest(entry, reader.name(), manifest, tarOut);
          router.route(Router.Mode.DISCARD);
          replaced = true;
        } else {
          tarOut.write(held, padding, held.length - padding);
          router.route(Router.Mode.PASS);
        }
        while (body.read(buffer, 0, buffer.length) >= 0) {
          // the router copies (or drops) the stored bytes as they are read
        }
        previousEnd = router.count();
        previousDropped = isManifest;
      }
      router.route(Router.Mode.PASS);
      while (router.read(buffer, 0, buffer.length) >= 0) {
        // copy whatever follows the end-of-archive marker
      }
      tarOut.flush();
      Compressors.finish(compressed);
      return "sha512-" + HexFormat.of().formatHex(sha512.digest());
    }
  }

  private static void writeManifest(
      TarArchiveEntry old, String name, byte[] manifest, OutputStream out) throws IOException {
    TarWriter.Header header =
        new TarWriter.Header(
            name,
            TarWriter.FILE,
            old.getMode() & 07777,
            old.getLongUserId(),
            old.getLongGroupId(),
            old.getUserName(),
            old.getGroupName(),
            old.getLastModifiedTime() == null
                ? 0
                : old.getLastModifiedTime().toInstant().getEpochSecond(),
            manifest.length,
            "",
            0,
            0,
            null);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new TarWriter(bytes).write(header, new ByteArrayInputStream(manifest));
    bytes.writeTo(out);
  }

  private static long roundUp(long offset) {
    return (offset + TarWriter.RECORD - 1) / TarWriter.RECORD * TarWriter.RECORD;
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-512", e);
    }
  }

  /**
   * Sits under the tar reader and sends every byte it reads to one place: held back (headers, until
   * it is known whose they are), passed to the output, or dropped.
   */
  static final class Router extends InputStream {
    enum Mode {
      HOLD,
      PASS,
      DISCARD
    }

    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private Mode mode = Mode.PASS;
    private long count;
    private byte[] skipBuffer;

    Router(InputStream in, OutputStream out) {
      this.in = in;
      this.out = out;
    }

    void route(Mode next) {
      mode = next;
    }

    byte[] takeHeld() {
      byte[] bytes = held.toByteArray();
      held.reset();
      return bytes;
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count += n;
        if (mode == Mode.HOLD) {
          held.write(b, off, n);
        } else if (mode == Mode.PASS) {
          out.write(b, off, n);
        }
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      if (skipBuffer == null) {
        skipBuffer = new byte[1 << 16];
      }
      int r = read(skipBuffer, 0, (int) Math.min(n, skipBuffer.length));
      return Math.max(r, 0);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }
  }
}
