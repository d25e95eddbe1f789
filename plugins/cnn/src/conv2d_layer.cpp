// conv2d: im2col into a workspace, then a matrix product per image and group into N·C·H·W.
#include "deepstep/cnn/im2col.hpp"
#include "deepstep/cnn/layers.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"
#include "gemm.hpp"
#include "image_chunks.hpp"

#include <algorithm>
#include <stdexcept>

namespace deepstep::cnn {

namespace {

void requirePositive(std::size_t v, const std::string& where) {
    if (v == 0) {
        throw InputError(where, "expected a positive integer, got 0");
    }
}

void checkGradient(const Tensor& g, const Tensor& like, const char* what) {
    if (g.shape() != like.shape()) {
        throw std::invalid_argument(std::string("conv2d: ") + what + " of shape " + g.shape().str() +
                                    " for a result of shape " + like.shape().str());
    }
}

// One product per image and group: image n's block of the unfolded matrix (its P rows,
// read with the whole matrix's leading dimension) times the group's filters gives
// that image's outputs P × filters/groups, column-major, which is exactly their
// place in N·C·H·W: no transpose, in either direction. The products stay narrow
// (LeNet's conv1: 784 × 25 by 25 × 6), small enough for OpenBLAS to run each on one
// thread (it splits only products of more than 65,536 · 4 multiply-adds): for such
// shapes its threads cost more than they save.

// Σ values in double, in eight interleaved partial sums added in a fixed order at the
// end: independent additions the processor overlaps (one running sum waits for each
// addition before the next), and the same bits on every run and thread count.
double sumOf(const float* values, std::size_t n) {
    constexpr std::size_t kLanes = 8;
    double partial[kLanes] = {};
    std::size_t i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (std::size_t k = 0; k < kLanes; ++k)
            partial[k] += values[i + k];
    for (std::size_t k = 0; i < n; ++i, ++k)
        partial[k] += values[i];
    double sum = 0.0;
    for (double p : partial)
        sum += p;
    return sum;
}

void ensureShape(Tensor& t, const Shape& shape) {
    if (t.shape() != shape) {
        t = Tensor(shape);
    }
}

}  // namespace

Conv2dLayer::Conv2dLayer(Conv2dOptions options, std::unique_ptr<Activation> activation)
    : options_(std::move(options)), activation_(std::move(activation)) {
    requirePositive(options_.filters, "conv2d.filters");
    requirePositive(options_.window.kernel.h, "conv2d.kernel");
    requirePositive(options_.window.kernel.w, "conv2d.kernel");
    requirePositive(options_.window.stride.h, "conv2d.stride");
    requirePositive(options_.window.stride.w, "conv2d.stride");
    requirePositive(options_.window.dilation.h, "conv2d.dilation");
    requirePositive(options_.window.dilation.w, "conv2d.dilation");
    requirePositive(options_.groups, "conv2d.groups");
    const auto& names = init::names();
    if (options_.init == "constant" || std::find(names.begin(), names.end(), options_.init) == names.end()) {
        throw InputError("conv2d.init",
                         "expected one of xavier, he, uniform, normal, zeros, got \"" + options_.init + "\"");
    }
    if (!activation_) {
        throw std::invalid_argument("Conv2dLayer: activation must not be null");
    }
}

Shape Conv2dLayer::build(const Shape& inputSample, Rng& rng) {
    geometry_ = cnn::geometry(inputSample, options_.window, options_.filters, options_.groups, "conv2d");
    const Geometry& g = geometry_;
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    checkParameterMemory(
        static_cast<long double>(g.filters) * static_cast<long double>(g.patch()) + g.filters, "filters",
        "the weights of " + std::to_string(g.filters) + " filters of " + std::to_string(g.channelsPerGroup()) + "×" +
            std::to_string(kh) + "×" + std::to_string(kw));
    const Shape shape{g.filters, g.channelsPerGroup(), kh, kw};
    weight_.value = Tensor(shape);
    weight_.grad = Tensor(shape);
    // PyTorch's fans for a convolution weight: in = (C/groups)·kh·kw, out = filters·kh·kw / groups.
    init::byName(options_.init, weight_.value, rng, g.patch(), g.filtersPerGroup() * kh * kw, options_.initScale);
    bias_.value = Tensor(Shape{g.filters});
    bias_.grad = Tensor(Shape{g.filters});
    built_ = true;
    return g.outputSample();
}

// Workspaces per thread slot (see deepstep::parallelChunks): one image's unfolded
// matrix and its gradient, small enough to stay in the processor's cache between the
// im2col that writes them and the products that read them. The whole batch's matrix
// (5 MB for LeNet's conv1 at batch 64) would go through memory twice a step.
void Conv2dLayer::prepareWorkspaces(bool withGradient) {
    const std::size_t slots = computeThreads();
    const Shape shape{columnsSize(geometry_, 1)};
    slotColumns_.resize(slots);
    for (Tensor& t : slotColumns_)
        ensureShape(t, shape);
    if (withGradient) {
        slotColumnsGrad_.resize(slots);
        for (Tensor& t : slotColumnsGrad_)
            ensureShape(t, shape);
    }
}

Tensor Conv2dLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (!built_) {
        throw std::logic_error("conv2d: forward() before build()");
    }
    const Geometry& g = geometry_;
    checkBatch(x, g, "conv2d");
    const std::size_t n = x.batch();
    const std::size_t positions = g.positions();
    const std::size_t patch = g.patch();
    const std::size_t fg = g.filtersPerGroup();
    batch_ = n;
    ensureShape(input_, x.shape());
    ensureShape(z_, Shape{n, g.filters, g.outHeight, g.outWidth});
    ensureShape(a_, z_.shape());
    columnsFresh_ = false;
    columnsGradFresh_ = false;
    backwardWithInput_ = false;
    prepareWorkspaces(false);
    const bool elementwise = activation_->forwardValues(nullptr, nullptr, 0);
    const std::size_t sampleIn = g.inputSample().elements();
    const std::size_t sampleOut = g.filters * positions;
    // Per chunk of images: keep their input (backward unfolds it again), unfold them,
    // z[n] (P × fg per group, column-major = channels of N·C·H·W) = columns[n] · W_g,
    // plus the bias, and the activation while the chunk's outputs are in cache.
    forEachImageChunk(
        n, static_cast<double>(positions) * static_cast<double>(fg) * static_cast<double>(patch),
        [&](std::size_t chunk, std::size_t slot) {
            const auto [first, last] = imageRange(chunk, n);
            std::copy(x.data() + first * sampleIn, x.data() + last * sampleIn, input_.data() + first * sampleIn);
            // One image at a time: its unfolded matrix (positions × patch per
            // group) is written and multiplied while it is in cache.
            float* columns = slotColumns_[slot].data();
            for (std::size_t s = first; s < last; ++s) {
                im2colImages(x.data(), s, s + 1, g, columns);
                for (std::size_t group = 0; group < g.groups; ++group) {
                    const float* cols = columns + group * patch * positions;
                    const float* w = weight_.value.data() + group * fg * patch;
                    float* out = z_.data() + (s * g.filters + group * fg) * positions;
                    gemm(false, false, positions, fg, patch, cols, positions, w, patch, 0.0F, out, positions);
                }
            }
            if (options_.useBias) {
                for (std::size_t s = first; s < last; ++s) {
                    for (std::size_t f = 0; f < g.filters; ++f) {
                        float* p = z_.data() + (s * g.filters + f) * positions;
                        const float b = bias_.value[f];
                        for (std::size_t i = 0; i < positions; ++i)
                            p[i] += b;
                    }
                }
            }
            if (elementwise) {
                activation_->forwardValues(z_.data() + first * sampleOut, a_.data() + first * sampleOut,
                                           (last - first) * sampleOut);
            }
        });
    if (!elementwise) {
        activation_->forwardInto(z_, a_);
    }
    return a_;
}

