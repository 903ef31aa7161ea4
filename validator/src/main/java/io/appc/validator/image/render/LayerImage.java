package io.appc.validator.image.render;

import io.appc.validator.image.store.ManifestFacts;
import io.appc.validator.image.store.StoredImage;
import java.nio.file.Path;

/**
 * An image that takes part in a render.
 *
 * @param id the image ID it must hash to, or {@code null} for an archive given directly whose ID is
 *     computed while rendering
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

  public String name() {
    return facts.name();
  }
}
