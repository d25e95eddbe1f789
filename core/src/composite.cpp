#include "deepstep/composite.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/registry.hpp"

#include <set>
#include <stdexcept>

namespace deepstep {

SequentialLayer::SequentialLayer(std::vector<NamedLayer> children) : children_(std::move(children)) {
    if (children_.empty()) {
        throw std::invalid_argument("SequentialLayer: a composite layer needs at least one child");
    }
    std::set<std::string> seen;
    for (const NamedLayer& c : children_) {
        if (!c.layer) {
            throw std::invalid_argument("SequentialLayer: null child \"" + c.name + "\"");
        }
        if (c.name.empty() || c.name.find('.') != std::string::npos || !seen.insert(c.name).second) {
            throw std::invalid_argument("SequentialLayer: child names must be non-empty, without '.', unique; got \"" +
                                        c.name + "\"");
        }
    }
}

Shape SequentialLayer::build(const Shape& inputSample, Rng& rng) {
    shapes_.clear();
    Shape s = inputSample;
    for (NamedLayer& c : children_) {
        try {
            s = c.layer->build(s, rng);
        } catch (const InputError& e) {
            throw InputError(e.where().empty() ? c.name : c.name + ": " + e.where(), e.message());
        }
        shapes_.push_back(s);
    }
    outputs_.assign(children_.size(), Tensor());
    grads_.assign(children_.size(), Tensor());
    return s;
}

Tensor SequentialLayer::runForward(const Tensor& x, Mode mode, bool retained) {
    // Each child's input outlives its backward: x when the caller keeps it, otherwise
    // outputs_, which this layer keeps until its next forward.
    const Tensor* in = &x;
    for (std::size_t i = 0; i < children_.size(); ++i) {
        Layer& l = *children_[i].layer;
        outputs_[i] = i == 0 && !retained ? l.forward(*in, mode) : l.forwardRetained(*in, mode);
        in = &outputs_[i];
    }
    return outputs_.back();
}

Tensor SequentialLayer::forward(const Tensor& x, Mode mode) {
    return runForward(x, mode, false);
}

Tensor SequentialLayer::forwardRetained(const Tensor& x, Mode mode) {
    return runForward(x, mode, true);
}

Tensor SequentialLayer::runBackward(std::size_t end, Tensor g, bool inputGradient) {
    for (std::size_t i = end; i-- > 0;) {
        Layer& l = *children_[i].layer;
        grads_[i] = std::move(g);
        if (i == 0 && !inputGradient) {
            l.backwardParameters(grads_[i]);
            return {};
        }
        g = l.backward(grads_[i]);
    }
    return g;
}

Tensor SequentialLayer::backward(const Tensor& dy) {
    return runBackward(children_.size(), dy, true);
}

void SequentialLayer::backwardParameters(const Tensor& dy) {
    (void)runBackward(children_.size(), dy, false);
}

Tensor SequentialLayer::backwardFromPreActivation(const Tensor& dz) {
    Layer& last = *children_.back().layer;
    // dL/d(output) of the last child is not known when the loss fused with its
    // activation; its record shows δ instead.
    grads_.back() = Tensor();
    Tensor g = last.backwardFromPreActivation(dz);
    return runBackward(children_.size() - 1, std::move(g), true);
}

const Activation* SequentialLayer::activation() const {
    return children_.back().layer->activation();
}

const Tensor* SequentialLayer::preActivation() const {
    return children_.back().layer->preActivation();
}

const Tensor* SequentialLayer::preActivationGradient() const {
    return children_.back().layer->preActivationGradient();
}

std::optional<Text> SequentialLayer::adviceWhenTargetMissed() const {
    for (const NamedLayer& c : children_) {
        if (auto advice = c.layer->adviceWhenTargetMissed()) {
            return advice;
        }
    }
    return std::nullopt;
}

std::vector<Internal> SequentialLayer::childOutputs(std::size_t count) const {
    std::vector<Internal> out;
    for (std::size_t i = 0; i < count && i < outputs_.size(); ++i) {
        if (outputs_[i].empty()) {
            continue;
        }
        out.push_back(Internal{children_[i].name + ".output", &outputs_[i], grads_[i].empty() ? nullptr : &grads_[i],
                               {"output of " + children_[i].name, children_[i].name + "의 출력"}});
    }
    return out;
}

std::vector<Internal> SequentialLayer::internals() const {
    return childOutputs(children_.size() - 1);
}

std::vector<ChildLayer> SequentialLayer::children() const {
    std::vector<ChildLayer> out;
    for (const NamedLayer& c : children_) {
        out.push_back(ChildLayer{c.name, c.layer.get()});
    }
    return out;
}

// ---- residual ----

Shape ResidualLayer::build(const Shape& inputSample, Rng& rng) {
    const Shape out = SequentialLayer::build(inputSample, rng);
    if (out != inputSample) {
        throw InputError("", "a residual block adds its input to f(input), so its layers must give the input's shape " +
                                 inputSample.str() + ", but they give " + out.str());
    }
    return out;
}

Tensor ResidualLayer::forward(const Tensor& x, Mode mode) {
    Tensor y = runForward(x, mode, false);
    y += x;
    return y;
}

Tensor ResidualLayer::forwardRetained(const Tensor& x, Mode mode) {
    Tensor y = runForward(x, mode, true);
    y += x;
    return y;
}

Tensor ResidualLayer::backward(const Tensor& dy) {
    Tensor dx = runBackward(children_.size(), dy, true);
    dx += dy;
    return dx;
}

void ResidualLayer::backwardParameters(const Tensor& dy) {
    (void)runBackward(children_.size(), dy, false);
}

Tensor ResidualLayer::backwardFromPreActivation(const Tensor& /*dz*/) {
    throw std::logic_error("a residual layer has no activation of its own to start the backward pass from");
}

std::vector<Internal> ResidualLayer::internals() const {
    return childOutputs(children_.size());
}

// ---- registration ----

void registerCompositeLayers(Registry& registry) {
    const Text layersHelp{
        "The layers inside, in order: each a layer object as in model.layers (with its own \"name\", "
        "\"parameters\" and \"trainable\"), or just a layer type's name.",
        "안에 들어갈 층들을 순서대로 적습니다. 각각 model.layers의 층과 같은 객체(\"name\", \"parameters\", "
        "\"trainable\"도 쓸 수 있음)이거나 층 종류의 이름입니다."};
    registry.addCompositeLayer(
        componentInfo(Kind::Layer, "sequential",
                      {"A block of layers run one after the other; their parameters are named block.child.param.",
                       "여러 층을 차례로 실행하는 묶음입니다. 매개변수 이름은 묶음.층.매개변수가 됩니다."},
                      Schema{layersOption("layers", layersHelp)}),
        [](const Options& o, const Registry& r) {
            return std::make_unique<SequentialLayer>(r.makeLayers(o.value("layers"), "layers"));
        });
    registry.addCompositeLayer(
        componentInfo(Kind::Layer, "residual",
                      {"Residual block y = x + f(x), f its layers in order: the gradient reaches x directly through "
                       "the skip connection.",
                       "잔차 블록 y = x + f(x). f는 안의 층들입니다. 기울기가 건너뛰는 연결을 따라 x까지 곧바로 "
                       "전해집니다."},
                      Schema{layersOption("layers", layersHelp)}),
        [](const Options& o, const Registry& r) {
            return std::make_unique<ResidualLayer>(r.makeLayers(o.value("layers"), "layers"));
        });
}

}  // namespace deepstep
