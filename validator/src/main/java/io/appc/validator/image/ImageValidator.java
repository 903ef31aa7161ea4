package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Findings;
import java.nio.file.Path;

/** Placeholder replaced by the images work: validates image archives and layouts. */
public final class ImageValidator {
  private final ValidationOptions options;

  public ImageValidator(ValidationOptions options) {
    this.options = options;
  }

  public ValidationOptions options() {
    return options;
  }

  /** Validates an image archive ({@code .aci}, any compression). */
  public FileResult validateArchive(Path file, String display) {
    Findings findings = new Findings(display);
    findings.error("ACI-ARCH-002", "", "image archives are not supported yet", "");
    return new FileResult(display, "ImageArchive", findings.toList());
  }

  /** Validates an image layout directory ({@code manifest} + {@code rootfs/}). */
  public FileResult validateLayout(Path dir, String display) {
    Findings findings = new Findings(display);
    findings.error("ACI-LAYOUT-001", "", "image layouts are not supported yet", "");
    return new FileResult(display, "ImageLayout", findings.toList());
  }
}
