#!/usr/bin/env bash
# A campaign of hostile data inputs against the data readers, run as a user would:
# `deepstep dataset inspect FILE` and `deepstep train EXPERIMENT` on truncated and
# bit-flipped IDX, gzip and CSV files, headers with huge extents, gzip bombs, numbers
# beyond float range, special files (FIFOs, devices, folders, links) and dataset
# sections of the wrong JSON types or sizes.
#
# Usage: tests/hostile/campaign/data.sh PATH/TO/deepstep
#
# Every run gets a time limit (20 s), an address-space cap (ulimit -v, 4 GiB) and its
# peak memory measured. It counts as
#   a crash        when the program dies of a signal,
#   a hang         when it runs out of time,
#   over-memory    when it peaks above 1 GiB or runs out of memory,
#   another exit   when the exit code is not the one expected (2 for bad input, or 0
#                  where a mutation may leave the data valid), or an exit 2 whose
#                  message does not name the file (or the experiment), says "internal
#                  error" or holds a raw control character.
# Prints one line, "data: N inputs, C crashes, H hangs, O other-exit-codes, M over-memory",
# after the details of each failure, and exits 0 only when all four counts are 0.
# Reproducible: the mutations come from a fixed seed. VERBOSE=1 prints every run with
# its exit code, time and peak memory.
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 PATH/TO/deepstep" >&2
  exit 64
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-data-campaign.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1

RANDOM=20261204
timeout_s=20
memory_cap_kb=$((4 * 1024 * 1024))
over_memory_kb=$((1024 * 1024))
has_time=0
[ -x /usr/bin/time ] && has_time=1

inputs=0 crashes=0 hangs=0 others=0 over=0

# run EXPECTED LABEL ARGS...: EXPECTED is a list of allowed exit codes ("2" or "0 2").
run() {
  local expected=$1 label=$2
  shift 2
  inputs=$((inputs + 1))
  local rc rss=0 started=$SECONDS
  if [ $has_time -eq 1 ]; then
    (ulimit -v $memory_cap_kb; exec /usr/bin/time -f '%M' -o "$work/.rss" \
      timeout -k 5 $timeout_s "$bin" "$@") >"$work/.out" 2>"$work/.err" </dev/null
    rc=$?
    rss=$(tail -n 1 "$work/.rss" 2>/dev/null | tr -dc '0-9')
    rss=${rss:-0}
  else
    (ulimit -v $memory_cap_kb; exec timeout -k 5 $timeout_s "$bin" "$@") >"$work/.out" 2>"$work/.err" </dev/null
    rc=$?
  fi
  local problem=""
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    hangs=$((hangs + 1)); problem="hang"
  elif [ $rc -ge 128 ]; then
    crashes=$((crashes + 1)); problem="crash (signal $((rc - 128)))"
  elif [ "$rss" -gt $over_memory_kb ] || grep -q "out of memory" "$work/.err"; then
    over=$((over + 1)); problem="over memory (${rss} KiB)"
  else
    local ok=0 code
    for code in $expected; do [ "$rc" -eq "$code" ] && ok=1; done
    if [ $ok -eq 0 ]; then
      problem="exit $rc, expected $expected"
    elif [ "$rc" -eq 2 ]; then
      if ! grep -qF "$work/" "$work/.err"; then
        problem="exit 2 without naming the file"
      elif grep -q "internal error" "$work/.err"; then
        problem="internal error"
      elif LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$work/.err"; then
        problem="raw control character in the message"
      fi
    fi
    [ -n "$problem" ] && others=$((others + 1))
  fi
  [ -n "${VERBOSE:-}" ] && echo "  $label: exit $rc, $((SECONDS - started)) s, ${rss} KiB" >&2
  if [ -n "$problem" ]; then
    echo "FAIL $label: $problem: $*" >&2
    head -c 400 "$work/.err" | sed 's/^/  | /' >&2
  fi
}

# ---- tools: bytes, files, mutations ----

