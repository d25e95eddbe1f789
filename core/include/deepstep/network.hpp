#pragma once
// Network: a sequence of named layers.
//
// Parameters are named "layer.param" (e.g. "hidden.weight"), the key by which the
// optimizer keeps state, the trace records values and model files store them. A
// composite layer's children add their names: "block1.inner.weight", to any depth.

#include "deepstep/layer.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/optimizer.hpp"
#include "deepstep/trace.hpp"

#include <memory>
#include <string>
#include <vector>

namespace deepstep {

class Network {
public:
    Network() = default;
    Network(Network&&) = default;
    Network& operator=(Network&&) = default;

    /// Appends a layer. `spec` is the JSON the layer was built from (type and
    /// options), kept for saving the model. requires: name unique and non-empty.
    void add(std::string name, std::unique_ptr<Layer> layer, Json spec = Json::object());

    /// Builds every layer for inputs of `inputSample` shape, drawing initial
    /// weights from rng. requires: at least one layer. ensures: built() is true.
    void build(const Shape& inputSample, Rng& rng);
    bool built() const { return built_; }
    const Shape& inputShape() const { return inputShape_; }
    const Shape& outputShape() const { return outputShape_; }

    /// requires: built(); x is N × inputShape(). With a trace whose current step is
    /// open, records every layer's input, z and output.
    /// With inputKept the caller promises that x stays alive and unchanged until
    /// backward() has returned (the trainer's batch does): no layer then copies it.
    Tensor forward(const Tensor& x, Mode mode, StepRecord* record = nullptr, bool inputKept = false);

    /// Backward from the loss at `output` (the last forward's result). Fuses with the
    /// last layer's activation when the loss allows it. Fills all gradients.
    /// ensures: returns dL/d(input); records gradients into `record` when given.
    /// With inputGradient false (and no record) the first layer skips computing
    /// dL/d(input), which training never uses, and an empty tensor is returned.
    Tensor backward(const Loss& loss, const Tensor& output, const Tensor& target, StepRecord* record = nullptr,
                    bool inputGradient = true);
    /// Backward from an explicit dL/d(output).
    Tensor backward(const Tensor& gradOutput, StepRecord* record = nullptr, bool inputGradient = true);

    /// All parameters as "layer.param" (children's as "layer.child.param"), in network
    /// order, depth first: the ones the optimizer updates unless asked for all. Left
    /// out unless asked: non-trainable parameters (running statistics) and every
    /// parameter of a frozen layer (Layer::trainable() false) or of its children.
    std::vector<ParamRef> parameters(bool includeFrozen = false);
    /// Trainable parameters that belong to a frozen layer: they get no update.
    std::vector<ParamRef> frozenParameters();
    /// Parameter by full name, or nullptr.
    Parameter* parameter(const std::string& fullName);
    /// Layer by path: "hidden", or "block1.inner" for a composite's child; nullptr
    /// when there is none.
    Layer* findLayer(const std::string& path);

    /// The internals of top-level layer i and of its children, to any depth, the
    /// children's prefixed "<child>." (see Layer::internals()).
    std::vector<Internal> internals(std::size_t i) const;
    /// Output shape of layer i for one sample, recorded by build().
    const Shape& layerOutputShape(std::size_t i) const { return layerShapes_.at(i); }

    /// L1/L2 penalty λ1 Σ|w| + ½ λ2 Σ w² over decaying parameters, and adds its
    /// gradient (λ1 sign(w) + λ2 w) to their grads.
    float applyWeightDecay(double l1, double l2);

    /// Gradient clipping by norm over every trained parameter (trainable, not frozen):
    /// norm = sqrt(Σ g²) summed in double; when norm > maxNorm (> 0) every gradient is
    /// multiplied by scale = maxNorm / norm, else (and for a norm that is not finite,
    /// left for the divergence checks) scale is 1 and nothing changes.
    struct GradientClip {
        double norm = 0.0;
        float scale = 1.0F;
    };
    GradientClip clipGradients(double maxNorm);

    std::size_t layerCount() const { return layers_.size(); }
    Layer& layer(std::size_t i) { return *layers_.at(i).layer; }
    const Layer& layer(std::size_t i) const { return *layers_.at(i).layer; }
    const std::string& layerName(std::size_t i) const { return layers_.at(i).name; }
    const Json& layerSpec(std::size_t i) const { return layers_.at(i).spec; }
    /// Index of a layer by name, or -1.
    int indexOf(const std::string& name) const;
    /// Number of trainable scalars.
    std::size_t parameterCount();

private:
    /// Backward through layers [0, end) from g = dL/d(output of layer end-1).
    Tensor backwardFrom(std::size_t end, Tensor g, StepRecord* record, bool inputGradient);
    void recordBackward(StepRecord* record, std::size_t i, const Tensor& gradOutput, const Tensor& gradInput) const;

    struct Slot {
        std::string name;
        std::unique_ptr<Layer> layer;
        Json spec;
    };
    std::vector<Slot> layers_;
    /// Each layer's output of the last forward, kept so that the next layer may hold
    /// a reference to its input rather than a copy (Layer::forwardRetained).
    std::vector<Tensor> outputs_;
    std::vector<Shape> layerShapes_;
    Shape inputShape_;
    Shape outputShape_;
    bool built_ = false;
};

}  // namespace deepstep
