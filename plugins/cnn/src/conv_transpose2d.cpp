// conv_transpose2d: the adjoint of conv2d. Forward multiplies the input by the weight
// transposed (the unfolded matrix conv2d's backward forms) and folds it with col2im;
// backward unfolds dL/dy with im2col and multiplies as conv2d's forward does.
#include "deepstep/cnn/im2col.hpp"
#include "deepstep/cnn/more_layers.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"
#include "gemm.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace deepstep::cnn {

namespace {

const char* const kType = "conv_transpose2d";

std::string n(std::size_t v) {
    return std::to_string(v);
}

void requirePositive(std::size_t v, const char* option) {
    if (v == 0) {
        throw InputError(std::string(kType) + "." + option, "expected a positive integer, got 0");
    }
}

}  // namespace

Geometry transposedGeometry(const Shape& inputSample, const ConvTranspose2dOptions& o) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError(kType, "expected images N·C·H·W (one sample C×H×W), got samples of shape " + inputSample.str());
    }
    const std::size_t inChannels = inputSample[0];
    if (inChannels % o.groups != 0) {
        throw InputError(std::string(kType) + ".groups",
                         "expected a divisor of the input's " + n(inChannels) + " channels, got " + n(o.groups));
    }
    if (o.filters % o.groups != 0) {
        throw InputError(std::string(kType) + ".groups",
                         "expected a divisor of the " + n(o.filters) + " filters, got " + n(o.groups));
    }
    if (o.window.padding.same) {
        throw InputError(std::string(kType) + ".padding", "expected explicit padding, got \"same\"");
    }
    const WindowOptions& w = o.window;
    if (o.outputPadding.h >= w.stride.h || o.outputPadding.w >= w.stride.w) {
        throw InputError(std::string(kType) + ".output_padding",
                         "expected less than the stride on each axis (" + n(w.stride.h) + " × " + n(w.stride.w) +
                             "), got " + n(o.outputPadding.h) + " × " + n(o.outputPadding.w));
    }
    const conv::Axis rows = conv::axis(inputSample[1], w.kernel.h, w.stride.h, w.padding.size.h, w.dilation.h);
    const conv::Axis cols = conv::axis(inputSample[2], w.kernel.w, w.stride.w, w.padding.size.w, w.dilation.w);
    const long long outH = conv::transposedOutputSize(rows, o.outputPadding.h);
    const long long outW = conv::transposedOutputSize(cols, o.outputPadding.w);
    for (const auto& [size, a, pad, axisName] : {std::tuple{outH, rows, o.outputPadding.h, "height"},
                                                 std::tuple{outW, cols, o.outputPadding.w, "width"}}) {
        if (size < 1) {
            throw InputError(std::string(kType) + ".padding",
                             std::string("expected padding that leaves an output: the output ") + axisName +
                                 " would be " + conv::transposedOutputSizeWorked(a, pad));
        }
    }
    // The convolution this layer is the adjoint of: it reads our output and has our
    // input's channels as its filters.
    Geometry g = geometry(Shape{o.filters, static_cast<std::size_t>(outH), static_cast<std::size_t>(outW)}, w,
                          inChannels, o.groups, kType);
    if (g.outHeight != inputSample[1] || g.outWidth != inputSample[2]) {
        throw std::logic_error("conv_transpose2d: the adjoint convolution does not map back to the input");
    }
    return g;
}

ConvTranspose2dLayer::ConvTranspose2dLayer(ConvTranspose2dOptions options, std::unique_ptr<Activation> activation)
    : options_(std::move(options)), activation_(std::move(activation)) {
    requirePositive(options_.filters, "filters");
    requirePositive(options_.window.kernel.h, "kernel");
    requirePositive(options_.window.kernel.w, "kernel");
    requirePositive(options_.window.stride.h, "stride");
    requirePositive(options_.window.stride.w, "stride");
    requirePositive(options_.window.dilation.h, "dilation");
    requirePositive(options_.window.dilation.w, "dilation");
    requirePositive(options_.groups, "groups");
    const auto& names = init::names();
    if (options_.init == "constant" || std::find(names.begin(), names.end(), options_.init) == names.end()) {
        throw InputError(std::string(kType) + ".init",
                         "expected one of xavier, he, uniform, normal, zeros, got \"" + options_.init + "\"");
    }
    if (!activation_) {
        throw std::invalid_argument("ConvTranspose2dLayer: activation must not be null");
    }
}

Shape ConvTranspose2dLayer::build(const Shape& inputSample, Rng& rng) {
    geometry_ = transposedGeometry(inputSample, options_);
    const Geometry& g = geometry_;
    const std::size_t kh = g.rows.kernel;
    const std::size_t kw = g.cols.kernel;
    // In the adjoint convolution's terms our in_channels are its filters, our filters its channels.
    checkParameterMemory(static_cast<long double>(g.filters) * static_cast<long double>(g.patch()) + g.channels,
                         "filters",
                         "the weights of " + n(g.filters) + " input channels × " + n(g.channelsPerGroup()) + "×" +
                             n(kh) + "×" + n(kw));
    const Shape shape{g.filters, g.channelsPerGroup(), kh, kw};
    weight_.value = Tensor(shape);
    weight_.grad = Tensor(shape);
    init::byName(options_.init, weight_.value, rng, g.patch(), g.filtersPerGroup() * kh * kw, options_.initScale);
    bias_.value = Tensor(Shape{g.channels});
    bias_.grad = Tensor(Shape{g.channels});
    built_ = true;
    return g.inputSample();
}

