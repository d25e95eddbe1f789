#!/usr/bin/env bash
# Builds the DeepStep programs (no tests, no benchmarks) and runs the main job. With a display, DeepStep Studio opens on the
# first lesson; without one, a walk through the XOR example in the terminal (forward
# pass, backward pass and one update in full, then training).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
DEEPSTEP_TARGET=programs "$root/scripts/build.sh"
if { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; } && [ -x "$root/build/bin/deepstep-studio" ]; then
  exec "$root/build/bin/deepstep-studio" "$@"
fi
exec "$root/build/bin/deepstep" demo "$root/experiments/xor_2_2_1_sigmoid.json" "$@"
