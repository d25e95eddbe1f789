// deepstep_gpu_parity: the CUDA backend's parity harness. Every operation of
// deepstep::gpu::Backend on random shapes against a plain CPU loop in double precision,
// with per-operation tolerances (fp32 on the GPU, no TF32); prints the worst error of
// each. A plain program, not a Qt Test suite: it also runs on a GPU machine that has no
// Qt (scripts/gpu-check.sh). ctest runs it as tst_cuda.
// Exit: 0 every check passed; 1 a check failed; 77 no usable GPU (ctest: skipped),
// with the reason on stdout.
#include "deepstep/device.hpp"
#include "deepstep/random.hpp"

#include <cstdio>
#include <exception>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

using namespace deepstep;

namespace {

std::vector<float> randomValues(std::size_t n, Rng& rng, float scale = 1.0F) {
    std::vector<float> v(n);
    for (float& x : v)
        x = scale * static_cast<float>(rng.normal());
    return v;
}

// |got − want| / max(1, |want|), the worst over the values.
double worstError(const std::vector<float>& got, const std::vector<double>& want) {
    double worst = 0.0;
    for (std::size_t i = 0; i < got.size(); ++i)
        worst = std::max(worst, std::fabs(got[i] - want[i]) / std::max(1.0, std::fabs(want[i])));
    return worst;
}

double activate(gpu::Activation kind, double z) {
    switch (kind) {
        case gpu::Activation::Relu:
            return z > 0.0 ? z : 0.0;
        case gpu::Activation::Sigmoid:
            return 1.0 / (1.0 + std::exp(-z));
        case gpu::Activation::Tanh:
            return std::tanh(z);
        case gpu::Activation::Identity:
            break;
    }
    return z;
}

double slope(gpu::Activation kind, double z, double a) {
    switch (kind) {
        case gpu::Activation::Relu:
            return z > 0.0 ? 1.0 : 0.0;
        case gpu::Activation::Sigmoid:
            return a * (1.0 - a);
        case gpu::Activation::Tanh:
            return 1.0 - a * a;
        case gpu::Activation::Identity:
            break;
    }
    return 1.0;
}

}  // namespace

class Harness {
public:
    explicit Harness(const gpu::Backend& backend) : backend_(&backend) {}
    int failures() const { return failures_; }

private:
    const gpu::Backend* backend_ = nullptr;
    int failures_ = 0;
    std::map<std::string, double> worst_;  // per operation, over every shape

    gpu::Buffer upload(const std::vector<float>& values) {
        gpu::Buffer b(*backend_, values.size());
        b.upload(values.data());
        return b;
    }
    std::vector<float> download(const gpu::Buffer& b) {
        std::vector<float> v(b.size());
        b.download(v.data());
        return v;
    }
    void record(const std::string& op, double error, double tolerance) {
        worst_[op] = std::max(worst_[op], error);
        if (!(error <= tolerance)) {
            ++failures_;
            std::printf("FAIL %s: error %.3g above the tolerance %.3g\n", op.c_str(), error, tolerance);
        }
    }

public:
    void gemmMatchesTheLoops() {
        Rng rng(41);
        for (int round = 0; round < 40; ++round) {
            const bool ta = round % 2 == 1;
            const bool tb = (round / 2) % 2 == 1;
            const int m = 1 + static_cast<int>(rng.index(300));
            const int n = 1 + static_cast<int>(rng.index(200));
            const int k = 1 + static_cast<int>(rng.index(400));
            const int lda = ta ? k : m;
            const int ldb = tb ? n : k;
            const std::vector<float> a = randomValues(static_cast<std::size_t>(lda) * (ta ? m : k), rng);
            const std::vector<float> b = randomValues(static_cast<std::size_t>(ldb) * (tb ? k : n), rng);
            const std::vector<float> c0 = randomValues(static_cast<std::size_t>(m) * n, rng);
            const float alpha = 0.5F;
            const float beta = round % 3 == 0 ? 0.0F : 0.25F;
            std::vector<double> want(c0.size());
            for (int i = 0; i < m; ++i)
                for (int j = 0; j < n; ++j) {
                    double s = 0.0;
                    for (int p = 0; p < k; ++p) {
                        const double x = ta ? a[static_cast<std::size_t>(i) * lda + p] : a[static_cast<std::size_t>(p) * lda + i];
                        const double y = tb ? b[static_cast<std::size_t>(p) * ldb + j] : b[static_cast<std::size_t>(j) * ldb + p];
                        s += x * y;
                    }
                    const std::size_t at = static_cast<std::size_t>(j) * m + i;
                    want[at] = alpha * s + beta * c0[at];
                }
            gpu::Buffer da = upload(a), db = upload(b), dc = upload(c0);
            backend_->gemm(ta, tb, m, n, k, alpha, da.data(), lda, db.data(), ldb, beta, dc.data(), m);
            // fp32 sums of k products of magnitude ~1: a few ulps per product.
            record("gemm", worstError(download(dc), want), 1e-5 * std::sqrt(static_cast<double>(k)) * 4.0);
        }
    }

