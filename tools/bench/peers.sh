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
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')),"\
     "$(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "durability: jejak sync=true (WAL fsync per commit group); PostgreSQL fsync=on," \
     "synchronous_commit=on; SQLite journal_mode=WAL, synchronous=FULL"

tools/deps.sh postgresql-15 libpq-dev sqlite3 libsqlite3-dev libsimdjson-dev

build=build/peers
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target jejak_cli peer_bench -j2 >/dev/null

pgbin=/usr/lib/postgresql/15/bin
tmp=$(mktemp -d /tmp/jejak-peers.XXXXXX)
echo "temporary directory: $tmp ($(df -T "$tmp" | awk 'NR == 2 {print $2 " on " $1}'))"

# The server runs as a non-root user: `postgres` (created by the package)
# when we are root, else ourselves.
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  as_pg=(runuser -u postgres --)
fi

started=0
cleanup() {
  if [ "$started" -eq 1 ]; then
    "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/pgdata" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

events="$tmp/events.ndjson"
"$build/tools/cli/jejak" gen --employees "$employees" --seed "$seed" --out "$events"

mkdir -p "$tmp/pgdata" "$tmp/sock" "$tmp/work"
[ ${#as_pg[@]} -eq 0 ] || chown postgres "$tmp/pgdata" "$tmp/sock"
chmod 755 "$tmp"
"${as_pg[@]}" "$pgbin/initdb" -D "$tmp/pgdata" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; exit 1; }
started=1
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/pgdata" -l "$tmp/sock/server.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$tmp/sock' -c fsync=on \
      -c synchronous_commit=on -c full_page_writes=on" start >/dev/null \
  || { cat "$tmp/sock/server.log"; exit 1; }
"$pgbin/psql" -h "$tmp/sock" -U postgres -d postgres -qc "CREATE DATABASE peers" >/dev/null

# jejak's ledger and the SQLite file live on the same file system as the
# PostgreSQL cluster.
TMPDIR="$tmp/work" "$build/tools/bench/peer_bench" --events "$events" \
  --pg "host=$tmp/sock user=postgres dbname=peers" "${extra[@]}"
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
