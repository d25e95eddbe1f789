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

// Softmax of each column of Z (classes × batch), in double.
std::vector<double> softmaxColumns(const std::vector<float>& z, int classes, int batch) {
    std::vector<double> p(z.size());
    for (int c = 0; c < batch; ++c) {
        const std::size_t base = static_cast<std::size_t>(c) * classes;
        double top = z[base];
        for (int k = 1; k < classes; ++k)
            top = std::max(top, static_cast<double>(z[base + k]));
        double sum = 0.0;
        for (int k = 0; k < classes; ++k)
            sum += std::exp(z[base + k] - top);
        for (int k = 0; k < classes; ++k)
            p[base + k] = std::exp(z[base + k] - top) / sum;
    }
    return p;
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
            const std::vector<double> p = softmaxColumns(z, classes, batch);
            std::vector<double> dz(z.size());
            double loss = 0.0;
            for (int c = 0; c < batch; ++c) {
                const std::size_t base = static_cast<std::size_t>(c) * classes;
                for (int k = 0; k < classes; ++k) {
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

    // Softmax alone, forward and its vector–Jacobian product.
    void softmaxAlone() {
        Rng rng(61);
        for (int round = 0; round < 10; ++round) {
            const int classes = 1 + static_cast<int>(rng.index(30));
            const int batch = 1 + static_cast<int>(rng.index(200));
            const std::size_t n = static_cast<std::size_t>(classes) * batch;
            const std::vector<float> z = randomValues(n, rng, 5.0F);
            const std::vector<float> dp = randomValues(n, rng);
            const std::vector<double> p = softmaxColumns(z, classes, batch);
            std::vector<double> dz(n);
            const std::vector<float> pFloat(p.begin(), p.end());
            for (int c = 0; c < batch; ++c) {
                const std::size_t base = static_cast<std::size_t>(c) * classes;
                double dot = 0.0;
                for (int k = 0; k < classes; ++k)
                    dot += static_cast<double>(dp[base + k]) * pFloat[base + k];
                for (int k = 0; k < classes; ++k)
                    dz[base + k] = pFloat[base + k] * (dp[base + k] - dot);
            }
            gpu::Buffer dZ = upload(z), dP(*backend_, n), dPExact = upload(pFloat), dDp = upload(dp), dDz(*backend_, n);
            backend_->softmaxForward(dZ.data(), dP.data(), classes, batch);
            record("softmax_forward", worstError(download(dP), p), 1e-6);
            backend_->softmaxBackward(dPExact.data(), dDp.data(), dDz.data(), classes, batch);
            record("softmax_backward", worstError(download(dDz), dz), 1e-5);
        }
    }

    // Every loss, plain and fused, value and gradient, with a reduction's factor.
    void losses() {
        Rng rng(67);
        const double eps = 1e-7;
        for (gpu::LossKind kind : {gpu::LossKind::Mse, gpu::LossKind::Mae, gpu::LossKind::BinaryCrossEntropy,
                                   gpu::LossKind::CategoricalCrossEntropy}) {
            for (bool fused : {false, true}) {
                const std::size_t n = 1 + rng.index(5000);
                const bool probabilities = kind == gpu::LossKind::BinaryCrossEntropy ||
                                           kind == gpu::LossKind::CategoricalCrossEntropy;
                std::vector<float> o(n), t(n);
                for (std::size_t i = 0; i < n; ++i) {
                    o[i] = probabilities ? rng.uniform(0.0F, 1.0F) : rng.uniform(-2.0F, 2.0F);
                    t[i] = probabilities ? (rng.uniform() < 0.3F ? 1.0F : 0.0F) : rng.uniform(-2.0F, 2.0F);
                }
                o[0] = probabilities ? 0.0F : o[0];  // the clamp at ε
                const double scale = 1.0 / static_cast<double>(1 + rng.index(64));
                const double factor = kind == gpu::LossKind::Mse ? 0.5 : 0.0;  // MSE's param: ½ (half)
                const double param = kind == gpu::LossKind::Mse ? factor : eps;
                double value = 0.0;
                std::vector<double> grad(n);
                for (std::size_t i = 0; i < n; ++i) {
                    const double x = o[i];
                    const double y = t[i];
                    double l = 0.0;
                    double g = 0.0;
                    switch (kind) {
                        case gpu::LossKind::Mse:
                            l = 0.5 * (x - y) * (x - y);
                            g = x - y;
                            break;
                        case gpu::LossKind::Mae:
                            l = std::fabs(x - y);
                            g = x > y ? 1.0 : (x < y ? -1.0 : 0.0);
                            break;
                        case gpu::LossKind::BinaryCrossEntropy: {
                            const double q = std::min(std::max(x, eps), 1.0 - eps);
                            l = -(y * std::log(q) + (1.0 - y) * std::log(1.0 - q));
                            g = (q - y) / (q * (1.0 - q));
                            break;
                        }
                        case gpu::LossKind::CategoricalCrossEntropy:
                            l = y == 0.0 ? 0.0 : -y * std::log(std::max(x, eps));
                            g = -y / std::max(x, eps);
                            break;
                    }
                    value += l;
                    grad[i] = scale * (fused ? x - y : g);
                }
                gpu::Buffer dO = upload(o), dT = upload(t), dG(*backend_, n), dL(*backend_, 1);
                backend_->loss(kind, fused, dO.data(), dT.data(), dG.data(), dL.data(), n, scale,
                               static_cast<float>(param));
                const std::string name = std::string("loss ") + std::to_string(static_cast<int>(kind));
                record(name + " value", worstError(download(dL), {value * scale}), 1e-5);
                record(name + (fused ? " fused gradient" : " gradient"), worstError(download(dG), grad), 1e-5);
            }
        }
    }

    void weightDecayAndCopies() {
        Rng rng(71);
        const std::size_t n = 1 + rng.index(300000);
        const std::vector<float> w = randomValues(n, rng), g = randomValues(n, rng);
        const double l1 = 1e-3, l2 = 1e-2;
        std::vector<double> wantG(n);
        double penalty = 0.25;  // added to what the buffer held
        for (std::size_t i = 0; i < n; ++i) {
            const double x = w[i];
            penalty += l1 * std::fabs(x) + 0.5 * l2 * x * x;
            wantG[i] = static_cast<double>(g[i]) + static_cast<float>(l1 * ((x > 0) - (x < 0)) + l2 * x);
        }
        gpu::Buffer dW = upload(w), dG = upload(g), dP = upload({0.25F});
        backend_->weightDecay(dW.data(), dG.data(), n, l1, l2, dP.data());
        record("weight_decay", worstError(download(dG), wantG), 1e-6);
        record("weight_decay penalty", worstError(download(dP), {penalty}), 1e-5 * (1.0 + penalty));
        gpu::Buffer copy(*backend_, n);
        backend_->copy(copy.data(), dW.data(), n);
        record("copy", worstError(download(copy), std::vector<double>(w.begin(), w.end())), 0.0);
        backend_->fill(copy.data(), -1.5F, n);
        record("fill", worstError(download(copy), std::vector<double>(n, -1.5)), 0.0);
    }

    // im2col against the documented element formula, col2im against the scatter that
    // defines the adjoint, pooling against plain window loops; random geometries.
    void windows() {
        Rng rng(73);
        for (int round = 0; round < 30; ++round) {
            gpu::Window w;
            w.groups = 1 + static_cast<int>(rng.index(2));
            w.channels = w.groups * (1 + static_cast<int>(rng.index(3)));
            w.height = 3 + static_cast<int>(rng.index(12));
            w.width = 3 + static_cast<int>(rng.index(12));
            w.kernelH = 1 + static_cast<int>(rng.index(5));
            w.kernelW = 1 + static_cast<int>(rng.index(5));
            w.strideH = 1 + static_cast<int>(rng.index(2));
            w.strideW = 1 + static_cast<int>(rng.index(2));
            w.padTop = static_cast<int>(rng.index(static_cast<std::size_t>(w.kernelH / 2 + 1)));
            w.padLeft = static_cast<int>(rng.index(static_cast<std::size_t>(w.kernelW / 2 + 1)));
            const bool pool = round % 2 == 1;  // pooling: dilation 1, groups = channels
            if (pool) {
                w.groups = w.channels;
            } else {
                w.dilationH = 1 + static_cast<int>(rng.index(2));
                w.dilationW = 1 + static_cast<int>(rng.index(2));
            }
            w.outH = (w.height + 2 * w.padTop - (w.dilationH * (w.kernelH - 1) + 1)) / w.strideH + 1;
            w.outW = (w.width + 2 * w.padLeft - (w.dilationW * (w.kernelW - 1) + 1)) / w.strideW + 1;
            if (w.outH < 1 || w.outW < 1) continue;
            const int batch = 1 + static_cast<int>(rng.index(4));
            const std::size_t pixels = static_cast<std::size_t>(batch) * w.channels * w.height * w.width;
            const std::vector<float> x = randomValues(pixels, rng);
            const auto at = [&](int n, int c, int y, int xx) -> double {
                if (y < 0 || y >= w.height || xx < 0 || xx >= w.width) return 0.0;
                return x[((static_cast<std::size_t>(n) * w.channels + c) * w.height + y) * w.width + xx];
            };
            const std::size_t positions = static_cast<std::size_t>(w.outH) * w.outW;
            gpu::Buffer dX = upload(x);
            if (!pool) {
                const int cpg = w.channels / w.groups;
                const std::size_t patch = static_cast<std::size_t>(cpg) * w.kernelH * w.kernelW;
                const std::size_t columns = positions * batch;
                // Every entry of the column matrix by the formula: its place, the image n and
                // channel it reads, and the input pixel (y, x) it reads (maybe padding).
                const auto forEachEntry = [&](const auto& visit) {
                    for (int g = 0; g < w.groups; ++g)
                        for (int c = 0; c < cpg; ++c)
                            for (int i = 0; i < w.kernelH; ++i)
                                for (int j = 0; j < w.kernelW; ++j)
                                    for (int n = 0; n < batch; ++n)
                                        for (int oy = 0; oy < w.outH; ++oy)
                                            for (int ox = 0; ox < w.outW; ++ox) {
                                                const std::size_t row =
                                                    (static_cast<std::size_t>(c) * w.kernelH + i) * w.kernelW + j;
                                                const std::size_t col =
                                                    n * positions + static_cast<std::size_t>(oy) * w.outW + ox;
                                                visit((g * patch + row) * columns + col, n, g * cpg + c,
                                                      oy * w.strideH - w.padTop + i * w.dilationH,
                                                      ox * w.strideW - w.padLeft + j * w.dilationW);
                                            }
                };
                std::vector<double> want(w.groups * patch * columns);
                forEachEntry([&](std::size_t e, int n, int c, int y, int xx) { want[e] = at(n, c, y, xx); });
                gpu::Buffer dCols(*backend_, want.size());
                backend_->im2col(dX.data(), batch, w, dCols.data());
                record("im2col", worstError(download(dCols), want), 0.0);
                // col2im of random columns: every entry added to the pixel it came from.
                const std::vector<float> cols = randomValues(want.size(), rng);
                std::vector<double> dx(pixels, 0.0);
                forEachEntry([&](std::size_t e, int n, int c, int y, int xx) {
                    if (y < 0 || y >= w.height || xx < 0 || xx >= w.width) return;
                    dx[((static_cast<std::size_t>(n) * w.channels + c) * w.height + y) * w.width + xx] += cols[e];
                });
                gpu::Buffer dColsIn = upload(cols), dDx(*backend_, pixels);
                backend_->col2im(dColsIn.data(), batch, w, dDx.data());
                record("col2im", worstError(download(dDx), dx), 1e-5);
                continue;
            }
            const std::size_t outputs = static_cast<std::size_t>(batch) * w.channels * positions;
            std::vector<double> maxWant(outputs), avgWant(outputs);
            std::vector<std::size_t> winner(outputs);
            for (int n = 0; n < batch; ++n)
                for (int c = 0; c < w.channels; ++c)
                    for (int oy = 0; oy < w.outH; ++oy)
                        for (int ox = 0; ox < w.outW; ++ox) {
                            const std::size_t o = ((static_cast<std::size_t>(n) * w.channels + c) * w.outH + oy) * w.outW + ox;
                            double best = -INFINITY;
                            double sum = 0.0;
                            for (int i = 0; i < w.kernelH; ++i)
                                for (int j = 0; j < w.kernelW; ++j) {
                                    const int y = oy * w.strideH - w.padTop + i;
                                    const int xx = ox * w.strideW - w.padLeft + j;
                                    const double v = at(n, c, y, xx);
                                    sum += v;
                                    if (y < 0 || y >= w.height || xx < 0 || xx >= w.width) continue;
                                    if (v > best) {
                                        best = v;
                                        winner[o] = ((static_cast<std::size_t>(n) * w.channels + c) * w.height + y) * w.width + xx;
                                    }
                                }
                            maxWant[o] = best;
                            avgWant[o] = sum / (w.kernelH * w.kernelW);
                        }
            const std::vector<float> dy = randomValues(outputs, rng);
            std::vector<double> maxGrad(pixels, 0.0), avgGrad(pixels, 0.0);
            for (int n = 0; n < batch; ++n)
                for (int c = 0; c < w.channels; ++c)
                    for (int oy = 0; oy < w.outH; ++oy)
                        for (int ox = 0; ox < w.outW; ++ox) {
                            const std::size_t o = ((static_cast<std::size_t>(n) * w.channels + c) * w.outH + oy) * w.outW + ox;
                            maxGrad[winner[o]] += dy[o];
                            for (int i = 0; i < w.kernelH; ++i)
                                for (int j = 0; j < w.kernelW; ++j) {
                                    const int y = oy * w.strideH - w.padTop + i;
                                    const int xx = ox * w.strideW - w.padLeft + j;
                                    if (y < 0 || y >= w.height || xx < 0 || xx >= w.width) continue;
                                    avgGrad[((static_cast<std::size_t>(n) * w.channels + c) * w.height + y) * w.width + xx] +=
                                        dy[o] / (w.kernelH * w.kernelW);
                                }
                        }
            gpu::Buffer dY(*backend_, outputs), dWin(*backend_, outputs), dDy = upload(dy), dDx(*backend_, pixels);
            backend_->maxPoolForward(dX.data(), batch, w, dY.data(), dWin.data());
            record("max_pool_forward", worstError(download(dY), maxWant), 0.0);
            backend_->maxPoolBackward(dDy.data(), dWin.data(), batch, w, dDx.data());
            record("max_pool_backward", worstError(download(dDx), maxGrad), 1e-5);
            backend_->avgPoolForward(dX.data(), batch, w, dY.data());
            record("avg_pool_forward", worstError(download(dY), avgWant), 1e-6);
            backend_->avgPoolBackward(dDy.data(), batch, w, dDx.data());
            record("avg_pool_backward", worstError(download(dDx), avgGrad), 1e-5);
            // [a][b][k] → [b][a][k]
            const int a = 1 + static_cast<int>(rng.index(7)), b = 1 + static_cast<int>(rng.index(9));
            const int inner = 1 + static_cast<int>(rng.index(20));
            const std::vector<float> src = randomValues(static_cast<std::size_t>(a) * b * inner, rng);
            std::vector<double> swapped(src.size());
            for (int i = 0; i < a; ++i)
                for (int j = 0; j < b; ++j)
                    for (int k = 0; k < inner; ++k)
                        swapped[(static_cast<std::size_t>(j) * a + i) * inner + k] = src[(static_cast<std::size_t>(i) * b + j) * inner + k];
            gpu::Buffer dSrc = upload(src), dDst(*backend_, src.size());
            backend_->swapBlocks(dSrc.data(), dDst.data(), a, b, inner);
            record("swap_blocks", worstError(download(dDst), swapped), 0.0);
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
        h.softmaxAlone();
        h.losses();
        h.weightDecayAndCopies();
        h.windows();
    } catch (const std::exception& e) {
        std::printf("FAIL: %s\n", e.what());
        return 1;
    }
    h.report();
    std::printf("%s: %d failed checks\n", h.failures() == 0 ? "PASS" : "FAIL", h.failures());
    return h.failures() == 0 ? 0 : 1;
}
