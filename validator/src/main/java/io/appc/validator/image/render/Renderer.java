package io.appc.validator.image.render;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import io.appc.validator.image.ArchiveReadException;
import io.appc.validator.image.Compression;
import io.appc.validator.image.ExpectedImageId;
import io.appc.validator.image.store.ManifestFacts;
import io.appc.validator.image.store.StoredImage;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.BackgroundDigest;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.json.JsonLimits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link RenderPlan}: extracts every layer in order into a fresh directory next to the
 * target, hashes a layer while reading it where {@link HashDecision} says so (comparing the result
 * with the ID the layer was resolved by, ACI-ID-003), and renames the result into place. On any
 * refusal or failure the fresh directory is removed, so the target either holds the complete
 * rendered image ({@code manifest} of the rendered image and {@code rootfs/}) or is untouched.
 */
public final class Renderer {
  private final Compat compat;
  private final IdCheck idCheck;

  /** A renderer with the default ID check, {@link IdCheck#AUTO}. */
  public Renderer(Compat compat) {
    this(compat, IdCheck.AUTO);
  }

  /**
   * @param compat which reading of the rules to apply
   * @param idCheck when to hash a layer and compare it with the ID it was resolved by
   */
  public Renderer(Compat compat, IdCheck idCheck) {
    this.compat = compat;
    this.idCheck = idCheck;
  }

  /** How a render ended. */
  public enum Status {
    /** The target holds the rendered image. */
    RENDERED,
    /** A check failed (see the findings); nothing was written to the target. */
    REFUSED,
    /** An I/O failure unrelated to the images; nothing was written to the target. */
    FAILED
  }

  /**
   * What one pass extracted.
   *
   * @param layer the pass
   * @param check whether it was to be hashed, and why
   * @param id the image ID computed while reading it, or {@code null} when it was not hashed (or
   *     could not be read to the end)
   * @param extracted members written
   * @param filtered members left out by whitelists
   */
  public record LayerReport(
      Layer layer, HashDecision check, String id, long extracted, long filtered) {
    /** Whether the layer's image ID was computed. */
    public boolean hashed() {
      return id != null;
    }
  }

  /**
   * The outcome.
   *
   * @param status how it ended
   * @param target the target directory
   * @param layers passes in the order applied
   * @param findings planning and extraction findings
   * @param failure the I/O failure for {@link Status#FAILED}, else {@code null}
   */
  public record RenderResult(
      Status status,
      Path target,
      List<LayerReport> layers,
      List<Finding> findings,
      String failure) {
    public RenderResult {
      layers = List.copyOf(layers);
      findings = List.copyOf(findings);
    }
  }

  /**
   * Reads the manifest of an archive given directly (not from the store).
   *
   * @throws ArchiveFormatException when the archive cannot be used, with the requirement it breaks
   */
  public static LayerImage archive(Path file, List<Finding> findings) throws IOException {
    String display = file.toString();
    // only the manifest is read here; extraction reads the archive again, a compressed one to its
    // end (which checks what follows the compressed data)
    try (ImageArchives.Opened opened = ImageArchives.openForManifest(file)) {
      TarReader reader = new TarReader(opened.tar(), null);
      TarEntry e;
      while ((e = reader.next()) != null) {
        String name = e.name();
        while (name.startsWith("./")) {
          name = name.substring(2);
        }
        if (!name.equals("manifest")) {
          continue;
        }
        if (e.type() != TarEntry.Type.FILE || e.size() > JsonLimits.DEFAULT.maxBytes()) {
          throw new ArchiveFormatException(
              "ACI-ARCH-004", display + "!manifest: need a regular file of manifest size");
        }
        Findings f = new Findings(display + "!manifest");
        ManifestFacts facts = ManifestFacts.parse(reader.readData(e), f);
        findings.addAll(f.toList());
        if (facts == null) {
          throw new ArchiveFormatException(
              "IM-001", display + "!manifest: the manifest is not usable");
        }
        return new LayerImage(null, display, file, facts, null);
      }
    } catch (TarFormatException e) {
      throw new ArchiveFormatException(
          "ACI-ARCH-002", display + ": not a readable tar: " + e.getMessage());
    } catch (ArchiveReadException e) {
      if (e.kind() == ArchiveReadException.Kind.FILE) {
        throw e;
      }
      throw new ArchiveFormatException(e.requirementId(), display + ": " + e.getMessage());
    }
    throw new ArchiveFormatException("IM-002", display + ": need a manifest entry, got none");
  }

  /**
   * Which layers of {@code plan} will be hashed, in plan order. In {@link IdCheck#AUTO} mode this
   * examines the stored blobs (one {@code lstat} each); the decision itself is {@link
   * HashDecision#decide}.
   */
  public List<HashDecision> decisions(RenderPlan plan) {
    List<HashDecision> decisions = new ArrayList<>();
    for (Layer layer : plan.layers()) {
      LayerImage image = layer.image();
      HashDecision.Blob blob =
          idCheck == IdCheck.AUTO ? blobState(image) : HashDecision.Blob.NOT_STORED;
      decisions.add(HashDecision.decide(idCheck, image.id() != null, blob));
    }
    return decisions;
  }

