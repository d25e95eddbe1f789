#!/usr/bin/env bash
# A campaign of hostile lesson packs, progress files and answers files against
# `deepstep lesson check`, `lesson run --answers` and `lesson run` (interactive, with
# "q" on stdin and its own DEEPSTEP_DATA_HOME).
#
# Usage: tests/hostile/campaign/lessons.sh PATH/TO/deepstep
#
# Every input is generated here, in a temporary folder of its own: file references
# that escape the pack (../, absolute paths, symlinks out, loops, FIFOs, folders,
# devices), bad types at every field, huge and negative numbers, training over the
# budget, control characters, deep nesting and truncations. Beside each pack lie
# canary files; their text must never appear in what DeepStep writes.
#
# Each run has a time limit. Counted: crashes (ended by a signal), hangs (over the
# limit), other exit codes (not the expected 2, or 0 where the input is valid; an
# "internal error" or a raw control character in the output counts here too, with a
# line saying which) and outside reads (a canary's text in stdout or stderr).
# Prints one line per finding, then
#   lessons: N inputs, C crashes, H hangs, O other-exit-codes, R outside reads
# and exits 0 only when all four counts are zero.
set -u

if [[ $# -lt 1 || ! -x $1 ]]; then
  echo "usage: $0 PATH/TO/deepstep" >&2
  exit 64
fi
deepstep=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
limit=${LESSONS_CAMPAIGN_TIMEOUT:-60}
work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-lessons-campaign.XXXXXX")
trap 'rm -rf "$work"' EXIT

outside=$work/outside
mkdir -p "$outside"
printf 'CANARY-MARKDOWN-7f3a\n' > "$outside/canary.md"
printf '{"CANARY-KEY-7f3a": "CANARY-VALUE-7f3a", "id": "CANARY-ID-7f3a", "format": "deepstep.experiment"}\n' \
  > "$outside/canary.json"
printf 'CANARY-BINARY-7f3a' > "$outside/canary.bin"
mkdir -p "$outside/dir"
cp "$outside/canary.md" "$outside/dir/en.md"

inputs=0 crashes=0 hangs=0 others=0 reads=0
esc=$'\e'
bel=$'\a'

experiment='{"format": "deepstep.experiment", "version": 1, "name": "xor", "seed": 1,
 "model": {"input": [2], "layers": [{"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid"},
                                    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
 "loss": {"type": "mse"}, "optimizer": {"type": "sgd", "learning_rate": 0.5},
 "dataset": {"type": "xor"}, "training": {"epochs": 10, "batch_size": 0}}'

pack_json='{"format": "deepstep.lesson-pack", "version": 1, "id": "c", "title": {"en": "C", "ko": "C"},
 "lessons": ["l.json"]}'

# The lesson, with @EXP@, @EN@, @KO@, @STEPEXP@ and @ACTIONS@ to fill in.
lesson_template='{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": @EXP@,
 "steps": [{"text": {"en": @EN@, "ko": @KO@}, "experiment": @STEPEXP@, "actions": @ACTIONS@,
   "checkpoints": [
     {"id": "a", "type": "choice", "question": {"en": "Q", "ko": "Q"}, "hints": [{"en": "h", "ko": "h"}],
      "choices": [{"en": "x", "ko": "x"}, {"en": "y", "ko": "y"}], "answer": 1},
     {"id": "b", "type": "number", "question": {"en": "Q", "ko": "Q"}, "hints": [{"en": "h", "ko": "h"}],
      "answer": {"ref": "layer:hidden.output[0][0]"}, "tolerance": 0.01}]}]}'

answers_json='{"format": "deepstep.lesson-answers", "version": 1, "pack": "c", "answers": {"l": {"a": 1, "b": 0.5}}}'
progress_json='{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"step": 0,
 "completed_steps": [], "completed": false, "answers": {"a": {"answer": 1, "correct": true, "attempts": 1}}}}}'

