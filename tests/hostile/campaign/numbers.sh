#!/usr/bin/env bash
# Hostile numbers campaign: puts numbers that do not fit (0, -1, 2^31 - 1, 2^31, 2^32 + 1,
# 2^63, 1e308, 1e39, -1e39, 1e-50, 0.5 for an integer, "1", true, [] ...) into every
# numeric field of a few experiments (each layer type's options, training, optimizer,
# loss and dataset options) and into the CLI's integer options, and checks each run:
#
#   - it ends by itself (timeout per run) and not by a signal (no crash),
#   - its exit code is 0, 1 or 2, and nothing says "internal error",
#   - a run that exits 0 did what was asked: `train` reports the epochs it trained, and
#     never 0 epochs (or fewer than asked) unless the experiment asked for that or
#     says why it stopped early.
#
# Each run has a virtual-memory cap (ulimit -v) and a memory budget below it
# (DEEPSTEP_MEMORY_LIMIT), so that a size that slipped past the budget shows up as a
# failure instead of taking the machine.
#
# Usage: numbers.sh PATH/TO/deepstep
# Prints one line "numbers: N inputs, C crashes, H hangs, I internal-errors, S silent-wrong"
# and exits 0 only when C, H, I and S are all 0. Set NUMBERS_VERBOSE=1 for every run.
set -u

deepstep=${1:?usage: numbers.sh PATH/TO/deepstep}
deepstep=$(cd "$(dirname "$deepstep")" && pwd)/$(basename "$deepstep")
timeout_s=${NUMBERS_TIMEOUT:-60}
memory_kib=${NUMBERS_MEMORY_KIB:-4194304}  # 4 GiB of address space per run

work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-numbers.XXXXXX")
trap 'rm -rf "$work"' EXIT

inputs=0 crashes=0 hangs=0 internal=0 silent=0

# The hostile values, as JSON text.
values=(0 -1 2147483647 2147483648 4294967297 9223372036854775808 18446744073709551617
        1e308 1e39 -1e39 1e-50 0.5 '"1"' true '[]' null 1e30)

# Experiment templates. A field is written @NAME:DEFAULT@; one run replaces one field by
# a hostile value and every other field by its default. The iteration limit bounds a
# run whose hostile value is a legitimately huge number of epochs.
dense_template='{
  "seed": @seed:1@,
  "model": {"input": [@input:2@], "layers": [
    {"type": "dense", "units": @units:4@, "activation": {"type": "leaky_relu", "alpha": @alpha:0.1@},
     "init": "uniform", "init_scale": @init_scale:0.5@},
    {"type": "prelu", "alpha": @prelu_alpha:0.25@},
    {"type": "dropout", "rate": @rate:0.1@, "seed": @dropout_seed:3@},
    {"type": "standardize", "mean": @mean:0@, "std": @std:1@},
    {"type": "batch_norm", "momentum": @momentum:0.9@, "epsilon": @bn_epsilon:0.00001@},
    {"type": "dense", "units": 1, "activation": "sigmoid"}]},
  "loss": {"type": "binary_cross_entropy", "epsilon": @loss_epsilon:1e-7@},
  "optimizer": {"type": "adam", "learning_rate": @learning_rate:0.05@, "beta1": @beta1:0.9@,
                "beta2": @beta2:0.999@, "epsilon": @adam_epsilon:1e-8@},
  "dataset": {"type": "xor", "repeat": @repeat:2@},
  "training": {"epochs": @epochs:5@, "batch_size": @batch_size:4@, "validation_split": @validation_split:0@,
               "l1": @l1:0@, "l2": @l2:0@, "max_iterations": @max_iterations:500@,
               "target_accuracy": @target_accuracy:-1@, "lr_decay": @lr_decay:1@}
}'
maxout_template='{
  "model": {"layers": [
    {"type": "maxout", "units": @units:3@, "pieces": @pieces:2@},
    {"type": "dense", "units": 1, "activation": "sigmoid", "init": "normal", "init_scale": @init_scale:0.1@}]},
  "loss": {"type": "mse", "half": true},
  "optimizer": {"type": "momentum", "learning_rate": @learning_rate:0.1@, "momentum": @momentum:0.9@},
  "dataset": {"type": "circle", "samples": @samples:40@, "noise": @noise:10@, "seed": @seed:2@},
  "training": {"epochs": 3, "batch_size": @batch_size:8@, "max_iterations": 500}
}'
perceptron_template='{
  "model": {"input": [2], "layers": [{"type": "perceptron", "units": @units:1@, "init_scale": @init_scale:0.5@}]},
  "loss": "perceptron_error",
  "optimizer": {"type": "rosenblatt", "learning_rate": @learning_rate:1@},
  "dataset": {"type": "inline", "inputs": [[0, 0], [0, @input_value:1@], [1, 0], [1, 1]],
              "targets": [[0], [0], [0], [@target_value:1@]]},
  "training": {"epochs": @epochs:4@, "max_iterations": 500}
}'

