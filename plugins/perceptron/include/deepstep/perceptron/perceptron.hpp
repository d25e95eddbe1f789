#pragma once
// The perceptron lecture: Rosenblatt's perceptron with a step activation, the
// perceptron learning rule, and what happens when the data are not linearly separable.
//
// Registered components:
//   activation "step"             f(z) = 1 if z >= 0 else 0; derivative 0 (almost everywhere)
//   layer      "perceptron"       Y = step(XW + b), W stored in×out like "dense"
//   loss       "perceptron_error" mean number of misclassified outputs; gradient (y − t)/N
//   optimizer  "rosenblatt"       Δ = −η·grad
//
// Together, with batch size 1, they are exactly Rosenblatt's rule
//   w ← w + η (t − y) x,   b ← b + η (t − y).
// The "perceptron" layer's backward is that rule, not a true gradient: the step's true
// derivative is zero, so real backpropagation through a step (try "dense" with the
// "step" activation) never changes a weight. That contrast is the point of the lecture.

#include "deepstep/activation.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/loss_reduction.hpp"
#include "deepstep/optimizer.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace deepstep::perceptron {

/// The Heaviside step with step(0) = 1, as in the lecture's truth tables.
class StepActivation : public Activation {
public:
    std::string name() const override { return "step"; }
    /// ensures: each element is 1 where z >= 0, else 0 (NaN gives 0).
    Tensor forward(const Tensor& z) const override;
    /// ensures: returns zeros shaped like z — the true derivative of a step, which is
    /// why gradient descent cannot train it.
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    std::string derivativeFormula(double) const override { return "0"; }
};

/// A layer of `units` independent perceptrons sharing the same inputs.
///
/// forward:  z = XW + b (W in×out, b one per unit), y = step(z).
/// backward: the perceptron learning rule. dL/dz is taken to be dL/dy (the step is
///           passed straight through), so dW = Xᵀ·dy, db = Σ dy, dX = dy·Wᵀ.
///           With the "perceptron_error" loss this makes the optimizer's −η·grad
///           equal to η(t − y)x. It is not the gradient of anything.
class PerceptronLayer : public Layer {
public:
    struct Settings {
        std::size_t units = 1;
        std::string init = "zeros";  ///< any name init::byName accepts
        float initScale = 0.5F;      ///< constant value / uniform half-width / normal stddev
    };

    /// requires: settings.units >= 1.
    explicit PerceptronLayer(Settings settings);

    std::string type() const override { return "perceptron"; }
    /// requires: inputSample is one flat sample, e.g. [2]. ensures: returns [units];
    /// the weight is initialised by settings.init, the bias starts at 0.
    /// throws InputError for any other input shape.
    Shape build(const Shape& inputSample, Rng& rng) override;
    /// throws InputError when x is not N × inputs().
    Tensor forward(const Tensor& x, Mode mode) override;
    /// The perceptron rule (see the class comment): the same as
    /// backwardFromPreActivation(dy).
    Tensor backward(const Tensor& dy) override;
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    std::vector<Parameter*> parameters() override { return {&weight_, &bias_}; }
    /// "weight" connects input i to perceptron j (in × out), "bias" is per perceptron.
    LayerView describe() const override { return {"weight", false, "bias", false}; }

    const Activation* activation() const override { return &step_; }
    /// z of the last forward; nullptr before the first.
    const Tensor* preActivation() const override { return z_.empty() ? nullptr : &z_; }
    /// δ of the last backward (equal to dL/dy, see above); nullptr before the first.
    const Tensor* preActivationGradient() const override { return delta_.empty() ? nullptr : &delta_; }

    /// Always the linear-separability explanation (notLinearlySeparable()).
    std::optional<Text> adviceWhenTargetMissed() const override { return notLinearlySeparable(); }
    /// Why a perceptron that runs out of epochs has most likely met data that no
    /// straight line separates, in English and Korean.
    static Text notLinearlySeparable();

    std::size_t units() const { return settings_.units; }
    /// Number of inputs per sample; 0 before build().
    std::size_t inputs() const { return inputs_; }

private:
    Settings settings_;
    std::size_t inputs_ = 0;
    Parameter weight_;
    Parameter bias_;
    StepActivation step_;
    Tensor input_;
    Tensor z_;
    Tensor delta_;
};

/// Counts mistakes: value = (number of outputs with (y >= 0.5) != (t >= 0.5)) / N,
/// the mean number of misclassified outputs per sample. gradient = (y − t) / N, the
/// error signal of the perceptron rule. value is NaN when any output is not finite.
/// The option "reduction" divides by N·K ("mean") or by nothing ("sum") instead.
class PerceptronErrorLoss : public Loss {
public:
    explicit PerceptronErrorLoss(LossReduction reduction = LossReduction::BatchMean) : reduction_(reduction) {}
    std::string type() const override { return "perceptron_error"; }
    LossReduction reduction() const { return reduction_; }
    /// throws InputError when the shapes differ or the batch is empty.
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;

private:
    LossReduction reduction_;
};

/// Δ = −η · grad, nothing else: no momentum, no state. With "perceptron" and
/// "perceptron_error" at batch size 1 this is w ← w + η(t − y)x.
class RosenblattOptimizer : public Optimizer {
public:
    /// requires: learningRate >= 0.
    explicit RosenblattOptimizer(double learningRate = 1.0) : Optimizer(learningRate) {}
    std::string type() const override { return "rosenblatt"; }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;
};

/// Adds "step", "perceptron", "perceptron_error" and "rosenblatt" to `registry`.
/// throws std::invalid_argument when one of the names is taken already.
void registerComponents(Registry& registry);

}  // namespace deepstep::perceptron
