#!/usr/bin/env bash
# The GPU checks of DeepStep's CUDA backend, for a machine with an NVIDIA GPU, a driver
# and the CUDA 13 libraries (cuBLAS) but none of DeepStep's build dependencies (no Qt,
# no Armadillo, no package registry).
#
#   scripts/gpu-check.sh pack           here, after the default build (scripts/build.sh):
#                                       copies what the checks run into build/gpu-pack
#                                       (about 40 MB: the parity harness, libdeepstep_core,
#                                       the CUDA backend module, the hand-written GPU MLP
#                                       epoch, PyTorch's MLP script, the Fashion-MNIST
#                                       training files, and this machine's libstdc++ as
#                                       a fallback)
#   scripts/gpu-check.sh run [DIR]      on the GPU machine, with build/gpu-pack carried
#                                       there: writes DIR/gpu-report.txt (default: $OUT,
#                                       else build/gpu-pack) and exits with the harness's
#                                       status: 0 every check passed, 1 one failed,
#                                       77 no usable GPU (the report says why).
#
# The report holds nvidia-smi's view of the GPU, `deepstep_gpu_parity`'s output (the
# worst error of every operation against the CPU on random shapes) and the time it took,
# then the MLP epoch (batch 64, 60,000 images) written by hand with cuBLAS, as issued and
# as a CUDA graph, and in PyTorch on the GPU (python3 with torch, where there is one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pack="$root/build/gpu-pack"

case "${1:-}" in
  pack)
    build="$root/build"
    for f in "$build/bin/deepstep_gpu_parity" "$build/lib/libdeepstep_core.so.0" "$build/lib/libdeepstep_cuda.so"; do
      if [ ! -e "$f" ]; then
        echo "gpu-check: $f is missing: build first (scripts/build.sh, with the CUDA toolkit installed)" >&2
        exit 2
      fi
    done
    rm -rf "$pack"
    mkdir -p "$pack/bin" "$pack/lib" "$pack/fallback"
    cp "$build/bin/deepstep_gpu_parity" "$pack/bin/"
    [ -e "$build/bin/deepstep_bench_gpu_mlp" ] && cp "$build/bin/deepstep_bench_gpu_mlp" "$pack/bin/"
    cp "$root/bench/pytorch_mlp.py" "$pack/bin/"
    data=${DEEPSTEP_FASHION_MNIST:-/usr/share/datasets/fashion-mnist}
    if [ -e "$data/train-images-idx3-ubyte.gz" ]; then
      mkdir -p "$pack/data"
      cp "$data/train-images-idx3-ubyte.gz" "$data/train-labels-idx1-ubyte.gz" "$pack/data/"
    else
      echo "gpu-check: no Fashion-MNIST in $data: the MLP epochs will not run there" >&2
    fi
    cp -L "$build/lib/libdeepstep_core.so.0" "$build/lib/libdeepstep_cuda.so" "$pack/lib/"
    # Used only when the GPU machine's own libstdc++ is older than the one DeepStep was
    # built with (it needs glibc 2.36, so it cannot be the first choice).
    cp -L "$(g++ -print-file-name=libstdc++.so.6)" "$pack/fallback/"
    du -sh "$pack"
    ;;
  run)
    out=${2:-${OUT:-$pack}}
    mkdir -p "$out"
    report="$out/gpu-report.txt"
    if [ ! -x "$pack/bin/deepstep_gpu_parity" ]; then
      echo "gpu-check: $pack is missing: run 'scripts/gpu-check.sh pack' where DeepStep was built" >&2
      exit 2
    fi
    cuda_lib=""
    for d in /usr/local/cuda/lib64 /usr/local/cuda/targets/x86_64-linux/lib; do
      [ -e "$d/libcublas.so.13" ] && cuda_lib="$d" && break
    done
    {
      echo "DeepStep GPU check, $(date -u '+%Y-%m-%d %H:%M UTC')"
      if command -v nvidia-smi > /dev/null; then
        nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 || true
      else
        echo "nvidia-smi: not on this machine"
      fi
      echo "cuBLAS from: ${cuda_lib:-the default library path}"
    } > "$report"
    run_parity() {
      LD_LIBRARY_PATH="$1$pack/lib${cuda_lib:+:$cuda_lib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
        "$pack/bin/deepstep_gpu_parity"
    }
    start=$(date +%s.%N)
    set +e
    output=$(run_parity "" 2>&1)
    status=$?
    if [ $status -ne 0 ] && grep -q "GLIBCXX" <<<"$output"; then
      echo "(this machine's libstdc++ is older: running with the carried one)" >> "$report"
      output=$(run_parity "$pack/fallback:" 2>&1)
      status=$?
    fi
    set -e
    end=$(date +%s.%N)
    {
      echo "$output"
      echo "parity harness: exit $status, $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }') s"
    } >> "$report"
    if [ $status -eq 0 ] && [ -e "$pack/data/train-images-idx3-ubyte.gz" ]; then
      echo "MLP epoch, batch 64 (best of 3):" >> "$report"
      if [ -x "$pack/bin/deepstep_bench_gpu_mlp" ]; then
        for mode in "" --graph; do
          LD_LIBRARY_PATH="$pack/lib${cuda_lib:+:$cuda_lib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
            "$pack/bin/deepstep_bench_gpu_mlp" --data-dir "$pack/data" $mode >> "$report" 2>&1 || true
        done
      fi
      if command -v python3 > /dev/null; then
        python3 "$pack/bin/pytorch_mlp.py" --device cuda --reps 3 --data-dir "$pack/data" >> "$report" 2>&1 || true
      fi
    fi
    cat "$report"
    exit $status
    ;;
  *)
    echo "usage: scripts/gpu-check.sh pack | run [DIR]" >&2
    exit 2
    ;;
esac
