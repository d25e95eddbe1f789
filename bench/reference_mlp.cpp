// The epoch as one would write it by hand with Armadillo: column form (one column
// per sample), buffers allocated once, the GEMMs and a few plain loops. This is the
// cost DeepStep's engine should approach; the GEMM calls are timed on their own so
// the report can say how much of the epoch is BLAS and how much is everything else.
#include "bench.hpp"

#include "deepstep/random.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

namespace deepstep::bench {

namespace {

using Clock = std::chrono::steady_clock;

constexpr float kLogFloor = 1e-7F;  // as categorical_cross_entropy's default epsilon

void reluInPlace(arma::fmat& a) {
    for (float& v : a) {
        v = v > 0.0F ? v : 0.0F;
    }
}

// Softmax down each column, in place; returns the summed cross-entropy of the labels.
double softmaxColumns(arma::fmat& z, const std::uint32_t* labels) {
    double loss = 0.0;
    for (arma::uword j = 0; j < z.n_cols; ++j) {
        float* col = z.colptr(j);
        float top = col[0];
        for (arma::uword i = 1; i < z.n_rows; ++i) {
            top = std::max(top, col[i]);
        }
        float sum = 0.0F;
        for (arma::uword i = 0; i < z.n_rows; ++i) {
            col[i] = std::exp(col[i] - top);
            sum += col[i];
        }
        const float inv = 1.0F / sum;
        for (arma::uword i = 0; i < z.n_rows; ++i) {
            col[i] *= inv;
        }
        loss -= std::log(static_cast<double>(std::max(col[labels[j]], kLogFloor)));
    }
    return loss;
}

struct Network {
    std::vector<arma::fmat> w;
    std::vector<arma::fvec> b;
};

void forward(const Network& net, const arma::fmat& x, std::vector<arma::fmat>& a, double* gemmSeconds) {
    const std::size_t layers = net.w.size();
    for (std::size_t l = 0; l < layers; ++l) {
        const arma::fmat& in = l == 0 ? x : a[l - 1];
        const auto t0 = Clock::now();
        a[l] = net.w[l] * in;
        if (gemmSeconds != nullptr) {
            *gemmSeconds += std::chrono::duration<double>(Clock::now() - t0).count();
        }
        a[l].each_col() += net.b[l];
        if (l + 1 < layers) {
            reluInPlace(a[l]);
        }
    }
}

// Mean cross-entropy over the whole set, untimed, in large batches.
double fullLoss(const Network& net, const arma::fmat& x, const std::vector<std::uint32_t>& labels) {
    const std::size_t n = x.n_cols;
    std::vector<arma::fmat> a(net.w.size());
    double sum = 0.0;
    for (std::size_t first = 0; first < n; first += 1000) {
        const std::size_t count = std::min<std::size_t>(1000, n - first);
        const arma::fmat xb = x.cols(first, first + count - 1);
        forward(net, xb, a, nullptr);
        sum += softmaxColumns(a.back(), labels.data() + first);
    }
    return sum / static_cast<double>(n);
}

}  // namespace

ReferenceEpoch runReferenceEpoch(const BenchData& data, const MlpConfig& config, const MlpWeights& initial) {
    Network net{initial.w, initial.b};
    const std::size_t layers = net.w.size();
    std::vector<arma::fmat> velocityW(layers);
    std::vector<arma::fvec> velocityB(layers);
    std::vector<arma::fmat> gradW(layers);
    std::vector<arma::fvec> gradB(layers);
    for (std::size_t l = 0; l < layers; ++l) {
        velocityW[l].zeros(net.w[l].n_rows, net.w[l].n_cols);
        velocityB[l].zeros(net.b[l].n_elem);
        gradW[l].zeros(net.w[l].n_rows, net.w[l].n_cols);
        gradB[l].zeros(net.b[l].n_elem);
    }
    const arma::fmat x = data.inputs.columns();
    const std::size_t n = x.n_cols;
    const std::size_t features = x.n_rows;
    const auto lr = static_cast<float>(config.learningRate);
    const auto mu = static_cast<float>(config.momentum);

    ReferenceEpoch result;
    result.run.lossBefore = fullLoss(net, x, data.labels);

    // The order Trainer::fit draws for its first epoch with this seed.
    Rng shuffle(config.seed);
    const std::vector<std::size_t> order = shuffle.permutation(n);

    arma::fmat xb;
    std::vector<std::uint32_t> yb;
    std::vector<arma::fmat> a(layers);
    std::vector<arma::fmat> delta(layers);
    double lossSum = 0.0;
    double gemm = 0.0;

    const auto start = Clock::now();
    for (std::size_t first = 0; first < n; first += config.batchSize) {
        const std::size_t count = std::min(config.batchSize, n - first);
        xb.set_size(features, count);
        yb.resize(count);
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t src = order[first + j];
            std::memcpy(xb.colptr(j), x.colptr(src), features * sizeof(float));
            yb[j] = data.labels[src];
        }

        forward(net, xb, a, &gemm);
        lossSum += softmaxColumns(a.back(), yb.data());

        // Softmax and cross-entropy together: δ = (p − y) / batch.
        arma::fmat& top = delta[layers - 1];
        top = a.back();
        for (std::size_t j = 0; j < count; ++j) {
            top(yb[j], j) -= 1.0F;
        }
        top *= 1.0F / static_cast<float>(count);

        for (std::size_t l = layers; l-- > 0;) {
            const arma::fmat& in = l == 0 ? xb : a[l - 1];
            auto t0 = Clock::now();
            gradW[l] = delta[l] * in.t();
            gemm += std::chrono::duration<double>(Clock::now() - t0).count();
            gradB[l] = arma::sum(delta[l], 1);
            if (l == 0) {
                break;  // nobody needs dL/dX of the images
            }
            t0 = Clock::now();
            delta[l - 1] = net.w[l].t() * delta[l];
            gemm += std::chrono::duration<double>(Clock::now() - t0).count();
            float* d = delta[l - 1].memptr();
            const float* act = a[l - 1].memptr();
            for (arma::uword i = 0; i < delta[l - 1].n_elem; ++i) {
                d[i] = act[i] > 0.0F ? d[i] : 0.0F;
            }
        }

        for (std::size_t l = 0; l < layers; ++l) {
            velocityW[l] = mu * velocityW[l] - lr * gradW[l];
            net.w[l] += velocityW[l];
            velocityB[l] = mu * velocityB[l] - lr * gradB[l];
            net.b[l] += velocityB[l];
        }
    }
    result.run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    result.run.gemmSeconds = gemm;
    result.run.meanLoss = lossSum / static_cast<double>(n);
    result.run.lossAfter = fullLoss(net, x, data.labels);
    result.final = MlpWeights{net.w, net.b};
    return result;
}

}  // namespace deepstep::bench
