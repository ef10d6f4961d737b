#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with Clang (AddressSanitizer and
# UBSan, every library instrumented for coverage) in build/fuzz, then runs
# each for N seconds (default 60) over its seed corpus.
#
#   tools/fuzz.sh [seconds]
#
# New interesting inputs go to build/fuzz/corpus/<target>/ (the seeds in
# tests/fuzz/corpus/ are read, never written); crashes, leaks and timeouts
# to build/fuzz/artifacts/. Copy a crash input into tests/fuzz/corpus/<dir>/
# once fixed: the *_replay ctest tests then keep it fixed.
set -uo pipefail

secs="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$root/build/fuzz"

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJEJAK_SANITIZE=ON -DJEJAK_BUILD_BENCH=OFF \
  -DCMAKE_C_FLAGS=-fsanitize=fuzzer-no-link -DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link \
  >/dev/null || exit 1

# target:corpus directory
targets=("json_decoder_fuzz:json" "event_capnp_fuzz:capnp" "transparency_formats_fuzz:transparency"
         "projection_state_fuzz:projection"
         "csv_reader_fuzz:csv" "csv_mapping_fuzz:mapping")
if [[ -f "$root/src/store/recorded_event.cc" ]]; then
  targets+=("record_decoder_fuzz:record")
fi
failed=0
for t in "${targets[@]}"; do
  name="${t%%:*}"
  seeds="$root/tests/fuzz/corpus/${t##*:}"
  work="$build/corpus/$name"
  mkdir -p "$work" "$build/artifacts"
  if ! cmake --build "$build" --target "$name" -j2; then
    echo "== $name DOES NOT BUILD with Clang"
    failed=1
    continue
  fi
  echo "== $name: ${secs}s over $seeds"
  if ! "$build/tests/fuzz/$name" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$name-" "$work" "$seeds"; then
    echo "== $name FOUND A PROBLEM: see $build/artifacts/"
    failed=1
  fi
done
exit "$failed"
