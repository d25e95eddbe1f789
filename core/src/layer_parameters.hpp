#pragma once
// What the Network and the Trainer's GPU runs share about layers' parameters.

#include "deepstep/layer.hpp"

#include <cmath>

namespace deepstep {

/// Whether `layer` or one of its children, to any depth, holds a parameter (a frozen one too).
inline bool holdsParameters(Layer& layer) {
    if (!layer.parameters().empty()) return true;
    for (const ChildLayer& c : layer.children()) {
        if (holdsParameters(*c.layer)) return true;
    }
    return false;
}

/// L1/L2 weight decay of one parameter: adds λ1·sign(w) + λ2·w to its gradient and
/// returns its penalty λ1·Σ|w| + ½·λ2·Σw², summed in double.
inline double addWeightDecay(Parameter& p, double l1, double l2) {
    double penalty = 0.0;
    for (std::size_t i = 0; i < p.value.size(); ++i) {
        const double w = p.value[i];
        penalty += l1 * std::fabs(w) + 0.5 * l2 * w * w;
        const double sign = (w > 0) - (w < 0);
        p.grad[i] += static_cast<float>(l1 * sign + l2 * w);
    }
    return penalty;
}

}  // namespace deepstep
