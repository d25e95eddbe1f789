#pragma once
// GPU forms: how a layer, a loss or an optimizer computes on a GPU.
//
// A component that can run on a GPU returns a form from its gpuForm(backend)
// (Layer::gpuForm, Loss::gpuForm, Optimizer::gpuForm); one that cannot returns nullptr
// (the default) and runs on the CPU as before. The Trainer, given a device
// (Trainer::setDevice), runs every layer that has a form on the GPU and the others on
// the CPU, copying a batch across only where a CPU layer meets a GPU one; the loss and
// the optimizer likewise. It says once what runs where (Trainer::devicePlacement).
//
// A form computes the same numbers as its component on the CPU, up to float rounding
// (the products go through cuBLAS in fp32, sums in another order): the parity tests
// compare whole training runs on both.
//
// Memory layout on the device is the Tensor's: a batch of N samples is N rows of one
// sample's values each, row-major, which BLAS reads as a column-major
// (sample size × N) matrix. Every pointer a form takes or returns is device memory.
//
// The host copy of a parameter (Parameter::value) is kept up to date lazily: the
// Trainer copies a form's parameters to the host when someone looks
// (Trainer::syncToHost, a trace, the end of fit) and back to the device after the host
// changed them.

#include "deepstep/device.hpp"
#include "deepstep/layer.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep::gpu {

/// A layer parameter's copy on the device, held by the layer's form.
struct ParameterCopy {
    Parameter* host = nullptr;  ///< the layer's own parameter
    Buffer value;               ///< host->value.size() floats
    Buffer grad;                ///< as many: dL/d(value) of the last backward
};

/// A device copy for `p`, its value and gradient buffers allocated (the trainer
/// uploads the value before the first step).
inline ParameterCopy deviceCopy(const Backend& backend, Parameter& p) {
    return ParameterCopy{&p, Buffer(backend, p.value.size()), Buffer(backend, p.value.size())};
}

/// A layer on the GPU.
class LayerForm {
public:
    virtual ~LayerForm() = default;

    /// The device copies of the layer's parameters, in the order of
    /// Layer::parameters(); pointers stay valid for the form's lifetime.
    virtual std::vector<ParameterCopy*> parameters() { return {}; }

    /// requires: x holds batch × (one input sample) floats, alive and unchanged until
    ///           backward() returns or the next forward() begins; batch >= 1.
    /// ensures: returns batch × (one output sample) floats, owned by the form and
    ///          valid until its next forward(); what backward() needs is kept.
    virtual const float* forward(const float* x, std::size_t batch, Mode mode) = 0;

    /// requires: forward() ran last; dy holds dL/d(output) for its batch.
    /// ensures: every parameter copy's grad holds dL/d(value) (overwritten); dx, when
    ///          not null, holds dL/d(input) (batch × one input sample).
    virtual void backward(const float* dy, float* dx) = 0;

    /// backward() from dL/dz of the layer's activation (a loss fused with it).
    /// requires: preActivation() != nullptr. The default throws std::logic_error.
    virtual void backwardFromPreActivation(const float* dz, float* dx);

    /// z of the last forward (before the activation) and δ = dL/dz of the last
    /// backward, on the device; nullptr when the layer has none (as its Layer says).
    virtual const float* preActivation() const { return nullptr; }
    virtual const float* preActivationGradient() const { return nullptr; }
};

/// A loss on the GPU.
class LossForm {
public:
    virtual ~LossForm() = default;

    /// requires: output and target hold batch × sampleSize floats.
    /// ensures: loss[0] (when not null) holds the batch loss, as Loss::value gives it;
    ///          grad (when not null) holds Loss::gradient, or, when fused,
    ///          Loss::fusedGradient (dL/dz of the last layer's activation).
    virtual void compute(const float* output, const float* target, std::size_t batch, std::size_t sampleSize,
                         bool fused, float* grad, float* loss) const = 0;
};

/// An optimizer on the GPU. Its state (a velocity per parameter, say) lives on the
/// device while training runs there; toHost() hands it to the optimizer, so that
/// Optimizer::inspect() and saveState() show it.
class OptimizerForm {
public:
    virtual ~OptimizerForm() = default;

    /// Applies step t (1-based) to one parameter: value += Δ, with the optimizer's
    /// rule and `learningRate`; Δ is written to `delta` (device, p's size) when not null.
    /// requires: p.grad holds the gradient; `name` is the parameter's network name.
    virtual void update(const std::string& name, ParameterCopy& p, long long t, double learningRate,
                        float* delta) = 0;

    /// The form's state of every parameter it updated, into the optimizer's slots.
    virtual void toHost() = 0;
    /// The optimizer's slots onto the device (after loadState or reset on the host).
    virtual void toDevice() = 0;
};

}  // namespace deepstep::gpu
