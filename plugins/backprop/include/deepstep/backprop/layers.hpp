#pragma once
// The layers of the backprop lecture.
//
// All of them fulfil deepstep::Layer (core/include/deepstep/layer.hpp). Inputs of
// rank > 2 are read as N × (everything else): one sample is one flat feature vector.
// Gradients are those of the batch loss the caller's dL/dy belongs to; layers never
// divide by the batch size themselves (the loss already took the mean).

#include "deepstep/activation.hpp"
#include "deepstep/layer.hpp"

#include <memory>
#include <string>

namespace deepstep::backprop {

/// Fully connected layer: z = XW + b, y = f(z), with W stored in × out (row-major,
/// as in the lecture: 3 inputs → 64 units makes W 3 × 64) and b of length out.
///
/// Parameters: "weight" (in × out) and, with use_bias, "bias" (out; no weight decay).
/// Teaching hooks: activation() is f, preActivation() is z of the last forward,
/// preActivationGradient() is δ = dL/dz of the last backward.
class DenseLayer final : public Layer {
public:
    /// requires: units >= 1; activation not null; init one of init::names().
    DenseLayer(std::size_t units, std::unique_ptr<Activation> activation, std::string init = "xavier",
               bool useBias = true, float initScale = 0.1F);

    std::string type() const override { return "dense"; }
    /// ensures: returns {units}; W drawn by `init` with fan-in = input features,
    ///          fan-out = units; b = 0.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// Keeps a reference to x instead of a copy (see Layer::forwardRetained).
    Tensor forwardRetained(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override;

    const Activation* activation() const override { return activation_.get(); }
    const Tensor* preActivation() const override { return &z_; }
    const Tensor* preActivationGradient() const override { return &delta_; }
    /// dW = Xᵀδ, db = Σ_n δ_n, returns δWᵀ.
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    /// "weight" connects input i to unit j (in × out), "bias" is per unit.
    LayerView describe() const override { return {"weight", false, useBias_ ? "bias" : "", false}; }
    /// On a GPU with an identity, relu, sigmoid, tanh or softmax activation: Z = XW + b
    /// through cuBLAS; nullptr for the other activations.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;

    std::size_t units() const { return units_; }
    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }

private:
    std::size_t units_;
    std::unique_ptr<Activation> activation_;
    std::string init_;
    bool useBias_;
    float initScale_;
    std::size_t inputs_ = 0;
    Parameter weight_{"weight", {}, {}, true, true};
    Parameter bias_{"bias", {}, {}, true, false};
    Tensor x_;                       ///< the input, when forward() had to copy it
    const Tensor* input_ = nullptr;  ///< the last forward's input: &x_ or the caller's
    Tensor z_;
    Tensor a_;
    Tensor delta_;

    const Tensor& input() const;
};

/// A layer that only applies an activation: y = f(x). Its pre-activation is its
/// input, so a loss may fuse with it (softmax + categorical cross-entropy).
class ActivationLayer : public Layer {
public:
    /// requires: activation not null.
    explicit ActivationLayer(std::unique_ptr<Activation> activation);

    std::string type() const override { return "activation"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;

    const Activation* activation() const override { return activation_.get(); }
    const Tensor* preActivation() const override { return &x_; }
    const Tensor* preActivationGradient() const override { return &delta_; }
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    LayerView describe() const override { return {{}, false, {}, true}; }
    /// On a GPU for identity, relu, sigmoid, tanh and softmax; nullptr for the others.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;

private:
    std::unique_ptr<Activation> activation_;
    std::size_t features_ = 0;   ///< values in one sample, from build()
    std::size_t inputRank_ = 0;  ///< rank of one input sample, from build()
    Tensor x_;
    Tensor a_;
    Tensor delta_;
};

/// Row-wise softmax as a layer of its own (an ActivationLayer around softmax).
class SoftmaxLayer final : public ActivationLayer {
public:
    SoftmaxLayer();
    std::string type() const override { return "softmax"; }
};

/// Parametric ReLU: y = x for x > 0, α_f x otherwise, with one learnable slope α_f
/// per input feature. Parameter "alpha" (features; no weight decay), starting at
/// `initialAlpha`.
class PReluLayer final : public Layer {
public:
    explicit PReluLayer(float initialAlpha = 0.25F);
    std::string type() const override { return "prelu"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&alpha_}; }
    LayerView describe() const override { return {{}, false, {}, true}; }
    Parameter& alpha() { return alpha_; }

private:
    float initialAlpha_;
    Parameter alpha_{"alpha", {}, {}, true, false};
    Tensor x_;
};

/// Maxout: each of `units` outputs is the largest of `pieces` affine functions of
/// the input, y_u = max_k (XW + b)_{u·pieces + k}. Parameters "weight"
/// (in × units·pieces) and "bias" (units·pieces). The gradient flows only through
/// the winning piece of each output.
class MaxoutLayer final : public Layer {
public:
    /// requires: units >= 1, pieces >= 1.
    MaxoutLayer(std::size_t units, std::size_t pieces);
    std::string type() const override { return "maxout"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&weight_, &bias_}; }
    Parameter& weight() { return weight_; }
    Parameter& bias() { return bias_; }

private:
    std::size_t units_;
    std::size_t pieces_;
    std::size_t inputs_ = 0;
    Parameter weight_{"weight", {}, {}, true, true};
    Parameter bias_{"bias", {}, {}, true, false};
    Tensor x_;
    std::vector<std::size_t> winner_;  ///< per output element: index of the winning piece column
};

