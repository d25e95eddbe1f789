#!/usr/bin/env bash
# Hostile plugins campaign: puts plugins that crash, abort, call exit() or quick_exit(),
# hang or carry terminal escapes into a plugin folder, alone and together, next to
# truncated and bit-flipped copies of a real plugin (its code and its compiled-in
# metadata), files that only look like plugins (empty, a folder, a FIFO, a symlink loop,
# a device) and plugin folders that are not folders, and runs `deepstep plugins`,
# `deepstep plugins --check` and `deepstep train experiments/perceptron_and.json` on
# each. Each run is checked:
#
#   - it ends by itself (timeout per run) and not by a signal (no crash),
#   - nothing it writes holds a raw control character, nothing says "internal error",
#   - the hostile plugin did not take the process down (S, survived-in-process): the
#     host refused it in its trial instead, so `plugins` and `train` exit 0 (`train`
#     with its model written), `plugins --check` exits 0 or 2, and no run ends with the
#     last words of a plugin that crashed or ended the program while loading.
#
# Usage: plugins.sh PATH/TO/deepstep FOLDER/WITH/HOSTILE/PLUGINS
# Prints one line "plugins: N inputs, C crashes, H hangs, S survived-in-process, E escapes,
# I internal-errors" and exits 0 only when all are 0. PLUGINS_VERBOSE=1 shows every run.
set -u

deepstep=${1:?usage: plugins.sh PATH/TO/deepstep FOLDER/WITH/HOSTILE/PLUGINS}
hostile=${2:?usage: plugins.sh PATH/TO/deepstep FOLDER/WITH/HOSTILE/PLUGINS}
deepstep=$(cd "$(dirname "$deepstep")" && pwd)/$(basename "$deepstep")
hostile=$(cd "$hostile" && pwd)
root=$(cd "$(dirname "$0")/../../.." && pwd)
experiment=$root/experiments/perceptron_and.json
timeout_s=${PLUGINS_TIMEOUT:-60}
probe_timeout=${PLUGINS_PROBE_TIMEOUT:-2}

