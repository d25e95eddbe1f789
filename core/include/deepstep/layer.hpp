#pragma once
// Layer: the contract every layer in DeepStep fulfils.
//
// A layer maps a batch to a batch. forward() caches whatever backward() needs;
// backward() receives dL/d(output) for the same batch, fills the gradients of the
// layer's parameters and returns dL/d(input). Layers never talk to the optimizer:
// the Network hands parameters, by name, to it.

#include "deepstep/options.hpp"
#include "deepstep/random.hpp"
#include "deepstep/tensor.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

namespace gpu {
class Backend;
class LayerForm;
}  // namespace gpu

/// Train mode enables dropout and batch statistics; Eval uses running statistics.
enum class Mode { Train, Eval };

/// A named tensor owned by a layer. Trainable parameters get a gradient and are
/// updated by the optimizer; non-trainable ones (running statistics) are only saved.
struct Parameter {
    std::string name;  ///< local name: "weight", "bias"; the network prefixes "layer."
    Tensor value;
    Tensor grad;  ///< same shape as value; meaningful after backward()
    bool trainable = true;
    bool decays = true;  ///< L1/L2 weight decay applies (weights yes, biases no)
};

class Activation;
class Layer;

/// A layer inside a composite layer, with its local name ("inner"). The network names
/// the child's parameters "<layer>.<child>.<param>", to any depth.
struct ChildLayer {
    std::string name;
    Layer* layer = nullptr;
};

/// A named intermediate tensor of a layer's last pass: an LSTM's gates per time step,
/// attention scores and weights, a pooling layer's argmax, a composite's inner outputs.
/// `value` is from the last forward(); `grad`, when the layer computes one, is
/// dL/d(value) from the last backward() (nullptr when there is none or no backward ran).
/// The pointers stay valid until the layer's next forward() or backward().
struct Internal {
    std::string name;  ///< local name, e.g. "gate_i", "scores"; may contain '.' for nested ones
    const Tensor* value = nullptr;
    const Tensor* grad = nullptr;
    Text help;  ///< one line for viewers, e.g. {"input gate i_t, N×T×units", "입력 게이트 ..."}
};

/// How a layer looks to a viewer that does not know its type (the Studio's network
/// drawing, the lesson player). Everything is optional; a layer that says nothing is
/// drawn as a box with its output shape.
struct LayerView {
    /// Local name of a parameter that connects every input unit to every output unit,
    /// shaped [inputs, units] (Y = XW + b: W[i][j] is the weight from input i to unit j).
    std::string connections;
    /// connections is shaped [units, inputs] instead (PyTorch's nn.Linear layout).
    bool connectionsTransposed = false;
    /// Local name of a parameter with one value per output unit, added to its sum.
    std::string bias;
    /// Output unit j depends on input unit j only (activations, dropout, normalisation):
    /// drawn as one-to-one links.
    bool oneToOne = false;
    /// The layer adds its input to what its children compute (y = x + f(x)): drawn
    /// as a skip connection around the children.
    bool addsInput = false;
};

class Layer {
public:
    virtual ~Layer() = default;

    /// Registry name of this layer's type, e.g. "dense".
    virtual std::string type() const = 0;

    /// Allocates and initialises the parameters for inputs of one sample's shape.
    /// requires: called once before forward(); rng is the network's seeded generator.
    /// ensures: returns the shape of one output sample.
    /// throws InputError when the input shape does not fit this layer.
    virtual Shape build(const Shape& inputSample, Rng& rng) = 0;

    /// requires: build() was called; x.shape() == inputSample.withBatch(N), N >= 1.
    /// ensures: result has shape outputSample.withBatch(N); what backward() needs is cached.
    virtual Tensor forward(const Tensor& x, Mode mode) = 0;

    /// forward() for a caller that keeps `x` alive and unchanged until this layer's
    /// backward() has returned or its next forward begins (the Network does so while
    /// training). A layer may then keep a reference to x instead of a copy: a batch of
    /// images is worth not copying. The default calls forward().
    virtual Tensor forwardRetained(const Tensor& x, Mode mode) { return forward(x, mode); }

