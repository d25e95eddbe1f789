#!/usr/bin/env bash
# Hostile output paths: every way a user (or a mistake) can point a command that
# writes at the wrong place. Each try runs the CLI under a timeout and checks:
#   - no crash (killed by a signal) and no hang (the timeout);
#   - the files that must survive are byte for byte as before (and keep their mode);
#   - no temporary file of ours is left behind.
# Usage: tests/hostile/campaign/output.sh path/to/deepstep
# Prints: output: N inputs, C crashes, H hangs, L lost-or-damaged files, T stale temps
set -u
bin=${1:?usage: output.sh path/to/deepstep}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
src=$(cd "$(dirname "$0")/../../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-output-campaign.XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export LANG=C LC_ALL=C
exp_src="$src/experiments/xor_2_2_1_sigmoid.json"
limit=60

inputs=0 crashes=0 hangs=0 lost=0 temps=0
verbose=${VERBOSE:-0}
note() { [ "$verbose" = 1 ] && printf '  %s\n' "$*" >&2; return 0; }

# Fingerprint: mode and checksum of each file named, to compare before and after.
fingerprint() {
    local f
    for f in "$@"; do
        if [ -L "$f" ]; then printf 'link %s %s\n' "$f" "$(readlink "$f")"
        elif [ -f "$f" ]; then printf 'file %s %s %s\n' "$f" "$(stat -c %a "$f")" "$(cksum < "$f")"
        elif [ -p "$f" ]; then printf 'fifo %s\n' "$f"
        elif [ -d "$f" ]; then printf 'dir %s %s\n' "$f" "$(stat -c %a "$f")"
        elif [ -c "$f" ]; then printf 'chr %s\n' "$f"
        else printf 'none %s\n' "$f"; fi
    done
}

# (".a.deepstep-tmp-999999999-abcdef" below is a name the user chose for an output.)
count_temps() { find "$1" -name '.*deepstep-tmp-*' ! -name '.a.deepstep-tmp-999999999-abcdef' 2>/dev/null | wc -l; }

# try DIR "PROTECTED FILES" ARGS...: runs deepstep in DIR, checks the protected files
# are unchanged afterwards and that no temporary file is left in DIR.
try() {
    local dir=$1 protect=$2
    shift 2
    inputs=$((inputs + 1))
    local before after rc
    # shellcheck disable=SC2086
    before=$(cd "$dir" && fingerprint $protect)
    local start=$SECONDS
    (cd "$dir" && timeout -k 5 "$limit" "$bin" "$@" >"$work/out.txt" 2>"$work/err.txt" </dev/null)
    rc=$?
    [ $((SECONDS - start)) -gt 3 ] && note "SLOW ($((SECONDS - start)) s): $*"
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then hangs=$((hangs + 1)); note "HANG: $*"
    elif [ "$rc" -gt 128 ] && [ "$rc" != 130 ]; then crashes=$((crashes + 1)); note "CRASH ($rc): $*"
    elif grep -q "internal error" "$work/err.txt"; then crashes=$((crashes + 1)); note "INTERNAL: $* : $(cat "$work/err.txt")"
    elif [ "$rc" != 0 ] && [ "$rc" != 1 ] && [ "$rc" != 2 ]; then crashes=$((crashes + 1)); note "EXIT $rc: $*"
    elif [ "$rc" != 0 ] && ! [ -s "$work/err.txt" ]; then crashes=$((crashes + 1)); note "SILENT FAILURE ($rc): $*"
    fi
    # shellcheck disable=SC2086
    after=$(cd "$dir" && fingerprint $protect)
    if [ "$before" != "$after" ]; then lost=$((lost + 1)); note "DAMAGED: $* :: $before => $after"; fi
    local t
    t=$(count_temps "$dir")
    if [ "$t" != 0 ]; then temps=$((temps + t)); note "TEMPS ($t): $*"; find "$dir" -name '.*deepstep-tmp-*' -type f -delete; fi
    last_rc=$rc
}

# expect_written DIR FILE: the try before must have succeeded and written FILE.
expect_written() {
    if [ "$last_rc" != 0 ] || ! [ -s "$1/$2" ]; then lost=$((lost + 1)); note "NOT WRITTEN: $2 (exit $last_rc) $(cat "$work/err.txt")"; fi
}

fresh() {
    local d
    d=$(mktemp -d "$work/case.XXXXXX")
    cp "$exp_src" "$d/exp.json"
    printf '%s' "$d"
}

# ---- 1. the output is an input (same file by identity) ----
for cmd in trace train; do
    for spelling in exp.json ./exp.json "$PWD/__abs__" sub/../exp.json .//exp.json; do
        d=$(fresh); mkdir -p "$d/sub"
        [ "$spelling" = "$PWD/__abs__" ] && spelling="$d/exp.json"
        if [ $cmd = trace ]; then try "$d" "exp.json" trace exp.json --out "$spelling"
        else cp "$d/exp.json" "$d/model.json"; try "$d" "model.json" train model.json --out "$(dirname "$spelling")" --epochs 1; fi
    done
    d=$(fresh); ln "$d/exp.json" "$d/hard.json"
    if [ $cmd = trace ]; then try "$d" "exp.json" trace exp.json --out hard.json
    else mkdir "$d/run"; ln "$d/exp.json" "$d/run/model.json"; try "$d" "exp.json" train exp.json --out run --epochs 1; fi
    d=$(fresh); ln -s exp.json "$d/soft.json"
    if [ $cmd = trace ]; then try "$d" "exp.json soft.json" trace exp.json --out soft.json
    else mkdir "$d/run"; ln -s ../exp.json "$d/run/metrics.csv"; try "$d" "exp.json run/metrics.csv" train exp.json --out run --epochs 1; fi
    d=$(fresh); ln -s exp.json "$d/a"; ln -s a "$d/b"; ln -s b "$d/c"
    if [ $cmd = trace ]; then try "$d" "exp.json a b c" trace c --out exp.json
    else mkdir "$d/run"; ln -s ../c "$d/run/model.json"; try "$d" "exp.json c run/model.json" train exp.json --out run --epochs 1; fi
    d=$(fresh); mkdir "$d/linkdir"; ln -s "$d" "$d/linkdir/up"
    if [ $cmd = trace ]; then try "$d" "exp.json" trace exp.json --out linkdir/up/exp.json
    else cp "$d/exp.json" "$d/model.json"; try "$d" "model.json" train linkdir/up/model.json --out . --epochs 1; fi
done
# the model read by "initialize" is where train writes its model
d=$(fresh); mkdir "$d/base"
(cd "$d" && "$bin" train exp.json --out base --epochs 1 >/dev/null 2>&1)
python3 - "$d" <<'PY'
import json, sys
d = sys.argv[1]
e = json.load(open(d + "/exp.json"))
e["initialize"] = {"model": "base/model.json", "layers": [e["model"]["layers"][0]["name"]]}
json.dump(e, open(d + "/init.json", "w"))
PY
try "$d" "base/model.json init.json" train init.json --out base --epochs 1
try "$d" "base/model.json init.json" train init.json --out ./base/ --epochs 1
ln -s base "$d/alias"
try "$d" "base/model.json init.json" train init.json --out alias --epochs 1
try "$d" "base/model.json init.json" trace init.json --out base/model.json
try "$d" "base/model.json init.json" trace init.json --out alias/model.json
try "$d" "base/model.json init.json" trace init.json --out base/metrics.csv   # not an input: allowed
try "$d" "base/model.json init.json" train init.json --out other --epochs 1      # allowed

# ---- 2. special destinations: FIFOs, devices, sockets, folders ----
for cmd in trace train; do
    for kind in fifo null zero full tty dir socket dirlink fifolink; do
        d=$(fresh); mkdir -p "$d/run"
        name=trace.json; [ $cmd = train ] && name=run/model.json
        case $kind in
            fifo) mkfifo "$d/$name" ;;
            null) ln -s /dev/null "$d/$name" ;;
            zero) ln -s /dev/zero "$d/$name" ;;
            full) ln -s /dev/full "$d/$name" ;;
            tty) ln -s /dev/tty "$d/$name" ;;
            dir) mkdir -p "$d/$name" ;;
            socket) python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$d/$name" ;;
            dirlink) mkdir "$d/elsewhere"; ln -s ../elsewhere "$d/$name" 2>/dev/null || ln -s elsewhere "$d/$name" ;;
            fifolink) mkfifo "$d/pipe"; ln -s "$d/pipe" "$d/$name" ;;
        esac
        if [ $cmd = trace ]; then try "$d" "exp.json $name" trace exp.json --out "$name"
        else try "$d" "exp.json $name" train exp.json --out run --epochs 1; fi
        for dev in /dev/null /dev/zero /dev/full; do [ -c $dev ] || { lost=$((lost + 1)); note "DEVICE GONE: $dev"; }; done
    done
