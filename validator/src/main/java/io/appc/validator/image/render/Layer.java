package io.appc.validator.image.render;

import java.util.List;

/**
 * One pass in the override order: the image's rootfs extracted through a filter.
 *
 * @param image the image
 * @param via images from the rendered one down to this one (this one last)
 * @param depth 0 for the rendered image, 1 for its dependencies, and so on
 * @param filter what this pass extracts
 * @param whitelistedBy names of the images whose whitelist filters this pass
 */
public record Layer(
    LayerImage image, List<String> via, int depth, LayerFilter filter, List<String> whitelistedBy) {
  public Layer {
    via = List.copyOf(via);
    whitelistedBy = List.copyOf(whitelistedBy);
  }
}