  private static HashDecision.Blob blobState(LayerImage image) {
    StoredImage stored = image.stored();
    if (stored == null) {
      return HashDecision.Blob.NOT_STORED;
    }
    if (stored.stamp() == null) {
      return HashDecision.Blob.UNSTAMPED;
    }
    return stored.stamp().matches(image.archive())
        ? HashDecision.Blob.UNCHANGED
        : HashDecision.Blob.CHANGED;
  }

  /** Renders {@code plan} into {@code target}, which must be absent or an empty directory. */
  public RenderResult render(RenderPlan plan, Path target) {
    return render(plan, decisions(plan), target);
  }

  /**
   * Renders {@code plan} into {@code target} with the given {@link #decisions} (one per layer), so
   * that what a caller showed the user is what is done.
   */
  public RenderResult render(RenderPlan plan, List<HashDecision> decisions, Path given) {
    // One spelling of the target for the check, the parent and the rename: rename(2) refuses a
    // last component "." or "..", and a check of one spelling would not hold for another.
    Path target = given.toAbsolutePath().normalize();
    if (decisions.size() != plan.layers().size()) {
      throw new IllegalArgumentException(
          "need one decision per layer (" + plan.layers().size() + "), got " + decisions.size());
    }
    List<Finding> findings = new ArrayList<>(plan.findings());
    List<LayerReport> reports = new ArrayList<>();
    if (!plan.ok()) {
      return new RenderResult(Status.REFUSED, target, reports, findings, null);
    }
    Path temp = null;
    Abandon abandon = null;
    String current = null;
    try {
      String problem = unusableTarget(target);
      if (problem != null) {
        return new RenderResult(Status.FAILED, target, reports, findings, problem);
      }
      Path parent = target.getParent();
      if (parent == null) {
        return new RenderResult(
            Status.FAILED, target, reports, findings, target + ": need a directory below /");
      }
      Files.createDirectories(parent);
      temp = Files.createTempDirectory(parent, ".appc-render-");
      abandon = new Abandon(temp);
      Runtime.getRuntime().addShutdownHook(abandon);
      try (Extraction extraction = new Extraction(temp, findings, compat == Compat.SPEC)) {
        List<Layer> layers = plan.layers();
        for (int i = 0; i < layers.size(); i++) {
          Layer layer = layers.get(i);
          current = layer.image().display();
          reports.add(
              extractLayer(extraction, layer, decisions.get(i), i == layers.size() - 1, findings));
        }
        if (findings.stream().anyMatch(f -> f.level() == Level.ERROR)) {
          return new RenderResult(Status.REFUSED, target, reports, findings, null);
        }
        current = null;
        extraction.finish();
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      synchronized (abandon) {
        if (abandon.abandoned) {
          throw new IOException("the render was stopped");
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        abandon.finished = true;
      }
      temp = null;
      return new RenderResult(Status.RENDERED, target, reports, findings, null);
    } catch (IOException | RuntimeException e) {
      return new RenderResult(Status.FAILED, target, reports, findings, describe(e, current));
    } finally {
      if (abandon != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(abandon);
        } catch (IllegalStateException e) {
          // The JVM is going down and the hook is running: it removes the render directory.
        }
      }
      if (temp != null && Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Trees.delete(temp);
        } catch (IOException e) {
          findings.add(
              new Finding(
                  "ACE-FS-003",
                  Level.WARNING,
                  temp.toString(),
                  "",
                  0,
                  0,
                  "could not remove the unfinished render: " + e.getMessage(),
                  "remove it by hand"));
        }
      }
    }
  }

  /**
   * Removes the unfinished render directory when the JVM is stopped (SIGTERM, Ctrl-C) during a
   * render; the finally block of {@link #render} does not run then. It first renames the directory
   * away, so that the extraction, which names paths inside it, cannot create anything there while
   * it is deleted. The final rename and this hook exclude each other: the target is complete or
   * untouched. (SIGKILL runs no hook: a {@code .appc-render-*} directory is then left next to the
   * target, which is still untouched.)
   */
  private static final class Abandon extends Thread {
    private final Path temp;
    boolean finished; // guarded by this
    boolean abandoned; // guarded by this

