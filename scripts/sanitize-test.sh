#!/usr/bin/env bash
# Build natt and every test target with AddressSanitizer and
# UndefinedBehaviorSanitizer (clang, CMake's NATT_SANITIZE) into build-asan,
# and run the whole CTest suite there. Every natt executable of that build,
# the natt command the CLI and matrix tests spawn included, is sanitized and
# carries its default options (test/sanitizer/options.cc: why each is set,
# and the suppression files beside it, which name only ns-3's and the C
# library's code). Any finding ends its process with an error, so its test
# fails. Debian's ns-3 libraries are not instrumented. Extra arguments go to
# ctest (e.g. -R pattern).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --test

build=${NATT_SANITIZE_BUILD_DIR:-build-asan}
jobs=${NATT_JOBS:-$(nproc)}
# ccache, when installed, keeps a rebuild of the sanitized objects cheap.
if [[ -z ${CMAKE_CXX_COMPILER_LAUNCHER:-} ]] && command -v ccache >/dev/null; then
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNATT_WERROR=ON \
  -DNATT_SANITIZE=address,undefined
cmake --build "$build" -j "$jobs"
cd "$build"
ctest --output-on-failure -j "$jobs" "$@"
