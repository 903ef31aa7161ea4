package io.appc.validator.cli;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.Findings;
import io.appc.validator.image.posix.NativeFs;
import io.appc.validator.image.store.ImageStore;
import io.appc.validator.image.store.ManifestFacts;
import io.appc.validator.manifest.ManifestValidator;
import java.nio.charset.StandardCharsets;

/**
 * Loads and initialises the validator (JSON reader, schemas, rules) on a second thread while the
 * main thread sets up the command line, so that a one-shot {@code appc validate} pays for the two
 * at once instead of one after the other. The command waits for it before validating, so the two
 * threads never initialise the same classes at the same time.
 *
 * <p>{@code appc render} needs the native file system binding, whose loading (jnr-ffi generating
 * and generating its call adapters) takes 0.2 to 0.3 s, and the JSON reader for the image manifest
 * (about 0.07 s the first time); each is loaded on its own thread while the main thread parses the
 * command line. {@link NativeFs#get()} is synchronised and class initialisation is too, so the
 * render simply waits for whatever is not ready yet.
 */
final class Warmup {
  private static final byte[] SAMPLE =
      ("{\"acKind\":\"ImageManifest\",\"acVersion\":\"0.8.11\",\"name\":\"example.com/warmup\","
              + "\"labels\":[{\"name\":\"os\",\"value\":\"linux\"}],"
              + "\"app\":{\"exec\":[\"/bin/true\"],\"user\":\"0\",\"group\":\"0\"}}")
          .getBytes(StandardCharsets.UTF_8);

  private static volatile Thread running;

  private Warmup() {}

  /** Starts the warm-up if {@code command} is one that validates manifests or renders. */
  static void startFor(String command) {
    if ("render".equals(command)) {
      Thread thread = new Thread(Warmup::loadNativeFs, "appc-warmup");
      thread.setDaemon(true);
      thread.start();
      Thread json = new Thread(Warmup::loadJsonReader, "appc-warmup-json");
      json.setDaemon(true);
      json.start();
      return;
    }
    if (!"validate".equals(command)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                new ManifestValidator(ValidationOptions.DEFAULT).validate(SAMPLE, "warmup");
              } catch (RuntimeException | Error e) {
                // The real run meets the same problem and reports it; the warm-up only saves time.
              }
            },
            "appc-warmup");
    thread.setDaemon(true);
    running = thread;
    thread.start();
  }

  private static void loadNativeFs() {
    try {
      NativeFs.get();
    } catch (RuntimeException | Error e) {
      // The render loads it again and reports the failure.
    }
  }

  private static void loadJsonReader() {
    try {
      ManifestFacts.parse(SAMPLE, new Findings("warmup"));
      // The store's index is read with Jackson's mapper, which takes a while to set up.
      Class.forName(ImageStore.class.getName(), true, Warmup.class.getClassLoader());
    } catch (ClassNotFoundException | RuntimeException | Error e) {
      // The render reads the real manifest and reports what goes wrong.
    }
  }

  /** Waits until a started warm-up has finished. */
  static void await() {
    Thread thread = running;
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = null;
  }
}
