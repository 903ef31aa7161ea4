package io.appc.validator.rules;

import static io.appc.validator.rules.Manifests.expect;
import static io.appc.validator.rules.Manifests.expectBoth;
import static io.appc.validator.rules.Manifests.json;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.appc.validator.Compat;
import io.appc.validator.manifest.ManifestKind;
import org.junit.jupiter.api.Test;

/** Whole manifests through the whole pipeline. */
class ManifestRulesTest {
  private static final String IMAGE =
      json(
          """
          {
            'acKind': 'ImageManifest',
            'acVersion': '0.8.11',
            'name': 'example.com/reduce-worker',
            'labels': [
              {'name': 'version', 'value': '1.0.0'},
              {'name': 'arch', 'value': 'amd64'},
              {'name': 'os', 'value': 'linux'}
            ],
            'app': {
              'exec': ['/usr/bin/reduce-worker', '--quiet'],
              'user': '100',
              'group': '300',
              'supplementaryGids': [400, 500],
              'eventHandlers': [
                {'exec': ['/usr/bin/data-downloader'], 'name': 'pre-start'},
                {'exec': ['/usr/bin/deregister-worker', '--verbose'], 'name': 'post-stop'}
              ],
              'workingDirectory': '/opt/work',
              'environment': [{'name': 'REDUCE_WORKER_DEBUG', 'value': 'true'}],
              'mountPoints': [{'name': 'work', 'path': '/var/lib/work', 'readOnly': false}],
              'ports': [
                {'name': 'health', 'port': 4000, 'protocol': 'tcp', 'socketActivated': true},
                {'name': 'ftp-data', 'port': 20000, 'count': 1000, 'protocol': 'tcp'}
              ]
            },
            'dependencies': [
              {
                'imageName': 'example.com/reduce-worker-base',
                'imageID': 'sha512-...',
                'labels': [{'name': 'os', 'value': 'linux'}, {'name': 'env', 'value': 'canary'}],
                'size': 22017258
              }
            ],
            'pathWhitelist': ['/etc/ca/example.com/crt', '/usr/bin/map-reduce-worker'],
            'annotations': [
              {'name': 'authors', 'value': 'Carly Container <carly@example.com>'},
              {'name': 'created', 'value': '2014-10-27T19:32:27.67021798Z'},
              {'name': 'documentation', 'value': 'https://example.com/docs'},
              {'name': 'homepage', 'value': 'https://example.com'},
              {'name': 'appc.io/executor/supports-systemd-notify', 'value': 'false'}
            ]
          }
          """);

  /**
   * A manifest shaped like the spec's own example: in spec mode its placeholder image ID is a
   * warning (the example elides the digest) and the mis-cased member is ignored; actool accepted
   * both.
   */
  @Test
  void imageManifestShapedLikeTheSpecExample() {
    expect(
        Compat.SPEC,
        IMAGE,
        "IM-082 warning /dependencies/0/imageID",
        "LINT-UNKNOWN-MEMBER note /app/supplementaryGids");
    expect(Compat.ACTOOL, IMAGE);
  }

  @Test
  void fullyValidManifestsHaveNoFindings() {
    expectBoth(
        IMAGE
            .replace("sha512-...", Manifests.ID)
            .replace("supplementaryGids", "supplementaryGIDs"));
    expectBoth(
        json(
            """
            {
              'acVersion': '0.8.11',
              'acKind': 'PodManifest',
              'apps': [
                {
                  'name': 'reduce-worker',
                  'image': {'name': 'example.com/reduce-worker', 'id': '%s',
                            'labels': [{'name': 'version', 'value': '1.0.0'}]},
                  'app': {
                    'exec': ['/bin/reduce-worker', '--debug=true'],
                    'group': '0', 'user': '0',
                    'mountPoints': [{'name': 'work', 'path': '/var/lib/work'}]
                  },
                  'readOnlyRootFS': true,
                  'mounts': [{'volume': 'worklib', 'path': '/var/lib/work'}]
                },
                {
                  'name': 'backup',
                  'image': {'name': 'example.com/worker-backup', 'id': '%s'},
                  'mounts': [{'volume': 'worklib', 'path': '/mnt/bar'}],
                  'annotations': [{'name': 'foo', 'value': 'baz'}]
                }
              ],
              'volumes': [
                {'name': 'worklib', 'kind': 'host', 'source': '/opt/tenant1/work',
                 'readOnly': true, 'recursive': true}
              ],
              'annotations': [{'name': 'ip-address', 'value': '10.1.2.3'}],
              'ports': [{'name': 'ftp', 'hostPort': 2121}],
              'userAnnotations': {'any key': 'text'},
              'userLabels': {'team': 'a'}
            }
            """
                .formatted(Manifests.ID, Manifests.ID)));
  }

  @Test
  void reportsEveryProblemNotJustTheFirst() {
    expect(
        Compat.SPEC,
        Manifests.image(
            "'labels':[{'name':'Os','value':'x'}],'app':{'user':'','group':'0',"
                + "'workingDirectory':'x'},'pathWhitelist':['y']"),
        "IM-020 error /labels/0/name",
        "IM-034 error /app/user",
        "IM-046 error /app/workingDirectory",
        "IM-090 error /pathWhitelist/0");
  }

  @Test
  void everyRuleListEndsWithTheIsolatorAndUnknownMemberRules() {
    for (ManifestKind kind : ManifestKind.values()) {
      var rules = ManifestRules.forKind(kind);
      assertTrue(rules.get(rules.size() - 2) instanceof IsolatorRules, kind.name());
      assertTrue(rules.get(rules.size() - 1) instanceof UnknownMembersRule, kind.name());
    }
  }
}
