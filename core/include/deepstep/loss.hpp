#pragma once
// Loss: how far the network's output is from the target.
//
// Convention: value() is the mean over the batch of a per-sample loss that sums over
// outputs, so for one sample MSE with half=true is exactly the seeds'
// E = ½ Σ (o − t)², and dE/do = o − t.

#include "deepstep/tensor.hpp"

#include <memory>
#include <string>

namespace deepstep {

namespace gpu {
class Backend;
class LossForm;
}  // namespace gpu

class Loss {
public:
    virtual ~Loss() = default;
    virtual std::string type() const = 0;

    /// requires: output.shape() == target.shape(), batch >= 1.
    /// ensures: returns the batch-mean loss (may be +inf/NaN when output is).
    virtual float value(const Tensor& output, const Tensor& target) const = 0;

    /// requires: as value(). ensures: returns dL/d(output), shaped like output.
    virtual Tensor gradient(const Tensor& output, const Tensor& target) const = 0;

    /// True when this loss can start the backward pass at the pre-activation of a
    /// final activation called `activation` (softmax + categorical cross-entropy,
    /// sigmoid + binary cross-entropy). Default: false.
    virtual bool fusesWith(const std::string& /*activation*/) const { return false; }

    /// dL/dz for the fused case. requires: fusesWith(the last activation);
    /// output is that activation's result. The default throws std::logic_error.
    virtual Tensor fusedGradient(const Tensor& output, const Tensor& target) const;

    /// This loss's form on a GPU (deepstep/gpu_forms.hpp), or nullptr (the default):
    /// the Trainer then computes it on the CPU.
    virtual std::unique_ptr<gpu::LossForm> gpuForm(const gpu::Backend& backend) const;
};

}  // namespace deepstep
