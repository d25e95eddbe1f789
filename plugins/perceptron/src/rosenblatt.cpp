#include "deepstep/perceptron/perceptron.hpp"

namespace deepstep::perceptron {

void RosenblattOptimizer::computeUpdate(const std::string& /*name*/, const Tensor& /*value*/, const Tensor& grad,
                                        long long /*t*/, Tensor& delta) {
    const auto eta = static_cast<float>(learningRate());
    for (std::size_t i = 0; i < grad.size(); ++i) {
        delta[i] = -eta * grad[i];
    }
}

}  // namespace deepstep::perceptron
