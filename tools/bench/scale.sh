#!/usr/bin/env bash
# The scale curve (issue 18; docs/benchmarks.md, "Scale curve"): for
# generated regions of each size, one table of what grows with the region.
#
#   tools/bench/scale.sh [--sizes "10000 100000 1000000"] [--seed S] [--work DIR] [--keep]
#
# Per size, in a fresh ledger under --work (default /tmp): `jejak gen` timed
# alone (into /dev/null); the same region generated again into a FIFO that
# `jejak import` reads (sync on: every chunk fsync'd), so no NDJSON file is
# kept on disk; bytes on disk per event (the whole ledger directory);
# `jejak verify`; `jejak rebuild`; `jejak audit`; then ledger_reads (profile
# summary and as-of latencies of 2,000 employees drawn from the log, and every HR
# query over the region). Peak RSS from /usr/bin/time. The ledger is deleted
# after its row unless --keep. Builds Release in build/bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/machine.sh

sizes="10000 100000 1000000"
seed=7
work=/tmp
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "scale.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

echo "command: tools/bench/scale.sh --sizes \"$sizes\" --seed $seed --work $work"
machine_line
echo "load at start: $(load_average)"
echo "commit: $(git rev-parse --short HEAD)"

build=build/bench
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target jejak_cli ledger_reads -j2 >/dev/null
jejak="$PWD/$build/tools/cli/jejak"
reads="$PWD/$build/tools/bench/ledger_reads"

dir=$(mktemp -d "$work/jejak-scale.XXXXXX")
echo "work directory: $dir ($(df -T "$dir" | awk 'NR == 2 {print $2 " on " $1}'), $(df -h "$dir" | awk 'NR == 2 {print $4}') free)"
cleanup() {
  [ -n "${gen_pid:-}" ] && kill "$gen_pid" 2>/dev/null || true
  [ "$keep" = 1 ] || rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# timed LABEL CMD...: runs CMD with /usr/bin/time; sets wall (s) and rss (MB).
timed() {
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$dir/$label.time" "$@" >"$dir/$label.out" 2>"$dir/$label.err" || {
    echo "scale.sh: $label failed:" >&2; tail -5 "$dir/$label.err" >&2; exit 1; }
  read -r wall rss_kb <"$dir/$label.time"
  rss=$((rss_kb / 1024))
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }'; }
value() { awk -v k="$1" '$1 == k { printf "%.1f", $2 }' "$dir/reads.out"; }
thousands() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

header="| employees | events | gen s | import events/s | bytes/event | verify events/s | rebuild events/s | audit s | audit events/s | audit peak RSS MB | profile p50/p99 us | summary p50/p99 us | as-of p50/p99 us | slowest HR query ms |"
rows=()
for n in $sizes; do
  ledger="$dir/ledger-$n"
  echo "== $n employees (load $(load_average))"
  timed gen "$jejak" gen --employees "$n" --seed "$seed" --out /dev/null
  gen_s=$wall
  "$jejak" --data "$ledger" init >/dev/null
  fifo="$dir/region.fifo"
  rm -f "$fifo"; mkfifo "$fifo"
  "$jejak" gen --employees "$n" --seed "$seed" --out "$fifo" 2>"$dir/gen2.err" &
  gen_pid=$!
  timed import "$jejak" --data "$ledger" import "$fifo"
  import_s=$wall
  wait "$gen_pid"; gen_pid=
  rm -f "$fifo"
  events=$("$jejak" --data "$ledger" stats 2>/dev/null | awk '$1 == "events" { print $2 }')
  bytes=$(du -sb "$ledger" | cut -f1)
  timed verify "$jejak" --data "$ledger" verify
  verify_s=$wall
  timed rebuild "$jejak" --data "$ledger" rebuild
  rebuild_s=$wall
  timed audit "$jejak" --data "$ledger" audit --json "$dir/report.json"
  audit_s=$wall
  audit_mb=$rss
  "$reads" --data "$ledger" --samples 2000 >"$dir/reads.out" 2>"$dir/reads.err" || {
    echo "scale.sh: ledger_reads failed:" >&2; cat "$dir/reads.err" >&2; exit 1; }
  slowest=$(awk '$1 == "slowest_query" { print $2 " " $3 }' "$dir/reads.out")
  sed 's/^/  /' "$dir/reads.out" >&2
  row="| $(thousands "$n") | $(thousands "$events") | $gen_s | $(thousands "$(rate "$events" "$import_s")") | $(rate "$bytes" "$events") | $(thousands "$(rate "$events" "$verify_s")") | $(thousands "$(rate "$events" "$rebuild_s")") | $audit_s | $(thousands "$(rate "$events" "$audit_s")") | $audit_mb | $(value profile_p50_us)/$(value profile_p99_us) | $(value summary_p50_us)/$(value summary_p99_us) | $(value asof_p50_us)/$(value asof_p99_us) | $slowest |"
  rows+=("$row")
  echo "$header"; echo "$row"
  [ "$keep" = 1 ] || rm -rf "$ledger"
done

echo
echo "load at end: $(load_average)"
echo "$header"
echo "|$(echo "$header" | sed 's/[^|]/-/g; s/^|//; s/|$//' | sed 's/-\+/ --- /g')|"
for r in "${rows[@]}"; do echo "$r"; done
