package io.appc.validator.cli.image;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.Level;
import io.appc.validator.image.Compression;
import io.appc.validator.image.ImageBuilder;
import io.appc.validator.image.ImageValidator;
import io.appc.validator.image.Xattrs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code appc build LAYOUT_DIR OUT.aci}: builds a reproducible image archive from a layout. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build an image archive from an image layout directory (manifest + rootfs/).",
      "The layout is validated first; an invalid layout is refused. The archive is reproducible:"
          + " the same layout gives the same image ID. It is written to a temporary file and"
          + " renamed, so OUT never holds a partial archive. On success the image ID is printed."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:the archive was written",
      "1:the layout is invalid (nothing written)",
      "2:usage error, OUT exists without --overwrite, or an I/O error"
    })
public final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LAYOUT_DIR", description = "the image layout directory")
  Path layout;

  @Parameters(index = "1", paramLabel = "OUT.aci", description = "the archive to write")
  Path output;

  @Option(names = "--overwrite", description = "replace OUT if it exists")
  boolean overwrite;

  @Option(
      names = "--compression",
      paramLabel = "none|gzip|bzip2|xz",
      defaultValue = "gzip",
      converter = CompressionConverter.class,
      description = "compression of the archive (default: ${DEFAULT-VALUE})")
  Compression compression;

  @Option(
      names = "--normalize",
      description = "store every modification time as 0 and every owner and group as 0")
  boolean normalize;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ImageBuilder builder = new ImageBuilder(ValidationOptions.DEFAULT, Xattrs.system());
    try {
      ImageBuilder.Result result =
          builder.build(
              layout, output, new ImageBuilder.Options(compression, normalize, overwrite));
      switch (result.status()) {
        case INVALID_LAYOUT:
          FindingLines.print(err, result.validation().findings(), Level.WARNING);
          if (result.validation().findings().stream().anyMatch(ImageValidator::isIoError)) {
            // a layout that could not be read says nothing about its validity (exit status 2)
            err.println("appc build: cannot read all of " + layout + "; nothing written");
            err.flush();
            return ExitCodes.USAGE_OR_IO;
          }
          err.println("appc build: " + layout + " is not a valid image layout; nothing written");
          err.flush();
          return ExitCodes.INVALID;
        case OUTPUT_EXISTS:
          err.println("appc build: " + output + " exists; use --overwrite to replace it");
          err.flush();
          return ExitCodes.USAGE_OR_IO;
        default:
          FindingLines.print(err, result.validation().findings(), Level.NOTE);
          out.println(result.imageId() + "  " + output);
          out.flush();
          return ExitCodes.OK;
      }
    } catch (IllegalArgumentException e) {
      err.println("appc build: " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    } catch (ImageBuilder.LayoutReadException e) {
      err.println("appc build: " + e.getMessage() + "; nothing written");
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    } catch (IOException e) {
      err.println("appc build: cannot write " + output + ": " + ImageCli.message(e));
      err.flush();
      return ExitCodes.USAGE_OR_IO;
    }
  }

  /** Reads {@code none}, {@code gzip}, {@code bzip2} or {@code xz}. */
  static final class CompressionConverter implements ITypeConverter<Compression> {
    @Override
    public Compression convert(String value) {
      switch (value.toLowerCase(Locale.ROOT)) {
        case "none":
          return Compression.NONE;
        case "gzip":
          return Compression.GZIP;
        case "bzip2":
          return Compression.BZIP2;
        case "xz":
          return Compression.XZ;
        default:
          throw new TypeConversionException("need none, gzip, bzip2 or xz, got '" + value + "'");
      }
    }
  }
}
