#!/usr/bin/env bash
# Builds DeepStep with AddressSanitizer and UndefinedBehaviorSanitizer (the "asan"
# preset: clang, into ./build-asan) and runs the whole test suite there, so that every
# test is also a memory and undefined-behaviour check. DEEPSTEP_PRESET=default runs it
# on the optimised build (./build) instead.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
preset=${DEEPSTEP_PRESET:-asan}
DEEPSTEP_PRESET=$preset "$root/scripts/build.sh"
cd "$root"
# The real MNIST digits for the hello-world test, once (it skips without them).
datasets/fetch-mnist-digits.sh || echo "deepstep: could not fetch the MNIST digits; their tests will skip" >&2
ctest --preset "$preset" -j "$(nproc)"
