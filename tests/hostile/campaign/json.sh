#!/usr/bin/env bash
# Hostile JSON campaign: mutates a few valid experiments and a saved model in every way
# a hostile user might (deleted keys, values of every other type, nesting at each place,
# huge strings, duplicate keys, truncation, bit flips, Unicode oddities, numbers at the
# edges of their range, control characters in names) and runs each through the commands
# that read it, with a time limit and a 4 GB address-space cap per run. Counts crashes
# (a signal, or an exit code other than 0, 1 or 2), hangs, "internal error" messages,
# and runs that accept a model file whose meaning was changed (silent-accepted).
#
# Usage: tests/hostile/campaign/json.sh path/to/deepstep [SEED]
# Prints one line "json: N inputs, C crashes, H hangs, I internal-errors, S silent-accepted"
# (after a few lines about the bit flips) and exits 0 only when C, H, I and S are all 0.
# Findings are kept in the temporary folder named on stderr when there are any.
set -u
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
  echo "usage: $0 path/to/deepstep [SEED]" >&2
  exit 2
fi
deepstep=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
seed=${2:-11}
command -v python3 >/dev/null || { echo "json.sh: python3 is needed to make the inputs" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/deepstep-json-campaign.XXXXXX")
keep=0
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "json.sh: findings kept in $work" >&2; fi; }
trap cleanup EXIT
cd "$work" || exit 2

