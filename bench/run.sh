#!/usr/bin/env bash
# Builds deepstep_bench in an optimised tree and runs it; arguments go to the bench.
#   bench/run.sh                 the full comparison (60,000 images, 1 and 2 threads)
#   bench/run.sh --tiny          1,000 images, one repetition, with sanity checks
#   bench/run.sh --json out.json also save every figure as JSON
#   bench/run.sh --lenet [ARGS]  only the LeNet-5 bench (deepstep_bench_lenet), with its ARGS
#   bench/run.sh --mlp [ARGS]    only the MLP bench
#   bench/run.sh --rnn [ARGS]    only the recurrent bench (deepstep_bench_rnn: LSTM and GRU)
# Without --lenet, --mlp or --rnn all three run, the MLP bench first; --tiny goes to all.
# The tree is $DEEPSTEP_BENCH_BUILD, default build-bench next to the sources.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
build=${DEEPSTEP_BENCH_BUILD:-$root/build-bench}
jobs=${DEEPSTEP_BENCH_JOBS:-2}

# The build's packages and PyTorch, the peer, when they are missing.
DEEPSTEP_WITH_PYTORCH=1 "$root/scripts/setup-deps.sh"

if [[ ! -f $build/CMakeCache.txt ]]; then
  generator=()
  command -v ninja > /dev/null && generator=(-G Ninja)
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
    -DDEEPSTEP_BUILD_BENCH=ON -DDEEPSTEP_BUILD_STUDIO=OFF -DDEEPSTEP_BUILD_TESTS=OFF >&2
elif ! grep -q '^DEEPSTEP_BUILD_BENCH:BOOL=ON' "$build/CMakeCache.txt"; then
  cmake "$build" -DDEEPSTEP_BUILD_BENCH=ON >&2
fi
if ! grep -q '^CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt"; then
  echo "run.sh: $build is not a Release tree; its timings say little" >&2
fi
# Build messages go to stderr so that stdout holds only the report.
cmake --build "$build" --target deepstep_bench deepstep_bench_lenet deepstep_bench_rnn -j "$jobs" >&2
case ${1:-} in
  --mlp) shift; exec "$build/bin/deepstep_bench" "$@" ;;
  --lenet) shift; exec "$build/bin/deepstep_bench_lenet" "$@" ;;
  --rnn) shift; exec "$build/bin/deepstep_bench_rnn" "$@" ;;
esac
"$build/bin/deepstep_bench" "$@"
echo
tiny_args=()
for a in "$@"; do [[ $a == --tiny ]] && tiny_args+=(--tiny); done
"$build/bin/deepstep_bench_lenet" "${tiny_args[@]}"
echo
"$build/bin/deepstep_bench_rnn" "${tiny_args[@]}"