/// Inverted dropout. In Train mode each element is kept with probability 1 − rate
/// and scaled by 1 / (1 − rate), so Eval mode is simply the identity and the expected
/// output is the same in both modes. Masks come from the layer's own generator:
/// seeded with `seed`, or, when seed is 0, with a seed drawn from the network's
/// generator at build(); either way a run repeats exactly.
class DropoutLayer final : public Layer {
public:
    /// requires: 0 <= rate < 1.
    explicit DropoutLayer(float rate, std::uint64_t seed = 0);
    std::string type() const override { return "dropout"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    /// The mask of the last Train forward (0 or 1/(1 − rate) per element); empty
    /// after an Eval forward.
    const Tensor& mask() const { return mask_; }
    float rate() const { return rate_; }
    LayerView describe() const override { return {{}, false, {}, true}; }
    /// "mask": the last Train forward's mask (see mask()).
    std::vector<Internal> internals() const override;

private:
    float rate_;
    std::uint64_t seed_;
    Rng rng_;
    Tensor mask_;
};

/// Fixed standardisation of the input: y = (x − mean) / std, the same two numbers for
/// every feature (the mean and standard deviation of the training pixels, say). No
/// parameters are learned; the numbers are options, so a saved model carries its own
/// preprocessing and `deepstep predict` needs to know nothing about it.
class StandardizeLayer final : public Layer {
public:
    /// requires: std > 0 and both finite; throws InputError otherwise.
    StandardizeLayer(float mean, float std);
    std::string type() const override { return "standardize"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    /// Nothing to learn: as the first layer it costs nothing in the backward pass.
    void backwardParameters(const Tensor& dy) override;
    LayerView describe() const override { return {{}, false, {}, true}; }

    /// On a GPU: y = x/std − mean/std (a fill and a rank-1 product), dx = dy/std.
    std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend) override;

private:
    float mean_;
    float std_;
    Shape output_;
};

/// Batch normalisation over the features of an N × F input.
///
/// Train: x̂ = (x − μ_B) / sqrt(σ²_B + ε) with the batch mean and (biased) variance,
/// y = γ x̂ + β; the running statistics follow
///   running = momentum · running + (1 − momentum) · batch statistic.
/// Eval: the running statistics take the place of μ_B and σ²_B.
/// Parameters: "gamma" (ones) and "beta" (zeros), trainable without weight decay;
/// "running_mean" (zeros) and "running_var" (ones), not trainable, saved with the model.
class BatchNormLayer final : public Layer {
public:
    /// requires: 0 <= momentum <= 1, epsilon > 0.
    BatchNormLayer(float momentum = 0.9F, float epsilon = 1e-5F);
    std::string type() const override { return "batch_norm"; }
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&gamma_, &beta_, &runningMean_, &runningVar_}; }
    LayerView describe() const override { return {{}, false, {}, true}; }
    Parameter& gamma() { return gamma_; }
    Parameter& beta() { return beta_; }
    Parameter& runningMean() { return runningMean_; }
    Parameter& runningVar() { return runningVar_; }

private:
    float momentum_;
    float epsilon_;
    std::size_t features_ = 0;
    Parameter gamma_{"gamma", {}, {}, true, false};
    Parameter beta_{"beta", {}, {}, true, false};
    Parameter runningMean_{"running_mean", {}, {}, false, false};
    Parameter runningVar_{"running_var", {}, {}, false, false};
    Mode lastMode_ = Mode::Train;
    Shape inputShape_;
    arma::fmat xhat_;    ///< F × N, normalised input of the last forward
    arma::fvec invStd_;  ///< F, 1 / sqrt(var + ε) used by the last forward
};

}  // namespace deepstep::backprop
