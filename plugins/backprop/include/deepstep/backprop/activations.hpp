#pragma once
// The activation functions of the backprop lecture.
//
// Every class fulfils deepstep::Activation: forward(z) returns f(z) with z's shape,
// backward(z, a, da) returns dL/dz given a == forward(z) and da == dL/da. All but
// softmax act elementwise; softmax acts on each sample (row) as a whole.

#include "deepstep/activation.hpp"

namespace deepstep::backprop {

/// f(z) = z. The activation of a plain linear layer and of regression outputs.
class IdentityActivation final : public Activation {
public:
    std::string name() const override { return "identity"; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    std::string derivativeFormula(double) const override { return "1"; }
};

/// f(z) = 1 / (1 + e^−z); f'(z) = f(z)(1 − f(z)), at most 0.25.
class SigmoidActivation final : public Activation {
public:
    std::string name() const override { return "sigmoid"; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    std::string derivativeFormula(double) const override { return "a(1 − a)"; }
};

/// f(z) = tanh z; f'(z) = 1 − f(z)².
class TanhActivation final : public Activation {
public:
    std::string name() const override { return "tanh"; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    std::string derivativeFormula(double) const override { return "1 − a²"; }
};

/// f(z) = max(0, z); f'(z) = 1 for z > 0, else 0 (0 at the kink itself).
class ReluActivation final : public Activation {
public:
    std::string name() const override { return "relu"; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    std::string derivativeFormula(double z) const override { return z > 0 ? "1 (z > 0)" : "0 (z ≤ 0)"; }
    void forwardInto(const Tensor& z, Tensor& a) const override;
    void backwardInto(const Tensor& z, const Tensor& a, const Tensor& da, Tensor& dz) const override;
};

/// f(z) = z for z > 0, αz otherwise. requires: 0 <= α < 1, so f(z) = max(αz, z).
class LeakyReluActivation final : public Activation {
public:
    explicit LeakyReluActivation(float alpha = 0.01F) : alpha_(alpha) {}
    std::string name() const override { return "leaky_relu"; }
    float alpha() const { return alpha_; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    /// "1 (z > 0)" or "α (z ≤ 0)" with α as a number.
    std::string derivativeFormula(double z) const override;

private:
    float alpha_;
};

/// f(z) = z for z > 0, α(e^z − 1) otherwise; f'(z) = f(z) + α for z <= 0.
class EluActivation final : public Activation {
public:
    explicit EluActivation(float alpha = 1.0F) : alpha_(alpha) {}
    std::string name() const override { return "elu"; }
    float alpha() const { return alpha_; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    bool forwardValues(const float* z, float* a, std::size_t n) const override;
    bool backwardValues(const float* z, const float* a, const float* da, float* dz, std::size_t n) const override;
    /// "1 (z > 0)" or "a + α (z ≤ 0)" with α as a number.
    std::string derivativeFormula(double z) const override;

private:
    float alpha_;
};

/// Per sample: a_i = e^{z_i} / Σ_j e^{z_j} over the sample's elements (max-shifted,
/// so large z cannot overflow). backward is the Jacobian–vector product
/// dz_i = a_i (da_i − Σ_j a_j da_j).
class SoftmaxActivation final : public Activation {
public:
    std::string name() const override { return "softmax"; }
    Tensor forward(const Tensor& z) const override;
    Tensor backward(const Tensor& z, const Tensor& a, const Tensor& da) const override;
    void forwardInto(const Tensor& z, Tensor& a) const override;
};

}  // namespace deepstep::backprop
