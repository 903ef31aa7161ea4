package io.appc.validator.image.render;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Findings;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.ManifestFacts;
import io.appc.validator.image.tar.ArchiveFormatException;
import io.appc.validator.image.tar.BackgroundDigest;
import io.appc.validator.image.tar.ImageArchives;
import io.appc.validator.image.tar.TarEntry;
import io.appc.validator.image.tar.TarFormatException;
import io.appc.validator.image.tar.TarReader;
import io.appc.validator.json.JsonLimits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a {@link RenderPlan}: extracts every layer in order into a fresh directory next to the
 * target, checks each layer's image ID while reading it, and renames the result into place. On any
 * refusal or failure the fresh directory is removed, so the target either holds the complete
 * rendered image ({@code manifest} of the rendered image and {@code rootfs/}) or is untouched.
 */
public final class Renderer {
  private final Compat compat;
  private final boolean checkIds;

  /** A renderer that checks every layer against its image ID while reading it. */
  public Renderer(Compat compat) {
    this(compat, true);
  }

  /**
   * @param compat which reading of the rules to apply
   * @param checkIds whether to hash each layer and compare it with the ID it was resolved by
   *     (ACI-ID-003). Skipping trusts that stored archives still match the IDs computed when they
   *     were added, and saves one SHA-512 pass over every layer; the rendered image's own ID is
   *     then not reported either.
   */
  public Renderer(Compat compat, boolean checkIds) {
    this.compat = compat;
    this.checkIds = checkIds;
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
   * @param id the image ID computed while reading it, or {@code null} when IDs are not checked
   * @param extracted members written
   * @param filtered members left out by whitelists
   */
  public record LayerReport(Layer layer, String id, long extracted, long filtered) {}

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
    try (ImageArchives.Opened opened = ImageArchives.open(file)) {
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
    }
    throw new ArchiveFormatException("IM-002", display + ": need a manifest entry, got none");
  }

  /** Renders {@code plan} into {@code target}, which must be absent or an empty directory. */
  public RenderResult render(RenderPlan plan, Path target) {
    List<Finding> findings = new ArrayList<>(plan.findings());
    List<LayerReport> reports = new ArrayList<>();
    if (!plan.ok()) {
      return new RenderResult(Status.REFUSED, target, reports, findings, null);
    }
    Path temp = null;
    try {
      String problem = unusableTarget(target);
      if (problem != null) {
        return new RenderResult(Status.FAILED, target, reports, findings, problem);
      }
      Path parent = target.toAbsolutePath().normalize().getParent();
      Files.createDirectories(parent);
      temp = Files.createTempDirectory(parent, ".appc-render-");
      try (Extraction extraction = new Extraction(temp, findings, compat == Compat.SPEC)) {
        List<Layer> layers = plan.layers();
        for (int i = 0; i < layers.size(); i++) {
          Layer layer = layers.get(i);
          reports.add(extractLayer(extraction, layer, i == layers.size() - 1, findings));
        }
        if (findings.stream().anyMatch(f -> f.level() == Level.ERROR)) {
          return new RenderResult(Status.REFUSED, target, reports, findings, null);
        }
        extraction.finish();
      }
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      temp = null;
      return new RenderResult(Status.RENDERED, target, reports, findings, null);
    } catch (IOException | RuntimeException e) {
      return new RenderResult(Status.FAILED, target, reports, findings, describe(e));
    } finally {
      if (temp != null) {
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

  private LayerReport extractLayer(
      Extraction extraction, Layer layer, boolean top, List<Finding> findings) throws IOException {
    LayerImage image = layer.image();
    try (ImageArchives.Opened opened = ImageArchives.open(image.archive());
        BackgroundDigest digest =
            checkIds ? new BackgroundDigest(ImageArchives.newDigest()) : null) {
      // An uncompressed archive is mapped: file content then goes from the page cache to write(2)
      // on the writer thread, without a copy on this one.
      TarReader reader =
          opened.tar() instanceof FileChannel file
              ? TarReader.mapping(file, digest)
              : new TarReader(opened.tar(), digest);
      Extraction.LayerStats stats = extraction.extract(layer, reader, top);
      if (digest == null) {
        return new LayerReport(layer, null, stats.extracted(), stats.filtered());
      }
      reader.drain();
      String id = ImageArchives.imageId(digest.finish());
      if (image.id() != null && !image.id().equals(id)) {
        findings.add(
            new Finding(
                "ACI-ID-003",
                Level.ERROR,
                image.display(),
                "",
                0,
                0,
                "need content hashing to " + image.id() + ", got " + id,
                "the stored archive changed since it was added; add it again"));
      }
      return new LayerReport(layer, id, stats.extracted(), stats.filtered());
    } catch (ArchiveFormatException e) {
      findings.add(
          new Finding(
              e.requirementId(), Level.ERROR, image.display(), "", 0, 0, e.getMessage(), ""));
    } catch (TarFormatException e) {
      findings.add(
          new Finding(
              "ACI-ARCH-002",
              Level.ERROR,
              image.display(),
              "",
              0,
              0,
              "not a readable tar: " + e.getMessage(),
              ""));
    } catch (InternalError e) {
      // What reading a mapped archive raises when the file shrinks under it.
      findings.add(
          new Finding(
              "ACI-ARCH-002",
              Level.ERROR,
              image.display(),
              "",
              0,
              0,
              "the archive changed while it was read: " + e.getMessage(),
              "render again once nothing writes to it"));
    }
    return new LayerReport(layer, null, 0, 0);
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

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
