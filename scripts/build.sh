#!/usr/bin/env bash
# Installs missing packages, then configures and builds DeepStep with a CMake preset
# (CMakePresets.json; default: "default", into ./build). Extra arguments go to
# CMake's configure step. DEEPSTEP_TARGET builds one target (e.g. "programs") instead
# of everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
preset=${DEEPSTEP_PRESET:-default}
start=$(date +%s)
"$root/scripts/setup-deps.sh"
packages=$(date +%s)
cd "$root"
cmake --preset "$preset" "$@" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)" ${DEEPSTEP_TARGET:+--target "$DEEPSTEP_TARGET"}
echo "deepstep: preset '$preset' built in $(( $(date +%s) - packages )) s" \
     "(packages checked or installed in $(( packages - start )) s)" >&2
