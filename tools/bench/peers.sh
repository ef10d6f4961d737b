#!/usr/bin/env bash
# jejak beside PostgreSQL 15 and SQLite on the same generated events
# (issue 4; docs/benchmarks.md, "Peers").
#
#   tools/bench/peers.sh [--employees N] [--seed S] [peer_bench options...]
#
# Installs what it needs (idempotent), builds jejak and peer_bench (Release,
# build/peers), generates the region once with `jejak gen`, starts a
# throw-away PostgreSQL 15 cluster on a unix socket in a temporary directory
# (no TCP), runs peer_bench over jejak, PostgreSQL and SQLite one after the
# other, and stops the server and deletes the directory on exit, also on
# failure. Durability is the same in all three: jejak sync=true (WAL fsync
# per commit group), PostgreSQL fsync=on + synchronous_commit=on, SQLite
# WAL + synchronous=FULL. About 3-5 minutes on 2 cores with the default
# 2,000 employees (~134,000 events).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tools/bench/machine.sh
source tools/bench/pg_cluster.sh

employees=2000
seed=1
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --employees) employees="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    *) extra+=("$1"); shift ;;
  esac
done

echo "command: tools/bench/peers.sh --employees $employees --seed $seed ${extra[*]:-}"
machine_line
echo "load at start: $(load_average)"
echo "durability: jejak sync=true (WAL fsync per commit group); PostgreSQL fsync=on," \
     "synchronous_commit=on; SQLite journal_mode=WAL, synchronous=FULL"

tools/deps.sh postgresql-15 libpq-dev sqlite3 libsqlite3-dev libsimdjson-dev

build=build/peers
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target jejak_cli peer_bench -j2 >/dev/null

tmp=$(mktemp -d /tmp/jejak-peers.XXXXXX)
echo "temporary directory: $tmp ($(df -T "$tmp" | awk 'NR == 2 {print $2 " on " $1}'))"

cleanup() {
  pg_cluster_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

events="$tmp/events.ndjson"
"$build/tools/cli/jejak" gen --employees "$employees" --seed "$seed" --out "$events"

pg_cluster_start "$tmp"
mkdir -p "$tmp/work"
"$pgbin/psql" -h "$pg_host" -U postgres -d postgres -qc "CREATE DATABASE peers" >/dev/null

# jejak's ledger and the SQLite file live on the same file system as the
# PostgreSQL cluster.
TMPDIR="$tmp/work" "$build/tools/bench/peer_bench" --events "$events" \
  --pg "host=$pg_host user=postgres dbname=peers" "${extra[@]}"
echo "load at end: $(load_average)"
