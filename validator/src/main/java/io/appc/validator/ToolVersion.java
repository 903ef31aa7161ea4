package io.appc.validator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolkit's version, as Maven wrote it into a resource at build time. */
public final class ToolVersion {
  private static final String VERSION = load();

  private ToolVersion() {}

  /** The project version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} outside a build. */
  public static String current() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = ToolVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      // An unfiltered resource (e.g. an IDE that copies it verbatim) still holds the placeholder.
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
