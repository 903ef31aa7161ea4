package io.appc.validator.image;

import io.appc.validator.finding.FileResult;
import io.appc.validator.finding.Finding;
import io.appc.validator.finding.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The image ID a user expects an archive to have ({@code --expect-id}). The full form is {@code
 * sha512-} and 128 lower-case hex digits; the appc tools also printed IDs cut to {@code sha512-}
 * and 32 digits, so any length from 32 digits on is accepted and compared as a prefix. Used by
 * {@code validate --expect-id} and {@code render --expect-id}.
 */
public record ExpectedImageId(String value) {
  /** The requirement a mismatch violates: a holder of the ID must check the content against it. */
  public static final String REQUIREMENT = "ACI-ID-003";

  static final int MIN_HEX = 32;
  static final int FULL_HEX = 128;
  private static final Pattern FORM = Pattern.compile("sha512-[0-9a-f]{32,128}");

  /**
   * Parses an ID given by the user.
   *
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  public static ExpectedImageId parse(String text) {
    if (FORM.matcher(text).matches()) {
      return new ExpectedImageId(text);
    }
    String hex = text.startsWith("sha512-") ? text.substring("sha512-".length()) : null;
    String problem;
    if (hex == null) {
      problem = "need the prefix sha512-";
    } else if (!hex.matches("[0-9a-fA-F]*")) {
      problem = "need hex digits after sha512-";
    } else if (!hex.equals(hex.toLowerCase(java.util.Locale.ROOT))) {
      problem = "need lower-case hex digits";
    } else {
      problem = "need " + MIN_HEX + " to " + FULL_HEX + " hex digits, got " + hex.length();
    }
    throw new IllegalArgumentException(
        "invalid image ID '" + text + "': " + problem + " (e.g. sha512-" + "0".repeat(32) + ")");
  }

  /** Whether an archive with image ID {@code actual} is the expected one. */
  public boolean matches(String actual) {
    return actual != null && actual.startsWith(value);
  }

  /** The usual hint when an archive's content does not hash to the expected ID. */
  public static final String NOT_THE_EXPECTED_IMAGE =
      "the archive is not the expected image, or was changed after its ID was recorded";

  /** The error for {@code file}, whose image ID is {@code actual} rather than the expected one. */
  public Finding mismatch(String file, String actual, String hint) {
    return new Finding(
        REQUIREMENT,
        Level.ERROR,
        file,
        "",
        0,
        0,
        "need image ID " + value + ", got " + actual,
        hint);
  }

  /** {@code result} with an error added if its image ID is not the expected one. */
  public FileResult check(FileResult result) {
    if (matches(result.imageId())) {
      return result;
    }
    List<Finding> all = new ArrayList<>(result.findings());
    all.add(
        result.imageId() == null
            ? mismatch(
                result.file(),
                "none: the image ID could not be computed",
                "fix the archive errors reported for this file first")
            : mismatch(result.file(), result.imageId(), NOT_THE_EXPECTED_IMAGE));
    return new FileResult(result.file(), result.kind(), all, result.imageId());
  }
}
