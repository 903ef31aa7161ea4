#!/usr/bin/env bash
# Compares `appc render` with `tar -xf` on the same uncompressed image archive.
#
#   bench/render-bench.sh [WORKDIR] [FILES] [MEAN_KIB] [RUNS]
#
# Builds (once) an image of FILES files with random content averaging MEAN_KIB KiB spread over
# nested directories (default 40000 files x 12 KiB, about 480 MiB), then times RUNS extractions
# of each tool with a warm page cache and prints the medians and their ratio. `appc render`
# includes JVM start-up, reading the image and the atomic rename; the image is given as a file
# with no expected ID, so the default `--id-check auto` does not hash it: pass
# RENDER_OPTS='--id-check always' (or `--expect-id ID`) to time a render that checks the image ID.
# Set APPC to a launcher (for example ./appc) to time that instead of the classes in this tree,
# APPC_BEFORE to a second launcher (for example ./appc of an older checkout) to time it side by
# side, and RENDER_OPTS to pass options to render (split on spaces; both launchers get them).
# Each run also times `sha512sum` of the image, alone and in parallel with `tar -xf`: the least
# a render that checks the image ID can take.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/appc-render-bench}
files=${2:-40000}
mean_kib=${3:-12}
runs=${4:-3}
mkdir -p "$work"
image="$work/bench-${files}x${mean_kib}k.aci"

if [[ ! -f $image ]]; then
  echo "building $image ..."
  rm -rf "$work/layout"
  mkdir -p "$work/layout/rootfs"
  printf '{"acKind":"ImageManifest","acVersion":"0.8.11","name":"example.com/bench"}' \
    >"$work/layout/manifest"
  python3 - "$work/layout/rootfs" "$files" "$mean_kib" <<'PY'
import os, random, sys
root, count, mean = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) * 1024
rng = random.Random(42)
blob = os.urandom(4 * 1024 * 1024)
for i in range(count):
    d = os.path.join(root, "d%02d" % (i % 50), "e%03d" % (i % 997 % 200))
    os.makedirs(d, exist_ok=True)
    size = min(len(blob), int(rng.expovariate(1.0 / mean)) + 1)
    start = rng.randrange(0, len(blob) - size + 1)
    with open(os.path.join(d, "f%06d" % i), "wb") as f:
        f.write(blob[start:start + size])
    if i % 100 == 0:
        os.symlink("f%06d" % i, os.path.join(d, "l%06d" % i))
PY
  tar --format=pax -C "$work/layout" -cf "$image" manifest rootfs
  rm -rf "$work/layout"
fi
echo "image: $image ($(du -h "$image" | cut -f1), $(tar -tf "$image" | wc -l) members)"

if [[ -z ${APPC:-} ]]; then
  (cd "$here" && mvn -o -q -B -pl validator compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" -Dspotless.check.skip=true)
  mkdir -p "$work/launcher"
  cat >"$work/launcher/RenderMain.java" <<'JAVA'
public class RenderMain {
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new io.appc.validator.cli.image.RenderCommand()).execute(args));
  }
}
JAVA
  cp="$here/validator/target/classes:$(cat "$work/cp.txt")"
  javac -cp "$cp" -d "$work/launcher" "$work/launcher/RenderMain.java"
  appc_render() { java -cp "$work/launcher:$cp" RenderMain "$@"; }
else
  appc_render() { "$APPC" render "$@"; }
fi

if [[ -n ${APPC_BEFORE:-} ]]; then
  before_render() { "$APPC_BEFORE" render "$@"; }
fi

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

cat "$image" >/dev/null # warm the page cache
tar_times=()
appc_times=()
before_times=()
sha_times=()
both_times=()
time_tar() {
  mkdir "$work/out-tar"
  local t0 t1
  t0=$(now)
  tar -xf "$image" -C "$work/out-tar"
  t1=$(now)
  tar_times+=("$(echo "$t1 - $t0" | bc)")
}
time_appc() {
  local t0 t1
  t0=$(now)
  # shellcheck disable=SC2086
  appc_render "$image" --to "$work/out-appc" --store "$work/store" ${RENDER_OPTS:-} >/dev/null
  t1=$(now)
  appc_times+=("$(echo "$t1 - $t0" | bc)")
}
time_before() {
  local t0 t1
  rm -rf "$work/out-before" "$work/store-before"
  t0=$(now)
  # shellcheck disable=SC2086
  before_render "$image" --to "$work/out-before" --store "$work/store-before" ${RENDER_OPTS:-} \
    >/dev/null
  t1=$(now)
  before_times+=("$(echo "$t1 - $t0" | bc)")
  rm -rf "$work/out-before" "$work/store-before"
}
time_sha() {
  local t0 t1
  t0=$(now)
  sha512sum "$image" >/dev/null
  t1=$(now)
  sha_times+=("$(echo "$t1 - $t0" | bc)")
  rm -rf "$work/out-both"
  mkdir "$work/out-both"
  t0=$(now)
  tar -xf "$image" -C "$work/out-both" &
  sha512sum "$image" >/dev/null
  wait
  t1=$(now)
  both_times+=("$(echo "$t1 - $t0" | bc)")
  rm -rf "$work/out-both"
}
# Alternate which tool goes first, so that neither always pays for the other's write-back.
for ((i = 1; i <= runs; i++)); do
  rm -rf "$work/out-tar" "$work/out-appc" "$work/store"
  sync
  if ((i % 2)); then
    time_tar; sync; time_appc
  else
    time_appc; sync; time_tar
  fi
  line="run $i: tar ${tar_times[-1]} s, appc render ${appc_times[-1]} s"
  if [[ -n ${APPC_BEFORE:-} ]]; then
    sync; time_before
    line+=", before ${before_times[-1]} s"
  fi
  sync; time_sha
  echo "$line, sha512sum ${sha_times[-1]} s, tar & sha512sum ${both_times[-1]} s"
done
diff -r --no-dereference "$work/out-tar/rootfs" "$work/out-appc/rootfs" >/dev/null \
  && echo "outputs identical" || { echo "OUTPUTS DIFFER"; exit 1; }
tar_m=$(printf '%s\n' "${tar_times[@]}" | median)
appc_m=$(printf '%s\n' "${appc_times[@]}" | median)
echo "median: tar -xf ${tar_m} s, appc render ${appc_m} s, ratio $(echo "scale=2; $appc_m / $tar_m" | bc)"
if [[ -n ${APPC_BEFORE:-} ]]; then
  before_m=$(printf '%s\n' "${before_times[@]}" | median)
  echo "median: before ${before_m} s, ratio $(echo "scale=2; $before_m / $tar_m" | bc)"
fi
sha_m=$(printf '%s\n' "${sha_times[@]}" | median)
both_m=$(printf '%s\n' "${both_times[@]}" | median)
echo "median: sha512sum ${sha_m} s (ratio $(echo "scale=2; $sha_m / $tar_m" | bc)), tar -xf and" \
  "sha512sum in parallel ${both_m} s (ratio $(echo "scale=2; $both_m / $tar_m" | bc))"
rm -rf "$work/out-tar" "$work/out-appc" "$work/store"
