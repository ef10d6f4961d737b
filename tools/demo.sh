#!/usr/bin/env bash
# The main job, end to end: installs what jejak needs, builds it (Release),
# generates a sample region, records it in a fresh embedded ledger, verifies
# it, catches up the projections, asks HR's questions, and audits every
# promotion into an HTML report.
#   tools/demo.sh [EMPLOYEES]     default 2000; output in ./demo-out/
set -euo pipefail
cd "$(dirname "$0")/.."
employees="${1:-2000}"

tools/deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DJEJAK_BUILD_TESTS=OFF \
  -DJEJAK_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target jejak_cli

jejak="$PWD/build/release/tools/cli/jejak"
out="$PWD/demo-out"
rm -rf "$out"
mkdir -p "$out"
export JEJAK_DATA="$out/ledger"
started=$(date +%s)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# first N: runs a command to a file, shows its first N lines (no SIGPIPE
# into jejak under pipefail), fails if the command fails.
first() { local n=$1; shift; "$@" >"$out/.show"; head -n "$n" "$out/.show"; }

step "1. Generate a region of $employees employees (seed 2026, 2% violations injected)"
"$jejak" gen --employees "$employees" --seed 2026 --violation-rate 0.02 \
  --out "$out/region.ndjson" --answers "$out/answers.json"

step "2. Record it: import into a fresh ledger (fsync per chunk), projections catch up"
"$jejak" init
"$jejak" import "$out/region.ndjson"
"$jejak" import docs/examples/sawahlunto.ndjson >/dev/null 2>&1 || true  # ids differ: a second agency

step "3. Re-run the same import: idempotent, nothing is recorded twice"
"$jejak" import "$out/region.ndjson"

step "4. Verify every leaf hash, the hash chain, the indexes and the head"
"$jejak" verify

step "5. The ledger at a glance"
first 12 "$jejak" stats

# An active employee in the succession pool: a career worth looking at.
nip=$("$jejak" query succession --csv | sed -n '2p' | cut -d, -f1)
step "6. HR: the current profile of NIP $nip"
"$jejak" profile "$nip"

step "7. Inspectorate: the same career as it stood on 2015-01-01"
first 12 "$jejak" profile "$nip" --valid-at 2015-01-01

step "8. HR: who is eligible for a regular rank promotion in the first half of 2027"
first 12 "$jejak" query promotion --from 2027-01-01 --to 2027-06-30

step "9. HR: the succession pool (talent boxes 7-9)"
first 8 "$jejak" query succession

step "10. HR: below 20 JP of competency development in 2025"
first 8 "$jejak" query low-jp --year 2025

step "11. HR: retirements due in 2027"
first 8 "$jejak" query retirements --from 2027-01-01 --to 2027-12-31

step "12. Auditor: replay every promotion decision as known when it was recorded"
"$jejak" audit --html "$out/audit.html" --json "$out/audit.json"

step "Done in $(( $(date +%s) - started )) s after the build"
echo "ledger:  $JEJAK_DATA"
echo "report:  $out/audit.html   (machine-readable: $out/audit.json)"
echo "region:  $out/region.ndjson   (answer key of injected violations: $out/answers.json)"
echo "try:     $jejak --data $JEJAK_DATA history $nip"
