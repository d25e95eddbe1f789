#pragma once
// The optimizers of the backprop lecture, each a small update rule.
//
// η is learningRate() (so setLearningRate() mid-run keeps all state), g the gradient,
// Δ the update the base class applies (w ← w + Δ). State slots are keyed by parameter
// name; their names are given with each rule.

#include "deepstep/optimizer.hpp"

namespace deepstep::backprop {

/// Δ = −η g. Gradient descent when each batch is the whole training set,
/// stochastic (mini-batch) gradient descent otherwise: the rule is the same.
class SgdOptimizer final : public Optimizer {
public:
    explicit SgdOptimizer(double learningRate) : Optimizer(learningRate) {}
    std::string type() const override { return "sgd"; }
    /// On a GPU: gpu::Backend::sgdMomentum with μ = 0.
    std::unique_ptr<gpu::OptimizerForm> gpuForm(const gpu::Backend& backend) override;

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;
    bool updateInPlace(const std::string& name, Tensor& value, const Tensor& grad, long long t,
                       Tensor* delta) override;
};

/// Slot "velocity": v ← μ v − η g; Δ = v.
class MomentumOptimizer final : public Optimizer {
public:
    MomentumOptimizer(double learningRate, double momentum) : Optimizer(learningRate), momentum_(momentum) {}
    std::string type() const override { return "momentum"; }
    double momentum() const { return momentum_; }
    /// On a GPU: gpu::Backend::sgdMomentum, the velocities kept on the device.
    std::unique_ptr<gpu::OptimizerForm> gpuForm(const gpu::Backend& backend) override;
    /// The slot "velocity" of one parameter (created zero-filled), for the GPU form.
    Tensor& velocity(const std::string& param, const Shape& shape) { return slot(param, "velocity", shape); }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;
    bool updateInPlace(const std::string& name, Tensor& value, const Tensor& grad, long long t,
                       Tensor* delta) override;

private:
    double momentum_;
};

/// Nesterov momentum in its common reformulation (the gradient is taken at the
/// current weights, not at the look-ahead point): slot "velocity",
/// v ← μ v − η g; Δ = μ v − η g (with the new v).
class NesterovOptimizer final : public Optimizer {
public:
    NesterovOptimizer(double learningRate, double momentum) : Optimizer(learningRate), momentum_(momentum) {}
    std::string type() const override { return "nesterov"; }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;

private:
    double momentum_;
};

/// Slot "h": h ← h + g²; Δ = −η g / (√h + ε).
class AdaGradOptimizer final : public Optimizer {
public:
    AdaGradOptimizer(double learningRate, double epsilon) : Optimizer(learningRate), epsilon_(epsilon) {}
    std::string type() const override { return "adagrad"; }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;

private:
    double epsilon_;
};

/// Slot "h": h ← ρ h + (1 − ρ) g²; Δ = −η g / (√h + ε).
class RmsPropOptimizer final : public Optimizer {
public:
    RmsPropOptimizer(double learningRate, double rho, double epsilon)
        : Optimizer(learningRate), rho_(rho), epsilon_(epsilon) {}
    std::string type() const override { return "rmsprop"; }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;

private:
    double rho_;
    double epsilon_;
};

/// Slots "m" and "v": m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²;
/// Δ = −η m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), where t is the
/// optimizer's step number (one counter for all parameters).
class AdamOptimizer final : public Optimizer {
public:
    AdamOptimizer(double learningRate, double beta1, double beta2, double epsilon)
        : Optimizer(learningRate), beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {}
    std::string type() const override { return "adam"; }

protected:
    void computeUpdate(const std::string& name, const Tensor& value, const Tensor& grad, long long t,
                       Tensor& delta) override;

private:
    double beta1_;
    double beta2_;
    double epsilon_;
};

}  // namespace deepstep::backprop
