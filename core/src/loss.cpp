#include "deepstep/loss.hpp"

#include <stdexcept>

namespace deepstep {

Tensor Loss::fusedGradient(const Tensor& /*output*/, const Tensor& /*target*/) const {
    throw std::logic_error("loss \"" + type() + "\" does not fuse with an activation");
}

}  // namespace deepstep
