#!/usr/bin/env bash
# Measures how fast `appc validate` reads an image archive (full validation including the image
# ID) compared with the plain tools that compute the same ID:
#   gzip ACI:         gzip -dc FILE | sha512sum
#   uncompressed ACI: sha512sum FILE
# Both sides run as whole processes (JVM start included), alternately, ROUNDS times; the best time
# of each counts. Target: ratio (baseline time / our time) >= 0.9.
#
# Usage: bench/image-bench.sh            (builds a ~1.6 GB tar / ~0.6 GB gzip test image once)
#   WORK=/tmp/x ROUNDS=5 SOURCES="/usr/lib/jvm /usr/share" bench/image-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${WORK:-/tmp/appc-image-bench}
ROUNDS=${ROUNDS:-3}
SOURCES=${SOURCES:-"/usr/lib/jvm /usr/lib/x86_64-linux-gnu /usr/lib/llvm-14"}
mkdir -p "$WORK"

if [ ! -f "$WORK/bench.aci" ] || [ ! -f "$WORK/bench-plain.aci" ]; then
  echo "building the test image from: $SOURCES" >&2
  layout="$WORK/layout"
  mkdir -p "$layout/rootfs"
  printf '{"acKind":"ImageManifest","acVersion":"0.8.11","name":"example.com/bench"}' \
    > "$layout/manifest"
  existing=()
  for s in $SOURCES; do [ -d "$s" ] && existing+=("${s#/}"); done
  tar -cf "$WORK/bench-plain.aci" -C "$layout" manifest rootfs \
    --transform='s,^usr,rootfs/usr,' -C / "${existing[@]}" 2>/dev/null || true
  gzip -c "$WORK/bench-plain.aci" > "$WORK/bench.aci"
fi

mvn -q -o -B -pl validator test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" -Dspotless.check.skip=true >&2
CP="validator/target/test-classes:validator/target/classes:$(cat "$WORK/classpath.txt")"
validate() { java -cp "$CP" io.appc.validator.image.ValidateMain "$1"; }

seconds() {
  local start end
  start=$(date +%s%N)
  "$@" > "$WORK/last.out"
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

best() { sort -n | head -1; }

run() {
  local label=$1 file=$2 baseline=$3
  local ours=() base=()
  for ((i = 1; i <= ROUNDS; i++)); do
    base+=("$(seconds sh -c "$baseline")")
    want="sha512-$(cut -d' ' -f1 < "$WORK/last.out")"
    ours+=("$(seconds validate "$file")")
    got=$(head -1 < "$WORK/last.out")
    [ "$got" = "$want" ] || { echo "image ID mismatch: $got vs $want" >&2; exit 1; }
  done
  local b o
  b=$(printf '%s\n' "${base[@]}" | best)
  o=$(printf '%s\n' "${ours[@]}" | best)
  local mib=$(( $(stat -c %s "$WORK/bench-plain.aci") / 1048576 ))
  printf '%-13s %6d MiB tar | baseline %6d ms (%s) | appc %6d ms (%s) | ratio %s\n' \
    "$label" "$mib" "$b" "${base[*]}" "$o" "${ours[*]}" \
    "$(awk -v b="$b" -v o="$o" 'BEGIN { printf "%.2f", b / o }')"
}

printf 'file sizes: gzip %d MiB, tar %d MiB; %d cores; load %s\n' \
  $(( $(stat -c %s "$WORK/bench.aci") / 1048576 )) \
  $(( $(stat -c %s "$WORK/bench-plain.aci") / 1048576 )) "$(nproc)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
run "gzip" "$WORK/bench.aci" "gzip -dc '$WORK/bench.aci' | sha512sum"
run "uncompressed" "$WORK/bench-plain.aci" "sha512sum '$WORK/bench-plain.aci'"