# lesson FIELD=VALUE...: the lesson text with the placeholders filled (JSON values).
lesson() {
  local text=$lesson_template
  local exp='"exp.json"' en='"text/en.md"' ko='"text/ko.md"' stepexp='"exp.json"' actions='[{"do": "forward_layer"}]'
  for kv in "$@"; do
    case $kv in
      EXP=*) exp=${kv#EXP=} ;;
      EN=*) en=${kv#EN=} ;;
      KO=*) ko=${kv#KO=} ;;
      STEPEXP=*) stepexp=${kv#STEPEXP=} ;;
      ACTIONS=*) actions=${kv#ACTIONS=} ;;
    esac
  done
  text=${text//@EXP@/$exp}
  text=${text//@EN@/$en}
  text=${text//@KO@/$ko}
  text=${text//@STEPEXP@/$stepexp}
  text=${text//@ACTIONS@/$actions}
  printf '%s' "$text"
}

# new_case: a fresh folder $case with a valid pack in $case/p, answers in $case/a.json
# and a progress file in $case/data/progress.json.
new_case() {
  inputs=$((inputs + 1))
  case=$work/case-$inputs
  mkdir -p "$case/p/text" "$case/data"
  printf '%s\n' "$pack_json" > "$case/p/pack.json"
  lesson > "$case/p/l.json"
  printf '%s\n' "$experiment" > "$case/p/exp.json"
  printf '# Text\n\nA step.\n' > "$case/p/text/en.md"
  printf '# 글\n\n한 단계.\n' > "$case/p/text/ko.md"
  printf '%s\n' "$answers_json" > "$case/a.json"
  printf '%s\n' "$progress_json" > "$case/data/progress.json"
}

# deep N OPEN: OPEN repeated N times.
deep() {
  local out=""
  local i
  for ((i = 0; i < $1; i++)); do out+=$2; done
  printf '%s' "$out"
}

# run WHAT EXPECT ARGS...: runs deepstep ARGS in $case; EXPECT is "2" (must be refused)
# or "0" (valid) or "02" (either). WHAT names the input in findings.
run() {
  local what=$1 expect=$2
  shift 2
  local rc
  (cd "$case" && DEEPSTEP_DATA_HOME="$case/data" LANG=C.UTF-8 timeout -k 5 "$limit" "$deepstep" "$@" \
    < "${stdin_file:-/dev/null}" > "$case/out.txt" 2> "$case/err.txt")
  rc=$?
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then
    hangs=$((hangs + 1)); echo "hang: $what" >&2
  elif [[ $rc -gt 128 ]]; then
    crashes=$((crashes + 1)); echo "crash (signal $((rc - 128))): $what" >&2
  elif [[ $expect != *$rc* ]]; then
    others=$((others + 1)); echo "exit $rc, expected $expect: $what: $(head -c 300 "$case/err.txt")" >&2
  elif grep -q "internal error" "$case/err.txt"; then
    others=$((others + 1)); echo "internal error: $what: $(head -c 300 "$case/err.txt")" >&2
  elif LC_ALL=C grep -q $'[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]\|\xc2[\x80-\x9f]' "$case/out.txt" "$case/err.txt"; then
    others=$((others + 1)); echo "raw control character in the output: $what" >&2
  fi
  if grep -q "CANARY" "$case/out.txt" "$case/err.txt"; then
    reads=$((reads + 1)); echo "outside read: $what" >&2
  fi
  rm -rf "$case"
}

check() { run "$1" "$2" lesson check "$case/p"; }
play() { run "$1" "$2" lesson run "$case/p" --answers "$case/a.json"; }
interactive() { stdin_file=$work/quit run "$1" "$2" lesson run "$case/p"; }
printf 'q\n' > "$work/quit"

# truncated TEXT FILE RUNNER WHAT CUTS...: for each CUT shorter than TEXT, a case whose
# FILE (relative to the case folder) holds the first CUT bytes of TEXT, run by RUNNER
# (check, play or interactive); each must be refused.
truncated() {
  local text=$1 file=$2 runner=$3 what=$4
  shift 4
  local cut
  for cut in "$@"; do
    ((cut < ${#text})) || continue
    new_case
    printf '%s' "${text:0:$cut}" > "$case/$file"
    "$runner" "$what cut at $cut bytes" 2
  done
}

# ---------------------------------------------------------------- file references

# Values of a reference field, as JSON strings, relative to the pack folder $case/p.
references=(
  '"../../outside/canary.md"' '"../../outside/canary.json"' '"../../outside/canary.bin"'
  '"text/../../../outside/canary.md"' '"./../../outside/canary.json"' '"../"' '".."' '"."' '"text"'
  "\"$outside/canary.md\"" "\"$outside/canary.json\"" '"/etc/passwd"' '"/proc/self/environ"'
  '"/dev/zero"' '"/dev/stdin"' '"/dev/null"' '"~/.bashrc"' '"link-out"' '"link-dir/en.md"'
  '"loop"' '"self"' '"fifo"' '"folder"' '"dangling"' '"devlink"'
  '"text/\u001b[2Jx.md"' '"missing\u0000.md"' "\"$(deep 300 'a/')x.md\""
)
links() {
  ln -s "$outside/canary.json" "$case/p/link-out"
  ln -s "$outside/dir" "$case/p/link-dir"
  ln -s loop2 "$case/p/loop"; ln -s loop "$case/p/loop2"
  ln -s self "$case/p/self"
  mkfifo "$case/p/fifo"
  mkdir "$case/p/folder"
  ln -s "$outside/none" "$case/p/dangling"
  ln -s /dev/zero "$case/p/devlink"
}
for ref in "${references[@]}"; do
  for field in EN KO EXP STEPEXP; do
    new_case; links
    lesson "$field=$ref" > "$case/p/l.json"
    check "$field=$ref (check)" 2
  done
  # The lesson file itself, listed in pack.json.
  new_case; links
  printf '{"format": "deepstep.lesson-pack", "version": 1, "id": "c", "title": {"en": "C", "ko": "C"}, "lessons": [%s]}' \
    "$ref" > "$case/p/pack.json"
  check "lessons[0]=$ref (check)" 2
  # The same refusal from the player.
  new_case; links
  lesson "EN=$ref" > "$case/p/l.json"
  play "EN=$ref (run --answers)" 2
done

# pack.json itself, the text folder and the answers folder as links out.
new_case; rm "$case/p/pack.json"; ln -s "$outside/canary.json" "$case/p/pack.json"; check "pack.json -> outside" 2
new_case; rm "$case/p/pack.json"; ln -s pack.json "$case/p/pack.json"; check "pack.json -> itself" 2
new_case; rm "$case/p/pack.json"; mkfifo "$case/p/pack.json"; check "pack.json is a FIFO" 2
new_case; rm -r "$case/p/text"; ln -s "$outside/dir" "$case/p/text"; check "text/ -> outside folder" 2
new_case; mkdir -p "$case/p/answers"; ln -s "$outside/canary.json" "$case/p/answers/x.json"; check "answers/x.json -> outside" 2
new_case; mkdir -p "$case/p/answers"; mkfifo "$case/p/answers/x.json"; check "answers/x.json is a FIFO" 2
new_case; ln -s "$outside" "$case/p/answers"; check "answers/ -> outside" 02
new_case; rm "$case/p/exp.json"; ln -s "$outside/canary.bin" "$case/p/exp.json"; play "exp.json -> outside binary" 2

# ---------------------------------------------------------------- bad types everywhere

values=('null' 'true' '-1' '0' '1e308' '18446744073709551616' '-9223372036854775809' '""' '"\u001b[31mred"'
        '[]' '{}' '[[[[[[[[[[]]]]]]]]]]' '"x"' '3.5' "$(deep 150 '[')")
# Lesson fields with @V@ for the value.
fields=(
  '{"id": @V@, "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}}]}'
  '{"id": "l", "title": @V@, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}}]}'
  '{"id": "l", "title": {"en": @V@, "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": @V@, "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": @V@}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [@V@]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": @V@}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "actions": @V@}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "actions": [{"do": "train", "epochs": @V@}]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "actions": [{"do": "iteration", "count": @V@}]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "actions": [{"do": "set", "path": "optimizer.learning_rate", "value": @V@}]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "show": @V@, "highlight": [@V@]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "checkpoints": [{"id": "c", "type": "choice", "question": {"en": "Q", "ko": "Q"}, "hints": [{"en": "h", "ko": "h"}], "choices": [{"en": "x", "ko": "x"}, {"en": "y", "ko": "y"}], "answer": @V@}]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "actions": [{"do": "forward_layer"}], "checkpoints": [{"id": "c", "type": "number", "question": {"en": "Q", "ko": "Q"}, "hints": @V@, "answer": {"value": @V@}, "tolerance": @V@}]}]}'
  '{"id": "l", "title": {"en": "L", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}, "checkpoints": [{"id": "c", "type": "outcome", "question": {"en": "Q", "ko": "Q"}, "hints": [{"en": "h", "ko": "h"}], "set": "optimizer.learning_rate", "train": {"epochs": @V@}, "expect": {"metric": "loss", "at_most": @V@}, "example_answer": @V@}]}]}'
)
for template in "${fields[@]}"; do
  for v in "${values[@]}"; do
    new_case
    printf '%s' "${template//@V@/$v}" > "$case/p/l.json"
    check "lesson field ${template:0:60}… = ${v:0:30}" 02
  done
done
# pack.json fields.
for v in "${values[@]}"; do
  for key in format version id title lessons requires lecture summary; do
    new_case
    printf '{"format": "deepstep.lesson-pack", "version": 1, "id": "c", "title": {"en": "C", "ko": "C"}, "lessons": ["l.json"], "%s": %s}' \
      "$key" "$v" > "$case/p/pack.json"
    check "pack.json $key = ${v:0:30}" 02
  done
done

# ---------------------------------------------------------------- budgets

for epochs in 100001 1000000 2147483647 2147483648 4294967297 9223372036854775807; do
  new_case; lesson "ACTIONS=[{\"do\": \"train\", \"epochs\": $epochs}]" > "$case/p/l.json"
  play "train epochs $epochs (run)" 2
  new_case; lesson "ACTIONS=[{\"do\": \"iteration\", \"count\": $epochs}]" > "$case/p/l.json"
  check "iteration count $epochs (check)" 2
done
for epochs in 10000000 100000000 2147483647; do
  new_case
  printf '%s\n' "${experiment//\"epochs\": 10/\"epochs\": $epochs}" > "$case/p/exp.json"
  lesson 'ACTIONS=[{"do": "train"}]' > "$case/p/l.json"
  check "experiment epochs $epochs with a bare train action (check)" 2
done

# ---------------------------------------------------------------- control characters

for text in "$esc[2J$esc]0;owned$bel" "$esc[31mred$esc[0m" $'\xc2\x9b2J' $'\x7f\x08\x08' $'\r\e[K' $'\xe2\x80\xae' $'\xff\xfe'; do
  new_case
  printf '# Title %s\n\nText %s\n' "$text" "$text" > "$case/p/text/en.md"
  interactive "Markdown with control characters (interactive run)" 0
  new_case
  printf '{"id": "l", "title": {"en": "%s", "ko": "L"}, "experiment": "exp.json", "steps": [{"text": {"en": "text/en.md", "ko": "text/ko.md"}}]}' \
    "$(printf '%s' "$text" | od -An -tx1 | tr -s ' ' | sed 's/ \([0-9a-f][0-9a-f]\)/\\u00\1/g; s/ //g')" > "$case/p/l.json"
  interactive "title with control characters (interactive run)" 02
done

# ---------------------------------------------------------------- progress files

progress_values=('{}' '[]' 'null' '"x"' '{"format": "deepstep.lesson-progress", "version": 99}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": []}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"step": -1}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"step": 18446744073709551615}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"step": 1e300}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"completed_steps": [1, -2]}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"completed": "yes"}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"answers": {"a": {"attempts": -5}}}}}'
  '{"format": "deepstep.lesson-progress", "version": 1, "lessons": {"c/l": {"answers": {"a": {"correct": 1}}}}}'
  "{\"format\": \"deepstep.lesson-progress\", \"version\": 1, \"lessons\": $(deep 100000 '[')"
  "$(deep 100000 '{"a":')"
  '{"format": "deepstep.lesson-progress", "version": 1e999}')
for v in "${progress_values[@]}"; do
  new_case; printf '%s' "$v" > "$case/data/progress.json"
  interactive "progress file ${v:0:60}" 2
done
truncated "$progress_json" data/progress.json interactive "progress file" 1 10 30 60 90 120 150 180
new_case; rm "$case/data/progress.json"; mkfifo "$case/data/progress.json"; interactive "progress file is a FIFO" 2
new_case; rm "$case/data/progress.json"; ln -s progress.json "$case/data/progress.json"; interactive "progress file is a loop" 2
new_case; rm "$case/data/progress.json"; mkdir "$case/data/progress.json"; interactive "progress file is a folder" 2
new_case; rm "$case/data/progress.json"; ln -s /dev/zero "$case/data/progress.json"; interactive "progress file -> /dev/zero" 2
new_case; interactive "valid progress file" 0

# ---------------------------------------------------------------- answers files

answers_values=('{}' '[]' '{"answers": []}' '{"answers": {"nope": {}}}' '{"answers": {"l": {"nope": 1}}}'
  '{"answers": {"l": {"a": "one"}}}' '{"answers": {"l": {"a": 1.5}}}' '{"answers": {"l": {"a": 99999999999999999999}}}'
  '{"answers": {"l": {"a": -1}}}' '{"answers": {"l": {"b": [1]}}}' '{"answers": {"l": {"b": 1e999}}}'
  '{"format": "deepstep.lesson-answers", "version": 99, "answers": {}}' '{"pack": "other", "answers": {}}'
  "{\"answers\": $(deep 5000 '{"x":')" '{"answers": {"l": {"a": 1}}, "extra": "\u001b[2J"}')
for v in "${answers_values[@]}"; do
  new_case; printf '%s' "$v" > "$case/a.json"
  play "answers file ${v:0:60}" 02
done
truncated "$answers_json" a.json play "answers file" 1 20 50 80 100
new_case; rm "$case/a.json"; mkfifo "$case/a.json"; play "answers file is a FIFO" 2
new_case; rm "$case/a.json"; ln -s a.json "$case/a.json"; play "answers file is a loop" 2
new_case; rm "$case/a.json"; ln -s /dev/zero "$case/a.json"; play "answers file -> /dev/zero" 2

# ---------------------------------------------------------------- truncations

full_lesson=$(lesson)
truncated "$full_lesson" p/l.json check "lesson file" 1 5 17 40 80 120 200 300 400 500 600
truncated "$pack_json" p/pack.json check "pack.json" 1 10 30 60 90
new_case; printf '%s' "$(deep 200000 '[')" > "$case/p/l.json"; check "lesson file nested 200,000 deep" 2
new_case; printf '%s' "$(deep 200000 '[')" > "$case/p/pack.json"; check "pack.json nested 200,000 deep" 2
new_case; check "the valid pack" 0
new_case; play "the valid pack, played" 0

echo "lessons: $inputs inputs, $crashes crashes, $hangs hangs, $others other-exit-codes, $reads outside reads"
[[ $crashes -eq 0 && $hangs -eq 0 && $others -eq 0 && $reads -eq 0 ]]
