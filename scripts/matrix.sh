#!/usr/bin/env bash
# Install what natt needs, build it, and run the main job: the whole
# catalogue with its report and plots, into results/ (or --out DIR).
# Extra arguments go to `natt matrix`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

build=${NATT_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DNATT_TESTS=OFF -DNATT_FUZZ=OFF
cmake --build "$build" -j "$(nproc)" --target natt-cli
"$build"/natt matrix "$@"
