package io.appc.validator.cli;

import io.appc.validator.Compat;
import io.appc.validator.image.render.IdCheck;
import io.appc.validator.manifest.ManifestKind;
import io.appc.validator.report.ReportFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values are lower-case words on the command line ({@code --compat actool}); these accept
 * any case and name the choices in lower case when a value is wrong.
 */
public final class Converters {
  private Converters() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new TypeConversionException(
        "need one of "
            + Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ", got '"
            + value
            + "'");
  }

  /** {@code spec} or {@code actool}, in any case. */
  public static final class CompatConverter implements ITypeConverter<Compat> {
    @Override
    public Compat convert(String value) {
      return parse(Compat.class, value);
    }
  }

  /** {@code auto}, {@code always} or {@code never}, in any case ({@code render --id-check}). */
  public static final class IdCheckConverter implements ITypeConverter<IdCheck> {
    @Override
    public IdCheck convert(String value) {
      return parse(IdCheck.class, value);
    }
  }

  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return parse(ReportFormat.class, value);
    }
  }

  static final class KindConverter implements ITypeConverter<ManifestKind> {
    @Override
    public ManifestKind convert(String value) {
      return parse(ManifestKind.class, value);
    }
  }
}
