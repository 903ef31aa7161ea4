package io.appc.validator.image.store;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An image wanted by name and labels, as a dependency or a command-line argument names it.
 *
 * <p>Matching (aci.md, Dependency Matching; IM-DEP-003): every label the query gives must be on the
 * image with the same value; labels the query leaves out are wildcards. {@code os} and {@code arch}
 * are special: an image without them is OS- or architecture-independent (IM-024) and therefore
 * matches any wanted value.
 *
 * <p>Choice among several matches ("no version label means latest"): the highest {@code version}
 * label by SemVer precedence ({@link VersionOrder}); images whose version does not parse, or that
 * have none, come after those that do; ties go to the most recently imported image, then to the
 * smaller ID so that the choice is stable.
 *
 * @param name the image name
 * @param labels wanted labels
 */
public record ImageQuery(String name, Map<String, String> labels) {
  private static final Set<String> PLATFORM_LABELS = Set.of("os", "arch");

  /** Best match first. */
  public static final Comparator<StoredImage> BEST_FIRST =
      Comparator.comparing(
              (StoredImage i) -> VersionOrder.parse(i.labels().get("version")),
              (a, b) -> {
                if (a.isPresent() && b.isPresent()) {
                  return b.get().compareTo(a.get());
                }
                return Boolean.compare(b.isPresent(), a.isPresent());
              })
          .thenComparing(StoredImage::imported, Comparator.reverseOrder())
          .thenComparing(StoredImage::id);

  public ImageQuery {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /**
   * Parses {@code NAME[:VERSION][,LABEL=VALUE]...}, the appc discovery form ({@code :} is short for
   * {@code ,version=}).
   *
   * @throws IllegalArgumentException with a readable message when the text does not fit
   */
  public static ImageQuery parse(String text) {
    String[] parts = text.split(",", -1);
    String head = parts[0];
    Map<String, String> labels = new LinkedHashMap<>();
    int colon = head.indexOf(':');
    if (colon >= 0) {
      if (head.indexOf(':', colon + 1) >= 0) {
        throw new IllegalArgumentException("need at most one ':' in " + text);
      }
      labels.put("version", head.substring(colon + 1));
      head = head.substring(0, colon);
    }
    if (head.isEmpty()) {
      throw new IllegalArgumentException("need an image name in \"" + text + "\"");
    }
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("need LABEL=VALUE, got \"" + parts[i] + "\"");
      }
      if (labels.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
        throw new IllegalArgumentException(
            "label " + parts[i].substring(0, eq) + " given twice in \"" + text + "\"");
      }
    }
    return new ImageQuery(head, labels);
  }

  public boolean matches(StoredImage image) {
    return image.name().equals(name) && labelsMatch(image.labels());
  }

  /** Whether an image with {@code have} labels satisfies the wanted labels. */
  public boolean labelsMatch(Map<String, String> have) {
    for (Map.Entry<String, String> want : labels.entrySet()) {
      String value = have.get(want.getKey());
      if (value == null && PLATFORM_LABELS.contains(want.getKey())) {
        continue;
      }
      if (!want.getValue().equals(value)) {
        return false;
      }
    }
    return true;
  }

  /** The first wanted label the image lacks or has with another value, for messages. */
  public Optional<String> firstMismatch(Map<String, String> have) {
    for (Map.Entry<String, String> want : labels.entrySet()) {
      String value = have.get(want.getKey());
      if (value == null && PLATFORM_LABELS.contains(want.getKey())) {
        continue;
      }
      if (!want.getValue().equals(value)) {
        return Optional.of(
            "label "
                + want.getKey()
                + ": need \""
                + want.getValue()
                + "\", got "
                + (value == null ? "none" : "\"" + value + "\""));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(name);
    labels.forEach((k, v) -> out.append(',').append(k).append('=').append(v));
    return out.toString();
  }
}
