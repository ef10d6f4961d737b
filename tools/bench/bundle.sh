#!/usr/bin/env bash
# The cost of an offline audit bundle (docs/verification.md) on a large
# region, with the Release build in build/bench (docs/benchmarks.md,
# "Verifiable ledger"):
#
#   tools/bench/bundle.sh [WORKDIR] [--employees N] [--seed S] [--runs R] [--keep] [--reuse]
#
# In WORKDIR (default /tmp/jejak-bundle-bench, emptied first): `jejak gen`
# a region of N employees (default 100,000, seed 7), `jejak init` and
# `jejak import` it into a ledger L, `jejak key generate`; then R times
# (default 2), alternating, `jejak audit` without a bundle and `jejak audit
# --bundle B<run> --key k.key` (their difference is the bundle's cost),
# each followed for the bundle by `jejak-verify-bundle B<run> --vkey
# k.vkey`. Every step runs under /usr/bin/time -v (wall time, peak RSS).
# Prints one table. Each run's bundle gets a directory of its own, all
# deleted only at the end: a bundle is ~1.7 million small files, and ext4
# creating files right after deleting that many spends most of its time
# skipping the recently deleted inodes (writing a bundle right after
# deleting the previous one, 68% of the writer's CPU samples were ext4's
# inode allocation, `recently_deleted`; a first bundle's system time is
# ~19% of its wall time). WORKDIR is deleted
# at the end unless --keep; --reuse takes the ledger L and k.key / k.vkey a
# --keep run left in WORKDIR and skips gen, init, import and the key. It
# does not build: build first with
#   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build/bench -j2 --target jejak_cli jejak_verify_bundle
set -euo pipefail
cd "$(dirname "$0")/../.."

work=/tmp/jejak-bundle-bench
employees=100000
seed=7
runs=2
keep=0
reuse=0
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) employees="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    --reuse) reuse=1; shift ;;
    -*) echo "bundle.sh: unknown option $1" >&2; exit 2 ;;
    *) work="$1"; shift ;;
  esac
done

build=build/bench
jejak="$PWD/$build/tools/cli/jejak"
verify="$PWD/$build/tools/verify_bundle/jejak-verify-bundle"
for exe in "$jejak" "$verify"; do
  [ -x "$exe" ] || { echo "bundle.sh: $exe missing: build it first (see the header)" >&2; exit 1; }
done

if [ "$reuse" = 1 ]; then
  [ -d "$work/L" ] && [ -f "$work/k.key" ] && [ -f "$work/k.vkey" ] || {
    echo "bundle.sh: --reuse needs L, k.key and k.vkey in $work" >&2; exit 2; }
  rm -rf "$work"/B[0-9]*
else
  rm -rf "$work"
  mkdir -p "$work"
fi
cd "$work"
[ "$keep" = 1 ] || trap 'cd /; rm -rf "$work"' EXIT

echo "command: tools/bench/bundle.sh $work --employees $employees --seed $seed --runs $runs" \
     "$([ "$reuse" = 1 ] && echo --reuse)"
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo); load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# timed NAME CMD...: runs CMD under /usr/bin/time -v (its stdout in NAME.out,
# stderr in NAME.err, the measurements in NAME.time); prints "NAME: wall s,
# peak RSS MB".
timed() {
  local name="$1"; shift
  /usr/bin/time -v -o "$name.time" "$@" >"$name.out" 2>"$name.err" || {
    echo "bundle.sh: $name failed:" >&2; tail -5 "$name.err" >&2; exit 1; }
  echo "$name: $(wall "$name") s, peak RSS $(rss "$name") MB (load $(cut -d' ' -f1 /proc/loadavg))" >&2
}
# Wall seconds of a timed step ("h:mm:ss" or "m:ss.cc" in time -v's output).
wall() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$1.time"
}
rss() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1.time"; }

if [ "$reuse" = 0 ]; then
  timed gen "$jejak" gen --employees "$employees" --seed "$seed" --out region.ndjson
  timed init "$jejak" --data L init
  timed import "$jejak" --data L import region.ndjson
  "$jejak" key generate --origin bench.example/jejak --out k.key >k.vkey
fi

events=""
rows=()
for run in $(seq 1 "$runs"); do
  # Alternate which audit goes first, so neither always meets the warmer page cache.
  if [ $((run % 2)) = 1 ]; then order="plain bundle"; else order="bundle plain"; fi
  for kind in $order; do
    if [ "$kind" = plain ]; then
      timed "audit$run" "$jejak" --data L audit
    else
      timed "bundle$run" "$jejak" --data L audit --bundle "B$run" --key k.key
      timed "verify$run" "$verify" "B$run" --vkey k.vkey
    fi
  done
  events=$(sed -n 's/^audit: \([0-9]*\) events.*/\1/p' "audit$run.out")
  cited=$(sed -n 's/.*bundle B[0-9]* (\([0-9]*\) cited events.*/\1/p' "bundle$run.out")
  mb=$(du -sb "B$run" | awk '{ printf "%.0f", $1 / 1e6 }')
  disk=$(du -sk "B$run" | awk '{ printf "%.0f", $1 / 1024 }')
  rows+=("| $run | $events | $cited | $(wall "audit$run") | $(wall "bundle$run") | $mb ($disk) | $(wall "verify$run") | $(rss "audit$run") / $(rss "bundle$run") / $(rss "verify$run") |")
done

echo
if [ "$reuse" = 0 ]; then
  echo "region: $employees employees, seed $seed: $(wc -l <region.ndjson) events," \
       "$(du -sb region.ndjson | awk '{ printf "%.0f", $1 / 1e6 }') MB of NDJSON; gen $(wall gen) s;" \
       "import $(wall import) s (peak RSS $(rss import) MB)"
fi
echo "ledger $(du -sb L | awk '{ printf "%.0f", $1 / 1e6 }') MB"
echo
echo "| run | events | cited events | audit s | audit + bundle s | bundle MB (on disk) | verify s | peak RSS MB (audit / audit + bundle / verify) |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
