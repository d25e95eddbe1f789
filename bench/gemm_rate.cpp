// GEMM rates for the network's own products. The Tensor path builds the operands
// the way the dense layer does (Tensor::columns() views, Armadillo products with
// .t()), the BLAS path hands the same memory to cblas_sgemm: the gap between the two
// is what the Armadillo layer costs, the BLAS figure is the ceiling for the shape.
#include "bench.hpp"
#include "lenet.hpp"

#include "deepstep/random.hpp"

#include <cblas.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace deepstep::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Calls `op` in growing rounds until one round lasts `seconds`; returns GFLOP/s of
// the best round of three at that size (the first calls warm caches and threads).
template <class Op>
double rate(double flops, double seconds, Op op) {
    for (int i = 0; i < 3; ++i) {
        op();
    }
    long long calls = 1;
    for (;;) {
        const auto t0 = Clock::now();
        for (long long i = 0; i < calls; ++i) {
            op();
        }
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        if (s >= seconds / 3.0 || calls > (1LL << 26)) {
            double best = s;
            for (int round = 0; round < 2; ++round) {
                const auto r0 = Clock::now();
                for (long long i = 0; i < calls; ++i) {
                    op();
                }
                best = std::min(best, std::chrono::duration<double>(Clock::now() - r0).count());
            }
            return flops * static_cast<double>(calls) / best / 1e9;
        }
        calls *= 2;
    }
}

Tensor randomTensor(const Shape& shape, Rng& rng) {
    Tensor t(shape);
    init::uniform(t, rng, -1.0F, 1.0F);
    return t;
}

}  // namespace

std::vector<GemmShape> networkGemms(const MlpConfig& config, std::size_t batch) {
    std::vector<GemmShape> shapes;
    const int nb = static_cast<int>(batch);
    const std::size_t layers = config.layers.size() - 1;
    for (std::size_t l = 0; l < layers; ++l) {
        const int in = static_cast<int>(config.layers[l]);
        const int out = static_cast<int>(config.layers[l + 1]);
        const std::string i = std::to_string(l + 1);
        const std::string prev = l == 0 ? "X" : "A" + std::to_string(l);
        shapes.push_back({"fwd  Z" + i + " = W" + i + "ᵀ·" + prev, out, nb, in, false, false, false});
    }
    for (std::size_t l = layers; l-- > 0;) {
        const int in = static_cast<int>(config.layers[l]);
        const int out = static_cast<int>(config.layers[l + 1]);
        const std::string i = std::to_string(l + 1);
        const std::string prev = l == 0 ? "X" : "A" + std::to_string(l);
        shapes.push_back({"dW" + i + "ᵀ = δ" + i + "·" + prev + "ᵀ", out, in, nb, false, true, false});
        shapes.push_back({"d" + prev + "  = W" + i + "·δ" + i, in, nb, out, true, false, l == 0});
    }
    return shapes;
}

double epochGemmFlops(const MlpConfig& config, std::size_t samples) {
    double perSample = 0.0;
    for (const GemmShape& s : networkGemms(config, 1)) {
        if (!s.unneeded) {
            perSample += s.flops();
        }
    }
    return perSample * static_cast<double>(samples);
}

std::vector<GemmRate> measureGemmRates(const MlpConfig& config, double secondsPerShape) {
    Rng rng(config.seed ^ 0x6e33U);
    std::vector<GemmRate> rates;
    for (const GemmShape& s : networkGemms(config, config.batchSize)) {
        GemmRate r;
        r.shape = s;
        const auto m = static_cast<std::size_t>(s.m);
        const auto n = static_cast<std::size_t>(s.n);
        const auto k = static_cast<std::size_t>(s.k);
        // Operands as tensors whose columns() views have the stored shapes op() expects:
        // a row-major R × C tensor is a column-major C × R matrix.
        Tensor a = randomTensor(s.transA ? Shape{m, k} : Shape{k, m}, rng);
        Tensor b = randomTensor(s.transB ? Shape{k, n} : Shape{n, k}, rng);
        Tensor c(Shape{n, m});
        const arma::fmat ac = a.columns();
        const arma::fmat bc = b.columns();
        arma::fmat cc = c.columns();
        if (!s.transA && !s.transB) {
            r.tensorGflops = rate(s.flops(), secondsPerShape, [&] { cc = ac * bc; });
        } else if (s.transB) {
            r.tensorGflops = rate(s.flops(), secondsPerShape, [&] { cc = ac * bc.t(); });
        } else {
            r.tensorGflops = rate(s.flops(), secondsPerShape, [&] { cc = ac.t() * bc; });
        }
        const int lda = static_cast<int>(ac.n_rows);
        const int ldb = static_cast<int>(bc.n_rows);
        r.blasGflops = rate(s.flops(), secondsPerShape, [&] {
            cblas_sgemm(CblasColMajor, s.transA ? CblasTrans : CblasNoTrans, s.transB ? CblasTrans : CblasNoTrans,
                        s.m, s.n, s.k, 1.0F, a.data(), lda, b.data(), ldb, 0.0F, c.data(), s.m);
        });
        rates.push_back(r);
    }
    return rates;
}

