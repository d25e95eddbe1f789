#pragma once
// Composite layers: layers made of layers.
//
// A composite owns its children, builds, runs and differentiates them itself, and
// lists them in children() so that everything that names a parameter (the optimizer's
// state, model files, traces, the stepper, gradient checks, lesson references) sees
// them as "<layer>.<child>.<param>", to any depth. The network stays a list of layers.
//
// Core registers two, usable from experiment JSON:
//
//   {"type": "sequential", "name": "block", "layers": [ {...}, {...} ]}
//       y = f_k(… f_2(f_1(x)))
//   {"type": "residual", "name": "block1", "layers": [ {...}, {...} ]}
//       y = x + f(x), f the layers in order; f's output must have x's shape
//
// Children are named like the network's layers: "name" when given, else type and a
// count among their siblings ("dense1", "dense2"). A plugin's own composite (a
// transformer block, an encoder–decoder) derives from SequentialLayer or from Layer.

#include "deepstep/layer.hpp"

#include <memory>
#include <string>
#include <vector>

namespace deepstep {

class Registry;

/// A child layer with its local name, as built by Registry::makeLayers.
struct NamedLayer {
    std::string name;
    std::unique_ptr<Layer> layer;
};

/// Layers run one after the other. Its activation, pre-activation and δ are those of
/// its last child, so a loss can fuse with a softmax at its end.
/// Internals: "<child>.output" for every child but the last (whose output is the
/// layer's own), with dL/d(that output) after backward.
class SequentialLayer : public Layer {
public:
    /// requires: at least one child; names non-empty, without '.', unique.
    /// throws std::invalid_argument otherwise.
    explicit SequentialLayer(std::vector<NamedLayer> children);

    std::string type() const override { return "sequential"; }
    /// Builds every child in order. ensures: returns the last child's output shape.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor forwardRetained(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    Tensor backwardFromPreActivation(const Tensor& dz) override;

    const Activation* activation() const override;
    const Tensor* preActivation() const override;
    const Tensor* preActivationGradient() const override;
    std::optional<Text> adviceWhenTargetMissed() const override;
    std::vector<Internal> internals() const override;
    std::vector<ChildLayer> children() const override;

    std::size_t size() const { return children_.size(); }
    /// Output shape of child i for one sample; recorded by build().
    const Shape& childOutputShape(std::size_t i) const { return shapes_.at(i); }

protected:
    /// Runs the children from `x`; `retained` says x outlives the next backward.
    Tensor runForward(const Tensor& x, Mode mode, bool retained);
    /// Backward through children [0, end) from g = dL/d(output of child end − 1).
    /// With inputGradient false the first child skips dL/d(input) and {} is returned.
    Tensor runBackward(std::size_t end, Tensor g, bool inputGradient);
    /// "<child>.output" internals of children [0, count).
    std::vector<Internal> childOutputs(std::size_t count) const;

    std::vector<NamedLayer> children_;
    std::vector<Shape> shapes_;
    std::vector<Tensor> outputs_;  ///< each child's output of the last forward
    std::vector<Tensor> grads_;    ///< dL/d(each child's output) of the last backward
};

/// y = x + f(x), f its children in order (a residual or skip connection).
/// dL/dx = dL/dy + the gradient through f. It has no activation of its own.
class ResidualLayer : public SequentialLayer {
public:
    using SequentialLayer::SequentialLayer;
    std::string type() const override { return "residual"; }
    LayerView describe() const override {
        LayerView view;
        view.addsInput = true;
        return view;
    }
    /// throws InputError when f's output shape differs from the input's.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor forwardRetained(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    void backwardParameters(const Tensor& dy) override;
    Tensor backwardFromPreActivation(const Tensor& dz) override;
    const Activation* activation() const override { return nullptr; }
    const Tensor* preActivation() const override { return nullptr; }
    const Tensor* preActivationGradient() const override { return nullptr; }
    /// "<child>.output" for every child, the last one's being f(x).
    std::vector<Internal> internals() const override;
};

/// Registers "sequential" and "residual" (plugin "core"). The Registry's constructor
/// calls it.
void registerCompositeLayers(Registry& registry);

}  // namespace deepstep
