#pragma once
// The layers of the CNN lecture, on batches of images N·C·H·W.
//
// All of them fulfil deepstep::Layer (core/include/deepstep/layer.hpp). Gradients are
// those of the batch loss the caller's dL/dy belongs to; no layer divides by the batch.

#include "deepstep/activation.hpp"
#include "deepstep/cnn/geometry.hpp"
#include "deepstep/layer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace deepstep::cnn {

/// Options of a conv2d layer (the registry's schema checks them first).
struct Conv2dOptions {
    std::size_t filters = 1;  ///< output channels, >= 1, a multiple of groups
    WindowOptions window;     ///< kernel, stride, padding ("same" or explicit), dilation
    std::size_t groups = 1;   ///< divides the input channels and the filters; = channels: depthwise
    bool useBias = true;
    std::string init = "he";  ///< one of init::names() but "constant"
    float initScale = 0.1F;   ///< half-width (uniform) or standard deviation (normal)
};

/// 2-D convolution (cross-correlation, as in PyTorch): z = W ⋆ x + b, y = f(z).
///
/// Parameters: "weight" [filters, C/groups, kh, kw] (PyTorch's layout) and, with
/// use_bias, "bias" [filters] (no weight decay). The weight starts by `init` with
/// fan-in (C/groups)·kh·kw and fan-out filters·kh·kw / groups; the bias at 0.
///
/// Runs as im2col + a matrix product per image and group (deepstep/cnn/im2col.hpp),
/// in workspaces kept across calls of the same batch size. Teaching hooks:
/// activation(), preActivation() = z (N·filters·oh·ow), preActivationGradient() = δ;
/// internals() "columns", the im2col matrix of the last forward with its gradient
/// after a backward.
class Conv2dLayer final : public Layer {
public:
    /// requires: activation not null; options' sizes >= 1.
    /// throws InputError("conv2d.<option>") for sizes of 0 or an unknown init.
    Conv2dLayer(Conv2dOptions options, std::unique_ptr<Activation> activation);

    std::string type() const override { return "conv2d"; }
    /// requires: inputSample is C×H×W. ensures: returns filters × oh × ow.
    /// throws InputError (see cnn::geometry) before allocating anything.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    /// Skips the second GEMM and col2im: no dL/dx is formed.
    void backwardParameters(const Tensor& dy) override;
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    std::vector<Parameter*> parameters() override;

    const Activation* activation() const override { return activation_.get(); }
    const Tensor* preActivation() const override { return &z_; }
    const Tensor* preActivationGradient() const override { return &delta_; }
    /// "columns": [groups, (C/groups)·kh·kw, N·oh·ow], see deepstep/cnn/im2col.hpp.
    std::vector<Internal> internals() const override;
    /// A bias per output channel; the weight connects patches, not units, so no
    /// connection matrix is named.
    LayerView describe() const override { return {{}, false, options_.useBias ? "bias" : "", false}; }
    /// On a GPU with an identity, relu, sigmoid or tanh activation: the whole batch
    /// unfolded at once and one product per group (src/gpu_forms.cpp); nullptr otherwise.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;

    const Geometry& geometry() const { return geometry_; }
    const Conv2dOptions& options() const { return options_; }
    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }

private:
    Tensor backwardFromDelta(const Tensor* dy, bool wantInput);
    void prepareWorkspaces(bool withGradient);
    void formBatchColumns() const;

    Conv2dOptions options_;
    std::unique_ptr<Activation> activation_;
    Geometry geometry_;
    bool built_ = false;
    Parameter weight_{"weight", {}, {}, true, true};
    Parameter bias_{"bias", {}, {}, true, false};
    std::size_t batch_ = 0;                ///< batch size of the last forward
    Tensor input_;                         ///< the last forward's input (backward unfolds it again)
    std::vector<Tensor> slotColumns_;      ///< per thread slot: one chunk's im2col matrix
    std::vector<Tensor> slotColumnsGrad_;  ///< per thread slot: its gradient
    Tensor weightPartial_;                 ///< ∂E/∂W per chunk of images [chunks, weights], summed in chunk order
    std::vector<double> biasPartial_;      ///< ∂E/∂b per chunk of images [chunks · filters]
    Tensor weightAtBackward_;              ///< the weights the last backward used (for columnsGrad_)
    bool backwardWithInput_ = false;       ///< the last backward formed d(columns)
    // The whole batch's matrices, formed for viewers by internals() (see formBatchColumns).
    mutable Tensor columns_;      ///< im2col matrix [groups, patch, N·positions]
    mutable Tensor columnsGrad_;  ///< its gradient
    mutable bool columnsFresh_ = false;
    mutable bool columnsGradFresh_ = false;
    Tensor z_;
    Tensor a_;
    Tensor delta_;
};