    /// requires: forward() was called last on the batch this dy belongs to;
    ///           dy has the shape of that forward's result.
    /// ensures: every trainable parameter's grad holds dL/d(param) for this batch
    ///          (overwritten, not accumulated); returns dL/d(input), shaped like x.
    virtual Tensor backward(const Tensor& dy) = 0;

    /// backward() for a caller that does not need dL/d(input): the first layer of a
    /// network, when no trace records it. Same requires/ensures for the parameters'
    /// gradients. Layers whose input gradient is costly (dense: a whole GEMM) override
    /// it to skip that work; the default calls backward() and drops the result.
    virtual void backwardParameters(const Tensor& dy) { (void)backward(dy); }

    /// The layer's parameters, in a stable order. Pointers stay valid for the
    /// layer's lifetime.
    virtual std::vector<Parameter*> parameters() { return {}; }

    // ---- Teaching hooks: what the Trace and the Studio may show. ----

    /// The activation applied at the end of forward(), if the layer has one.
    virtual const Activation* activation() const { return nullptr; }
    /// z of the last forward (the value before the activation), if the layer has one.
    virtual const Tensor* preActivation() const { return nullptr; }
    /// δ = dL/dz of the last backward, if the layer has a pre-activation.
    virtual const Tensor* preActivationGradient() const { return nullptr; }
    /// Backward pass that starts at dL/dz instead of dL/d(output). Used when a loss
    /// fuses with the layer's activation (softmax + cross-entropy) for stability.
    /// requires: activation() != nullptr. The default throws std::logic_error.
    virtual Tensor backwardFromPreActivation(const Tensor& dz);

    /// Why training may have failed to reach its target, if this layer knows
    /// (the perceptron: "not linearly separable"). Empty by default.
    virtual std::optional<Text> adviceWhenTargetMissed() const { return std::nullopt; }

    /// Named intermediate tensors of the last pass (see Internal). The Trace records
    /// them (with those of every child, prefixed "<child>."), lessons reference them,
    /// the Studio shows them as labelled heatmaps. None by default.
    virtual std::vector<Internal> internals() const { return {}; }

    /// What a viewer needs to draw this layer without knowing its type (see LayerView).
    virtual LayerView describe() const { return {}; }

    // ---- Devices ----

    /// This layer's form on a GPU (deepstep/gpu_forms.hpp), or nullptr when it has none:
    /// the Trainer then runs it on the CPU. The form works on this layer's parameters
    /// (their device copies) and options; the layer outlives it.
    /// requires: build() was called; backend is usable. The default returns nullptr.
    virtual std::unique_ptr<gpu::LayerForm> gpuForm(const gpu::Backend& backend);

    // ---- Composite layers ----

    /// The layers this layer is made of, in the order they run, each with a local name
    /// unique among its siblings and without '.'. A composite's parameters() lists only
    /// its own parameters; the network walks the children for theirs, to any depth.
    /// A composite builds, runs and differentiates its children itself.
    virtual std::vector<ChildLayer> children() const { return {}; }

    /// A frozen layer (trainable false, "trainable": false in an experiment) keeps its
    /// parameters: the network gives neither them nor its children's to the optimizer,
    /// so they get no update and no optimizer state. Gradients still flow through it.
    bool trainable() const { return trainable_; }
    void setTrainable(bool trainable) { trainable_ = trainable; }

private:
    bool trainable_ = true;
};

/// For a layer's build(), before it allocates: checks that parameters of `numbers`
/// floats, with their gradients (twice that), fit the memory budget
/// (deepstep/limits.hpp). `numbers` is a long double so that a product of sizes cannot
/// overflow on the way. `where` names the option to blame ("units"; empty: the layer),
/// `what` the parameters ("the weights of 2 inputs × 10 units").
/// throws InputError(where, "<what>, with their gradients, would take N of memory; ...").
void checkParameterMemory(long double numbers, const std::string& where, const std::string& what);

/// Reads explicit initial values for a parameter from experiment JSON, checking
/// the shape. `path` names the JSON place for errors. Shared by all layers.
/// A 2-D parameter takes nested rows ([[...], ...]); any other takes a flat list.
/// throws InputError(path[r][c]) for a value that is not a number or beyond float range.
void assignFromJson(Parameter& p, const Json& values, const std::string& path);

}  // namespace deepstep
