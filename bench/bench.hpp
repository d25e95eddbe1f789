#pragma once
// The pieces of deepstep_bench. One worker process measures everything at one BLAS
// thread count (OpenBLAS reads OPENBLAS_NUM_THREADS once, at start), so the driver
// in main.cpp starts one worker per thread count and one PyTorch process per
// setting, then prints and saves the comparison.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace deepstep {
class Registry;
}

namespace deepstep::bench {

/// The network and training settings every contender uses.
struct MlpConfig {
    std::vector<std::size_t> layers{784, 128, 64, 10};  ///< input, hidden..., classes
    std::size_t batchSize = 64;
    double learningRate = 0.01;
    double momentum = 0.9;
    std::uint64_t seed = 7;
};

/// The backprop and CNN lectures' components, registered once (bench_models.cpp).
const Registry& benchRegistry();
/// The MLP of `config` as model JSON: dense layers "dense1"…, ReLU, softmax last, He init.
Json mlpModelJson(const MlpConfig& config);

/// Training images as DeepStep wants them.
struct BenchData {
    Tensor inputs;                       ///< N × 784, floats in [0, 1]
    Tensor targets;                      ///< N × classes, one-hot
    std::vector<std::uint32_t> labels;   ///< N class indices (the reference loop uses these)
    std::vector<std::string> classNames;
    std::string source;  ///< "fashion-mnist (DIR)" or "synthetic (...)"
};

/// The folder the Fashion-MNIST training files are looked for in by default.
std::string defaultDataDirectory();

/// The first `limit` training images of Fashion-MNIST in `directory` (0: all 60,000).
/// Falls back to synthetic, learnable data of the same shape when the files are not
/// there; `source` says which.
/// throws InputError when the files exist but cannot be read.
BenchData loadBenchData(std::size_t limit, const MlpConfig& config, const std::string& directory);

/// Initial weights in column form: W[l] is out × in (DeepStep's row-major in × out
/// weight tensor read column-major), b[l] has out entries.
struct MlpWeights {
    std::vector<arma::fmat> w;
    std::vector<arma::fvec> b;
};

/// Largest |a − b| over all weights and biases. requires: same layout.
float maxDifference(const MlpWeights& a, const MlpWeights& b);

/// One timed epoch of any contender.
struct EpochRun {
    double seconds = 0.0;     ///< wall time of the epoch
    double meanLoss = 0.0;    ///< mean of the batch losses during the epoch
    double lossBefore = 0.0;  ///< loss over the whole training set before the epoch (untimed)
    double lossAfter = 0.0;   ///< and after it
    double gemmSeconds = 0.0; ///< time inside GEMM calls (hand-written loop only)
};

/// DeepStep: Registry-built network, fused softmax + categorical cross-entropy,
/// "momentum" optimizer, Trainer::fit for one epoch on a TensorDataset.
struct DeepStepEpoch {
    EpochRun run;
    MlpWeights initial;  ///< the weights fit() started from
    MlpWeights final;    ///< and ended with
    bool trainAccuracyRunning = false;  ///< false: the epoch time includes a full re-evaluation
};
/// withLosses: also evaluate the loss over the whole set before and after the epoch
/// (untimed); profiling leaves it out so that only the epoch shows.
DeepStepEpoch runDeepStepEpoch(const BenchData& data, const MlpConfig& config, bool withLosses = true);

/// The same epoch written plainly with arma::fmat, starting from `initial`, taking
/// the batches in the order Trainer::fit does for config.seed.
struct ReferenceEpoch {
    EpochRun run;
    MlpWeights final;
};
ReferenceEpoch runReferenceEpoch(const BenchData& data, const MlpConfig& config, const MlpWeights& initial);

/// One GEMM of the network, in column form: C (m × n) = op(A) op(B), inner size k.
struct GemmShape {
    std::string name;  ///< e.g. "fwd 1: W1ᵀ·X"
    int m = 0;
    int n = 0;
    int k = 0;
    bool transA = false;
    bool transB = false;
    bool unneeded = false;  ///< dL/dX of the images: listed for reference, training skips it
    double flops() const { return 2.0 * m * n * k; }
};
/// The forward, weight-gradient and input-gradient products at `batch`.
std::vector<GemmShape> networkGemms(const MlpConfig& config, std::size_t batch);
/// GEMM flops of one training epoch over `samples` images (the unneeded product left out).
double epochGemmFlops(const MlpConfig& config, std::size_t samples);

struct GemmRate {
    GemmShape shape;
    double tensorGflops = 0.0;  ///< through Tensor::columns() views, as the layers do it
    double blasGflops = 0.0;    ///< cblas_sgemm on the same memory
};
/// Measures every shape for about `secondsPerShape` each way.
std::vector<GemmRate> measureGemmRates(const MlpConfig& config, double secondsPerShape);

/// The OpenBLAS thread count in effect in this process.
int blasThreads();

/// "AMD EPYC 7B13, 2 cores" from /proc/cpuinfo, or "unknown".
std::string machineDescription();

/// Median and minimum of a non-empty list.
double median(std::vector<double> v);
double minimum(const std::vector<double>& v);

}  // namespace deepstep::bench
