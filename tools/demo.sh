#!/usr/bin/env bash
# The main job, end to end: installs what jejak needs, builds it (Release),
# then records a sample region into a fresh embedded ledger and shows what
# the ledger knows.
#   tools/demo.sh            data in ./demo-out/ledger (recreated each run)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DJEJAK_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target jejak_cli

jejak="$PWD/build/release/tools/cli/jejak"
out="$PWD/demo-out"
rm -rf "$out"
mkdir -p "$out"
export JEJAK_DATA="$out/ledger"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "1. Create an empty ledger"
"$jejak" init

step "2. Import the example region (docs/examples/*.ndjson)"
for f in docs/examples/*.ndjson; do
  "$jejak" import "$f"
done

step "3. Verify every leaf hash and the hash chain"
"$jejak" verify

step "4. The ledger at a glance"
"$jejak" stats

first_emp=$(grep -ho 'emp/[0-9]\{18\}' docs/examples/*.ndjson | head -1 | cut -c5-)
if [ -n "$first_emp" ]; then
  step "5. The career of NIP $first_emp, as recorded"
  "$jejak" history "$first_emp"
fi

step "Done"
echo "ledger: $JEJAK_DATA   (try: $jejak --data $JEJAK_DATA history <NIP>)"
