package io.appc.bench;

import io.appc.validator.ValidationOptions;
import io.appc.validator.finding.FileResult;
import io.appc.validator.manifest.ManifestValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Warmed throughput of {@link ManifestValidator} in one JVM: how many small manifests per second
 * a run over many files can check once the JIT has compiled the hot code. One validator instance
 * is shared by all threads, as {@code appc validate} does.
 *
 * <p>Arguments: {@code --threads N} (2), {@code --warmup SECONDS} (5), {@code --seconds SECONDS}
 * (10), {@code --manifests DIR} (the manifests to cycle through; default: a built-in set).
 */
public final class ThroughputBench {
  private ThroughputBench() {}

  public static void main(String[] args) throws Exception {
    // The schema library logs through SLF4J, which warns on every start without a backend.
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    int threads = 2;
    int warmup = 5;
    int seconds = 10;
    Path dir = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--manifests" -> dir = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    List<byte[]> manifests = dir == null ? Samples.all() : read(dir);
    ManifestValidator validator = new ManifestValidator(ValidationOptions.DEFAULT);
    long findings = sanityCheck(validator, manifests);

    run(validator, manifests, threads, warmup);
    double perSecond = run(validator, manifests, threads, seconds);
    System.out.printf(
        Locale.ROOT,
        "threads=%d manifests=%d findings-per-pass=%d throughput=%.0f manifests/s%n",
        threads,
        manifests.size(),
        findings,
        perSecond);
  }

  /** Checks every manifest once, so a broken set shows up before anything is timed. */
  private static long sanityCheck(ManifestValidator validator, List<byte[]> manifests) {
    long findings = 0;
    for (int i = 0; i < manifests.size(); i++) {
      FileResult result = validator.validate(manifests.get(i), "m" + i + ".json");
      findings += result.findings().size();
    }
    return findings;
  }

  private static double run(
      ManifestValidator validator, List<byte[]> manifests, int threads, int seconds)
      throws InterruptedException {
    LongAdder done = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] sink = new long[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker =
          new Thread(
              () -> {
                awaitQuietly(start);
                long local = 0;
                int i = id;
                while (!stop.get()) {
                  FileResult result = validator.validate(manifests.get(i % manifests.size()), "m");
                  local += result.findings().size();
                  done.increment();
                  i++;
                }
                sink[id] = local;
              });
      worker.start();
      workers.add(worker);
    }
    long begin = System.nanoTime();
    start.countDown();
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - begin) / 1e9;
    return done.sum() / elapsed;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<byte[]> read(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      List<Path> paths = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      List<byte[]> manifests = new ArrayList<>();
      for (Path path : paths) {
        manifests.add(Files.readAllBytes(path));
      }
      if (manifests.isEmpty()) {
        throw new IllegalArgumentException("no *.json files in " + dir);
      }
      return manifests;
    }
  }

  /** Small manifests of both kinds, in the shapes the specification's examples use. */
  static final class Samples {
    private Samples() {}

    static List<byte[]> all() {
      List<byte[]> all = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        all.add(image(i).getBytes(StandardCharsets.UTF_8));
        all.add(pod(i).getBytes(StandardCharsets.UTF_8));
      }
      return all;
    }

    static String image(int i) {
      return """
          {
            "acKind": "ImageManifest",
            "acVersion": "0.8.11",
            "name": "example.com/app-%d",
            "labels": [
              {"name": "version", "value": "1.%d.0"},
              {"name": "arch", "value": "amd64"},
              {"name": "os", "value": "linux"}
            ],
            "app": {
              "exec": ["/usr/bin/app", "--port", "80%02d"],
              "user": "100",
              "group": "300",
              "supplementaryGIDs": [400, 500],
              "eventHandlers": [{"name": "pre-start", "exec": ["/usr/bin/setup"]}],
              "workingDirectory": "/opt/work",
              "environment": [{"name": "REDUCE_WORKER_DEBUG", "value": "true"}],
              "isolators": [
                {"name": "resource/cpu", "value": {"request": "250m", "limit": "500m"}},
                {"name": "resource/memory", "value": {"request": "1G", "limit": "2G"}},
                {"name": "os/linux/capabilities-retain-set",
                 "value": {"set": ["CAP_NET_BIND_SERVICE"]}}
              ],
              "mountPoints": [{"name": "work", "path": "/var/lib/work", "readOnly": false}],
              "ports": [{"name": "http", "port": 80, "protocol": "tcp", "socketActivated": false}]
            },
            "dependencies": [
              {"imageName": "example.com/base", "labels": [{"name": "os", "value": "linux"}]}
            ],
            "pathWhitelist": ["/etc/ca/example.com/crt", "/usr/bin/app"],
            "annotations": [
              {"name": "authors", "value": "Carly Container <carly@example.com>"},
              {"name": "created", "value": "2014-10-27T19:32:58Z"},
              {"name": "homepage", "value": "https://example.com/app"}
            ]
          }
          """
          .formatted(i, i, i);
    }

    static String pod(int i) {
      return """
          {
            "acVersion": "0.8.11",
            "acKind": "PodManifest",
            "apps": [
              {
                "name": "reduce-worker-%d",
                "image": {
                  "name": "example.com/reduce-worker",
                  "id": "sha512-%s",
                  "labels": [{"name": "version", "value": "1.0.0"}]
                },
                "app": {
                  "exec": ["/usr/bin/reduce-worker", "--quiet"],
                  "user": "100",
                  "group": "300",
                  "mountPoints": [{"name": "work", "path": "/var/lib/work"}],
                  "ports": [{"name": "http", "port": 80, "protocol": "tcp"}]
                },
                "mounts": [{"volume": "worklib", "path": "/var/lib/work"}]
              }
            ],
            "volumes": [
              {"name": "worklib", "kind": "host", "source": "/opt/tenant1/work", "readOnly": true}
            ],
            "isolators": [{"name": "resource/memory", "value": {"limit": "4G"}}],
            "annotations": [{"name": "ip-address", "value": "10.1.2.3"}],
            "ports": [{"name": "http", "hostPort": 80%02d}]
          }
          """
          .formatted(i, "0123456789abcdef".repeat(8), i);
    }
  }
}
