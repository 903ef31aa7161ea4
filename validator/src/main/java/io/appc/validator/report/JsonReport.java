package io.appc.validator.report;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;

/**
 * The machine-readable format described in {@code docs/output-json.md}. Member names and their
 * order are stable; absent values are {@code null}, never left out.
 */
public final class JsonReport implements ReportWriter {
  @Override
  public void write(ValidationReport report, Writer out) throws IOException {
    try (JsonGenerator json = JsonOutput.generator(out)) {
      json.writeStartObject();
      json.writeObjectPropertyStart("tool");
      json.writeStringProperty("name", "appc");
      json.writeStringProperty("version", report.toolVersion());
      json.writeEndObject();
      json.writeStringProperty("compat", report.compat().name().toLowerCase(Locale.ROOT));
      json.writeBooleanProperty("warningsAsErrors", report.warningsAsErrors());
      json.writeArrayPropertyStart("files");
      for (FileResult file : report.files()) {
        writeFile(json, report, file);
      }
      json.writeEndArray();
      ValidationReport.Summary s = report.summary();
      json.writeObjectPropertyStart("summary");
      json.writeNumberProperty("files", s.files());
      json.writeNumberProperty("valid", s.valid());
      json.writeNumberProperty("invalid", s.invalid());
      json.writeNumberProperty("errors", s.errors());
      json.writeNumberProperty("warnings", s.warnings());
      json.writeNumberProperty("notes", s.notes());
      json.writeEndObject();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeFile(JsonGenerator json, ValidationReport report, FileResult file) {
    json.writeStartObject();
    json.writeStringProperty("file", file.file());
    json.writeStringProperty("kind", file.kind());
    json.writeBooleanProperty("valid", report.valid(file));
    JsonOutput.stringOrNull(json, "imageId", file.imageId());
    json.writeArrayPropertyStart("findings");
    for (Finding f : file.findings()) {
      json.writeStartObject();
      json.writeStringProperty("requirement", f.requirementId());
      json.writeStringProperty("level", f.level().label());
      json.writeStringProperty("file", f.file());
      json.writeStringProperty("pointer", f.pointer());
      writePosition(json, "line", f.line());
      writePosition(json, "column", f.column());
      json.writeStringProperty("message", f.message());
      JsonOutput.stringOrNull(json, "hint", f.hint());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void writePosition(JsonGenerator json, String name, int value) {
    if (value > 0) {
      json.writeNumberProperty(name, value);
    } else {
      json.writeNullProperty(name);
    }
  }
}