    Abandon(Path temp) {
      super("appc-render-cleanup");
      this.temp = temp;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (finished) {
          return;
        }
        abandoned = true;
      }
      Path away = temp.resolveSibling(temp.getFileName() + ".stopped");
      try {
        Files.move(temp, away, StandardCopyOption.ATOMIC_MOVE);
        Trees.delete(away);
      } catch (IOException e) {
        // The JVM is going down; there is no one left to tell.
      }
    }
  }

  private LayerReport extractLayer(
      Extraction extraction, Layer layer, HashDecision check, boolean top, List<Finding> findings)
      throws IOException {
    LayerImage image = layer.image();
    try (ImageArchives.Opened opened = ImageArchives.open(image.archive());
        BackgroundDigest digest =
            check.hash() ? new BackgroundDigest(ImageArchives.newDigest()) : null) {
      // An uncompressed archive that is not hashed is mapped: file content then goes from the page
      // cache to write(2) on the writer thread, without a copy on this one. When it is hashed, the
      // digest thread sets the pace and is fastest fed from a read buffer.
      TarReader reader =
          digest == null && opened.tar() instanceof FileChannel file
              ? TarReader.mapping(file, null)
              : new TarReader(opened.tar(), digest);
      Extraction.LayerStats stats = extraction.extract(layer, reader, top);
      if (digest != null || opened.compression() != Compression.NONE) {
        // The ID covers the whole stream. Unhashed compressed data is read to its end too (only the
        // tar padding is left), so that what follows it is checked in every render.
        reader.drain();
      }
      opened.trailingZeros().ifPresent(z -> findings.add(z.finding(image.display())));
      if (digest == null) {
        if (check == HashDecision.TRUSTED && blobState(image) != HashDecision.Blob.UNCHANGED) {
          // Trusted by a stamp read before the blob was opened: a change since then (in place, or
          // a replacement before the open) would otherwise go unseen.
          findings.add(
              layerError(
                  image,
                  ExpectedImageId.REQUIREMENT,
                  "the stored archive changed while it was rendered; its content is unverified",
                  "render again; if the store is being changed, add the image again first"));
        }
        return new LayerReport(layer, check, null, stats.extracted(), stats.filtered());
      }
      String id = ImageArchives.imageId(digest.finish());
      if (image.id() != null && !ExpectedImageId.parse(image.id()).matches(id)) {
        findings.add(mismatch(image, id));
      }
      return new LayerReport(layer, check, id, stats.extracted(), stats.filtered());
    } catch (ArchiveFormatException e) {
      findings.add(layerError(image, e.requirementId(), e.getMessage(), ""));
    } catch (TarFormatException e) {
      findings.add(layerError(image, "ACI-ARCH-002", "not a readable tar: " + e.getMessage(), ""));
    } catch (ArchiveReadException e) {
      if (e.kind() == ArchiveReadException.Kind.FILE) {
        throw e;
      }
      // Damaged compressed data: a property of the image, as a damaged tar is.
      findings.add(layerError(image, e.requirementId(), e.getMessage(), ""));
    } catch (InternalError e) {
      // What reading a mapped archive raises when the file shrinks under it.
      findings.add(
          layerError(
              image,
              "ACI-ARCH-002",
              "the archive changed while it was read: " + e.getMessage(),
              "render again once nothing writes to it"));
    }
    return new LayerReport(layer, check, null, 0, 0);
  }

  private static Finding mismatch(LayerImage image, String id) {
    return image.stored() != null
        ? layerError(
            image,
            ExpectedImageId.REQUIREMENT,
            "need content hashing to " + image.id() + ", got " + id,
            "the stored archive changed since it was added; add it again")
        : ExpectedImageId.parse(image.id())
            .mismatch(image.display(), id, ExpectedImageId.NOT_THE_EXPECTED_IMAGE);
  }

  private static Finding layerError(
      LayerImage image, String requirement, String message, String hint) {
    return new Finding(requirement, Level.ERROR, image.display(), "", 0, 0, message, hint);
  }

  /** Why {@code target} cannot receive the render, or {@code null} when it can. */
  private static String unusableTarget(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      return target + ": need an empty directory or a path that does not exist";
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
      if (entries.iterator().hasNext()) {
        return target + ": need an empty directory, got one with files in it";
      }
    }
    return null;
  }

  /**
   * The failure in one line with where it happened: the JDK's file system exceptions carry the path
   * but often no reason, other I/O exceptions (a read error, a directory where an archive should
   * be) often no path, so those are put in the context of the layer being extracted.
   */
  private static String describe(Exception e, String layer) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason == null) {
        if (f instanceof NoSuchFileException) {
          reason = "no such file or directory";
        } else if (f instanceof FileAlreadyExistsException) {
          reason = "exists and is not a directory";
        } else if (f instanceof AccessDeniedException) {
          reason = "permission denied";
        } else if (f instanceof NotDirectoryException) {
          reason = "not a directory";
        } else if (f instanceof DirectoryNotEmptyException) {
          reason = "directory not empty";
        } else {
          reason = f.getClass().getSimpleName();
        }
        return f.getMessage() + ": " + reason;
      }
      return f.getMessage();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return layer == null ? message : layer + ": " + message;
  }
}
