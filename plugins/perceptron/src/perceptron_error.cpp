#include "deepstep/perceptron/perceptron.hpp"

#include "deepstep/errors.hpp"

#include <cmath>
#include <limits>

namespace deepstep::perceptron {

namespace {

void checkShapes(const Tensor& output, const Tensor& target) {
    if (output.shape() != target.shape()) {
        throw InputError("perceptron_error", "expected the target shape to match the output shape " +
                                                 output.shape().str() + ", got " + target.shape().str());
    }
    if (output.batch() == 0) {
        throw InputError("perceptron_error", "expected a batch of at least one example, got none");
    }
}

}  // namespace

float PerceptronErrorLoss::value(const Tensor& output, const Tensor& target) const {
    checkShapes(output, target);
    if (!output.allFinite()) {
        return std::numeric_limits<float>::quiet_NaN();
    }
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < output.size(); ++i) {
        if ((output[i] >= 0.5F) != (target[i] >= 0.5F)) {
            ++wrong;
        }
    }
    return static_cast<float>(static_cast<double>(wrong) * lossReductionScale(reduction_, output));
}

Tensor PerceptronErrorLoss::gradient(const Tensor& output, const Tensor& target) const {
    checkShapes(output, target);
    // (y − t) is the perceptron's error signal; dividing by N (the default reduction)
    // makes a batch step the mean of the single-example steps, the same convention as
    // every other loss.
    Tensor g = output - target;
    g *= static_cast<float>(lossReductionScale(reduction_, output));
    return g;
}

}  // namespace deepstep::perceptron
