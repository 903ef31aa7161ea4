package io.appc.validator.corpus;

import java.nio.file.Path;
import java.util.List;

/**
 * One manifest and what both validation modes must report about it.
 *
 * @param group where the case comes from, e.g. {@code manifests/invalid/labels} or {@code
 *     go-vectors/semver}
 * @param name short name shown in test reports
 * @param file the manifest file passed to the CLI
 * @param spec expectation in the default (spec) mode
 * @param actool expectation with {@code --compat actool}
 * @param warnings requirement expressions that must appear as warnings in spec mode
 * @param notes requirement expressions that must appear as notes in spec mode
 * @param options extra CLI options for this case in both modes (e.g. {@code --reified}); cases with
 *     the same options share one CLI run
 */
record CorpusCase(
    String group,
    String name,
    Path file,
    Outcome spec,
    Outcome actool,
    List<String> warnings,
    List<String> notes,
    List<String> options) {

  CorpusCase {
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
    options = List.copyOf(options);
  }
}
