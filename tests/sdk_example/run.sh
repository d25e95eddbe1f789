#!/usr/bin/env bash
# The installed SDK, end to end:
#   1. install the main build into a temporary prefix: the SDK is there, the lessons are not;
#   2. build examples/sdk-optimizer (the Lion plugin) and a tiny host against it;
#   3. the host loads the plugin and checks two Lion steps computed by hand;
#   4. `deepstep train` runs the XOR experiment with the plugin's optimizer and must
#      reach 100 % training accuracy;
#   5. `deepstep race` runs the plugin's optimizer beside the built-in ones.
# usage: run.sh BUILD_DIR SOURCE_DIR [KEEP_DIR]   (KEEP_DIR: work there and keep it)
set -euo pipefail

build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
if [[ $# -ge 3 ]]; then
  work=$3
  rm -rf "$work" && mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-sdk.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
prefix=$work/prefix
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

step "install the build into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
config=$(find "$prefix" -path '*/cmake/DeepStep/DeepStepConfig.cmake' | head -n 1)
[[ -n $config ]] || fail "not installed: DeepStepConfig.cmake"
package_dir=$(dirname "$config")
libdir=$(dirname "$(dirname "$package_dir")")
for f in "$prefix"/include/deepstep/{tensor,registry,plugin,plugin_qt,plugin_host}.hpp \
         "$package_dir"/DeepStep{ConfigVersion,Targets,Plugin}.cmake; do
  [[ -e $f ]] || fail "not installed: $f"
done
ls "$libdir"/libdeepstep_core.so* >/dev/null 2>&1 || fail "not installed: libdeepstep_core"
ls "$libdir"/libdeepstep_pluginhost.so* >/dev/null 2>&1 || fail "not installed: libdeepstep_pluginhost"
# Lessons build on the engine but are no part of the SDK: nothing of them is installed.
[[ ! -e $prefix/include/deepstep/lessons ]] || fail "installed with the SDK: the lesson headers"
if ls "$libdir"/libdeepstep_lessons* >/dev/null 2>&1; then fail "installed with the SDK: the lessons library"; fi
if grep -q "deepstep::lessons" "$package_dir"/DeepStepTargets*.cmake; then fail "exported with the SDK: deepstep::lessons"; fi
echo "headers, libraries and the CMake package are in place"

# Only the temporary prefix may provide DeepStep: no package registry, no build tree.
find_args=(-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_BUILD_TYPE=Release)

step "build examples/sdk-optimizer against the installed SDK"
cmake -S "$source/examples/sdk-optimizer" -B "$work/lion" "${generator[@]}" "${find_args[@]}" >"$work/lion-configure.log" \
  || { cat "$work/lion-configure.log"; fail "configure the example"; }
grep -q "^DeepStep_DIR:PATH=$package_dir$" "$work/lion/CMakeCache.txt" \
  || fail "the example did not use the installed SDK ($(grep '^DeepStep_DIR' "$work/lion/CMakeCache.txt"))"
cmake --build "$work/lion" || fail "build the example"
[[ -f $work/lion/lion.so ]] || fail "lion.so was not built"
# lion.json names no ABI: the build wrote the installed header's kPluginAbiVersion.
abi=$(sed -n 's/^inline constexpr int kPluginAbiVersion = \([0-9]*\);.*/\1/p' "$prefix/include/deepstep/plugin.hpp")
[[ -n $abi ]] || fail "no kPluginAbiVersion in the installed plugin.hpp"
grep -q "\"abi\": $abi\$" "$work/lion/deepstep_plugin_lion/lion.json" \
  || fail "the example's generated metadata lacks \"abi\": $abi"
echo "the build wrote \"abi\": $abi into the example's metadata"

step "build a tiny host against the installed SDK and check the plugin"
cmake -S "$source/tests/sdk_example/driver" -B "$work/driver" "${generator[@]}" "${find_args[@]}" >"$work/driver-configure.log" \
  || { cat "$work/driver-configure.log"; fail "configure the driver"; }
cmake --build "$work/driver" || fail "build the driver"
"$work/driver/sdk_driver" "$work/lion" || fail "the driver's checks"

step "deepstep train with the plugin's optimizer"
deepstep=""
for candidate in "$prefix/bin/deepstep" "$build/bin/deepstep"; do
  if [[ -x $candidate ]]; then deepstep=$candidate; break; fi
done
[[ -n $deepstep ]] || fail "no deepstep executable (looked in $prefix/bin and $build/bin)"
echo "using $deepstep"
DEEPSTEP_PLUGIN_PATH="$work/lion" "$deepstep" plugins >"$work/plugins.txt" 2>&1 || true
DEEPSTEP_PLUGIN_PATH="$work/lion" "$deepstep" train "$source/examples/sdk-optimizer/xor_lion.json" --out "$work/run" \
  | tee "$work/train.txt" || fail "deepstep train exited with an error"
[[ -s $work/run/metrics.csv ]] || fail "no metrics.csv in $work/run"
ls "$work"/run/model* >/dev/null 2>&1 || fail "no model file in $work/run"
# metrics.csv: epoch,train_loss,train_accuracy,... The last epoch must classify all
# four XOR rows and have cut the loss of the first epoch at least tenfold.
IFS=, read -r _ first_loss _ < <(sed -n 2p "$work/run/metrics.csv")
IFS=, read -r epochs loss accuracy _ < <(tail -n 1 "$work/run/metrics.csv")
awk -v a="$accuracy" -v l="$loss" -v f="$first_loss" 'BEGIN { exit !(a + 0 >= 0.9999 && l * 10 < f) }' \
  || fail "XOR was not learned: epoch $epochs, loss $loss (first epoch $first_loss), accuracy $accuracy"
echo "trained: after $epochs epochs, loss $first_loss -> $loss, training accuracy $accuracy"

step "deepstep race: the plugin's optimizer races with the built-in ones"
DEEPSTEP_PLUGIN_PATH="$work/lion" "$deepstep" race bowl --steps 50 >"$work/race.txt" 2>&1 \
  || { cat "$work/race.txt"; fail "deepstep race exited with an error"; }
cat "$work/race.txt"
grep -q "lion" "$work/race.txt" || fail "the race has no lane for the plugin's optimizer lion"
echo "PASS"
