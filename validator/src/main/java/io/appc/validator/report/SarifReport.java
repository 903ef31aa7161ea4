package io.appc.validator.report;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import io.appc.validator.finding.Requirements;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;

/**
 * SARIF 2.1.0, the format code-scanning services read. One run; one rule per requirement ID that
 * occurs, sorted by ID; one result per finding. A finding inside an archive ({@code
 * app.aci!manifest}) is located at the archive itself, since the entry is no file a viewer could
 * open, and the entry path goes into the logical location.
 */
public final class SarifReport implements ReportWriter {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String INFORMATION_URI = "https://github.com/appc/spec";

  @Override
  public void write(ValidationReport report, Writer out) throws IOException {
    List<Finding> findings = new ArrayList<>();
    for (FileResult file : report.files()) {
      findings.addAll(file.findings());
    }
    Map<String, Integer> ruleIndex = new TreeMap<>();
    findings.forEach(f -> ruleIndex.put(f.requirementId(), 0));
    int next = 0;
    for (Map.Entry<String, Integer> e : ruleIndex.entrySet()) {
      e.setValue(next++);
    }
    try (JsonGenerator json = JsonOutput.generator(out)) {
      json.writeStartObject();
      json.writeStringProperty("$schema", SCHEMA);
      json.writeStringProperty("version", "2.1.0");
      json.writeArrayPropertyStart("runs");
      json.writeStartObject();
      writeTool(json, report, ruleIndex);
      json.writeArrayPropertyStart("results");
      for (Finding f : findings) {
        writeResult(json, f, ruleIndex.get(f.requirementId()));
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeEndArray();
      json.writeEndObject();
    }
    out.write('\n');
    out.flush();
  }

  private static void writeTool(
      JsonGenerator json, ValidationReport report, Map<String, Integer> ruleIndex) {
    json.writeObjectPropertyStart("tool");
    json.writeObjectPropertyStart("driver");
    json.writeStringProperty("name", "appc");
    json.writeStringProperty("version", report.toolVersion());
    json.writeStringProperty("informationUri", INFORMATION_URI);
    json.writeArrayPropertyStart("rules");
    for (String id : ruleIndex.keySet()) {
      json.writeStartObject();
      json.writeStringProperty("id", id);
      json.writeObjectPropertyStart("shortDescription");
      json.writeStringProperty("text", describe(id));
      json.writeEndObject();
      String help = SpecLinks.helpUri(id).orElse(null);
      if (help != null) {
        json.writeStringProperty("helpUri", help);
      }
      json.writeObjectPropertyStart("defaultConfiguration");
      json.writeStringProperty("level", sarifLevel(Requirements.findingLevel(id)));
      json.writeEndObject();
      json.writeObjectPropertyStart("properties");
      json.writeStringProperty("requirementLevel", Requirements.keyword(id));
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeResult(JsonGenerator json, Finding f, int ruleIndex) {
    json.writeStartObject();
    json.writeStringProperty("ruleId", f.requirementId());
    json.writeNumberProperty("ruleIndex", ruleIndex);
    json.writeStringProperty("level", sarifLevel(f.level()));
    json.writeObjectPropertyStart("message");
    json.writeStringProperty("text", messageText(f));
    json.writeEndObject();
    json.writeArrayPropertyStart("locations");
    json.writeStartObject();
    String inner = Locations.innerPath(f.file());
    json.writeObjectPropertyStart("physicalLocation");
    json.writeObjectPropertyStart("artifactLocation");
    json.writeStringProperty("uri", Locations.uri(Locations.outerFile(f.file())));
    json.writeEndObject();
    // Line and column count within the file named by the finding; inside an archive that is an
    // entry, not the artifact, so a region would point at the wrong bytes.
    if (inner.isEmpty() && f.line() > 0) {
      json.writeObjectPropertyStart("region");
      json.writeNumberProperty("startLine", f.line());
      if (f.column() > 0) {
        json.writeNumberProperty("startColumn", f.column());
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    String logical = logicalName(inner, f.pointer());
    if (!logical.isEmpty()) {
      json.writeArrayPropertyStart("logicalLocations");
      json.writeStartObject();
      json.writeStringProperty("fullyQualifiedName", logical);
      json.writeEndObject();
      json.writeEndArray();
    }
    json.writeEndObject();
    json.writeEndArray();
    json.writeEndObject();
  }

  /**
   * The JSON pointer, the archive entry, or both as {@code manifest#/app/exec} (the form of a URI
   * fragment pointing into a JSON document).
   */
  static String logicalName(String inner, String pointer) {
    if (inner.isEmpty()) {
      return pointer;
    }
    return pointer.isEmpty() ? inner : inner + "#" + pointer;
  }

  static String sarifLevel(Level level) {
    switch (level) {
      case ERROR:
        return "error";
      case WARNING:
        return "warning";
      default:
        return "note";
    }
  }

  static String messageText(Finding f) {
    if (f.hint().isEmpty()) {
      return f.message();
    }
    String message = f.message();
    boolean closed = message.endsWith(".") || message.endsWith("!") || message.endsWith("?");
    return message + (closed ? " " : ". ") + "Hint: " + f.hint();
  }

  private static String describe(String id) {
    if (!Requirements.known(id)) {
      return id + ": a check of the toolkit itself, not a requirement of the specification";
    }
    return id + ": a " + Requirements.keyword(id) + " requirement of appc v0.8.11";
  }
}
