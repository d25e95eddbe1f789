#pragma once
// The CNN lecture's further layers: batch normalisation per channel, the transposed
// convolution (the autoencoder lecture's decoder), nearest-neighbour upsampling and the
// depthwise-separable block. All of them fulfil deepstep::Layer on batches N·C·H·W;
// gradients are those of the batch loss the caller's dL/dy belongs to.

#include "deepstep/cnn/layers.hpp"
#include "deepstep/composite.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace deepstep::cnn {

/// Options of batch_norm2d.
struct BatchNorm2dOptions {
    /// Share of the running statistics kept at each training step (the backprop
    /// plugin's batch_norm convention): running = momentum · running + (1 − momentum) · batch.
    /// PyTorch's momentum is 1 − this (its 0.1 is this 0.9).
    float momentum = 0.9F;
    float epsilon = 1e-5F;  ///< added to the variance before the square root, > 0
    bool affine = true;     ///< learn γ ("weight") and β ("bias")
};

/// Batch normalisation per channel of N·C·H·W, over the N·H·W values of each channel
/// (PyTorch's BatchNorm2d).
///
/// Train: x̂ = (x − μ_c) / sqrt(σ²_c + ε) with the batch's mean and biased variance of
/// channel c; y = γ_c x̂ + β_c. The running statistics follow
///   running_mean = momentum · running_mean + (1 − momentum) · μ_c
///   running_var  = momentum · running_var  + (1 − momentum) · σ²_c · m / (m − 1)
/// with m = N·H·W values per channel (the unbiased variance, as PyTorch keeps it).
/// Eval: the running statistics take the place of μ_c and σ²_c.
/// Parameters (PyTorch's state_dict names): "weight" γ [C] (ones) and "bias" β [C]
/// (zeros), trainable without weight decay, only with affine; "running_mean" [C]
/// (zeros) and "running_var" [C] (ones), not trainable, saved with the model.
/// internals(): "x_hat" (N·C·H·W, with dL/dx̂ after backward), "mean" and "var" [C]:
/// the statistics the last forward normalised with (the batch's in training, the
/// running ones in evaluation).
class BatchNorm2dLayer final : public Layer {
public:
    /// throws InputError("batch_norm2d.momentum" / ".epsilon") for values out of range.
    explicit BatchNorm2dLayer(BatchNorm2dOptions options);
    std::string type() const override { return "batch_norm2d"; }
    /// requires: inputSample is C×H×W. ensures: returns it.
    Shape build(const Shape& inputSample, Rng& rng) override;
    /// throws InputError for a batch of another shape, or in training for a batch
    /// with one value per channel (its variance is undefined).
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override;
    std::vector<Internal> internals() const override;
    LayerView describe() const override { return {{}, false, {}, true}; }

    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }
    Parameter& runningMean() { return runningMean_; }
    Parameter& runningVar() { return runningVar_; }

private:
    BatchNorm2dOptions options_;
    std::size_t channels_ = 0;
    std::size_t plane_ = 0;  ///< H·W
    Parameter weight_{"weight", {}, {}, true, false};
    Parameter bias_{"bias", {}, {}, true, false};
    Parameter runningMean_{"running_mean", {}, {}, false, false};
    Parameter runningVar_{"running_var", {}, {}, false, false};
    Mode lastMode_ = Mode::Train;
    std::size_t batch_ = 0;
    Tensor xhat_;
    Tensor xhatGrad_;
    bool xhatGradFresh_ = false;
    Tensor mean_;    ///< [C], used by the last forward
    Tensor var_;     ///< [C], used by the last forward
    std::vector<float> invStd_;
};

/// Options of conv_transpose2d: conv2d's plus output_padding, without "same".
struct ConvTranspose2dOptions {
    std::size_t filters = 1;  ///< output channels, a multiple of groups
    WindowOptions window;     ///< kernel, stride, padding (explicit only), dilation
    Pair outputPadding{0, 0}; ///< added to the bottom and right of the output; < stride
    std::size_t groups = 1;
    bool useBias = true;
    std::string init = "he";
    float initScale = 0.1F;
};

/// Checks the window of conv_transpose2d for one input sample and works out its
/// geometry as the conv2d that it is the adjoint of: that convolution reads the
/// transposed convolution's output (filters × oh × ow, oh = (H − 1)s − 2p + d(k − 1) +
/// output_padding + 1) and gives H × W with in_channels "filters" in `groups` groups.
/// throws InputError("conv_transpose2d[.<option>]", ...) before anything is allocated.
Geometry transposedGeometry(const Shape& inputSample, const ConvTranspose2dOptions& options);

