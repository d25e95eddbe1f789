#!/usr/bin/env bash
# Builds DeepStep and runs the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
# The real MNIST digits for the hello-world test, once (it skips without them).
datasets/fetch-mnist-digits.sh || echo "deepstep: could not fetch the MNIST digits; their tests will skip" >&2
ctest --preset default -j "$(nproc)"
