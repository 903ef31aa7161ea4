package io.appc.validator.image;

import io.appc.validator.ValidationOptions;
import java.nio.file.Path;

/** Builds {@code args[0]} into {@code args[1]} with xz; run in a separate JVM to interrupt it. */
public final class BuildMain {
  private BuildMain() {}

  public static void main(String[] args) throws Exception {
    new ImageBuilder(ValidationOptions.DEFAULT, Xattrs.system())
        .build(
            Path.of(args[0]),
            Path.of(args[1]),
            new ImageBuilder.Options(Compression.XZ, false, false));
  }
}
