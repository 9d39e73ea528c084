#!/usr/bin/env bash
# Install what the tests need, build natt from scratch with clang (so the
# fuzz targets are real libFuzzer binaries) with warnings as errors, and run
# every test under CTest. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

build=${NATT_TEST_BUILD_DIR:-build-test}
jobs=$(nproc)
CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATT_WERROR=ON
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
