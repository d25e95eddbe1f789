#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/: data readers, experiment and model files, option
# values, lesson packs, progress files, plugin metadata) and runs each for a while.
#
# Usage: scripts/fuzz.sh [SECONDS]     (default 20 seconds per target)
# The targets are built in the sanitizer preset's tree (CMakePresets.json "asan":
# build-asan, clang, ASan + UBSan, the engine instrumented for coverage), the tree
# whose tests CI also runs, so the engine is compiled once for both.
# Exits non-zero when a target crashes; the input that did it is left in
# build-asan/fuzz-artifacts/. Seeds: fuzz/corpus/<target>; inputs found on the way are
# kept in build-asan/fuzz-corpus/ so that later runs start from them.
set -euo pipefail
seconds=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=build-asan

for tool in clang++ cmake ninja; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fuzz: '$tool' is missing (Debian: sudo apt-get install clang libclang-rt-14-dev cmake ninja-build)" >&2
    exit 1
  fi
done

cmake --preset asan >/dev/null
targets="fuzz_idx fuzz_csv fuzz_experiment fuzz_model fuzz_options fuzz_lesson_pack fuzz_progress fuzz_lab fuzz_plugin_metadata"
cmake --build "$build" -j "$(nproc)" --target $targets

# Longest input per target: an IDX header with a few hundred values, or a small table.
declare -A max_len=([fuzz_idx]=4096 [fuzz_csv]=2048)
max_len+=([fuzz_experiment]=4096 [fuzz_model]=8192 [fuzz_options]=1024)
max_len+=([fuzz_lesson_pack]=4096 [fuzz_progress]=2048 [fuzz_lab]=4096)
max_len+=([fuzz_plugin_metadata]=4096)
mkdir -p "$build/fuzz-artifacts"
status=0
for target in $targets; do
  name=${target#fuzz_}
  corpus="$build/fuzz-corpus/$name"
  mkdir -p "$corpus"
  echo "== $target for ${seconds}s =="
  if ! "$build/bin/$target" -max_total_time="$seconds" -max_len="${max_len[$target]}" \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$name-" \
      "$corpus" "fuzz/corpus/$name"; then
    echo "fuzz: $target found a crash; see $build/fuzz-artifacts/" >&2
    status=1
  fi
done
exit $status