/// 2-D transposed convolution (PyTorch's ConvTranspose2d): every input pixel scatters
/// its kernel-weighted copy into the output, y[n][o][iy·s − p + i·d][ix·s − p + j·d] +=
/// x[n][c][iy][ix] · w[c][o − group start][i][j], plus a bias per output channel.
/// It is the backward (input gradient) of conv2d with the same weight: the forward
/// multiplies by the weight transposed and folds with col2im, the backward unfolds dL/dy
/// with im2col (deepstep/cnn/im2col.hpp).
///
/// Parameters: "weight" [in_channels, filters/groups, kh, kw] (PyTorch's layout) and,
/// with use_bias, "bias" [filters]. Fans as PyTorch computes them for this layout:
/// in = (filters/groups)·kh·kw, out = (in_channels/groups)·kh·kw.
/// Teaching hooks: preActivation() = z, internals() "columns" (the matrix col2im folds,
/// [groups, (filters/groups)·kh·kw, N·H·W], with its gradient after backward).
class ConvTranspose2dLayer final : public Layer {
public:
    /// throws InputError("conv_transpose2d.<option>") for sizes of 0 or an unknown init.
    ConvTranspose2dLayer(ConvTranspose2dOptions options, std::unique_ptr<Activation> activation);
    std::string type() const override { return "conv_transpose2d"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    std::vector<Parameter*> parameters() override;
    const Activation* activation() const override { return activation_.get(); }
    const Tensor* preActivation() const override { return &z_; }
    const Tensor* preActivationGradient() const override { return &delta_; }
    std::vector<Internal> internals() const override;
    LayerView describe() const override { return {{}, false, options_.useBias ? "bias" : "", false}; }

    /// The geometry of the conv2d this layer is the adjoint of (see transposedGeometry).
    const Geometry& geometry() const { return geometry_; }
    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }

private:
    Tensor backwardFromDelta();

    ConvTranspose2dOptions options_;
    std::unique_ptr<Activation> activation_;
    Geometry geometry_;
    bool built_ = false;
    Parameter weight_{"weight", {}, {}, true, true};
    Parameter bias_{"bias", {}, {}, true, false};
    Tensor x_;
    Tensor columns_;
    Tensor columnsGrad_;
    bool columnsGradFresh_ = false;
    Tensor z_;
    Tensor a_;
    Tensor delta_;
};

/// Nearest-neighbour upsampling: y[n][c][i][j] = x[n][c][⌊i / sh⌋][⌊j / sw⌋], so
/// C×H×W → C×(H·sh)×(W·sw); backward sums each sh×sw block of dL/dy.
class UpsampleLayer final : public Layer {
public:
    /// throws InputError("upsample.scale") for a factor of 0.
    explicit UpsampleLayer(Pair scale);
    std::string type() const override { return "upsample"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;

private:
    Pair scale_;
    Shape input_;
    std::size_t batch_ = 0;
};

/// Options of depthwise_separable.
struct DepthwiseSeparableOptions {
    std::size_t filters = 1;          ///< output channels of the 1×1 (pointwise) convolution
    std::size_t depthMultiplier = 1;  ///< depthwise filters per input channel
    WindowOptions window;             ///< the depthwise convolution's window
    bool useBias = true;              ///< both convolutions
    std::string init = "he";
    float initScale = 0.1F;
};

/// The depthwise-separable convolution as a composite of two conv2d children:
///   "depthwise": conv2d with groups = C and filters = C·depth_multiplier (each
///                channel convolved on its own), then its activation;
///   "pointwise": a 1×1 conv2d with `filters` filters mixing the channels, then its.
/// Weights (without biases): C·m·kh·kw + C·m·filters against a plain conv2d's
/// filters·C·kh·kw. The children are made at build(), when C is known.
class DepthwiseSeparableLayer final : public SequentialLayer {
public:
    /// Makes an activation for a child: "depthwise" or "pointwise".
    using ActivationMaker = std::function<std::unique_ptr<Activation>(const std::string& child)>;
    /// requires: makeActivation gives a non-null activation for both children.
    /// throws InputError("depthwise_separable.<option>") for sizes of 0.
    DepthwiseSeparableLayer(DepthwiseSeparableOptions options, const ActivationMaker& makeActivation);
    std::string type() const override { return "depthwise_separable"; }
    Shape build(const Shape& inputSample, Rng& rng) override;

private:
    DepthwiseSeparableOptions options_;
    std::unique_ptr<Activation> depthwiseActivation_;
};

}  // namespace deepstep::cnn
