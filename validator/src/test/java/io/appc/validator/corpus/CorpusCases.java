package io.appc.validator.corpus;

import io.appc.validator.corpus.Outcome.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written cases: testdata/examples (the spec's own examples, each with a sidecar that
 * states the verdict) and testdata/manifests/{valid,invalid}/AREA/NAME.json (the folder states the
 * verdict; the sidecar what else is expected). testdata/manifests/audit/ has the same layout one
 * level down: an independent set written from the spec text alone, kept apart so that it can be
 * compared with the main set.
 */
final class CorpusCases {
  /** The folder of the independent audit set under testdata/manifests. */
  static final String AUDIT = "audit";

  private CorpusCases() {}

  /** Every case; layout and sidecar problems go to {@code problems}. */
  static List<CorpusCase> load(List<String> problems) {
    List<CorpusCase> cases = new ArrayList<>();
    for (Path file : TestData.files(TestData.examples())) {
      if (TestData.isManifest(file)) {
        add(cases, file, null, problems);
      } else if (TestData.isSidecar(file)) {
        requireManifest(file, problems);
      } else {
        problems.add(TestData.relative(file) + ": examples hold only .json files");
      }
    }
    Path manifests = TestData.manifests();
    for (Path file : TestData.files(manifests)) {
      Path relative = manifests.relativize(file);
      if (relative.getNameCount() == 4 && relative.getName(0).toString().equals(AUDIT)) {
        relative = relative.subpath(1, 4);
      }
      if (relative.getNameCount() != 3) {
        problems.add(
            TestData.relative(file) + ": cases live in manifests/[audit/]{valid,invalid}/AREA/");
        continue;
      }
      String folder = relative.getName(0).toString();
      Verdict verdict =
          switch (folder) {
            case "valid" -> Verdict.VALID;
            case "invalid" -> Verdict.INVALID;
            default -> null;
          };
      if (verdict == null) {
        problems.add(TestData.relative(file) + ": the first folder is 'valid' or 'invalid'");
      } else if (TestData.isSidecar(file)) {
        requireManifest(file, problems);
      } else if (TestData.isManifest(file)) {
        add(cases, file, verdict, problems);
      } else {
        problems.add(TestData.relative(file) + ": cases are .json files (even non-JSON ones)");
      }
    }
    return cases;
  }

  private static void add(
      List<CorpusCase> cases, Path manifest, Verdict folderVerdict, List<String> problems) {
    if (Files.isRegularFile(TestData.sidecarOf(manifest))) {
      CorpusCase read = Sidecar.read(manifest, folderVerdict, problems);
      if (read != null) {
        cases.add(read);
      }
    } else if (folderVerdict == Verdict.VALID) {
      String name = manifest.getFileName().toString().replaceFirst("\\.json$", "");
      cases.add(
          new CorpusCase(
              TestData.relative(manifest.getParent()),
              name,
              manifest,
              Outcome.valid(),
              Outcome.valid(),
              List.of(),
              List.of(),
              List.of()));
    } else {
      problems.add(TestData.relative(manifest) + ": needs a sidecar " + TestData.SIDECAR_SUFFIX);
    }
  }

  private static void requireManifest(Path sidecar, List<String> problems) {
    if (!Files.isRegularFile(TestData.manifestOf(sidecar))) {
      problems.add(TestData.relative(sidecar) + ": sidecar without a manifest");
    }
  }
}
