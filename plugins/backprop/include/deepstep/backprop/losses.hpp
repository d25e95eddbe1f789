#pragma once
// The losses of the backprop lecture.
//
// Convention (core/include/deepstep/loss.hpp): value() is the batch mean of a
// per-sample loss summed over the outputs, and gradient() is its exact derivative,
// so every gradient carries the factor 1/N. All losses require output and target of
// the same shape and throw InputError otherwise.

#include "deepstep/loss.hpp"

namespace deepstep::backprop {

/// Squared error: per sample Σ_j (o_j − t_j)², or with half = true the lecture's
/// E = ½ Σ_j (o_j − t_j)², whose derivative is simply o − t.
class MseLoss final : public Loss {
public:
    explicit MseLoss(bool half = false) : half_(half) {}
    std::string type() const override { return "mse"; }
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
    bool half() const { return half_; }

private:
    bool half_;
};

/// Absolute error: per sample Σ_j |o_j − t_j|; derivative sign(o − t) (0 where equal).
class MaeLoss final : public Loss {
public:
    std::string type() const override { return "mae"; }
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
};

/// Binary cross-entropy of probabilities p (a sigmoid's output) against 0/1 targets:
/// per sample −Σ_j [t_j log p_j + (1 − t_j) log(1 − p_j)], with p clamped to
/// [ε, 1 − ε] so that a saturated output gives a large but finite loss.
/// Fuses with "sigmoid": dL/dz = (p − t) / N.
class BinaryCrossEntropyLoss final : public Loss {
public:
    explicit BinaryCrossEntropyLoss(double epsilon = 1e-7) : epsilon_(epsilon) {}
    std::string type() const override { return "binary_cross_entropy"; }
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
    bool fusesWith(const std::string& activation) const override { return activation == "sigmoid"; }
    Tensor fusedGradient(const Tensor& output, const Tensor& target) const override;

private:
    double epsilon_;
};

/// Categorical cross-entropy of class probabilities p (a softmax's output) against
/// one-hot targets: per sample −Σ_j t_j log p_j, p clamped to [ε, 1].
/// Fuses with "softmax": dL/dz = (p − t) / N, exact when every target row sums to 1.
class CategoricalCrossEntropyLoss final : public Loss {
public:
    explicit CategoricalCrossEntropyLoss(double epsilon = 1e-7) : epsilon_(epsilon) {}
    std::string type() const override { return "categorical_cross_entropy"; }
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
    bool fusesWith(const std::string& activation) const override { return activation == "softmax"; }
    Tensor fusedGradient(const Tensor& output, const Tensor& target) const override;

private:
    double epsilon_;
};

}  // namespace deepstep::backprop