Tensor Conv2dLayer::backward(const Tensor& dy) {
    checkGradient(dy, a_, "gradient");
    return backwardFromDelta(&dy, true);
}

void Conv2dLayer::backwardParameters(const Tensor& dy) {
    checkGradient(dy, a_, "gradient");
    (void)backwardFromDelta(&dy, false);
}

Tensor Conv2dLayer::backwardFromPreActivation(const Tensor& dz) {
    checkGradient(dz, z_, "gradient");
    delta_ = dz;
    return backwardFromDelta(nullptr, true);
}

// dy: dL/da, turned into δ = dL/dz here (chunk by chunk for an elementwise
// activation); nullptr when delta_ holds δ already.
Tensor Conv2dLayer::backwardFromDelta(const Tensor* dy, bool wantInput) {
    const Geometry& g = geometry_;
    const std::size_t n = batch_;
    const std::size_t positions = g.positions();
    const std::size_t patch = g.patch();
    const std::size_t fg = g.filtersPerGroup();
    const bool elementwise = dy != nullptr && activation_->backwardValues(nullptr, nullptr, nullptr, nullptr, 0);
    if (dy != nullptr) {
        if (elementwise) {
            ensureShape(delta_, z_.shape());
        } else {
            activation_->backwardInto(z_, a_, *dy, delta_);
        }
    }
    prepareWorkspaces(wantInput);
    Tensor dx;
    if (wantInput) {
        dx = Tensor(g.inputSample().withBatch(n));
    }
    // Per chunk of images, into the chunk's own partial sums: ∂E/∂b_f = Σ δ, and per
    // group dW (patch × fg) = Σ_n columns[n]ᵀ · δ[n], the chunk unfolded again from the
    // kept input; then d(columns[n]) (P × patch) = δ[n] · W_gᵀ folded back into the
    // chunk's images of dx. The partial sums are added in chunk order below.
    const std::size_t chunks = chunkCount(n, kImagesPerChunk);
    const std::size_t weights = weight_.value.size();
    const std::size_t sampleOut = g.filters * positions;
    ensureShape(weightPartial_, Shape{chunks, weights});
    biasPartial_.assign(chunks * g.filters, 0.0);
    const double product = static_cast<double>(positions) * static_cast<double>(fg) * static_cast<double>(patch);
    forEachImageChunk(n, product, [&](std::size_t chunk, std::size_t slot) {
        const auto [first, last] = imageRange(chunk, n);
        if (elementwise) {
            const std::size_t begin = first * sampleOut;
            activation_->backwardValues(z_.data() + begin, a_.data() + begin, dy->data() + begin, delta_.data() + begin,
                                        (last - first) * sampleOut);
        }
        if (options_.useBias) {
            double* sums = biasPartial_.data() + chunk * g.filters;
            for (std::size_t s = first; s < last; ++s) {
                for (std::size_t f = 0; f < g.filters; ++f)
                    sums[f] += sumOf(delta_.data() + (s * g.filters + f) * positions, positions);
            }
        }
        float* columns = slotColumns_[slot].data();
        float* columnsGrad = wantInput ? slotColumnsGrad_[slot].data() : nullptr;
        for (std::size_t s = first; s < last; ++s) {
            im2colImages(input_.data(), s, s + 1, g, columns);
            for (std::size_t group = 0; group < g.groups; ++group) {
                const float* cols = columns + group * patch * positions;
                const float* w = weight_.value.data() + group * fg * patch;
                float* dw = weightPartial_.data() + chunk * weights + group * fg * patch;
                const float* d = delta_.data() + (s * g.filters + group * fg) * positions;
                gemm(true, false, patch, fg, positions, cols, positions, d, positions, s == first ? 0.0F : 1.0F, dw,
                     patch);
                if (wantInput) {
                    gemm(false, true, positions, patch, fg, d, positions, w, patch, 0.0F,
                         columnsGrad + group * patch * positions, positions);
                }
            }
            if (wantInput) {
                col2imImages(columnsGrad, s, s + 1, g, dx.data());
            }
        }
    });
    float* dw = weight_.grad.data();
    std::copy(weightPartial_.data(), weightPartial_.data() + weights, dw);
    for (std::size_t chunk = 1; chunk < chunks; ++chunk) {
        const float* part = weightPartial_.data() + chunk * weights;
        for (std::size_t i = 0; i < weights; ++i)
            dw[i] += part[i];
    }
    if (options_.useBias) {
        for (std::size_t f = 0; f < g.filters; ++f) {
            double sum = 0.0;
            for (std::size_t chunk = 0; chunk < chunks; ++chunk)
                sum += biasPartial_[chunk * g.filters + f];
            bias_.grad[f] = static_cast<float>(sum);
        }
    }
    if (wantInput) {
        // The weights as they were: the trace may ask for d(columns) after an update.
        weightAtBackward_ = weight_.value;
        backwardWithInput_ = true;
    }
    return dx;
}