# bytes V...: the bytes with these decimal values.
bytes() { local v; for v in "$@"; do printf "\\$(printf '%03o' "$v")"; done; }
be32() { bytes $(( ($1 >> 24) & 255 )) $(( ($1 >> 16) & 255 )) $(( ($1 >> 8) & 255 )) $(( $1 & 255 )); }
size_of() { wc -c <"$1" | tr -d ' '; }
rand_below() { echo $(( (RANDOM * 32768 + RANDOM) % $1 )); }

# flip FILE OFFSET BIT: flips one bit in place.
flip() {
  local old new
  old=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
  new=$(( old ^ (1 << $3) ))
  bytes $new | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
# put FILE OFFSET VALUE: sets one byte in place.
put() { bytes "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

# idx_images N H W: an unsigned-byte images file on stdout, pixels from a pattern.
idx_images() {
  bytes 0 0 8 3; be32 "$1"; be32 "$2"; be32 "$3"
  head -c $(( $1 * $2 * $3 )) /dev/urandom
}
# idx_labels N: labels 0..9 in turn.
idx_labels() {
  local i
  bytes 0 0 8 1; be32 "$1"
  for ((i = 0; i < $1; i++)); do bytes $((i % 10)); done
}

# experiment FILE DATASET-JSON [INPUT-JSON [UNITS]]: a one-layer experiment on that dataset.
experiment() {
  printf '{"model": {"input": %s, "layers": [{"type": "dense", "units": %s, "activation": "sigmoid"}]},\n' \
    "${3:-[2]}" "${4:-1}" >"$1"
  printf ' "loss": "mse", "optimizer": {"type": "sgd", "learning_rate": 0.1},\n "dataset": %s,\n' "$2" >>"$1"
  printf ' "training": {"epochs": 1}}\n' >>"$1"
}

mkdir -p base
idx_images 20 8 8 >base/images.idx
idx_labels 20 >base/labels.idx
gzip -9 -n -c base/images.idx >base/images.gz
gzip -9 -n -c base/labels.idx >base/labels.gz
{
  echo "height,weight,age,label"
  for ((i = 0; i < 30; i++)); do echo "1$((i % 9)).5,$((60 + i)),$((20 + i % 7)),$((i % 2))"; done
} >base/table.csv
gzip -9 -n -c base/table.csv >base/table.csv.gz

# ---- 1. IDX images, plain and gzip: truncated at random lengths ----
for kind in idx gz; do
  src=base/images.$kind
  for ((k = 0; k < 25; k++)); do
    d=m/trunc-$kind-$k; mkdir -p "$d"
    n=$(rand_below "$(size_of "$src")")
    name=t-images-idx3-ubyte; [ "$kind" = gz ] && name=$name.gz
    head -c "$n" "$src" >"$d/$name"
    cp base/labels.idx "$d/t-labels-idx1-ubyte"
    run "2" "truncated $kind images ($n bytes)" dataset inspect "$work/$d/$name"
  done
done

# ---- 2. IDX images, plain and gzip: one bit flipped (header bytes half the time) ----
for kind in idx gz; do
  src=base/images.$kind
  for ((k = 0; k < 35; k++)); do
    d=m/flip-$kind-$k; mkdir -p "$d"
    name=f-images-idx3-ubyte; [ "$kind" = gz ] && name=$name.gz
    cp "$src" "$d/$name"
    if [ $((k % 2)) -eq 0 ]; then off=$(rand_below 16); else off=$(rand_below "$(size_of "$src")"); fi
    flip "$d/$name" "$off" "$(rand_below 8)"
    cp base/labels.gz "$d/f-labels-idx1-ubyte.gz"
    run "0 2" "$kind images, bit flipped at byte $off" dataset inspect "$work/$d/$name"
  done
done

# ---- 3. labels: truncated or flipped, through an idx experiment ----
for ((k = 0; k < 24; k++)); do
  d=m/labels-$k; mkdir -p "$d"
  src=base/labels.idx; [ $((k % 3)) -eq 0 ] && src=base/labels.gz
  cp "$src" "$d/labels"
  if [ $((k % 2)) -eq 0 ]; then
    head -c "$(rand_below "$(size_of "$src")")" "$src" >"$d/labels"
    expect="2"
  else
    flip "$d/labels" "$(rand_below "$(size_of "$src")")" "$(rand_below 8)"
    expect="0 2"
  fi
  cp base/images.idx "$d/images"
  experiment "$d/exp.json" "{\"type\": \"idx\", \"images\": \"$work/$d/images\", \"labels\": \"$work/$d/labels\"}" "[1, 8, 8]" 10
  run "$expect" "labels mutation $k" train "$work/$d/exp.json" --out "$work/$d/out"
done

# ---- 4. IDX headers with huge, zero or overflowing extents, every type and rank ----
types=(8 9 11 12 13 14 7 255)
extents=(0 1 255 65535 16777216 2139062143 4294967295)
for ((k = 0; k < 30; k++)); do
  d=m/dims-$k; mkdir -p "$d"
  rank=$(( 1 + $(rand_below 4) ))
  type=${types[$(rand_below ${#types[@]})]}
  {
    bytes 0 0 "$type" "$rank"
    for ((r = 0; r < rank; r++)); do be32 "${extents[$(rand_below ${#extents[@]})]}"; done
    head -c "$(rand_below 64)" /dev/zero
  } >"$d/h-images-idx3-ubyte"
  if [ $((k % 2)) -eq 1 ]; then gzip -n "$d/h-images-idx3-ubyte"; fi
  cp base/labels.idx "$d/h-labels-idx1-ubyte"
  run "2" "IDX header type $type rank $rank" dataset inspect "$work/$d/"h-images-idx3-ubyte*
done

# ---- 5. gzip bombs: valid images of zeros, and CSV text past the 256 MiB cap ----
d=m/bomb; mkdir -p "$d"
{ bytes 0 0 8 3; be32 85598; be32 28; be32 28; head -c $((85598 * 784)) /dev/zero; } | gzip -9 -n >"$d/b-images-idx3-ubyte.gz"
{ bytes 0 0 8 1; be32 85598; head -c 85598 /dev/zero; } | gzip -9 -n >"$d/b-labels-idx1-ubyte.gz"
run "0" "64 MiB IDX bomb within the memory limit" dataset inspect "$work/$d/b-images-idx3-ubyte.gz" --samples 0
DEEPSTEP_MEMORY_LIMIT=100M run "2" "64 MiB IDX bomb over a 100 MiB limit" dataset inspect "$work/$d/b-images-idx3-ubyte.gz"
{ echo "a,b"; yes "0,0" | head -c $((300 * 1024 * 1024)); } | gzip -1 -n >"$d/bomb.csv.gz"
run "2" "300 MiB CSV bomb" dataset inspect "$work/$d/bomb.csv.gz"

# ---- 6. CSV: truncated, bytes replaced by separators, quotes and control bytes ----
specials=(34 44 10 13 0 27 255 32 101 43 45 46)
for kind in csv csv.gz; do
  src=base/table.$kind
  for ((k = 0; k < 15; k++)); do
    d=m/csv-trunc-$kind-$k; mkdir -p "$d"
    head -c "$(rand_below "$(size_of "$src")")" "$src" >"$d/t.$kind"
    run "0 2" "truncated $kind" dataset inspect "$work/$d/t.$kind"
  done
  for ((k = 0; k < 20; k++)); do
    d=m/csv-byte-$kind-$k; mkdir -p "$d"
    cp "$src" "$d/b.$kind"
    off=$(rand_below "$(size_of "$src")")
    if [ "$kind" = csv ]; then put "$d/b.$kind" "$off" "${specials[$(rand_below ${#specials[@]})]}"; else flip "$d/b.$kind" "$off" "$(rand_below 8)"; fi
    run "0 2" "$kind byte $off replaced" dataset inspect "$work/$d/b.$kind"
  done
done

# ---- 7. CSV values at and beyond float range, and text that is not a number ----
values=(1e39 -1e39 1e308 -1e308 1e400 -1e400 3.5e38 -3.41e38 nan NaN -nan inf -inf Infinity 0x10 1e 1e+ . - '' ' '
        '"1e39"' 1,5 1d5 ++1 1e39999999999)
for v in "${values[@]}"; do
  d=m/float-$inputs; mkdir -p "$d"
  printf 'x,y\n1,2\n%s,3\n' "$v" >"$d/v.csv"
  run "2" "CSV value [$v]" dataset inspect "$work/$d/v.csv"
  printf 'x,y\n1,0\n2,%s\n' "$v" >"$d/w.csv"
  experiment "$d/exp.json" "{\"type\": \"csv\", \"path\": \"$work/$d/w.csv\"}" "[1]"
  run "2" "CSV target [$v] in an experiment" train "$work/$d/exp.json" --out "$work/$d/out"
done
for v in 3.4e38 -3.4e38 1e-400 1e-50; do
  d=m/float-ok-$inputs; mkdir -p "$d"
  printf 'x,y\n1,2\n%s,3\n' "$v" >"$d/v.csv"
  run "0" "CSV value [$v] within float range" dataset inspect "$work/$d/v.csv"
done

# ---- 8. wide and duplicate headers, wide rows ----
d=m/wide; mkdir -p "$d"
awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "c%d,", i; print "c5"; }' >"$d/dup.csv"
run "2" "a million columns with a late duplicate" dataset inspect "$work/$d/dup.csv"
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "c%d,", i; print "y"; for (i = 0; i < 200000; i++) printf "1,"; print "0"; }' >"$d/ok.csv"
run "0" "200,000 distinct columns" dataset inspect "$work/$d/ok.csv" --samples 0
{ echo "a,b"; awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "1,"; print "1"; }'; } >"$d/row.csv"
run "2" "a row of a million fields" dataset inspect "$work/$d/row.csv"
{ printf ','; } >"$d/empty-names.csv"
run "2" "empty column names" dataset inspect "$work/$d/empty-names.csv"

# ---- 9. special files, as data and as the labels beside images ----
mkdir -p m/special
mkfifo m/special/fifo.csv m/special/p-images-idx3-ubyte m/special/q-labels-idx1-ubyte
cp base/images.idx m/special/q-images-idx3-ubyte
ln -s /dev/zero m/special/zero.csv
ln -s /dev/zero m/special/z-images-idx3-ubyte
ln -s /dev/null m/special/null.csv
ln -s /dev/urandom m/special/u-images-idx3-ubyte.gz
ln -s missing-target m/special/dangling.csv
ln -s loop-b.csv m/special/loop-a.csv
ln -s loop-a.csv m/special/loop-b.csv
mkdir -p m/special/folder.csv m/special/d-images-idx3-ubyte
for f in fifo.csv p-images-idx3-ubyte q-images-idx3-ubyte zero.csv z-images-idx3-ubyte null.csv \
         u-images-idx3-ubyte.gz dangling.csv loop-a.csv folder.csv d-images-idx3-ubyte; do
  run "2" "special file $f" dataset inspect "$work/m/special/$f"
done
for f in fifo.csv zero.csv null.csv dangling.csv loop-a.csv folder.csv; do
  experiment "m/special/exp-$f.json" "{\"type\": \"csv\", \"path\": \"$work/m/special/$f\"}" "[1]"
  run "2" "special file $f as an experiment's csv" train "$work/m/special/exp-$f.json" --out "$work/m/special/out"
done
for f in p-images-idx3-ubyte z-images-idx3-ubyte u-images-idx3-ubyte.gz d-images-idx3-ubyte; do
  experiment "m/special/exp-$f.json" "{\"type\": \"idx\", \"images\": \"$work/m/special/$f\", \"labels\": \"$work/base/labels.idx\"}" "[1, 8, 8]" 10
  run "2" "special file $f as images" train "$work/m/special/exp-$f.json" --out "$work/m/special/out"
  experiment "m/special/exp-l-$f.json" "{\"type\": \"idx\", \"images\": \"$work/base/images.idx\", \"labels\": \"$work/m/special/$f\"}" "[1, 8, 8]" 10
  run "2" "special file $f as labels" train "$work/m/special/exp-l-$f.json" --out "$work/m/special/out"
done

# ---- 10. dataset sections of the wrong JSON type or size ----
sections=(
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "features": "x"}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "features": ["a", 3]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "features": ["a"]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "features": {"a": 1}}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": {"a": 1}}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": "01"}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], ["1"]]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [null]]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0]]}'
  '{"type": "inline", "inputs": [[0, 1e39], [1, 0]], "targets": [[0], [1]]}'
  '{"type": "inline", "inputs": [[0, -1e39], [1, 0]], "targets": [[0], [1]]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1e39]]}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "classes": "ab"}'
  '{"type": "inline", "inputs": [[0, 1], [1, 0]], "targets": [[0], [1]], "classes": [1, 2]}'
  '{"type": "inline", "inputs": 5, "targets": [[0], [1]]}'
  '{"type": "inline", "inputs": [[true, 1], [1, 0]], "targets": [[0], [1]]}'
  '{"type": "inline", "inputs": [[[0], 1], [1, 0]], "targets": [[0], [1]]}'
  '{"type": "inline", "targets": [[0], [1]]}'
  '{"type": 7}'
  '{"type": "csv", "path": 3}'
  '{"type": "csv", "path": ["a.csv"]}'
  '{"type": "csv", "path": "a.csv", "target": 1}'
  '{"type": "csv", "path": "a.csv", "test_fraction": 1e39}'
  '{"type": "csv", "path": "a.csv", "seed": 1e19}'
  '{"type": "idx", "images": null, "labels": "x"}'
  '{"type": "idx", "images": "x"}'
  '{"type": "mnist", "limit": -1}'
  '{"type": "fashion_mnist", "limit": 1e300}'
  '{"type": "circle", "samples": 1e12}'
  '{"type": "circle", "samples": 3.5}'
  '{"type": "circle", "samples": "many"}'
  '{"type": "circle", "seed": 1e19}'
  '{"type": "circle", "seed": 18446744073709551615}'
  '{"type": "circle", "seed": -1}'
  '{"type": "circle", "noise": 1e999}'
  '{"type": "store_sales", "samples": 1e15}'
  '{"type": "smartwatch", "samples": 2147483648}'
  '{"type": "xor", "repeat": 1e10}'
  '{"type": "copy", "samples": 1000000, "length": 1000, "vocabulary": 1000}'
  '{"type": "reverse", "samples": 1000000, "length": 1000}'
  '{"type": "add", "samples": 1000000, "length": 10000}'
  '{"type": "sine", "samples": 1000000, "window": 10000}'
  '{"type": "sine", "window": 4294967297}'
  '{"type": "text", "window": 4000, "stride": 1}'
  '{"type": "text", "window": 1e18}'
  '{"type": "airline_passengers", "window": 200}'
  '{"type": "airline_passengers", "test_months": 1e30}'
)
for s in "${sections[@]}"; do
  d=m/section-$inputs; mkdir -p "$d"
  experiment "$d/exp.json" "$s"
  run "2" "dataset section $s" train "$work/$d/exp.json" --out "$work/$d/out"
done
d=m/section-limit; mkdir -p "$d"
experiment "$d/exp.json" '{"type": "sine"}' "[20, 1]"
DEEPSTEP_MEMORY_LIMIT=16K run "2" "sine over a 16 KiB memory limit" train "$work/$d/exp.json" --out "$work/$d/out"
experiment "$d/csv.json" "{\"type\": \"csv\", \"path\": \"$work/base/table.csv\"}" "[3]"
DEEPSTEP_MEMORY_LIMIT=400 run "2" "a CSV over a 400-byte memory limit" train "$work/$d/csv.json" --out "$work/$d/out"

echo "data: $inputs inputs, $crashes crashes, $hangs hangs, $others other-exit-codes, $over over-memory"
[ $((crashes + hangs + others + over)) -eq 0 ]