done
for out in /dev/null /dev/zero /dev/full /dev /proc /proc/self /sys /; do
    d=$(fresh)
    try "$d" "exp.json" trace exp.json --out "$out"
done
# (not / or /dev for train: as root those are writable folders and would get the results)
for out in /dev/null /dev/zero /dev/full /proc /proc/self /sys /dev/null/run; do
    d=$(fresh)
    try "$d" "exp.json" train exp.json --out "$out" --epochs 1
done
for dev in /dev/null /dev/zero /dev/full; do [ -c $dev ] || { lost=$((lost + 1)); note "DEVICE GONE: $dev"; }; done

# ---- 3. folders that cannot take the results (up front, no training first) ----
for kind in file-as-folder below-file proc-child readonly-mode missing-deep dangling-folder-link loop-link; do
    d=$(fresh); echo x > "$d/blocker"
    case $kind in
        file-as-folder) out=blocker ;;
        below-file) out=blocker/run/deeper ;;
        proc-child) out=/proc/deepstep-campaign ;;
        readonly-mode) mkdir "$d/ro"; chmod 0555 "$d/ro"; out=ro ;;
        missing-deep) out=a/b/c/d/e ;;
        dangling-folder-link) ln -s nowhere/at/all "$d/dl"; out=dl ;;
        loop-link) ln -s l2 "$d/l1"; ln -s l1 "$d/l2"; out=l1 ;;
    esac
    try "$d" "exp.json blocker" train exp.json --out "$out" --epochs 1
    try "$d" "exp.json blocker" trace exp.json --out "$out/trace.json"
    chmod -R u+w "$d" 2>/dev/null
