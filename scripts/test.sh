#!/usr/bin/env bash
# Builds DeepStep and runs the whole test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
cd "$root"
ctest --preset default -j "$(nproc)"
