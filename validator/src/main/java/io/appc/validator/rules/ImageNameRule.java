package io.appc.validator.rules;

import io.appc.validator.types.AcIdentifier;
import io.appc.validator.types.InvalidValueException;
import java.util.regex.Pattern;

/**
 * aci.md §Image Manifest Schema, {@code name}: an AC Identifier (IM-012) that should have a
 * URL-like structure so that image discovery can find it (IM-013).
 *
 * <p>"URL-like" is read as: the part before the first {@code /} is a DNS name with at least one
 * dot, as discovery turns it into an https host ({@code example.com/app}, {@code example.com}). A
 * name like {@code database} or {@code my_org/app} cannot be discovered.
 */
public final class ImageNameRule implements ManifestRule {
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

  @Override
  public void check(RuleContext context) {
    String name = Nodes.string(context.root(), "name");
    if (name == null) {
      return;
    }
    try {
      AcIdentifier.parse(name, context.compat());
    } catch (InvalidValueException e) {
      Reports.invalid(context, "IM-012", "/name", "image name", e);
      return;
    }
    if (!urlLike(name)) {
      Reports.violation(
          context,
          "IM-013",
          "/name",
          "image name: need a URL-like name such as \"example.com/"
              + name.substring(name.lastIndexOf('/') + 1)
              + "\" for discovery, got "
              + InvalidValueException.quote(name),
          "start the name with a domain you control");
    }
  }

  /** True if the name starts with a dotted DNS name, as discovery needs. */
  static boolean urlLike(String name) {
    int slash = name.indexOf('/');
    String host = slash < 0 ? name : name.substring(0, slash);
    return DOMAIN.matcher(host).matches();
  }
}
