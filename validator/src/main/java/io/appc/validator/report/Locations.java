package io.appc.validator.report;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Splits the file names that findings carry. A finding about a file inside an archive names it as
 * {@code image.aci!manifest}: the part before {@code !} is the file on disk, the rest is the path
 * inside it.
 */
final class Locations {
  private Locations() {}

  /** The file on disk: {@code image.aci} for {@code image.aci!manifest}. */
  static String outerFile(String file) {
    int bang = file.indexOf('!');
    return bang < 0 ? file : file.substring(0, bang);
  }

  /** The path inside an archive, or an empty string for a plain file. */
  static String innerPath(String file) {
    int bang = file.indexOf('!');
    return bang < 0 ? "" : file.substring(bang + 1);
  }

  /**
   * A URI reference for a file name as the user gave it: relative names stay relative (with forward
   * slashes), absolute ones become {@code file:} URIs.
   */
  static String uri(String file) {
    String path = file.replace('\\', '/');
    boolean absolute = path.startsWith("/") || path.matches("^[A-Za-z]:/.*");
    try {
      if (absolute) {
        String withRoot = path.startsWith("/") ? path : "/" + path;
        return new URI("file", "", withRoot, null).toASCIIString();
      }
      String firstSegment = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
      // A colon in the first segment would read as a URI scheme.
      String safe = firstSegment.contains(":") ? "./" + path : path;
      return new URI(null, null, safe, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path;
    }
  }
}