done

# ---- 4. modes and links of replaced files ----
for mode in 600 640 644 660 664 700 755 444 400; do
    d=$(fresh); echo old > "$d/trace.json"; chmod "$mode" "$d/trace.json"
    try "$d" "exp.json" trace exp.json --out trace.json
    if [ "$(stat -c %a "$d/trace.json")" != "$mode" ]; then lost=$((lost + 1)); note "MODE $mode became $(stat -c %a "$d/trace.json")"; fi
done
for depth in 1 2 5; do
    d=$(fresh); mkdir "$d/far"; echo old > "$d/far/real.json"; chmod 600 "$d/far/real.json"
    prev=far/real.json
    for i in $(seq 1 $depth); do ln -s "$prev" "$d/l$i"; prev=l$i; done
    try "$d" "exp.json" trace exp.json --out "l$depth"
    expect_written "$d" far/real.json
    [ -L "$d/l$depth" ] && [ "$(stat -c %a "$d/far/real.json")" = 600 ] || { lost=$((lost + 1)); note "LINK OR MODE LOST at depth $depth"; }
    [ "$(count_temps "$d/far")" = 0 ] || { temps=$((temps + 1)); note "TEMP left by the link target"; }
done
d=$(fresh); mkdir "$d/run" "$d/keep"; echo old > "$d/keep/model.json"; chmod 600 "$d/keep/model.json"
ln -s ../keep/model.json "$d/run/model.json"
try "$d" "exp.json" train exp.json --out run --epochs 1
expect_written "$d" keep/model.json
[ -L "$d/run/model.json" ] && [ "$(stat -c %a "$d/keep/model.json")" = 600 ] || { lost=$((lost + 1)); note "train replaced the link or the mode"; }