# Writes template $1 with field $2 set to $3 (and every other field to its default) to $4.
instantiate() {
    local text=$1 field=$2 value=$3
    text=${text//@$field:+([^@])@/$value}
    # Every other field: its default.
    while [[ $text =~ @[a-z_0-9]+:([^@]*)@ ]]; do
        text=${text/"${BASH_REMATCH[0]}"/"${BASH_REMATCH[1]}"}
    done
    printf '%s\n' "$text" >"$4"
}
shopt -s extglob

# Runs one hostile input: $1 names it, $2 the expected-epochs rule ("" or a number of
# epochs that a successful train must report), the rest is the command line.
run_case() {
    local name=$1 want_epochs=$2
    shift 2
    inputs=$((inputs + 1))
    local out="$work/out" err="$work/err" rc
    (
        ulimit -v "$memory_kib"
        # 1 GiB of budget under a 4 GiB cap: a size the budget lets through still fits.
        DEEPSTEP_MEMORY_LIMIT=1G exec timeout -s KILL "$timeout_s" "$deepstep" "$@"
    ) >"$out" 2>"$err" </dev/null
    rc=$?
    local verdict=ok
    if [[ $rc -eq 137 ]]; then
        # timeout -s KILL: the run did not end by itself.
        verdict=hang
        hangs=$((hangs + 1))
    elif [[ $rc -gt 128 ]]; then
        verdict="crash (signal $((rc - 128)))"
        crashes=$((crashes + 1))
    elif [[ $rc -ne 0 && $rc -ne 1 && $rc -ne 2 ]]; then
        verdict="crash (exit $rc)"
        crashes=$((crashes + 1))
    elif grep -qi "internal error\|bad_alloc\|std::" "$err"; then
        verdict="internal error"
        internal=$((internal + 1))
    elif [[ $rc -eq 0 && $1 == train ]]; then
        # "Stopped after N epochs (M iterations, ...): REASON"
        local line epochs
        line=$(grep -m1 "Stopped after" "$out")
        epochs=$(sed -n 's/.*Stopped after \([0-9][0-9]*\) epoch.*/\1/p' <<<"$line")
        if [[ -z $epochs ]]; then
            verdict="silent-wrong (no epoch count reported)"
            silent=$((silent + 1))
        elif [[ -n $want_epochs && $epochs -ne $want_epochs && $line != *"iteration limit"* && $line != *target* ]]; then
            verdict="silent-wrong (asked for $want_epochs epochs, trained $epochs: $line)"
            silent=$((silent + 1))
        elif [[ -z $want_epochs && $epochs -eq 0 && $line != *"iteration limit"* ]]; then
            verdict="silent-wrong (0 epochs trained: $line)"
            silent=$((silent + 1))
        fi
    fi
    if [[ $verdict != ok || -n ${NUMBERS_VERBOSE:-} ]]; then
        printf '%s: exit %s, %s\n' "$name" "$rc" "$verdict"
        [[ $verdict != ok ]] && sed 's/^/    /' "$err" | head -3
    fi
}

# The epochs a successful run must report when $2 is written into field $1: the value
# itself for the epochs fields when it is a whole number, otherwise the template's.
expected_epochs() {
    local field=$1 value=$2 fallback=$3
    if [[ $field == epochs ]]; then
        if [[ $value =~ ^[0-9]+$ ]] && ((${#value} < 10)); then
            echo "$value"
        else
            echo ""  # a huge count ends by the iteration limit, or is refused
        fi
    else
        echo "$fallback"
    fi
}

campaign_template() {
    local label=$1 template=$2 default_epochs=$3
    shift 3
    local field value file
    for field in "$@"; do
        for value in "${values[@]}"; do
            file="$work/$label-$field.json"
            instantiate "$template" "$field" "$value" "$file"
            run_case "$label.$field=$value" "$(expected_epochs "$field" "$value" "$default_epochs")" \
                train "$file" --out "$work/run" --quiet
        done
    done
}

campaign_template dense "$dense_template" 5 \
    seed input units alpha init_scale prelu_alpha rate dropout_seed mean std momentum bn_epsilon \
    loss_epsilon learning_rate beta1 beta2 adam_epsilon repeat epochs batch_size validation_split l1 l2 \
    max_iterations target_accuracy lr_decay
campaign_template maxout "$maxout_template" 3 units pieces init_scale learning_rate momentum samples noise seed \
    batch_size
campaign_template perceptron "$perceptron_template" 4 units init_scale learning_rate input_value target_value epochs

# The CLI's integer and number options. Not `trace --steps`: 2^31 - 1 steps is a valid
# request that records for hours until trace has a bound of its own.
instantiate "$dense_template" none none "$work/base.json"
cli_values=(0 -1 1 2147483647 2147483648 4294967297 9223372036854775807 9223372036854775808
            18446744073709551617 1e308 1e39 0.5 abc '' -- 1e-50)
for value in "${cli_values[@]}"; do
    want=""
    [[ $value =~ ^[0-9]+$ ]] && ((${#value} < 10)) && want=$value
    run_case "train --epochs $value" "$want" train "$work/base.json" --epochs "$value" --out "$work/run" --quiet
    run_case "race --steps $value" "" race rosenbrock --steps "$value"
    run_case "race --learning-rate $value" "" race bowl --learning-rate "$value" --steps 50
    run_case "demo --epochs $value" "" demo "$work/base.json" --epochs "$value"
    run_case "gradcheck --epsilon $value" "" gradcheck "$work/base.json" --epsilon "$value"
    run_case "gradcheck --tolerance $value" "" gradcheck "$work/base.json" --tolerance "$value"
done

echo "numbers: $inputs inputs, $crashes crashes, $hangs hangs, $internal internal-errors, $silent silent-wrong"
[[ $crashes -eq 0 && $hangs -eq 0 && $internal -eq 0 && $silent -eq 0 ]]
