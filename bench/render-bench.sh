#!/usr/bin/env bash
# Compares `appc render` with `tar -xf` on the same uncompressed image archive.
#
#   bench/render-bench.sh [WORKDIR] [FILES] [MEAN_KIB] [RUNS]
#
# Builds (once) an image of FILES files with random content averaging MEAN_KIB KiB spread over
# nested directories (default 40000 files x 12 KiB, about 550 MiB), adds it to a store, then
# times RUNS of each of these with a warm page cache and prints the medians and their ratio to
# `tar -xf` (put WORKDIR on tmpfs, e.g. /dev/shm/x, to time the tools rather than the disk):
#
#   tar           tar -xf IMAGE
#   file          appc render IMAGE            (a file given without an expected ID: not hashed)
#   store         appc render NAME             (from the store; its blob is unchanged since
#                                               `store add` hashed it, so it is trusted)
#   always        appc render IMAGE --id-check always   (hashes the image: checks its ID)
#   sha512sum     sha512sum IMAGE, alone and in parallel with tar -xf: the least a render that
#                 hashes the image can take
#
# Every appc time includes the launcher, JVM start-up, reading the image and the atomic rename.
# APPC names the launcher to time (default: ./appc of this tree); APPC_BEFORE a second launcher
# (for example ./appc of an older checkout) whose render of the file is timed side by side, with
# the options in BEFORE_OPTS (split on spaces).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/appc-render-bench}
files=${2:-40000}
mean_kib=${3:-12}
runs=${4:-3}
appc=${APPC:-$here/appc}
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

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
declare -A times

# time_it KEY COMMAND...: runs COMMAND into a fresh $work/out and records its wall time.
time_it() {
  local key=$1 t0 t1
  shift
  rm -rf "$work/out"
  [[ $key == tar* ]] && mkdir "$work/out"
  sync
  t0=$(now)
  "$@" >/dev/null
  t1=$(now)
  times[$key]+="$(echo "$t1 - $t0" | bc) "
}
time_tar_and_sha() {
  local t0 t1
  rm -rf "$work/out"
  mkdir "$work/out"
  sync
  t0=$(now)
  tar -xf "$image" -C "$work/out" &
  sha512sum "$image" >/dev/null
  wait
  t1=$(now)
  times[both]+="$(echo "$t1 - $t0" | bc) "
}

rm -rf "$work/store"
"$appc" store add --store "$work/store" "$image" >/dev/null
"$appc" render "$image" --to "$work/warm" --store "$work/store" >/dev/null # first use builds
rm -rf "$work/warm"
cat "$image" >/dev/null # warm the page cache

steps=(tar file store always sha)
[[ -n ${APPC_BEFORE:-} ]] && steps+=(before)
for ((i = 1; i <= runs; i++)); do
  # Rotate the order, so that no tool always pays for another's write-back.
  for ((k = 0; k < ${#steps[@]}; k++)); do
    step=${steps[(k + i) % ${#steps[@]}]}
    case $step in
      tar) time_it tar tar -xf "$image" -C "$work/out" ;;
      file) time_it file "$appc" render "$image" --to "$work/out" --store "$work/store" ;;
      store) time_it store "$appc" render example.com/bench --to "$work/out" --store "$work/store" ;;
      always)
        time_it always "$appc" render "$image" --to "$work/out" --store "$work/store" \
          --id-check always
        ;;
      sha) time_it sha sha512sum "$image"; time_tar_and_sha ;;
      before)
        # shellcheck disable=SC2086 # BEFORE_OPTS is a list of options
        time_it before "$APPC_BEFORE" render "$image" --to "$work/out" --store "$work/store-before" \
          ${BEFORE_OPTS:-}
        rm -rf "$work/store-before"
        ;;
    esac
    if [[ $step == file ]]; then
      mkdir -p "$work/check"
      tar -xf "$image" -C "$work/check"
      diff -r --no-dereference "$work/check/rootfs" "$work/out/rootfs" >/dev/null \
        || { echo "OUTPUTS DIFFER"; exit 1; }
      rm -rf "$work/check"
    fi
  done
  echo "run $i: $(for key in tar file store always sha both before; do
    [[ -n ${times[$key]:-} ]] && printf '%s %s s, ' "$key" "$(echo ${times[$key]} | awk '{print $NF}')"
  done)"
done
rm -rf "$work/out"

tar_m=$(echo ${times[tar]} | tr ' ' '\n' | median)
echo "medians over $runs runs (ratio to tar -xf):"
for key in tar file store always sha both before; do
  [[ -z ${times[$key]:-} ]] && continue
  m=$(echo ${times[$key]} | tr ' ' '\n' | median)
  printf '  %-7s %6.3f s  %5.2fx\n' "$key" "$m" "$(echo "scale=4; $m / $tar_m" | bc)"
done
