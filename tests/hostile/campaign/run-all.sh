#!/usr/bin/env bash
# Runs every hostile-input campaign of this folder against one build and prints each
# one's summary line, then the total number of inputs tried.
#
# Usage: tests/hostile/campaign/run-all.sh [BUILD_DIR]     (default: build)
# Exits 0 only when every campaign ends with all its counts at zero. The campaigns are
# long (minutes each); CI runs the regression corpus (tst_hostile) instead.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
build=${1:-$root/build}
deepstep="$build/bin/deepstep"
[ -x "$deepstep" ] || { echo "run-all: no $deepstep; build first" >&2; exit 2; }

status=0
total=0
summaries=()
for script in "$here"/*.sh; do
  name=$(basename "$script" .sh)
  [ "$name" = run-all ] && continue
  extra=()
  [ "$name" = plugins ] && extra=("$build/test-plugins/hostile")
  log=$(mktemp)
  if ! "$script" "$deepstep" "${extra[@]}" >"$log" 2>&1; then status=1; fi
  line=$(grep -E "^$name: [0-9]+ inputs" "$log" | tail -1)
  [ -n "$line" ] || { line="$name: no summary line (see $log)"; status=1; }
  [ "$status" = 0 ] && rm -f "$log"
  summaries+=("$line")
  echo "$line"
  n=$(sed -E 's/^[a-z]+: ([0-9]+) inputs.*/\1/' <<<"$line")
  [[ "$n" =~ ^[0-9]+$ ]] && total=$((total + n))
done
echo "all campaigns: $total inputs"
exit $status
