#include "deepstep/perceptron/perceptron.hpp"

namespace deepstep::perceptron {

Tensor StepActivation::forward(const Tensor& z) const {
    Tensor a(z.shape());
    for (std::size_t i = 0; i < z.size(); ++i) {
        a[i] = z[i] >= 0.0F ? 1.0F : 0.0F;
    }
    return a;
}

Tensor StepActivation::backward(const Tensor& z, const Tensor& /*a*/, const Tensor& /*da*/) const {
    // f'(z) = 0 wherever it exists (and at 0 it does not), so da ⊙ f'(z) is all zeros.
    // A network that backpropagates through a step therefore never learns.
    return Tensor(z.shape(), 0.0F);
}

}  // namespace deepstep::perceptron
