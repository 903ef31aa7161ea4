package io.appc.validator.image.render;

import io.appc.validator.Compat;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.image.store.ImageQuery;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.ManifestFacts.Dependency;
import io.appc.validator.image.store.StoreException;
import io.appc.validator.image.store.StoredImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves an image's dependency tree from the store into the override order of ace.md §Filesystem
 * Setup, without touching any archive.
 *
 * <p>Order (ACE-FS-004/005/010/011): depth-first, each image after its dependencies, which come in
 * list order; for {@code A -> [B, C], C -> [D]} that is B, D, C, A, and a shared dependency is
 * visited once per path (D, B, D, C, A for the diamond). Later layers win.
 *
 * <p>Resolution: a dependency with an {@code imageID} is looked up by that ID (full, or a unique
 * prefix of at least 32 hex digits) and, in {@link Compat#SPEC} mode, the image found must also
 * carry the dependency's name and labels, since discovery by name and labels is what the ID is
 * checked against (IM-DEP-001/002). Whether the content is hashed again while rendering
 * (ACI-ID-003) is up to the {@link Renderer} ({@link HashDecision}). Without an ID, the best match
 * by name and labels is taken ({@link ImageQuery}). A given {@code size} must equal the archive
 * size or the uncompressed tar size (IM-084; a mismatch is refused). A cycle is reported and not
 * followed; the expansion stops at {@link #MAX_LAYERS} passes, because a chain of diamonds doubles
 * with every level.
 */
public final class RenderPlanner {
  /** Upper bound on the number of passes a plan may have. */
  public static final int MAX_LAYERS = 1024;

  private final ImageStore store;
  private final Compat compat;

  public RenderPlanner(ImageStore store, Compat compat) {
    this.store = store;
    this.compat = compat;
  }

  private record Node(LayerImage image, List<LayerImage> chain) {}

  private final class Walk {
    final List<Finding> findings = new ArrayList<>();
    final List<Node> order = new ArrayList<>();
    int visited;
    boolean overflow;

    void visit(LayerImage image, List<LayerImage> chain) throws IOException {
      for (Dependency dep : image.facts().dependencies()) {
        if (overflow) {
          return;
        }
        LayerImage resolved = resolve(dep, image, findings);
        if (resolved == null) {
          continue;
        }
        if (chain.stream().anyMatch(c -> resolved.id() != null && resolved.id().equals(c.id()))) {
          String cycle =
              chain.stream().map(LayerImage::name).collect(Collectors.joining(" -> "))
                  + " -> "
                  + resolved.name();
          findings.add(
              finding(
                  "ACE-FS-004",
                  Level.ERROR,
                  image,
                  dep.pointer(),
                  "need an acyclic dependency graph, got the cycle " + cycle,
                  "remove one of the dependencies that close the cycle"));
          continue;
        }
        if (++visited > MAX_LAYERS) {
          overflow = true;
          findings.add(
              finding(
                  "ACE-FS-004",
                  Level.ERROR,
                  image,
                  dep.pointer(),
                  "the dependency graph expands to more than " + MAX_LAYERS + " layers",
                  "shared dependencies are applied once per path; flatten the graph"));
          return;
        }
        List<LayerImage> next = new ArrayList<>(chain);
        next.add(resolved);
        visit(resolved, next);
      }
      order.add(new Node(image, chain));
    }
  }

  /** Plans the render of {@code top}. */
  public RenderPlan plan(LayerImage top) throws IOException {
    Walk walk = new Walk();
    walk.visit(top, List.of(top));
    List<Layer> layers =
        compat == Compat.ACTOOL ? actoolLayers(walk.order) : specLayers(walk.order);
    return new RenderPlan(top, layers, walk.findings);
  }

  private static List<Layer> specLayers(List<Node> order) {
    List<Layer> layers = new ArrayList<>();
    for (Node node : order) {
      List<PathWhitelist> whitelists = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (LayerImage image : node.chain()) {
        PathWhitelist w = PathWhitelist.of(image.facts().pathWhitelist());
        if (!w.isEmpty()) {
          whitelists.add(w);
          names.add(image.name());
        }
      }
      layers.add(
          new Layer(
              node.image(),
              names(node.chain()),
              node.chain().size() - 1,
              LayerFilter.spec(whitelists),
              names));
    }
    return layers;
  }

  /**
   * Go's list is the reverse of this post-order (upper image first, a later dependency before an
   * earlier one); its "upper" whitelist for position p is the last non-empty whitelist met while
   * walking back from p whenever the level drops below the previous element's level.
   */
  private static List<Layer> actoolLayers(List<Node> order) {
    List<Node> go = new ArrayList<>(order);
    Collections.reverse(go);
    List<Layer> layers = new ArrayList<>();
    for (int k = 0; k < order.size(); k++) {
      Node node = order.get(k);
      int p = order.size() - 1 - k;
      PathWhitelist upper = null;
      String upperName = null;
      int level = go.get(p).chain().size() - 1;
      for (int i = p; i >= 0; i--) {
        Node candidate = go.get(i);
        int candidateLevel = candidate.chain().size() - 1;
        PathWhitelist w = PathWhitelist.of(candidate.image().facts().pathWhitelist());
        if (candidateLevel < level && !w.isEmpty()) {
          upper = w;
          upperName = candidate.image().name();
        }
        level = candidateLevel;
      }
      PathWhitelist own = PathWhitelist.of(node.image().facts().pathWhitelist());
      List<String> names = new ArrayList<>();
      if (!own.isEmpty()) {
        names.add(node.image().name());
      }
      if (upperName != null) {
        names.add(upperName);
      }
      layers.add(
          new Layer(
              node.image(),
              names(node.chain()),
              node.chain().size() - 1,
              LayerFilter.actool(own, upper),
              names));
    }
    return layers;
  }

  private LayerImage resolve(Dependency dep, LayerImage parent, List<Finding> findings)
      throws IOException {
    ImageQuery query = new ImageQuery(dep.imageName(), dep.labels());
    StoredImage found;
    if (dep.imageId() != null) {
      Optional<StoredImage> byId;
      try {
        byId = store.findById(dep.imageId());
      } catch (StoreException e) {
        findings.add(
            finding(
                "IM-082",
                Level.ERROR,
                parent,
                dep.pointer() + "/imageID",
                e.getMessage(),
                "use the full image ID that appc store add printed"));
        return null;
      }
      if (byId.isEmpty()) {
        List<StoredImage> named = store.match(query);
        if (named.isEmpty()) {
          findings.add(
              finding(
                  "IM-DEP-001",
                  Level.ERROR,
                  parent,
                  dep.pointer(),
                  "need image " + dep.imageId() + " (" + query + "), the store has none",
                  "add it with: appc store add FILE.aci"));
        } else {
          findings.add(
              finding(
                  "IM-DEP-002",
                  Level.ERROR,
                  parent,
                  dep.pointer() + "/imageID",
                  "need image ID "
                      + dep.imageId()
                      + " for "
                      + query
                      + ", got only "
                      + named.stream().map(StoredImage::shortId).collect(Collectors.joining(", ")),
                  "the dependency pins another build; add that build or update the imageID"));
        }
        return null;
      }
      found = byId.get();
      if (compat == Compat.SPEC) {
        if (!found.name().equals(dep.imageName())) {
          findings.add(
              finding(
                  "IM-DEP-002",
                  Level.ERROR,
                  parent,
                  dep.pointer() + "/imageName",
                  "need image "
                      + found.shortId()
                      + " to be named "
                      + dep.imageName()
                      + ", got "
                      + found.name(),
                  "imageName and imageID must describe the same image"));
          return null;
        }
        Optional<String> mismatch = query.firstMismatch(found.labels());
        if (mismatch.isPresent()) {
          findings.add(
              finding(
                  "IM-DEP-002",
                  Level.ERROR,
                  parent,
                  dep.pointer() + "/labels",
                  "image " + found.shortId() + " does not match the dependency: " + mismatch.get(),
                  "labels and imageID must describe the same image"));
          return null;
        }
      }
    } else {
      List<StoredImage> hits = store.match(query);
      if (hits.isEmpty()) {
        findings.add(
            finding(
                "IM-DEP-001",
                Level.ERROR,
                parent,
                dep.pointer(),
                "need an image matching " + query + ", the store has none",
                "add it with: appc store add FILE.aci"));
        return null;
      }
      found = hits.get(0);
      if (hits.size() > 1) {
        findings.add(
            finding(
                "IM-DEP-003",
                Level.NOTE,
                parent,
                dep.pointer(),
                hits.size()
                    + " images match "
                    + query
                    + "; chose "
                    + found.reference()
                    + " ("
                    + found.shortId()
                    + ") by highest version, then newest import",
                "pin the dependency with imageID or a version label"));
      }
    }
    if (dep.size() > 0 && dep.size() != found.size() && dep.size() != found.tarSize()) {
      findings.add(
          finding(
              "IM-084",
              Level.ERROR,
              parent,
              dep.pointer() + "/size",
              "need "
                  + dep.size()
                  + " bytes for "
                  + found.shortId()
                  + ", got an archive of "
                  + found.size()
                  + " bytes ("
                  + found.tarSize()
                  + " uncompressed)",
              "the renderer refuses a size mismatch; fix size or the dependency"));
      return null;
    }
    return LayerImage.of(found, store.blob(found));
  }

  private static List<String> names(List<LayerImage> chain) {
    return chain.stream().map(LayerImage::name).toList();
  }

  private static Finding finding(
      String id, Level level, LayerImage image, String pointer, String message, String hint) {
    return new Finding(id, level, image.display() + "!manifest", pointer, 0, 0, message, hint);
  }
}
