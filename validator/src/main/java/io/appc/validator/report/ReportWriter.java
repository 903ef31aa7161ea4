package io.appc.validator.report;

import java.io.IOException;
import java.io.Writer;

/** Renders a report in one output format. Implementations are pure: same report, same text. */
@FunctionalInterface
public interface ReportWriter {
  void write(ValidationReport report, Writer out) throws IOException;
}
