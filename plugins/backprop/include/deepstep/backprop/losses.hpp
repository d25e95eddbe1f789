#pragma once
// The losses of the backprop lecture.
//
// Convention (core/include/deepstep/loss.hpp): by default value() is the batch mean
// of a per-sample loss summed over the outputs, and gradient() is its exact
// derivative, so every gradient carries the factor 1/N. The option "reduction"
// (LossReduction) chooses PyTorch's "mean" (1/(N·K)) or "sum" (1) instead. All losses
// require output and target of the same shape and throw InputError otherwise.

#include "deepstep/loss.hpp"
#include "deepstep/loss_reduction.hpp"

namespace deepstep::backprop {

/// The part every loss here shares: its reduction (see LossReduction).
class ReducedLoss : public Loss {
public:
    LossReduction reduction() const { return reduction_; }
    /// The factor for the sum over `elements` values of `batch` samples (a GPU form's batch).
    double scale(std::size_t batch, std::size_t elements) const {
        return lossReductionScale(reduction_, batch, elements, perSampleSum_);
    }

protected:
    /// perSampleSum: "mean" averages over the samples (see lossReductionScale).
    explicit ReducedLoss(LossReduction reduction, bool perSampleSum = false)
        : reduction_(reduction), perSampleSum_(perSampleSum) {}
    /// The factor for the sum over every element of `output`. requires: batch >= 1.
    double scale(const Tensor& output) const { return lossReductionScale(reduction_, output, perSampleSum_); }


private:
    LossReduction reduction_;
    bool perSampleSum_;
};

/// Squared error: per sample Σ_j (o_j − t_j)², or with half = true the lecture's
/// E = ½ Σ_j (o_j − t_j)², whose derivative is simply o − t.
class MseLoss final : public ReducedLoss {
public:
    explicit MseLoss(bool half = false, LossReduction reduction = LossReduction::BatchMean)
        : ReducedLoss(reduction), half_(half) {}
    std::string type() const override { return "mse"; }
    /// On a GPU: value and gradient (fused too) through gpu::Backend::loss.
    std::unique_ptr<gpu::LossForm> gpuForm(const gpu::Backend& backend) const override;
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
    bool half() const { return half_; }

private:
    bool half_;
};

/// Absolute error: per sample Σ_j |o_j − t_j|; derivative sign(o − t) (0 where equal).
class MaeLoss final : public ReducedLoss {
public:
    explicit MaeLoss(LossReduction reduction = LossReduction::BatchMean) : ReducedLoss(reduction) {}
    std::string type() const override { return "mae"; }
    /// On a GPU: value and gradient (fused too) through gpu::Backend::loss.
    std::unique_ptr<gpu::LossForm> gpuForm(const gpu::Backend& backend) const override;
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
};

/// Binary cross-entropy of probabilities p (a sigmoid's output) against 0/1 targets:
/// per sample −Σ_j [t_j log p_j + (1 − t_j) log(1 − p_j)], with p clamped to
/// [ε, 1 − ε] so that a saturated output gives a large but finite loss.
/// Fuses with "sigmoid": dL/dz = (p − t) / N (times the reduction's factor · N).
class BinaryCrossEntropyLoss final : public ReducedLoss {
public:
    explicit BinaryCrossEntropyLoss(double epsilon = 1e-7, LossReduction reduction = LossReduction::BatchMean)
        : ReducedLoss(reduction), epsilon_(epsilon) {}
    std::string type() const override { return "binary_cross_entropy"; }
    /// On a GPU: value and gradient (fused too) through gpu::Backend::loss.
    std::unique_ptr<gpu::LossForm> gpuForm(const gpu::Backend& backend) const override;
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
/// Its "mean" reduction averages over the samples, as PyTorch's CrossEntropyLoss.
class CategoricalCrossEntropyLoss final : public ReducedLoss {
public:
    explicit CategoricalCrossEntropyLoss(double epsilon = 1e-7, LossReduction reduction = LossReduction::BatchMean)
        : ReducedLoss(reduction, true), epsilon_(epsilon) {}
    std::string type() const override { return "categorical_cross_entropy"; }
    /// On a GPU: value and gradient (fused too) through gpu::Backend::loss.
    std::unique_ptr<gpu::LossForm> gpuForm(const gpu::Backend& backend) const override;
    float value(const Tensor& output, const Tensor& target) const override;
    Tensor gradient(const Tensor& output, const Tensor& target) const override;
    bool fusesWith(const std::string& activation) const override { return activation == "softmax"; }
    Tensor fusedGradient(const Tensor& output, const Tensor& target) const override;

private:
    double epsilon_;
};

}  // namespace deepstep::backprop
