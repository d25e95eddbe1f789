#pragma once
// Gradient checking with central differences, for any layer, loss or network.
//
// The analytic gradient from backward() is compared with
//   (f(θ + ε) − f(θ − ε)) / 2ε
// element by element, in double precision where possible. The worst relative error
// |a − n| / max(1e-3, |a| + |n|) is reported.

#include "deepstep/dataset.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/network.hpp"

#include <string>
#include <vector>

namespace deepstep {

struct GradCheckEntry {
    std::string name;  ///< "input" or a parameter name
    double maxRelativeError = 0.0;
    double maxAbsoluteError = 0.0;
    std::size_t worstIndex = 0;
    std::size_t checked = 0;
};

struct GradCheckReport {
    std::vector<GradCheckEntry> entries;
    double worst() const;
    bool passed(double tolerance) const { return worst() <= tolerance; }
    std::string str() const;
};

struct GradCheckSettings {
    double epsilon = 1e-2;           ///< float32 needs a large step
    std::size_t maxPerTensor = 200;  ///< check at most this many elements per tensor (evenly spaced)
    /// Also check dL/d(input). False for inputs that are not quantities (token ids for
    /// an embedding: a perturbed id is no id); the report then has no "input" entry.
    bool input = true;
};

/// Checks dL/dx (unless settings.input is false) and dL/dθ of one layer under
/// L = Σ r ⊙ layer(x) for a fixed random r.
/// requires: layer built for x's sample shape; layer deterministic in `mode`.
GradCheckReport checkLayer(Layer& layer, const Tensor& x, Rng& rng, Mode mode = Mode::Train,
                           GradCheckSettings settings = {});
/// Checks loss.gradient against loss.value at `output`.
GradCheckReport checkLoss(const Loss& loss, const Tensor& output, const Tensor& target,
                          GradCheckSettings settings = {});
/// Checks dL/d(input) (unless settings.input is false) and every parameter of a built
/// network under `loss` on one batch (and the fused path when the loss fuses with the
/// last activation).
GradCheckReport checkNetwork(Network& net, const Loss& loss, const Batch& batch, Mode mode = Mode::Train,
                             GradCheckSettings settings = {});

}  // namespace deepstep
