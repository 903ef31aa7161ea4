package io.appc.validator.image.store;

import io.appc.validator.finding.Findings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One image in the store.
 *
 * @param id image ID: {@code sha512-} and the hex digest of the uncompressed tar
 * @param name the manifest's name
 * @param labels the manifest's labels, in manifest order
 * @param size bytes of the archive as it was added (compressed or not)
 * @param tarSize bytes of the uncompressed tar
 * @param imported when the image was added
 * @param manifest the manifest text, kept so that planning a render needs no archive reads
 * @param stamp the blob as it was on disk when the image was added (or added again), or {@code
 *     null} when unknown: entries written before stamps existed, or a file system without the
 *     attributes or with too coarse a clock
 */
public record StoredImage(
    String id,
    String name,
    Map<String, String> labels,
    long size,
    long tarSize,
    Instant imported,
    String manifest,
    BlobStamp stamp) {

  /** Length of the short ID form appc tools print: {@code sha512-} plus 32 hex digits. */
  public static final int SHORT_ID_LENGTH = 39;

  public StoredImage {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** This entry with another archive size and stamp (the same image added again). */
  public StoredImage withBlob(long size, BlobStamp stamp) {
    return new StoredImage(id, name, labels, size, tarSize, imported, manifest, stamp);
  }

  public String shortId() {
    return id.length() > SHORT_ID_LENGTH ? id.substring(0, SHORT_ID_LENGTH) : id;
  }

  /** Name and labels as {@code name,label=value,...}, the form {@link ImageQuery} parses. */
  public String reference() {
    if (labels.isEmpty()) {
      return name;
    }
    return name
        + ","
        + labels.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }

  /** The manifest facts; the manifest was checked when the image was added. */
  public ManifestFacts facts() {
    ManifestFacts facts =
        ManifestFacts.parse(
            manifest.getBytes(StandardCharsets.UTF_8), new Findings(id + "!manifest"));
    if (facts == null) {
      throw new IllegalStateException("stored manifest of " + id + " no longer parses");
    }
    return facts;
  }
}
