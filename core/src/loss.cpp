#include "deepstep/loss.hpp"

#include "deepstep/gpu_forms.hpp"

#include <stdexcept>

namespace deepstep {

Tensor Loss::fusedGradient(const Tensor& /*output*/, const Tensor& /*target*/) const {
    throw std::logic_error("loss \"" + type() + "\" does not fuse with an activation");
}

std::unique_ptr<gpu::LossForm> Loss::gpuForm(const gpu::Backend& /*backend*/) const {
    return nullptr;
}

}  // namespace deepstep
