#!/usr/bin/env bash
# The main job, end to end: installs what jejak needs, builds it (Release),
# generates a sample region, records it in a fresh embedded ledger, verifies
# it, catches up the projections, asks HR's questions, signs a checkpoint of
# the Merkle tree, has a witness cosign it, audits every promotion into a
# report and an offline bundle, and verifies the bundle with the standalone
# verifier.
#   tools/demo.sh [EMPLOYEES]     default 2000; output in ./demo-out/
set -euo pipefail
cd "$(dirname "$0")/.."
employees="${1:-2000}"

tools/deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DJEJAK_BUILD_TESTS=OFF \
  -DJEJAK_BUILD_BENCH=OFF >/dev/null
cmake --build build/release -j "$(nproc)" --target jejak_cli jejak_verify_bundle

jejak="$PWD/build/release/tools/cli/jejak"
verify_bundle="$PWD/build/release/tools/verify_bundle/jejak-verify-bundle"
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

step "4. Verify every leaf hash, the hash chain, the Merkle tree, the indexes and the head"
"$jejak" verify

step "4b. The agency signs a checkpoint of the Merkle tree (C2SP signed note)"
"$jejak" key generate --origin bkpsdm.sawahlunto.go.id/jejak --out "$out/agency.key" \
  >"$out/agency.vkey"
echo "verifier key (publish it): $(cat "$out/agency.vkey")"
"$jejak" checkpoint --key "$out/agency.key" | tee "$out/checkpoint.1"

step "4c. The inspectorate's witness cosigns it (first contact: consistency from size 0)"
"$jejak" key generate --witness --origin inspektorat.sumbarprov.go.id/witness \
  --out "$out/witness.key" >"$out/witness.vkey"
"$jejak" prove consistency 0 >"$out/consistency.0"
"$jejak" witness add-checkpoint --key "$out/witness.key" --state "$out/witness-state" \
  --log-vkey "$out/agency.vkey" "$out/consistency.0"

step "5. The ledger at a glance"
first 12 "$jejak" stats

# An active employee in the succession pool: a career worth looking at.
nip=$("$jejak" query succession --csv --plain | sed -n '2p' | cut -d, -f1)
step "6. HR: the current profile of NIP $nip"
"$jejak" profile "$nip"
echo "... and only its summary, the stored record a lookup reads"
"$jejak" profile "$nip" --summary

step "7. Inspectorate: the same career as it stood on 2015-01-01"
first 12 "$jejak" profile "$nip" --valid-at 2015-01-01

step "8. HR: who is eligible for a rank promotion in the first half of 2027 (by the route of their post)"
first 12 "$jejak" query promotion --from 2027-01-01 --to 2027-06-30

echo "... the same list for Excel: only the eligible, as a workbook"
"$jejak" query promotion --from 2027-01-01 --to 2027-06-30 --eligible-only --xlsx "$out/kenaikan-pangkat-2027.xlsx"
ls -l "$out/kenaikan-pangkat-2027.xlsx"

step "9. HR: the succession pool (talent boxes 7-9)"
first 8 "$jejak" query succession

step "10. HR: below 20 JP of competency development in 2025"
first 8 "$jejak" query low-jp --year 2025

step "11. HR: retirements due in 2027"
first 8 "$jejak" query retirements --from 2027-01-01 --to 2027-12-31

bound=$(( employees / 5 > 1 ? employees / 5 : 1 ))
step "11b. Rebuild the projections holding at most $bound employee states: past them the employees are folded from the copies of their events, and the lists come out the same"
lists() {
  "$jejak" query succession --csv --plain
  "$jejak" query retirements --from 2027-01-01 --to 2027-12-31 --csv --plain
  "$jejak" profile "$nip"
}
before=$(lists | sha256sum)
"$jejak" rebuild --max-states "$bound"
if [ "$(lists | sha256sum)" = "$before" ]; then
  echo "the succession pool, the 2027 retirements and the profile of $nip are the same as before"
else
  echo "demo: the rebuild changed the lists" >&2
  exit 1
fi

step "12. Auditor: replay every promotion decision as known when it was recorded, and write the offline bundle"
# Half the region's states held folded, the rest parked packed: the memory
# bound a national ledger's audit runs under (docs/audit.md "Performance").
"$jejak" audit --html "$out/audit.html" --json "$out/audit.json" \
  --bundle "$out/bundle" --key "$out/agency.key" --max-states $(( employees / 2 > 16 ? employees / 2 : 16 ))
size=$(sed -n 2p "$out/bundle/checkpoint")

step "13. An outside auditor verifies the bundle with the standalone verifier (no RocksDB, no store)"
"$verify_bundle" "$out/bundle" --vkey "$out/agency.vkey"

step "14. Later: the ledger grows, a new checkpoint; the witness and the auditor check it extends the audited one"
"$jejak" append >/dev/null <<EOF_EVENT
{"stream":"emp/$nip","eventId":"demo-training-$nip","effectiveDate":"2026-11-20","actor":{"user":"demo","role":"hr"},"source":{"decreeNumber":"DEMO/1/2026"},"payload":{"trainingCompleted":{"kind":"pkp","name":"Pelatihan Kepemimpinan Pengawas","jp":40}}}
EOF_EVENT
"$jejak" checkpoint --key "$out/agency.key" >"$out/checkpoint.2"
"$jejak" prove consistency "$size" >"$out/consistency.$size"
"$jejak" witness add-checkpoint --key "$out/witness.key" --state "$out/witness-state" \
  --log-vkey "$out/agency.vkey" "$out/consistency.$size"
"$verify_bundle" "$out/bundle" --vkey "$out/agency.vkey" \
  --checkpoint "$out/checkpoint.2" --consistency "$out/consistency.$size"
"$jejak" verify --checkpoint "$out/checkpoint.1" --vkey "$out/agency.vkey"

step "Done in $(( $(date +%s) - started )) s after the build"
echo "ledger:  $JEJAK_DATA"
echo "report:  $out/audit.html   (machine-readable: $out/audit.json)"
echo "bundle:  $out/bundle   (verify: $verify_bundle $out/bundle --vkey $out/agency.vkey)"
echo "region:  $out/region.ndjson   (answer key of injected violations: $out/answers.json)"
echo "try:     $jejak --data $JEJAK_DATA history $nip"