std::vector<ConvGemm> measureConvGemms(double secondsPerShape) {
    // Per image, as conv2d multiplies: positions P = oh·ow, patch = C·kh·kw, filters F.
    // forward Z (P × F) = columns (P × patch) · W (patch × F); dW (patch × F) =
    // columnsᵀ · δ; d columns (P × patch) = δ · Wᵀ.
    struct Layer {
        std::string name;
        int positions, patch, filters;
    };
    const std::vector<Layer> layers{{"conv1", 28 * 28, 1 * 5 * 5, 6}, {"conv2", 10 * 10, 6 * 5 * 5, 16}};
    std::vector<ConvGemm> shapes;
    for (const Layer& l : layers) {
        shapes.push_back({l.name + " fwd  Z = cols·W", l.positions, l.filters, l.patch, false, false});
        shapes.push_back({l.name + " dW   = colsᵀ·δ", l.patch, l.filters, l.positions, true, false});
        shapes.push_back({l.name + " dcols = δ·Wᵀ", l.positions, l.patch, l.filters, false, true});
    }
    for (ConvGemm& s : shapes) {
        const double flops = 2.0 * s.m * s.n * s.k;
        const int rowsA = s.transA ? s.k : s.m;
        const int rowsB = s.transB ? s.n : s.k;
        const auto sizeA = static_cast<std::size_t>(s.m) * static_cast<std::size_t>(s.k);
        const auto sizeB = static_cast<std::size_t>(s.k) * static_cast<std::size_t>(s.n);
        const auto sizeC = static_cast<std::size_t>(s.m) * static_cast<std::size_t>(s.n);
        std::vector<float> fa(sizeA, 0.5F), fb(sizeB, 0.25F), fc(sizeC);
        std::vector<double> da(sizeA, 0.5), db(sizeB, 0.25), dc(sizeC);
        const auto ta = s.transA ? CblasTrans : CblasNoTrans;
        const auto tb = s.transB ? CblasTrans : CblasNoTrans;
        s.sgemmGflops = rate(flops, secondsPerShape, [&] {
            cblas_sgemm(CblasColMajor, ta, tb, s.m, s.n, s.k, 1.0F, fa.data(), rowsA, fb.data(), rowsB, 0.0F,
                        fc.data(), s.m);
        });
        s.dgemmGflops = rate(flops, secondsPerShape, [&] {
            cblas_dgemm(CblasColMajor, ta, tb, s.m, s.n, s.k, 1.0, da.data(), rowsA, db.data(), rowsB, 0.0,
                        dc.data(), s.m);
        });
    }
    return shapes;
}

int blasThreads() {
    return openblas_get_num_threads();
}

std::string machineDescription() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    std::string model;
    int processors = 0;
    while (std::getline(in, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) {
            continue;
        }
        std::string key = line.substr(0, colon);
        while (!key.empty() && (key.back() == ' ' || key.back() == '\t')) {
            key.pop_back();
        }
        const std::string value = colon + 2 <= line.size() ? line.substr(colon + 2) : std::string();
        if (key == "model name" && model.empty()) {
            model = value;
        } else if (key == "processor") {
            ++processors;
        }
    }
    if (model.empty()) {
        model = "unknown CPU";
    }
    const unsigned hw = std::thread::hardware_concurrency();
    return model + ", " + std::to_string(processors > 0 ? processors : static_cast<int>(hw)) + " logical CPUs";
}

double median(std::vector<double> v) {
    if (v.empty()) {
        throw std::invalid_argument("median of nothing");
    }
    std::sort(v.begin(), v.end());
    const std::size_t h = v.size() / 2;
    return v.size() % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
}

double minimum(const std::vector<double>& v) {
    if (v.empty()) {
        throw std::invalid_argument("minimum of nothing");
    }
    return *std::min_element(v.begin(), v.end());
}

}  // namespace deepstep::bench