    void biasAndRowSums() {
        Rng rng(43);
        for (int round = 0; round < 20; ++round) {
            const int rows = 1 + static_cast<int>(rng.index(500));
            const int cols = 1 + static_cast<int>(rng.index(300));
            const std::vector<float> z = randomValues(static_cast<std::size_t>(rows) * cols, rng);
            const std::vector<float> b = randomValues(static_cast<std::size_t>(rows), rng);
            std::vector<double> withBias(z.size());
            std::vector<double> sums(static_cast<std::size_t>(rows), 0.0);
            for (int c = 0; c < cols; ++c)
                for (int r = 0; r < rows; ++r) {
                    const std::size_t at = static_cast<std::size_t>(c) * rows + r;
                    withBias[at] = static_cast<double>(z[at]) + b[static_cast<std::size_t>(r)];
                    sums[static_cast<std::size_t>(r)] += z[at];
                }
            gpu::Buffer dz = upload(z), dbias = upload(b), ds(*backend_, static_cast<std::size_t>(rows));
            backend_->rowSums(dz.data(), ds.data(), rows, cols);
            record("row_sums", worstError(download(ds), sums), 1e-5 * cols);
            backend_->addBias(dz.data(), dbias.data(), rows, cols);
            record("add_bias", worstError(download(dz), withBias), 1e-6);
        }
    }

    void activations() {
        Rng rng(47);
        for (gpu::Activation kind :
             {gpu::Activation::Identity, gpu::Activation::Relu, gpu::Activation::Sigmoid, gpu::Activation::Tanh}) {
            const std::size_t n = 1 + rng.index(100000);
            const std::vector<float> z = randomValues(n, rng, 3.0F);
            const std::vector<float> da = randomValues(n, rng);
            std::vector<double> a(n), dz(n);
            std::vector<float> aFloat(n);
            for (std::size_t i = 0; i < n; ++i) {
                a[i] = activate(kind, z[i]);
                aFloat[i] = static_cast<float>(a[i]);
                dz[i] = da[i] * slope(kind, z[i], aFloat[i]);
            }
            gpu::Buffer dzIn = upload(z), dA(*backend_, n), dDa = upload(da), dDz(*backend_, n);
            backend_->activationForward(kind, dzIn.data(), dA.data(), n);
            record("activation_forward", worstError(download(dA), a), 1e-6);
            gpu::Buffer dAExact = upload(aFloat);  // backward from the same a as the reference
            backend_->activationBackward(kind, dzIn.data(), dAExact.data(), dDa.data(), dDz.data(), n);
            record("activation_backward", worstError(download(dDz), dz), 1e-6);
        }
    }

