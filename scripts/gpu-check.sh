#!/usr/bin/env bash
# The GPU checks of DeepStep's CUDA backend, for a machine with an NVIDIA GPU, a driver
# and the CUDA 13 libraries (cuBLAS) but none of DeepStep's build dependencies (no Qt,
# no Armadillo, no package registry).
#
#   scripts/gpu-check.sh pack           here, after the default build (scripts/build.sh):
#                                       copies what the checks run into build/gpu-pack
#                                       (about 50 MB: the parity harness, libdeepstep_core,
#                                       the CUDA backend module, DeepStep's trainer bench
#                                       with the libraries it loads, the hand-written GPU
#                                       MLP epoch, PyTorch's MLP and LeNet scripts, the
#                                       LeNet experiment, the Fashion-MNIST training files,
#                                       and this machine's libstdc++ as a fallback)
#   scripts/gpu-check.sh run [DIR]      on the GPU machine, with build/gpu-pack carried
#                                       there: writes DIR/gpu-report.txt (default: $OUT,
#                                       else build/gpu-pack) and exits with the harness's
#                                       status: 0 every check passed, 1 one failed,
#                                       77 no usable GPU (the report says why).
#
# The report holds nvidia-smi's view of the GPU, `deepstep_gpu_parity`'s output (the
# worst error of every operation against the CPU on random shapes) and the time it took;
# DeepStep's trainer on the CPU and on the GPU for 300 iterations of the MLP and of
# LeNet-5 with their loss curves compared; then the MLP epoch (batch 64, 60,000 images)
# in DeepStep on the GPU, written by hand with cuBLAS (as issued and as a CUDA graph) and
# in PyTorch on the GPU (python3 with torch, where there is one); and the LeNet-5 epoch
# in DeepStep and PyTorch on the GPU.
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
    cp "$root/bench/pytorch_mlp.py" "$root/bench/pytorch_lenet.py" "$root/experiments/lenet5-fashion.json" "$pack/bin/"
    if [ -e "$build/bin/deepstep_bench_gpu_trainer" ]; then
      cp "$build/bin/deepstep_bench_gpu_trainer" "$pack/bin/"
      # The libraries it loads that a bare machine lacks (Armadillo, OpenBLAS, LAPACK,
      # gfortran), all but the C and C++ runtimes, compressed: OpenBLAS alone is 36 MB,
      # 11 MB gzipped. `run` unpacks them.
      mkdir -p "$pack/lib-gz"
      ldd "$build/bin/deepstep_bench_gpu_trainer" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }' | while read -r lib; do
        case "$(basename "$lib")" in
          libc.so*|libm.so*|libstdc++.so*|libgcc_s.so*|libpthread.so*|libdl.so*|librt.so*|ld-linux*|libdeepstep_core*) ;;
          *) gzip -9 -c "$lib" > "$pack/lib-gz/$(basename "$lib").gz" ;;
        esac
      done
    fi
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
    # Debug information is no use there and a third of the size.
    if command -v strip > /dev/null; then
      strip --strip-debug "$pack"/bin/deepstep_* "$pack"/lib/*.so* 2> /dev/null || true
    fi
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
    if [ -d "$pack/lib-gz" ]; then
      for gz in "$pack"/lib-gz/*.gz; do
        lib="$pack/lib/$(basename "$gz" .gz)"
        [ -e "$lib" ] || gunzip -c "$gz" > "$lib"
      done
    fi
    libs="$pack/lib${cuda_lib:+:$cuda_lib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    if grep -q "carried one" "$report"; then libs="$pack/fallback:$libs"; fi
    trainer() {
      LD_LIBRARY_PATH="$libs" "$pack/bin/deepstep_bench_gpu_trainer" --data-dir "$pack/data" \
        --lenet "$pack/bin/lenet5-fashion.json" "$@" >> "$report" 2>&1
    }
    if [ $status -eq 0 ] && [ -e "$pack/data/train-images-idx3-ubyte.gz" ] && [ -x "$pack/bin/deepstep_bench_gpu_trainer" ]; then
      echo "DeepStep's training, CPU against GPU, 300 iterations:" >> "$report"
      trainer --compare 300 --limit 19200 || status=1
    fi
    if [ $status -eq 0 ] && [ -e "$pack/data/train-images-idx3-ubyte.gz" ]; then
      echo "MLP and LeNet-5 epochs (each three times):" >> "$report"
      [ -x "$pack/bin/deepstep_bench_gpu_trainer" ] && { trainer --reps 3 || true; }
      if [ -x "$pack/bin/deepstep_bench_gpu_mlp" ]; then
        for mode in "" --graph; do
          LD_LIBRARY_PATH="$pack/lib${cuda_lib:+:$cuda_lib}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
            "$pack/bin/deepstep_bench_gpu_mlp" --data-dir "$pack/data" $mode >> "$report" 2>&1 || true
        done
      fi
      if command -v python3 > /dev/null; then
        python3 "$pack/bin/pytorch_mlp.py" --device cuda --reps 3 --data-dir "$pack/data" >> "$report" 2>&1 || true
        python3 "$pack/bin/pytorch_lenet.py" --device cuda --reps 3 --data-dir "$pack/data" >> "$report" 2>&1 || true
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