Tensor ConvTranspose2dLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (!built_) {
        throw std::logic_error("conv_transpose2d: forward() before build()");
    }
    const Geometry& g = geometry_;
    if (x.rank() != 4 || x.batch() == 0 || x.dim(1) != g.filters || x.dim(2) != g.outHeight ||
        x.dim(3) != g.outWidth) {
        throw InputError(kType, "expected a batch of images N×" + n(g.filters) + "×" + n(g.outHeight) + "×" +
                                    n(g.outWidth) + ", got shape " + x.shape().str());
    }
    const std::size_t batch = x.batch();
    const std::size_t positions = g.positions();
    const std::size_t rows = batch * positions;
    const std::size_t patch = g.patch();
    const std::size_t fg = g.filtersPerGroup();
    x_ = x;
    columns_ = Tensor(Shape{g.groups, patch, rows});
    columnsGradFresh_ = false;
    // columns[n] (P × patch) = x[n] (P × in_channels/groups) · W_gᵀ, as conv2d forms d(columns).
    for (std::size_t group = 0; group < g.groups; ++group) {
        const float* w = weight_.value.data() + group * fg * patch;
        float* cols = columns_.data() + group * patch * rows;
        for (std::size_t s = 0; s < batch; ++s) {
            const float* in = x.data() + (s * g.filters + group * fg) * positions;
            gemm(false, true, positions, patch, fg, in, positions, w, patch, 0.0F, cols + s * positions, rows);
        }
    }
    z_ = Tensor(g.inputSample().withBatch(batch));
    col2im(columns_.data(), batch, g, z_.data());
    if (options_.useBias) {
        const std::size_t plane = g.height * g.width;
        for (std::size_t s = 0; s < batch; ++s) {
            for (std::size_t c = 0; c < g.channels; ++c) {
                float* p = z_.data() + (s * g.channels + c) * plane;
                const float b = bias_.value[c];
                for (std::size_t i = 0; i < plane; ++i) p[i] += b;
            }
        }
    }
    activation_->forwardInto(z_, a_);
    return a_;
}

Tensor ConvTranspose2dLayer::backward(const Tensor& dy) {
    if (dy.shape() != a_.shape()) {
        throw std::invalid_argument("conv_transpose2d: gradient of shape " + dy.shape().str() +
                                    " for a result of shape " + a_.shape().str());
    }
    activation_->backwardInto(z_, a_, dy, delta_);
    return backwardFromDelta();
}

Tensor ConvTranspose2dLayer::backwardFromPreActivation(const Tensor& dz) {
    if (dz.shape() != z_.shape()) {
        throw std::invalid_argument("conv_transpose2d: gradient of shape " + dz.shape().str() +
                                    " for a result of shape " + z_.shape().str());
    }
    delta_ = dz;
    return backwardFromDelta();
}

Tensor ConvTranspose2dLayer::backwardFromDelta() {
    const Geometry& g = geometry_;
    const std::size_t batch = x_.batch();
    const std::size_t positions = g.positions();
    const std::size_t rows = batch * positions;
    const std::size_t patch = g.patch();
    const std::size_t fg = g.filtersPerGroup();
    if (options_.useBias) {
        const std::size_t plane = g.height * g.width;
        for (std::size_t c = 0; c < g.channels; ++c) {
            double sum = 0.0;
            for (std::size_t s = 0; s < batch; ++s) {
                const float* d = delta_.data() + (s * g.channels + c) * plane;
                for (std::size_t i = 0; i < plane; ++i) sum += d[i];
            }
            bias_.grad[c] = static_cast<float>(sum);
        }
    }
    // d(columns) = im2col(δ); per group dW (patch × fg) = Σ_n d(columns)[n]ᵀ · x[n] and
    // dx[n] (P × fg) = d(columns)[n] · W_g, conv2d's forward product.
    columnsGrad_ = Tensor(columns_.shape());
    im2col(delta_.data(), batch, g, columnsGrad_.data());
    columnsGradFresh_ = true;
    Tensor dx(x_.shape());
    for (std::size_t group = 0; group < g.groups; ++group) {
        const float* w = weight_.value.data() + group * fg * patch;
        float* dw = weight_.grad.data() + group * fg * patch;
        const float* dcols = columnsGrad_.data() + group * patch * rows;
        for (std::size_t s = 0; s < batch; ++s) {
            const std::size_t at = (s * g.filters + group * fg) * positions;
            gemm(true, false, patch, fg, positions, dcols + s * positions, rows, x_.data() + at, positions,
                 s == 0 ? 0.0F : 1.0F, dw, patch);
            gemm(false, false, positions, fg, patch, dcols + s * positions, rows, w, patch, 0.0F, dx.data() + at,
                 positions);
        }
    }
    return dx;
}

std::vector<Parameter*> ConvTranspose2dLayer::parameters() {
    if (options_.useBias) {
        return {&weight_, &bias_};
    }
    return {&weight_};
}

std::vector<Internal> ConvTranspose2dLayer::internals() const {
    if (columns_.empty()) {
        return {};
    }
    return {{"columns", &columns_, columnsGradFresh_ ? &columnsGrad_ : nullptr,
             {"the matrix col2im folds into the output, [groups, (filters/groups)·kh·kw, N·H·W]: row = kernel tap "
              "(output channel, i, j), column = input pixel (n, y, x); the input times the weight transposed",
              "col2im이 출력으로 접는 행렬 [groups, (filters/groups)·kh·kw, N·H·W]: 행 = 커널 위치 (출력 채널, i, "
              "j), 열 = 입력 픽셀 (n, y, x). 입력에 전치한 가중치를 곱한 것입니다"}}};
}

}  // namespace deepstep::cnn
