package io.appc.validator.image.render;

import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.List;

/**
 * The layers to extract, in override order (later wins), and what planning found.
 *
 * @param top the rendered image
 * @param layers dependencies first, the rendered image last
 * @param findings problems found while resolving dependencies
 */
public record RenderPlan(LayerImage top, List<Layer> layers, List<Finding> findings) {
  public RenderPlan {
    layers = List.copyOf(layers);
    findings = List.copyOf(findings);
  }

  /** Whether rendering may go ahead: no error-level findings. */
  public boolean ok() {
    return findings.stream().noneMatch(f -> f.level() == Level.ERROR);
  }
}