std::vector<Parameter*> Conv2dLayer::parameters() {
    if (options_.useBias) {
        return {&weight_, &bias_};
    }
    return {&weight_};
}

// The whole batch's unfolded matrix and its gradient, for viewers: training keeps only
// a chunk's (see prepareWorkspaces), so they are formed here, on first request after a
// pass, by the same im2col from the kept input, and δ[n] · W_gᵀ with the weights the
// backward pass used.
void Conv2dLayer::formBatchColumns() const {
    const Geometry& g = geometry_;
    const std::size_t n = batch_;
    if (!columnsFresh_) {
        ensureShape(columns_, Shape{g.groups, g.patch(), n * g.positions()});
        im2col(input_.data(), n, g, columns_.data());
        columnsFresh_ = true;
    }
    if (backwardWithInput_ && !columnsGradFresh_) {
        const std::size_t positions = g.positions();
        const std::size_t rows = n * positions;
        const std::size_t patch = g.patch();
        const std::size_t fg = g.filtersPerGroup();
        ensureShape(columnsGrad_, columns_.shape());
        for (std::size_t group = 0; group < g.groups; ++group) {
            const float* w = weightAtBackward_.data() + group * fg * patch;
            float* dcols = columnsGrad_.data() + group * patch * rows;
            for (std::size_t s = 0; s < n; ++s) {
                const float* d = delta_.data() + (s * g.filters + group * fg) * positions;
                gemm(false, true, positions, patch, fg, d, positions, w, patch, 0.0F, dcols + s * positions, rows);
            }
        }
        columnsGradFresh_ = true;
    }
}

std::vector<Internal> Conv2dLayer::internals() const {
    if (input_.empty()) {
        return {};
    }
    formBatchColumns();
    return {{"columns",
             &columns_,
             columnsGradFresh_ ? &columnsGrad_ : nullptr,
             {"im2col matrix [groups, (C/groups)·kh·kw, N·oh·ow]: row = kernel tap (c, i, j), column = output "
              "position (n, y, x); the GEMM multiplies it by the filters",
              "im2col 행렬 [groups, (C/groups)·kh·kw, N·oh·ow]: 행 = 커널 위치 (c, i, j), 열 = 출력 위치 "
              "(n, y, x). GEMM이 이 행렬에 필터를 곱합니다"}}};
}

}  // namespace deepstep::cnn