# The valid seeds: three small experiments and a model trained from the first.
cat > xor.json <<'EOF'
{"format": "deepstep.experiment", "version": 1, "name": "xor", "description": {"en": "XOR", "ko": "XOR"},
 "seed": 42,
 "model": {"input": [2], "layers": [
   {"type": "dense", "name": "hidden", "units": 3, "activation": "tanh",
    "parameters": {"bias": [0.1, -0.2, 0.3]}},
   {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
 "loss": {"type": "binary_cross_entropy"},
 "optimizer": {"type": "adam", "learning_rate": 0.05},
 "dataset": {"type": "xor"},
 "training": {"epochs": 3, "batch_size": 2, "shuffle": true, "l2": 0.001}}
EOF
cat > inline.json <<'EOF'
{"name": "inline", "seed": 1,
 "model": {"layers": [{"type": "dense", "units": 3, "activation": {"type": "leaky_relu", "alpha": 0.1}},
                      {"type": "dense", "units": 3, "activation": "softmax"}]},
 "loss": "categorical_cross_entropy", "optimizer": {"type": "sgd", "learning_rate": 0.1},
 "dataset": {"type": "inline", "inputs": [[0, 1], [1, 0], [1, 1], [0, 0]],
             "targets": [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]], "classes": ["a", "b", "c"],
             "features": ["x", "y"]},
 "test_dataset": {"type": "inline", "inputs": [[0, 1]], "targets": [[1, 0, 0]]},
 "training": {"epochs": 2, "validation_split": 0.25, "train_accuracy": "exact"}}
EOF
cat > residual.json <<'EOF'
{"seed": 3,
 "model": {"input": [2], "layers": [
   {"type": "dense", "name": "stem", "units": 4, "activation": "relu"},
   {"type": "residual", "name": "block", "layers": [
     {"type": "dense", "name": "inner", "units": 4, "activation": "tanh"},
     {"type": "dense", "name": "back", "units": 4, "trainable": false}]},
   {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
 "loss": {"type": "mse", "half": true}, "optimizer": "sgd",
 "dataset": {"type": "circle", "samples": 32, "seed": 2},
 "training": {"epochs": 2, "batch_size": 8}}
EOF
if ! "$deepstep" train xor.json --out run --quiet >/dev/null 2>train.err; then
  echo "json.sh: the seed experiment does not train:" >&2
  cat train.err >&2
  exit 2
fi
cp run/model.json model.json
if ! "$deepstep" eval model.json --dataset xor >/dev/null 2>eval.err; then
  echo "json.sh: the seed model does not evaluate:" >&2
  cat eval.err >&2
  exit 2
fi

# The inputs: inputs/NNNN.json with inputs/NNNN.kind ("exp" or "model" and how it was
# made) and, for models, inputs/NNNN.same (1 when the JSON value is unchanged).
mkdir inputs
python3 - "$seed" <<'PY'
import json, random, sys
rng = random.Random(int(sys.argv[1]))
n = 0
def emit(kind, how, data, same=None):
    global n
    n += 1
    base = "inputs/%04d" % n
    with open(base + ".json", "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass"))
    with open(base + ".kind", "w") as f:
        f.write(kind + " " + how + "\n")
    if same is not None:
        with open(base + ".same", "w") as f:
            f.write("1" if same else "0")

def paths(v, here=()):
    out = [here]
    if isinstance(v, dict):
        for k, x in v.items():
            out += paths(x, here + (k,))
    elif isinstance(v, list):
        for i, x in enumerate(v):
            out += paths(x, here + (i,))
    return out

def setp(doc, path, value):
    if not path:
        return value
    d = json.loads(json.dumps(doc))
    t = d
    for k in path[:-1]:
        t = t[k]
    t[path[-1]] = value
    return d

def delp(doc, path):
    d = json.loads(json.dumps(doc))
    t = d
    for k in path[:-1]:
        t = t[k]
    del t[path[-1]]
    return d

def value_same(original, text):
    try:
        return json.loads(text) == original
    except Exception:
        return False

def mutate(kind, text, budget):
    doc = json.loads(text)
    ps = [p for p in paths(doc) if p]
    rng.shuffle(ps)
    others = [None, True, 0, -1, 2.5, "text", [], {}, [1, 2], {"type": "dense"}]
    # Deleted keys.
    for p in [p for p in ps if isinstance(p[-1], str)][:budget]:
        emit(kind, "delete " + "/".join(map(str, p)), json.dumps(delp(doc, p)), False)
    # Values of another type.
    for p in ps[:budget]:
        v = rng.choice(others)
        emit(kind, "type " + "/".join(map(str, p)), json.dumps(setp(doc, p, v)), False)
    # Nesting just over and just under the limit, at some places.
    for p in ps[: budget // 3]:
        for depth in (150, 99):
            deep = "[" * depth + "1" + "]" * depth
            emit(kind, "nest%d %s" % (depth, "/".join(map(str, p))), json.dumps(setp(doc, p, "@@")).replace('"@@"', deep), False)
    # Huge strings (8 MB) as a name and as a value.
    for p in ps[:2]:
        emit(kind, "huge-string " + "/".join(map(str, p)), json.dumps(setp(doc, p, "x" * (8 << 20))), False)
    # Duplicate keys: the first object's first key again with another value.
    i = text.index('"', text.index("{"))
    j = text.index('"', i + 1)
    key = text[i:j + 1]
    # (The later of two keys wins, as in DeepStep's reader: the value may be unchanged.)
    for v in ("12345", "null"):
        t = text[: i] + key + ": " + v + ", " + text[i:]
        emit(kind, "duplicate-key", t, value_same(doc, t) if kind == "model" else None)
    # Truncation at random points.
    for _ in range(budget // 2):
        cut = rng.randrange(1, len(text))
        emit(kind, "truncate %d" % cut, text[:cut], False)
    # Random byte flips (one bit, or a whole random byte).
    raw = text.encode()
    for _ in range(budget // 2):
        b = bytearray(raw)
        at = rng.randrange(len(b))
        b[at] = rng.randrange(256) if rng.random() < 0.5 else b[at] ^ (1 << rng.randrange(8))
        emit(kind, "byte %d" % at, bytes(b), value_same(doc, bytes(b).decode("utf-8", "replace")) if kind == "model" else None)
    # Unicode oddities and control characters in names and strings.
    odd = ["\u0000", "\u001b[31mred\u001b[0m", "\ud800", "\u202eevil", "e\u0301", "\ufeff", "\uffff", "a\tb\nc",
           "\U0001F600", "\u0085", "../../etc/passwd", ""]
    for p in [p for p in ps if isinstance(p[-1], str)][: budget // 2]:
        o = rng.choice(odd)
        emit(kind, "unicode-value " + "/".join(map(str, p)), json.dumps(setp(doc, p, o), ensure_ascii=rng.random() < 0.5), False)
    for o in odd:
        t = text.replace('"name": "', '"name": "' + o.replace("\\", "\\\\").encode("unicode_escape").decode().replace("\\x", "\\u00"), 1)
        emit(kind, "unicode-name", t, None if kind == "exp" else value_same(doc, t))
    # A byte-order mark before the text and a NUL after it leave the JSON value as it is.
    emit(kind, "bom", "\ufeff" + text, True if kind == "model" else None)
    emit(kind, "invalid-utf8", text.encode().replace(b'"', b'"\xff', 1), False)
    emit(kind, "nul-byte", text.encode() + b"\x00", True if kind == "model" else None)
    # Numbers at the edges of their range, at number places.
    numeric = []
    def walk(v, here=()):
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            numeric.append(here)
        elif isinstance(v, dict):
            for k, x in v.items():
                walk(x, here + (k,))
        elif isinstance(v, list):
            for i2, x in enumerate(v):
                walk(x, here + (i2,))
    walk(doc)
    rng.shuffle(numeric)
    edges = ["1e999", "-1e999", "-0", "-0.0", "1e-400", "1e39", "-1e39", "9007199254740993", "18446744073709551616",
             "-9223372036854775809", "2147483648", "4294967297", "1e12", "0.5", "-1"]
    for p in numeric[:budget]:
        e = rng.choice(edges)
        emit(kind, "number %s %s" % (e, "/".join(map(str, p))), json.dumps(setp(doc, p, "@@")).replace('"@@"', e), False)

for name, budget in (("xor.json", 14), ("inline.json", 12), ("residual.json", 12)):
    mutate("exp", open(name).read(), budget)
model_text = open("model.json").read()
mutate("model", model_text, 16)
# The bit-flip measurement: 150 single-bit flips anywhere in the saved model.
model_doc = json.loads(model_text)
raw = model_text.encode()
for _ in range(150):
    b = bytearray(raw)
    at = rng.randrange(len(b))
    b[at] ^= 1 << rng.randrange(8)
    try:
        same = json.loads(bytes(b).decode("utf-8")) == model_doc
    except Exception:
        same = False
    emit("model", "bitflip %d" % at, bytes(b), same)
PY

inputs=0 crashes=0 hangs=0 internal=0 silent=0
flips=0 flip_refused=0 flip_harmless_accepted=0 flip_harmless_refused=0 flip_changed_accepted=0
run() {  # run LOG ARGS...: one run, with the time limit and the memory cap
  local log=$1
  shift
  timeout -k 5 30 bash -c 'ulimit -v 4194304; exec "$@"' _ "$@" >"$log.out" 2>"$log.err" </dev/null
}
verdict() {  # verdict CODE LOG INPUT: counts a finding
  local code=$1 log=$2 input=$3
  if [ "$code" = 124 ] || [ "$code" = 137 ]; then
    hangs=$((hangs + 1)); keep=1; echo "hang: $input ($(cat "${input%.json}.kind"))" >>findings
  elif [ "$code" -gt 2 ]; then
    crashes=$((crashes + 1)); keep=1; echo "exit $code: $input ($(cat "${input%.json}.kind"))" >>findings
  fi
  if grep -q "internal error" "$log.err"; then
    internal=$((internal + 1)); keep=1; echo "internal error: $input: $(head -c 300 "$log.err")" >>findings
  fi
}
for input in inputs/*.json; do
  inputs=$((inputs + 1))
  read -r kind how <"${input%.json}.kind"
  log=${input%.json}
  if [ "$kind" = exp ]; then
    rm -rf out
    run "$log.train" "$deepstep" train "$input" --out out --epochs 1 --quiet
    verdict $? "$log.train" "$input"
    if [ $((inputs % 3)) = 0 ]; then
      run "$log.grad" "$deepstep" gradcheck "$input"
      verdict $? "$log.grad" "$input"
    fi
  else
    run "$log.eval" "$deepstep" eval "$input" --dataset xor
    code=$?
    verdict $code "$log.eval" "$input"
    same=$(cat "$log.same" 2>/dev/null || echo 0)
    if [ "$code" = 0 ] && [ "$same" != 1 ]; then
      silent=$((silent + 1)); keep=1; echo "accepted a changed model: $input ($how)" >>findings
    fi
    if [ "${how%% *}" = bitflip ]; then
      flips=$((flips + 1))
      if [ "$code" = 0 ] && [ "$same" = 1 ]; then flip_harmless_accepted=$((flip_harmless_accepted + 1))
      elif [ "$code" = 0 ]; then flip_changed_accepted=$((flip_changed_accepted + 1))
      elif [ "$same" = 1 ]; then flip_harmless_refused=$((flip_harmless_refused + 1))
      else flip_refused=$((flip_refused + 1)); grep -o "checksum: the file was changed\|not valid JSON\|line [0-9]* column [0-9]*: [a-z ]*\|: [a-z.\[\]0-9_]*: [a-z ]*" "$log.eval.err" | head -1 >>flip-reasons
      fi
    fi
  fi
done

checksum=$(grep -c "checksum" flip-reasons 2>/dev/null); syntax=$(grep -c "line [0-9]* column" flip-reasons 2>/dev/null)
echo "bit flips in the saved model: $flips; changed meaning and refused: $flip_refused (checksum $checksum, JSON syntax $syntax, other $((flip_refused - checksum - syntax))); same JSON value and accepted: $flip_harmless_accepted; same value but refused: $flip_harmless_refused; changed and accepted: $flip_changed_accepted"
[ -s findings ] && head -20 findings >&2
echo "json: $inputs inputs, $crashes crashes, $hangs hangs, $internal internal-errors, $silent silent-accepted"
[ $((crashes + hangs + internal + silent)) = 0 ]