/// Options of a pooling layer.
struct PoolOptions {
    Pair kernel{2, 2};
    Pair stride{0, 0};   ///< 0: the kernel size (PyTorch's default)
    Pair padding{0, 0};  ///< at most half the kernel on each side
};

/// Checks pooling options: positive kernel sizes, positive strides (or both 0), padding
/// at most half the kernel. `where` prefixes the option in messages ("max_pool2d",
/// or an experiment's "model.layers[1]").
/// throws InputError("<where>.<option>", ...) for the first problem.
void checkPoolOptions(const PoolOptions& options, const std::string& where);

/// What max and average pooling share: the options, the window's geometry per
/// channel, the batch of the last forward.
class Pool2dLayer : public Layer {
public:
    /// The window's geometry on the input built for (filters = groups = channels).
    const Geometry& geometry() const { return geometry_; }
    /// requires: inputSample is C×H×W. ensures: returns C × oh × ow.
    /// throws InputError (see cnn::geometry) naming this layer's type.
    Shape build(const Shape& inputSample, Rng& rng) override;

protected:
    /// throws InputError("<type>.<option>") for bad options (see checkPoolOptions).
    Pool2dLayer(PoolOptions options, const std::string& type);
    /// Checks x against the geometry and remembers its batch size.
    void startForward(const Tensor& x);
    /// Checks dy against the last forward's output shape.
    void checkGradientShape(const Tensor& dy) const;

    PoolOptions options_;
    Geometry geometry_;
    std::size_t batch_ = 0;
};

/// Max pooling per channel. Padding counts as −∞ (it never wins). The position of
/// each output's maximum is kept for backward, where the whole gradient goes to it
/// (ties: the first in row-major order within the window).
/// internals(): "argmax", per output (N·C·oh·ow) the index of the winning input
/// pixel within its channel (y·W + x).
class MaxPool2dLayer final : public Pool2dLayer {
public:
    explicit MaxPool2dLayer(PoolOptions options) : Pool2dLayer(options, "max_pool2d") {}
    std::string type() const override { return "max_pool2d"; }
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Internal> internals() const override;
    /// On a GPU: the same winners (the first largest of each window).
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;
    /// The argmax of the last forward (see the class comment); formed on request.
    const Tensor& argmax() const;

private:
    std::vector<std::size_t> winner_;  ///< per output: flat index into the batch's input
    mutable Tensor argmax_;
    mutable bool argmaxFresh_ = false;
};

/// Average pooling per channel: each output is the mean of its window, padding
/// included as zeros (PyTorch's count_include_pad = True): the sum / (kh·kw).
class AvgPool2dLayer final : public Pool2dLayer {
public:
    explicit AvgPool2dLayer(PoolOptions options) : Pool2dLayer(options, "avg_pool2d") {}
    std::string type() const override { return "avg_pool2d"; }
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    /// On a GPU.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;
};

/// Global average pooling: N·C·H·W → N·C, each channel's mean over its H·W pixels
/// (7×7×1024 → 1024).
class GlobalAvgPoolLayer final : public Layer {
public:
    std::string type() const override { return "global_avg_pool"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;

private:
    Shape input_;  ///< one sample, C×H×W
    std::size_t batch_ = 0;
};

/// N·(anything) → N·(its product), in row-major order (PyTorch's flatten(1)): the
/// bridge from feature maps to dense layers. Only the shape changes.
class FlattenLayer final : public Layer {
public:
    std::string type() const override { return "flatten"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    LayerView describe() const override { return {{}, false, {}, true}; }
    /// On a GPU: the same floats, nothing copied.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;

private:
    Shape input_;
    std::size_t batch_ = 0;
};

}  // namespace deepstep::cnn
