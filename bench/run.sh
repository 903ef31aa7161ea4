#!/usr/bin/env bash
# Measures the validator and prints a table (Markdown) of:
#   1. warmed throughput of ManifestValidator in one JVM with 2 threads (target >= 50,000/s);
#   2. one-shot wall time of `./appc validate one-manifest.json`, median (target <= 250 ms);
#   3. 1,000 manifests in one invocation vs 1,000 one-shot invocations (100 are run and the time
#      is multiplied by 10).
# Usage: bench/run.sh [--quick]   (--quick: shorter runs, for trying the script out)
# hyperfine is used when installed (apt-get install -y hyperfine); otherwise a shell loop times
# the runs. Numbers depend on the machine's load: rerun on an idle machine before quoting them.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$root/bench
appc=$root/appc

quick=false
[[ ${1:-} == --quick ]] && quick=true
if $quick; then
  warmup_s=2 measure_s=3 oneshot_runs=10 batch_runs=2 serial_count=20
else
  warmup_s=5 measure_s=10 oneshot_runs=40 batch_runs=5 serial_count=100
fi

# Runs Maven quietly, offline first; only when that fails, online with its output shown.
mvn_build() {
  if ! mvn -o -q -B -Dstyle.color=never "$@" >"$work/mvn.log" 2>&1; then
    echo "offline build failed; retrying with downloads allowed" >&2
    # Debian's Maven 3.8 prints colour resets even in batch mode.
    mvn -q -B -Dstyle.color=never "$@" 2>&1 | sed -e 's/\x1b\[0m//g' >&2
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== building the validator, the launcher's archive and the benchmark" >&2
(cd "$root" && mvn_build install -DskipTests -Dspotless.check.skip=true -pl validator -am)
(cd "$bench" && mvn_build package)
"$appc" --version >/dev/null # builds the launcher's class path and class-data archive

# A valid, small image manifest, and 1,000 manifests of both kinds in one directory.
cat >"$work/one.json" <<'JSON'
{"acKind": "ImageManifest", "acVersion": "0.8.11", "name": "example.com/bench",
 "labels": [{"name": "os", "value": "linux"}, {"name": "arch", "value": "amd64"}],
 "app": {"exec": ["/bin/bench"], "user": "0", "group": "0"}}
JSON
mkdir -p "$work/many"
for i in $(seq -w 1 1000); do
  if ((10#$i % 2)); then
    sed "s/example.com\/bench/example.com\/bench-$i/" "$work/one.json" >"$work/many/m$i.json"
  else
    printf '{"acKind": "PodManifest", "acVersion": "0.8.11", "apps": [{"name": "app-%s",
 "image": {"id": "sha512-%0128d"}}]}\n' "$i" 0 >"$work/many/m$i.json"
  fi
done

# Median wall time in ms of a command run N times (hyperfine when available).
median_ms() {
  local runs=$1
  shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
    sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$work/h.json" | head -n1 |
      awk '{printf "%.0f", $1 * 1000}'
  else
    local times=() i start end
    for ((i = 0; i < runs; i++)); do
      start=$(date +%s%N)
      "$@" >/dev/null 2>&1 || true
      end=$(date +%s%N)
      times+=($(((end - start) / 1000000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  fi
}

echo "== 1. throughput in one JVM (${warmup_s}s warm-up, ${measure_s}s measured)" >&2
cp=$(cat "$bench/target/classpath.txt"):$bench/target/classes
throughput_line=$(java -cp "$cp" io.appc.bench.ThroughputBench --threads 2 \
  --warmup "$warmup_s" --seconds "$measure_s")
echo "$throughput_line" >&2
throughput=$(sed -n 's/.*throughput=\([0-9]*\).*/\1/p' <<<"$throughput_line")
throughput1=$(java -cp "$cp" io.appc.bench.ThroughputBench --threads 1 \
  --warmup "$warmup_s" --seconds "$measure_s" | sed -n 's/.*throughput=\([0-9]*\).*/\1/p')

echo "== 2. one-shot ./appc validate one.json ($oneshot_runs runs)" >&2
oneshot=$(median_ms "$oneshot_runs" "$appc" validate "$work/one.json")
jvm_only=$(median_ms "$oneshot_runs" java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -version)

echo "== 3. 1,000 manifests in one invocation ($batch_runs runs)" >&2
batch=$(median_ms "$batch_runs" "$appc" validate -q "$work/many")
batch_c2=$(APPC_JAVA_OPTS=-XX:TieredStopAtLevel=4 median_ms "$batch_runs" "$appc" validate -q \
  "$work/many")

echo "== 3b. $serial_count one-shot invocations, extrapolated to 1,000" >&2
files=("$work"/many/*.json)
start=$(date +%s%N)
for ((i = 0; i < serial_count; i++)); do
  "$appc" validate -q "${files[i]}" >/dev/null || true
done
end=$(date +%s%N)
serial_ms=$(((end - start) / 1000000))
serial_1000=$((serial_ms * 1000 / serial_count))

verdict() { if (($1)); then echo "yes"; else echo "NO"; fi; }
cat <<TABLE

Machine: $(nproc) cores, $(uname -r), $(java -version 2>&1 | head -n1), load $(cut -d' ' -f1-3 /proc/loadavg)

| measurement | result | target | met |
|---|---|---|---|
| ManifestValidator throughput, 1 JVM, 2 threads, warmed | ${throughput} manifests/s | >= 50,000/s | $(verdict "$((throughput >= 50000))") |
| same, 1 thread | ${throughput1} manifests/s | | |
| one-shot \`./appc validate one.json\`, median of $oneshot_runs | ${oneshot} ms | <= 250 ms | $(verdict "$((oneshot <= 250))") |
| bare JVM start (\`java -version\`), median | ${jvm_only} ms | | |
| 1,000 manifests, one invocation, median of $batch_runs | ${batch} ms | | |
| same with C2 (APPC_JAVA_OPTS=-XX:TieredStopAtLevel=4) | ${batch_c2} ms | | |
| 1,000 one-shot invocations (${serial_count} run, x$((1000 / serial_count))) | ${serial_1000} ms | | |
TABLE
