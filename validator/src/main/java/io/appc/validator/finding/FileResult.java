package io.appc.validator.finding;

import java.util.List;

/**
 * The outcome of checking one input.
 *
 * @param file the file as shown to the user
 * @param kind what the input was detected as, e.g. {@code ImageManifest}, {@code PodManifest},
 *     {@code ImageArchive}, {@code ImageLayout}, or {@code unknown}
 * @param findings every finding, in {@link Finding#ORDER}
 * @param imageId the image ID when the input was an image archive, else {@code null}
 */
public record FileResult(String file, String kind, List<Finding> findings, String imageId) {
  public FileResult {
    findings = findings.stream().sorted(Finding.ORDER).toList();
  }

  public FileResult(String file, String kind, List<Finding> findings) {
    this(file, kind, findings, null);
  }

  public long count(Level level) {
    return findings.stream().filter(f -> f.level() == level).count();
  }

  public boolean valid(boolean warningsAsErrors) {
    return count(Level.ERROR) == 0 && (!warningsAsErrors || count(Level.WARNING) == 0);
  }
}
