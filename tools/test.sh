#!/usr/bin/env bash
# Installs what jejak needs, builds it with warnings as errors, and runs the
# whole test suite with ctest.
#   tools/test.sh          normal build (build/test)
#   tools/test.sh --asan   the same suite under AddressSanitizer + UBSan (build/asan)
#   tools/test.sh --tsan   the concurrent parts' tests under ThreadSanitizer (build/tsan)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=test
[ "${1:-}" = "--asan" ] && mode=asan
[ "${1:-}" = "--tsan" ] && mode=tsan

tools/deps.sh

jobs=$(nproc)
if [ "$mode" = tsan ]; then
  cmake --preset tsan -G Ninja >/dev/null
  cmake --build build/tsan -j "$jobs" --target tsan_tests
  ctest --preset tsan -j "$jobs"
elif [ "$mode" = asan ]; then
  cmake --preset asan -G Ninja >/dev/null
  cmake --build build/asan -j "$jobs"
  ctest --preset asan -j "$jobs"
else
  cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=Debug -DJEJAK_WERROR=ON >/dev/null
  cmake --build build/test -j "$jobs"
  ctest --test-dir build/test --output-on-failure -j "$jobs"
fi