# A real plugin to damage: the smallest one built next to deepstep.
real=$(ls -S "$(dirname "$deepstep")"/plugins/*.so 2>/dev/null | tail -1)
if [[ -z $real ]]; then
    echo "plugins: no real plugin in $(dirname "$deepstep")/plugins" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-plugins.XXXXXX")
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT

inputs=0 crashes=0 hangs=0 survived=0 escapes=0 internal=0
hostile_names=(crash_static_init crash_on_register abort_on_register exit_on_register quick_exit_on_register
               hang_on_register escape_text)

# Runs the three commands with DEEPSTEP_PLUGIN_PATH=$2; $1 names the situation.
run_situation() {
    local name=$1 path=$2 cmd
    for cmd in plugins check train; do
        run_one "$name" "$path" "$cmd"
    done
}

run_one() {
    local name=$1 path=$2 cmd=$3 out="$work/stdout" err="$work/stderr" rc
    local -a args
    case $cmd in
        plugins) args=(plugins) ;;
        check) args=(plugins --check) ;;
        train) rm -rf "$work/out"; args=(train "$experiment" --out "$work/out" --quiet) ;;
    esac
    inputs=$((inputs + 1))
    (
        cd "$work" || exit 99
        DEEPSTEP_PLUGIN_PATH=$path DEEPSTEP_PLUGIN_PROBE_TIMEOUT=$probe_timeout LANG=C.UTF-8 \
            exec timeout -s KILL "$timeout_s" "$deepstep" "${args[@]}"
    ) >"$out" 2>"$err" </dev/null
    rc=$?
    local verdict=ok
    # timeout -s KILL ends a run that did not end by itself with 128 + 9.
    if ((rc > 128)); then
        if ((rc == 137)); then verdict=hang; hangs=$((hangs + 1)); else
            verdict="crash (signal $((rc - 128)))"; crashes=$((crashes + 1)); fi
    elif grep -q "crashed the program while loading\|ended the program while loading" "$err"; then
        verdict="survived-in-process (a plugin took the process down, exit $rc)"
        survived=$((survived + 1))
    elif [[ $cmd == check && $rc -ne 0 && $rc -ne 2 ]] || [[ $cmd != check && $rc -ne 0 ]]; then
        verdict="survived-in-process (exit $rc)"
        survived=$((survived + 1))
    elif [[ $cmd == train && ! -s $work/out/model.json ]]; then
        verdict="survived-in-process (exit 0 without a model)"
        survived=$((survived + 1))
    elif LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' "$out" "$err"; then
        verdict="raw control character in the output"
        escapes=$((escapes + 1))
    elif grep -qi "internal error" "$err"; then
        verdict="internal error"
        internal=$((internal + 1))
    fi
    if [[ $verdict != ok || -n ${PLUGINS_VERBOSE:-} ]]; then
        printf '%s [%s]: exit %s, %s\n' "$name" "$cmd" "$rc" "$verdict"
        [[ $verdict != ok ]] && LC_ALL=C sed 's/[^[:print:]]/?/g; s/^/    /' "$err" | head -4
    fi
}

# A fresh plugin folder holding links to the hostile plugins named.
folder_with() {
    local dir
    dir=$(mktemp -d "$work/p.XXXXXX")
    local p
    for p in "$@"; do ln -s "$hostile/$p.so" "$dir/$p.so"; done
    printf '%s\n' "$dir"
}

# 1. Each hostile plugin alone, copied and linked.
for p in "${hostile_names[@]}"; do
    run_situation "$p alone" "$(folder_with "$p")"
done
dir=$(mktemp -d "$work/p.XXXXXX")
cp "$hostile/crash_on_register.so" "$dir/copy.so"
run_situation "crash_on_register copied under another name" "$dir"

# 2. Combinations.
run_situation "all hostile plugins" "$(folder_with "${hostile_names[@]}")"
run_situation "crash_static_init + exit_on_register" "$(folder_with crash_static_init exit_on_register)"
run_situation "hang_on_register + abort_on_register" "$(folder_with hang_on_register abort_on_register)"
run_situation "quick_exit_on_register + escape_text" "$(folder_with quick_exit_on_register escape_text)"
run_situation "crash_on_register + hang_on_register + exit_on_register" \
    "$(folder_with crash_on_register hang_on_register exit_on_register)"
run_situation "two folders: crash and exit" "$(folder_with crash_on_register):$(folder_with exit_on_register)"
run_situation "hostile folder given twice" "$hostile:$hostile"

# 3. Truncated copies of a real plugin.
size=$(stat -c %s "$real")
for n in 1 16 64 512 4096 $((size / 2)) $((size - 1)); do
    dir=$(mktemp -d "$work/p.XXXXXX")
    head -c "$n" "$real" >"$dir/truncated.so"
    run_situation "$(basename "$real") truncated to $n bytes" "$dir"
done

# 4. Bit-flipped copies: anywhere in the file, and inside its compiled-in metadata.
flip() {  # flip SRC DEST SEED WHERE(any|metadata) COUNT
    python3 - "$@" <<'EOF'
import random, sys
src, dest, seed, where, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
data = bytearray(open(src, "rb").read())
rng = random.Random(seed)
lo, hi = 0, len(data)
if where == "metadata":
    at = data.find(b"QTMETADATA")
    if at >= 0:
        lo, hi = at + 10, min(len(data), at + 10 + 2048)
for _ in range(count):
    i = rng.randrange(lo, hi)
    data[i] ^= 1 << rng.randrange(8)
open(dest, "wb").write(data)
EOF
}
for seed in 1 2 3 4 5 6; do
    dir=$(mktemp -d "$work/p.XXXXXX")
    flip "$real" "$dir/flipped.so" "$seed" any 16
    run_situation "$(basename "$real") with 16 bits flipped (seed $seed)" "$dir"
done
for seed in 1 2 3 4 5 6 7 8; do
    dir=$(mktemp -d "$work/p.XXXXXX")
    flip "$real" "$dir/flipped_metadata.so" "$seed" metadata $((seed % 3 + 1))
    run_situation "$(basename "$real") metadata with bits flipped (seed $seed)" "$dir"
done

# 5. Metadata text that is not a library: beside a plugin, or named like one.
meta=$root/plugins/perceptron/perceptron.json
dir=$(mktemp -d "$work/p.XXXXXX")
cp "$meta" "$dir/perceptron.json"
printf '{"name": 1}' >"$dir/broken.json"
run_situation "metadata JSON files alone in a plugin folder" "$dir"
for text in "$(cat "$meta")" '{' '{"name": "x\u001b[2J", "version": "1", "abi": 1}' "$(printf '\x7fELF')" \
            "$(head -c 300 /dev/urandom | tr -d '\0')"; do
    dir=$(mktemp -d "$work/p.XXXXXX")
    printf '%s' "$text" >"$dir/metadata_only.so"
    run_situation "a .so that holds text (${#text} bytes)" "$dir"
done

# 6. Files and folders that are not plugins.
dir=$(mktemp -d "$work/p.XXXXXX"); : >"$dir/empty.so"
run_situation "an empty .so" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); mkdir "$dir/x.so"
run_situation "a folder named x.so" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); mkfifo "$dir/fifo.so"
run_situation "a FIFO named fifo.so" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); ln -s "$dir/b.so" "$dir/a.so"; ln -s "$dir/a.so" "$dir/b.so"
run_situation "a symlink loop of .so files" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); ln -s "$dir/self" "$dir/self"
run_situation "a plugin path that is a symlink to itself" "$dir/self"
dir=$(mktemp -d "$work/p.XXXXXX"); ln -s /dev/zero "$dir/zero.so"
run_situation "a .so linked to /dev/zero" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); ln -s /dev/null "$dir/null.so"
run_situation "a .so linked to /dev/null" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); ln -s "$dir/missing.so" "$dir/dangling.so"
run_situation "a dangling symlink .so" "$dir"
mkfifo "$work/fifo-folder"
run_situation "a plugin path that is a FIFO" "$work/fifo-folder"
: >"$work/plain-file"
run_situation "a plugin path that is a plain file" "$work/plain-file"
run_situation "a plugin path that does not exist" "$work/does-not-exist"
run_situation "an empty plugin path" ""
dir=$(mktemp -d "$work/p.XXXXXX"); cp "$real" "$dir/$(printf 'evil\033[2J\033[31m\a').so"
run_situation "a real plugin copied under a name with terminal escapes" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); cp "$real" "$dir/$(printf 'x%.0s' {1..250}).so"
run_situation "a real plugin copied under a 253-character name" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); cp "$real" "$dir/copy.so"
run_situation "a second copy of a real plugin (duplicate name)" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); cp "$real" "$dir/unreadable.so"; chmod 000 "$dir/unreadable.so"
run_situation "an unreadable copy of a real plugin" "$dir"
dir=$(mktemp -d "$work/p.XXXXXX"); mkdir "$dir/sub"; ln -s "$hostile/crash_on_register.so" "$dir/sub/c.so"
ln -s "$dir" "$dir/sub/up"
run_situation "a folder with a loop back up and a crash below" "$dir"

echo "plugins: $inputs inputs, $crashes crashes, $hangs hangs, $survived survived-in-process," \
     "$escapes escapes, $internal internal-errors"
[[ $crashes -eq 0 && $hangs -eq 0 && $survived -eq 0 && $escapes -eq 0 && $internal -eq 0 ]]
