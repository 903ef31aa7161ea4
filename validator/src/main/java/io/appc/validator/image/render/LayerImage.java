package io.appc.validator.image.render;

import io.appc.validator.image.ExpectedImageId;
import io.appc.validator.image.store.ManifestFacts;
import io.appc.validator.image.store.StoredImage;
import java.nio.file.Path;

/**
 * An image that takes part in a render.
 *
 * @param id the image ID its content must hash to: the stored ID, or for an archive given directly
 *     the ID the user expects (full, or cut short and compared as a prefix, as {@link
 *     ExpectedImageId} reads it), or {@code null} when nothing is expected
 * @param display how messages name it
 * @param archive the archive file
 * @param facts its manifest facts
 * @param stored its store entry, or {@code null} for an archive given directly
 */
public record LayerImage(
    String id, String display, Path archive, ManifestFacts facts, StoredImage stored) {

  public static LayerImage of(StoredImage image, Path blob) {
    return new LayerImage(
        image.id(), image.name() + " (" + image.shortId() + ")", blob, image.facts(), image);
  }

  /** This archive, given directly, with the ID it must have. */
  public LayerImage expecting(ExpectedImageId expected) {
    return new LayerImage(expected.value(), display, archive, facts, stored);
  }

  public String name() {
    return facts.name();
  }
}
