#pragma once
// A test-only loss: L = (1/N) Σ_n Σ_k (o_nk − t_nk)², for outputs of any rank.
// Written against the public Loss contract alone, so core tests need no plugin.

#include "deepstep/loss.hpp"

#include <stdexcept>

namespace deepstep::test {

class SumOfSquaresLoss final : public Loss {
public:
    std::string type() const override { return "test_sum_of_squares"; }

    float value(const Tensor& output, const Tensor& target) const override {
        check(output, target);
        double s = 0.0;
        for (std::size_t i = 0; i < output.size(); ++i) {
            const double d = static_cast<double>(output[i]) - static_cast<double>(target[i]);
            s += d * d;
        }
        return static_cast<float>(s / static_cast<double>(output.batch()));
    }

    Tensor gradient(const Tensor& output, const Tensor& target) const override {
        check(output, target);
        Tensor g = output - target;
        g *= 2.0F / static_cast<float>(output.batch());
        return g;
    }

private:
    static void check(const Tensor& output, const Tensor& target) {
        if (output.shape() != target.shape() || output.batch() == 0) {
            throw std::invalid_argument("SumOfSquaresLoss: output " + output.shape().str() + " and target " +
                                        target.shape().str() + " must match and hold a sample");
        }
    }
};

}  // namespace deepstep::test
