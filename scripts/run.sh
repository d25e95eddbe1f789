#!/usr/bin/env bash
# Builds DeepStep and runs the main job: a walk through the XOR example in the
# terminal (forward pass, backward pass and one update in full, then training).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/build.sh"
exec "$root/build/bin/deepstep" demo "$root/experiments/xor_2_2_1_sigmoid.json" "$@"