# ---- 5. odd names ----
names=("with space.json" $'new\nline.json' $'esc\e[31mred.json' $'tab\there.json' "-dash.json" "ünï código.json"
       "$(printf 'x%.0s' $(seq 1 200)).json" "$(printf 'y%.0s' $(seq 1 251)).json" "$(printf 'z%.0s' $(seq 1 300)).json"
       ".hidden.json" "..json" "a.deepstep-tmp-1-abcdef" ".a.deepstep-tmp-999999999-abcdef" "name;rm -rf ~.json" '$(echo hi).json'
       "trailing/" "sub/deeper/trace.json" "'quote\".json" "nul-free\\back.json" "%s%n%x.json")
for name in "${names[@]}"; do
    d=$(fresh)
    try "$d" "exp.json" trace exp.json --out "$name"
    d=$(fresh)
    try "$d" "exp.json" train exp.json --out "$name" --epochs 1
done
long=$(printf 'd%.0s' $(seq 1 120))
d=$(fresh); try "$d" "exp.json" trace exp.json --out "$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/$long/t.json"

# ---- 6. kill -9 during saves: the old file intact, no temporary files piling up ----
big=$(fresh)
python3 - "$big" <<'PY'
import json, sys
d = sys.argv[1]
e = json.load(open(d + "/exp.json"))
for layer in e["model"]["layers"]:
    layer.pop("parameters", None)
e["model"]["layers"][0]["units"] = 400
json.dump(e, open(d + "/big.json", "w"))
PY
(cd "$big" && "$bin" trace big.json --steps 40 --out trace.json >/dev/null 2>&1)
(cd "$big" && "$bin" train big.json --out run --epochs 1 >/dev/null 2>&1)
for i in $(seq 1 30); do
    inputs=$((inputs + 1))
    before=$(cd "$big" && fingerprint trace.json run/model.json)
    (cd "$big" && exec "$bin" trace big.json --steps 40 --out trace.json >/dev/null 2>&1) &
    pid=$!
    sleep "0.$(( (i * 37) % 10 ))$(( i % 10 ))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    (cd "$big" && exec "$bin" train big.json --out run --epochs 1 >/dev/null 2>&1) &
    pid=$!
    sleep "0.$(( (i * 53) % 10 ))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    # Each file is the old one or a complete new one: it must still parse.
    for f in trace.json run/model.json; do
        python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$big/$f" 2>/dev/null || { lost=$((lost + 1)); note "BROKEN after kill: $f"; }
    done
    : "$before"
done
note "temporary files left by the killed saves before one more save: $(find "$big" -name '.*deepstep-tmp-*' | wc -l)"
# One more save into each folder removes what the killed ones left.
try "$big" "big.json" trace exp.json --steps 1 --out trace.json
try "$big" "big.json" train exp.json --out run --epochs 1
t=$(count_temps "$big"); [ "$t" = 0 ] || { temps=$((temps + t)); note "TEMPS after kills: $t"; }

# ---- 7. concurrent saves to one file ----
d=$(fresh)
for i in 1 2 3 4 5 6; do (cd "$d" && "$bin" trace exp.json --steps 3 --out trace.json >/dev/null 2>&1) & done
wait
inputs=$((inputs + 1))
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$d/trace.json" 2>/dev/null || { lost=$((lost + 1)); note "concurrent saves broke trace.json"; }
t=$(count_temps "$d"); [ "$t" = 0 ] || { temps=$((temps + t)); note "TEMPS after concurrent saves: $t"; }

echo "output: $inputs inputs, $crashes crashes, $hangs hangs, $lost lost-or-damaged files, $temps stale temps"
[ $crashes = 0 ] && [ $hangs = 0 ] && [ $lost = 0 ] && [ $temps = 0 ]
