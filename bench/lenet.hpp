#pragma once
// The LeNet-5 bench (deepstep_bench_lenet): the epoch of experiments/lenet5-fashion.json
// through DeepStep, its time split by layer, and the GEMM rates of its convolutions.

#include "bench.hpp"

#include <string>
#include <vector>

namespace deepstep::bench {

/// One epoch of the experiment's network, optimizer and batch size (Trainer::fit).
struct LenetEpoch {
    double seconds = 0.0;
    double meanLoss = 0.0;
};
LenetEpoch runLenetEpoch(const BenchData& data, const std::string& experimentPath);

/// Seconds per batch spent in one layer's forward and backward pass.
struct LayerTime {
    std::string name;
    double forward = 0.0;
    double backward = 0.0;
};
/// Times `batches` training batches layer by layer (no optimizer step): forward of
/// every layer, then backward from the fused softmax + cross-entropy gradient.
std::vector<LayerTime> lenetLayerTimes(const BenchData& data, const std::string& experimentPath,
                                       std::size_t batches);

/// One product of a convolution layer, per image: C (m × n) = op(A) · op(B).
struct ConvGemm {
    std::string name;
    int m = 0;
    int n = 0;
    int k = 0;
    bool transA = false;
    bool transB = false;
    double sgemmGflops = 0.0;  ///< cblas_sgemm, the precision DeepStep trains in
    double dgemmGflops = 0.0;  ///< cblas_dgemm on the same shape
};
/// The forward, weight-gradient and input-gradient products of LeNet's two
/// convolutions, each measured for about `secondsPerShape` per precision.
std::vector<ConvGemm> measureConvGemms(double secondsPerShape);

}  // namespace deepstep::bench
