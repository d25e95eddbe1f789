#pragma once
// A test-only optimizer: Δ = −η · g. It implements computeUpdate() and nothing else,
// exactly what the Optimizer contract asks of a plugin author.

#include "deepstep/optimizer.hpp"

namespace deepstep::test {

class PlainGradientStep final : public Optimizer {
public:
    explicit PlainGradientStep(double learningRate) : Optimizer(learningRate) {}
    std::string type() const override { return "test_plain_gradient_step"; }

protected:
    void computeUpdate(const std::string& /*name*/, const Tensor& /*value*/, const Tensor& grad, long long /*t*/,
                       Tensor& delta) override {
        delta = grad * static_cast<float>(-learningRate());
    }
};

}  // namespace deepstep::test
