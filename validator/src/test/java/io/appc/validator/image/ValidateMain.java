package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Level;
import java.nio.file.Path;

/**
 * Validates one archive and prints its image ID and error count. Used in a separate JVM: with a
 * small heap to show that validation streams (StreamingMemoryTest), and by bench/image-bench.sh.
 */
public final class ValidateMain {
  private ValidateMain() {}

  public static void main(String[] args) {
    FileResult result =
        new ImageValidator(ValidationOptions.DEFAULT).validateArchive(Path.of(args[0]), args[0]);
    System.out.println(result.imageId());
    System.out.println(result.count(Level.ERROR));
    result.findings().forEach(f -> System.err.println(f));
  }
}
