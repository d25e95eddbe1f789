#!/usr/bin/env bash
# Installs missing packages, then configures and builds DeepStep with a CMake preset
# (CMakePresets.json; default: "default", into ./build). Extra arguments go to
# CMake's configure step.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
preset=${DEEPSTEP_PRESET:-default}
"$root/scripts/setup-deps.sh"
cd "$root"
cmake --preset "$preset" "$@" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
