package io.appc.validator.rules;

import io.appc.validator.manifest.ManifestKind;
import java.util.List;

/** The semantic rules for each manifest kind, in the order they run. */
public final class ManifestRules {
  private static final List<ManifestRule> IMAGE =
      List.of(
          new AcVersionRule(),
          new ImageNameRule(),
          new LabelsRule(),
          new AppRule(),
          new DependenciesRule(),
          new PathWhitelistRule(),
          new AnnotationsRule(),
          new GoIntegersRule(),
          new IsolatorRules(),
          new UnknownMembersRule());

  private static final List<ManifestRule> POD =
      List.of(
          new AcVersionRule(),
          new PodAppsRule(),
          new VolumesRule(),
          new PodAnnotationsRule(),
          new ExposedPortsRule(),
          new GoIntegersRule(),
          new IsolatorRules(),
          new UnknownMembersRule());

  private ManifestRules() {}

  /** The rules for {@code kind}; the list is immutable and its rules are stateless. */
  public static List<ManifestRule> forKind(ManifestKind kind) {
    return kind == ManifestKind.POD ? POD : IMAGE;
  }
}