    void softmaxCrossEntropy() {
        Rng rng(53);
        for (int round = 0; round < 10; ++round) {
            const int classes = 2 + static_cast<int>(rng.index(20));
            const int batch = 1 + static_cast<int>(rng.index(256));
            const std::vector<float> z = randomValues(static_cast<std::size_t>(classes) * batch, rng, 4.0F);
            std::vector<float> t(z.size(), 0.0F);
            for (int c = 0; c < batch; ++c)
                t[static_cast<std::size_t>(c) * classes + rng.index(static_cast<std::size_t>(classes))] = 1.0F;
            std::vector<double> p(z.size()), dz(z.size());
            double loss = 0.0;
            for (int c = 0; c < batch; ++c) {
                const std::size_t base = static_cast<std::size_t>(c) * classes;
                double top = z[base];
                for (int k = 1; k < classes; ++k)
                    top = std::max(top, static_cast<double>(z[base + k]));
                double sum = 0.0;
                for (int k = 0; k < classes; ++k)
                    sum += std::exp(z[base + k] - top);
                for (int k = 0; k < classes; ++k) {
                    p[base + k] = std::exp(z[base + k] - top) / sum;
                    if (t[base + k] > 0.0F) loss -= std::log(p[base + k]);
                    dz[base + k] = (p[base + k] - t[base + k]) / batch;
                }
            }
            loss /= batch;
            gpu::Buffer dZ = upload(z), dT = upload(t), dP(*backend_, z.size()), dDz(*backend_, z.size()),
                        dLoss(*backend_, 1);
            backend_->softmaxCrossEntropy(dZ.data(), dT.data(), dP.data(), dDz.data(), dLoss.data(), classes, batch);
            record("softmax", worstError(download(dP), p), 1e-5);
            record("softmax_dz", worstError(download(dDz), dz), 1e-6);
            record("cross_entropy", worstError(download(dLoss), {loss}), 1e-5);
        }
    }

    void sgdMomentum() {
        Rng rng(59);
        for (float mu : {0.0F, 0.9F}) {
            const std::size_t n = 1 + rng.index(200000);
            const std::vector<float> w = randomValues(n, rng), v = randomValues(n, rng), g = randomValues(n, rng);
            const float lr = 0.05F;
            std::vector<float> wantW(n), wantV(n);
            for (std::size_t i = 0; i < n; ++i) {  // the CPU optimizers' own float arithmetic
                const float vel = mu * v[i] - lr * g[i];
                wantV[i] = vel;
                wantW[i] = w[i] + vel;
            }
            gpu::Buffer dW = upload(w), dV = upload(v), dG = upload(g);
            backend_->sgdMomentum(dW.data(), dV.data(), dG.data(), n, lr, mu);
            const std::vector<float> gotW = download(dW);
            const std::vector<float> gotV = download(dV);
            record("sgd_momentum", worstError(gotW, std::vector<double>(wantW.begin(), wantW.end())), 1e-6);
            record("sgd_momentum_v", worstError(gotV, std::vector<double>(wantV.begin(), wantV.end())), 1e-6);
        }
    }

    void report() const {
        for (const auto& [op, error] : worst_)
            std::printf("worst error %-20s %.3g\n", op.c_str(), error);
    }
};

int main() {
    DeviceProblem why = DeviceProblem::None;
    std::string detail;
    const gpu::Backend* backend = gpu::Backend::open(0, &why, &detail);
    if (backend == nullptr) {
        std::printf("skipped: no usable GPU: %s%s\n", problemText(why).c_str(),
                    detail.empty() ? "" : (" (" + detail + ")").c_str());
        return 77;
    }
    const DeviceInfo gpu0 = chooseDevice("cuda:0", "parity").device;
    std::printf("GPU: %s, driver %s, CUDA runtime %s\n", gpu0.name.c_str(), gpu0.driverVersion.c_str(),
                gpu0.runtimeVersion.c_str());
    Harness h(*backend);
    try {
        h.gemmMatchesTheLoops();
        h.biasAndRowSums();
        h.activations();
        h.softmaxCrossEntropy();
        h.sgdMomentum();
    } catch (const std::exception& e) {
        std::printf("FAIL: %s\n", e.what());
        return 1;
    }
    h.report();
    std::printf("%s: %d failed checks\n", h.failures() == 0 ? "PASS" : "FAIL", h.failures());
    return h.failures() == 0 ? 0 : 1;
}
