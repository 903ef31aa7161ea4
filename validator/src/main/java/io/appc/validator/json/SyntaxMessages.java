package io.appc.validator.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the parser's syntax error text into a "need X, got Y" message and a hint that names the
 * usual cause (a trailing comma, a comment, single quotes), without the parser's internal terms
 * (character codes, feature names).
 */
final class SyntaxMessages {
  /** A message and a hint for one syntax error. */
  record Text(String message, String hint) {}

  private static final Pattern UNEXPECTED =
      Pattern.compile("Unexpected character \\('(.+?)' \\(code \\d+\\)\\)");

  private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '(.+?)'");

  private static final String GENERIC_HINT = "check the JSON syntax near this position";

  private SyntaxMessages() {}

  static Text describe(String parserMessage) {
    String line = firstLine(parserMessage);
    Matcher token = NON_STANDARD.matcher(line);
    if (token.find()) {
      return new Text(
          "malformed JSON: need a number, got '" + token.group(1) + "'",
          "JSON has no NaN or Infinity: write a number, or leave the member out");
    }
    Matcher m = UNEXPECTED.matcher(line);
    if (!m.find()) {
      return new Text("malformed JSON: " + line, GENERIC_HINT);
    }
    String got = m.group(1);
    if (line.contains("comment")) {
      return new Text(
          "malformed JSON: need a JSON value, got '" + got + "', the start of a comment",
          "JSON has no comments: remove it, or move the text into an annotation");
    }
    if (line.contains("double-quote to start property name")) {
      String hint =
          switch (got) {
            case "}" -> "remove the comma before the closing brace (JSON allows no trailing comma)";
            case "'" -> "write member names and strings in double quotes";
            default -> "write member names in double quotes: \"name\": value";
          };
      String shown = "'".equals(got) ? "a single quote" : "'" + got + "'";
      return new Text("malformed JSON: need a member name in double quotes, got " + shown, hint);
    }
    if (line.contains("expected a value") && "]".equals(got)) {
      return new Text(
          "malformed JSON: need a value, got ']'",
          "remove the comma before the closing bracket (JSON allows no trailing comma)");
    }
    if ("'".equals(got)) {
      return new Text(
          "malformed JSON: need a JSON value, got a single quote",
          "write strings in double quotes");
    }
    String rest = line.substring(m.end()).replaceFirst("^:\\s*", "");
    return new Text(
        "malformed JSON: unexpected '" + got + "'" + (rest.isEmpty() ? "" : " (" + rest + ")"),
        GENERIC_HINT);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
