#!/usr/bin/env bash
# Serves the demo ledger over HTTP: builds jejak (Release) if needed, runs
# tools/demo.sh first when ./demo-out/ledger does not exist, makes a token
# of each role (printed once, with a curl line each) and runs
# `jejak serve` in the foreground until Ctrl-C (SIGINT: drains, exits 0).
#   tools/serve.sh [PORT]     default 8080; docs/api.md documents the API
#   JEJAK_BIN=path/to/jejak tools/serve.sh   use that binary instead of building one
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8080}"
out="$PWD/demo-out"

[ -d "$out/ledger" ] || tools/demo.sh
tools/deps.sh curl
jejak="${JEJAK_BIN:-}"
if [ -z "$jejak" ]; then
  cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DJEJAK_BUILD_TESTS=OFF \
    -DJEJAK_BUILD_BENCH=OFF >/dev/null
  cmake --build build/release -j "$(nproc)" --target jejak_cli >/dev/null
  jejak="$PWD/build/release/tools/cli/jejak"
fi
export JEJAK_DATA="$out/ledger"

# An employee of the generated region, their agency, and one of another agency.
nip=$("$jejak" query succession --csv | sed -n '2p' | cut -d, -f1 || true)
agency=$("$jejak" profile "$nip" --json | grep -o '"agency":"[^"]*"' | head -1 | cut -d'"' -f4 || true)
other=$("$jejak" query employees --json | grep -o '"nip": "[0-9]*", "name": "[^"]*", "agency": "[^"]*"' |
  grep -v "\"agency\": \"$agency\"" | head -1 | cut -d'"' -f4 || true)

tokens="$out/tokens"
rm -f "$tokens"
add() { "$jejak" token add --tokens "$tokens" "$@" 2>/dev/null; }
admin=$(add --name admin --role admin)
inspector=$(add --name inspektorat --role inspector)
auditor=$(add --name auditor --role auditor)
hr=$(add --name "hr-$agency" --role hr --agency "$agency")
employee=$(add --name "pegawai-$nip" --role employee --nip "$nip")

base="http://127.0.0.1:$port"
cat <<EOF_TOKENS
Serving $JEJAK_DATA on $base (Ctrl-C stops it). Tokens (in $tokens as hashes only):
  admin        $admin
  inspector    $inspector
  auditor      $auditor
  hr of $agency   $hr
  employee $nip   $employee

Try, in another shell:
  curl -s $base/healthz
  curl -s -H 'Authorization: Bearer $hr' $base/v1/employees/$nip
  curl -s -H 'Authorization: Bearer $hr' $base/v1/employees/${other:-$nip}      # another agency: 403
  curl -s -H 'Authorization: Bearer $hr' '$base/v1/queries/promotion?from=2027-01-01&to=2027-06-30&limit=5'
  curl -s -H 'Authorization: Bearer $inspector' '$base/v1/employees/$nip?valid_at=2024-01-01'
  curl -s -H 'Authorization: Bearer $auditor' '$base/v1/audit?agency=$agency' | head -c 600
  curl -s -H 'Authorization: Bearer $employee' $base/v1/access-log
  curl -s -H 'Authorization: Bearer $admin' $base/v1/verify
EOF_TOKENS
exec "$jejak" serve --listen "127.0.0.1:$port" --tokens "$tokens"
