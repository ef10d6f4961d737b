#!/usr/bin/env bash
# `jejak serve` under load on loopback, beside PostgreSQL 15 for durable
# single-event appends (issue 17 item 6; docs/benchmarks.md, "Server").
#
#   tools/bench/server_bench.sh [--employees N] [--seed S] [--seconds S]
#       [--connections C] [--threads T] [--post-threads "T1 T2 ..."]
#       [--subscribers N] [--subscribe-rate R] [--subscribe-seconds S]
#
# Installs what it needs (idempotent), builds jejak and subscribe_bench
# (Release, build/bench-server), generates a region (`jejak gen`), imports
# it into a fresh ledger (sync on), makes an admin and an inspector token,
# and measures, one leg after the other (never two at once), each with
# `jejak serve --listen 127.0.0.1:0` started for it and stopped after it:
#   1. GET /v1/employees/{nip} with wrk at C connections, NIPs in turn
#      (inspector token: every answer is recorded in the access log first);
#   2. POST /v1/events of one event, at C connections, once per --threads
#      value of --post-threads; then PostgreSQL 15 (fsync=on,
#      synchronous_commit=on) inserting one event a transaction from C
#      pgbench connections;
#   3. POST /v1/events of 100 events per request;
#   4. N subscribers (GET /v1/subscribe) following a paced write load
#      (subscribe_bench).
# and prints one table. The servers and the temporary directory are
# removed on exit, also on failure and Ctrl-C. About 3 minutes with the
# defaults once built.
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/machine.sh
source tools/bench/pg_cluster.sh
source tools/bench/serve_process.sh

employees=2000
seed=1
seconds=10
connections=64
threads=64
post_threads="8 32 64"
subscribers=100
subscribe_rate=5000
subscribe_seconds=10
usage() { sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit "$1"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) employees="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --post-threads) post_threads="$2"; shift 2 ;;
    --subscribers) subscribers="$2"; shift 2 ;;
    --subscribe-rate) subscribe_rate="$2"; shift 2 ;;
    --subscribe-seconds) subscribe_seconds="$2"; shift 2 ;;
    -h|--help) usage 0 ;;
    *) echo "server_bench.sh: unknown option $1" >&2; usage 2 >&2 ;;
  esac
done

echo "command: tools/bench/server_bench.sh --employees $employees --seed $seed --seconds $seconds" \
     "--connections $connections --threads $threads --post-threads \"$post_threads\"" \
     "--subscribers $subscribers --subscribe-rate $subscribe_rate --subscribe-seconds $subscribe_seconds"
machine_line
echo "load at start: $(load_average)"
echo "durability: jejak sync on (RocksDB WAL fsync per commit group; access log fdatasync per" \
     "group); PostgreSQL fsync=on, synchronous_commit=on"

tools/deps.sh postgresql-15 wrk

build=build/bench-server
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJEJAK_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target jejak_cli subscribe_bench -j2 >/dev/null
jejak="$PWD/$build/tools/cli/jejak"

tmp=$(mktemp -d /tmp/jejak-server-bench.XXXXXX)
echo "temporary directory: $tmp ($(df -T "$tmp" | awk 'NR == 2 {print $2 " on " $1}'))"
cleanup() {
  serve_stop
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The region, and the NIPs of its employees (the profile GETs and the
# events' streams rotate over them).
export JEJAK_DATA="$tmp/ledger"
"$jejak" gen --employees "$employees" --seed "$seed" --out "$tmp/region.ndjson" >/dev/null
"$jejak" init >/dev/null
"$jejak" import "$tmp/region.ndjson" >/dev/null
grep -o '"recruited":{"nip":"[0-9]*"' "$tmp/region.ndjson" | cut -d'"' -f6 >"$tmp/nips"
echo "region: $(wc -l <"$tmp/nips") employees, $(wc -l <"$tmp/region.ndjson") events (seed $seed)"
admin=$("$jejak" token add --tokens "$tmp/tokens" --name admin --role admin 2>/dev/null)
inspector=$("$jejak" token add --tokens "$tmp/tokens" --name inspector --role inspector 2>/dev/null)

hz=$(getconf CLK_TCK)
# CPU seconds used so far by process $1, its reaped children and its
# living children.
cpu_seconds() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1" || true); do
    # Fields after the ")" closing the command name: utime is the 12th.
    total=$(( total + $(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null |
                        awk -v own="$([ "$p" = "$1" ] && echo 1)" \
                            '{print $12 + $13 + (own ? $14 + $15 : 0)}' || echo 0) ))
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN {printf "%.2f", t / hz}'
}

# The disk's flush latency just now: mean milliseconds of one 2 KiB
# O_DSYNC write (200 of them, dd) in $tmp. On a virtual disk it moves
# between runs and within one, so each durable leg is shown beside it.
flush_ms() {
  dd if=/dev/zero of="$tmp/flush.probe" bs=2k count=200 oflag=dsync 2>&1 |
    sed -n 's/.*copied, \([0-9.e-]*\) s.*/\1/p' | awk '{printf "%.2f", $1 * 1000 / 200}'
  rm -f "$tmp/flush.probe"
}

rows=()
# row LEG SERVER_THREADS REQ_PER_S EVENTS_PER_S P50_MS P99_MS SERVER_CORES CLIENT_CORES
#     ERRORS FLUSH_MS
row() { rows+=("$(printf '| %s ' "$@")|"); }
# field NAME FILE: the value of NAME=... on the RESULT line of FILE.
field() { grep -m1 '^RESULT' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# cores SECONDS_OF_CPU SECONDS_OF_WALL
cores() { awk -v c="$1" -v w="$2" 'BEGIN {printf "%.2f", (w > 0 ? c / w : 0)}'; }
ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us / 1000}'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", (s > 0 ? n / s : 0)}'; }
declare -A rate
# The wall and the CPU seconds (user + system) of a command timed with
# TIMEFORMAT='%R %U %S' (the file's last line).
wall_of_time() { tail -1 "$1" | awk '{print $1}'; }
cpu_of_time() { tail -1 "$1" | awk '{print $2 + $3}'; }

# wrk_leg NAME LEG THREADS EVENTS_PER_REQUEST SCRIPT ARGS...: a wrk run
# against a server started with THREADS threads; adds a row.
wrk_leg() {
  local name="$1" leg="$2" t="$3" per="$4" script="$5"
  shift 5
  local flush
  flush=$(flush_ms)
  serve_start "$jejak" "$tmp/tokens" "$t" "$tmp/serve-$name.log"
  local before after wall
  before=$(cpu_seconds "$serve_pid")
  TIMEFORMAT='%R %U %S'
  { time wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$script" \
      "http://127.0.0.1:$serve_port" -- "$@" >"$tmp/$name.wrk" ; } 2>"$tmp/$name.time"
  after=$(cpu_seconds "$serve_pid")
  serve_stop
  local f="$tmp/$name.wrk" requests wall client
  requests=$(field requests "$f")
  wall=$(field seconds "$f")
  client=$(cpu_of_time "$tmp/$name.time")
  rate[$name]=$(per_second "$requests" "$wall")
  local events=-
  [ "$per" -eq 0 ] || events=$(per_second $(( requests * per )) "$wall")
  row "$leg" "$t" "${rate[$name]}" "$events" \
      "$(ms "$(field p50_us "$f")")" "$(ms "$(field p99_us "$f")")" \
      "$(cores "$(awk -v a="$after" -v b="$before" 'BEGIN {print a - b}')" "$wall")" \
      "$(cores "$client" "$wall")" \
      "$(( $(field socket_errors "$f") + $(field non_2xx "$f") ))" "$flush"
}

echo "legs: ${seconds} s each, $connections connections (wrk -t2)"
wrk_leg get "profile GET (access log on)" "$threads" 0 tools/bench/wrk_profile.lua \
  "$tmp/nips" "$inspector"
for t in $post_threads; do
  wrk_leg "post1-$t" "1-event POST" "$t" 1 tools/bench/wrk_post.lua \
    "$tmp/nips" "$admin" 1 "p1t$t"
done

# PostgreSQL: one INSERT a transaction from as many connections.
pg_flush=$(flush_ms)
pg_cluster_start "$tmp"
"$pgbin/psql" -h "$pg_host" -U postgres -d postgres -qc "CREATE DATABASE bench" >/dev/null
"$pgbin/psql" -h "$pg_host" -U postgres -d bench -q -f tools/bench/pg_events.sql >/dev/null
mkdir -p "$tmp/pgbench"
pg_before=$(cpu_seconds "$pg_pid")
TIMEFORMAT='%R %U %S'
{ time "$pgbin/pgbench" -h "$pg_host" -U postgres -n -M prepared -c "$connections" -j 2 \
    -T "$seconds" -f tools/bench/pg_insert.sql --log --log-prefix="$tmp/pgbench/log" bench \
    >"$tmp/pgbench.out" 2>&1 ; } 2>"$tmp/pgbench.time" || { cat "$tmp/pgbench.out"; exit 1; }
pg_after=$(cpu_seconds "$pg_pid")
pg_cluster_stop
# Per-transaction latencies (us, 3rd column of the logs), sorted.
cat "$tmp"/pgbench/log.* | awk '{print $3}' | sort -n >"$tmp/pg.lat"
pct() { awk -v p="$1" '{v[NR] = $1} END {i = int(NR * p / 100); if (i < NR * p / 100) i++; if (i < 1) i = 1; print v[i]}' "$2"; }
pg_wall=$(wall_of_time "$tmp/pgbench.time")
rate[pg]=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$tmp/pgbench.out" | awk '{printf "%.0f", $1}')
row "PostgreSQL 15: 1-event INSERT, a transaction each" "-" "${rate[pg]}" "${rate[pg]}" \
    "$(ms "$(pct 50 "$tmp/pg.lat")")" "$(ms "$(pct 99 "$tmp/pg.lat")")" \
    "$(cores "$(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN {print a - b}')" "$pg_wall")" \
    "$(cores "$(cpu_of_time "$tmp/pgbench.time")" "$pg_wall")" \
    "$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$tmp/pgbench.out")" \
    "$pg_flush"

wrk_leg post100 "100-event POST" "$threads" 100 tools/bench/wrk_post.lua \
  "$tmp/nips" "$admin" 100 "p100"

# Subscribers following a paced write load.
sub_flush=$(flush_ms)
serve_start "$jejak" "$tmp/tokens" "$threads" "$tmp/serve-subscribe.log"
before=$(cpu_seconds "$serve_pid")
TIMEFORMAT='%R %U %S'
{ time "$build/tools/bench/subscribe_bench" --port "$serve_port" --token "$inspector" \
    --writer-token "$admin" --nips "$tmp/nips" --subscribers "$subscribers" \
    --rate "$subscribe_rate" --seconds "$subscribe_seconds" >"$tmp/subscribe.out" \
    2>"$tmp/subscribe.err" ; } 2>"$tmp/subscribe.time" || { cat "$tmp/subscribe.err"; exit 1; }
after=$(cpu_seconds "$serve_pid")
serve_stop
f="$tmp/subscribe.out"
sub_wall=$(wall_of_time "$tmp/subscribe.time")
row "$subscribers SSE subscribers, writer at $subscribe_rate events/s: delivery lag" "$threads" \
    "-" "$(per_second "$(( $(field written "$f") * subscribers ))" "$(field write_seconds "$f")")" \
    "$(field lag_p50_ms "$f")" "$(field lag_p99_ms "$f")" \
    "$(cores "$(awk -v a="$after" -v b="$before" 'BEGIN {print a - b}')" "$sub_wall")" \
    "$(cores "$(cpu_of_time "$tmp/subscribe.time")" "$sub_wall")" \
    "$(field errors "$f")" "$sub_flush"

echo
echo "| leg | serve --threads | requests/s | events/s | p50 ms | p99 ms | server cores | client cores | errors | disk flush ms |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${rows[@]}"
echo
sed 's/^/subscribers: /' "$tmp/subscribe.err"
echo "subscribers: $(field complete "$f") of $subscribers received all $(field written "$f")" \
     "events (received min $(field received_min "$f"), max $(field received_max "$f")," \
     "id gaps $(field gaps "$f"), lag max $(field lag_max_ms "$f") ms)"
verdict() { if [ "$1" = 1 ]; then echo PASS; else echo "**FAIL**"; fi; }
get_p99=$(ms "$(field p99_us "$tmp/get.wrk")")
echo "- goal: profile GETs >= 20,000 requests/s with p99 < 10 ms: ${rate[get]}/s, p99 $get_p99 ms" \
     "$(verdict "$(awk -v r="${rate[get]}" -v p="$get_p99" 'BEGIN {print (r >= 20000 && p < 10)}')")"
best=0
for t in $post_threads; do
  [ "${rate[post1-$t]}" -gt "$best" ] && best=${rate[post1-$t]}
done
ratio=$(awk -v a="$best" -v b="${rate[pg]}" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
echo "- goal: 1-event POSTs >= 2x PostgreSQL: $best/s against ${rate[pg]}/s = ${ratio}x" \
     "$(verdict "$(awk -v r="$ratio" 'BEGIN {print (r >= 2)}')")"
echo "- goal: subscribers' delivery lag p99 < 100 ms, every event to every subscriber:" \
     "p99 $(field lag_p99_ms "$f") ms, complete $(field complete "$f")/$subscribers" \
     "$(verdict "$(awk -v p="$(field lag_p99_ms "$f")" -v c="$(field complete "$f")" \
                  -v n="$subscribers" 'BEGIN {print (p < 100 && c == n)}')")"
echo "load at end: $(load_average)"
