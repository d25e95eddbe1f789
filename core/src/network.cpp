#include "deepstep/network.hpp"

#include "layer_parameters.hpp"

#include "deepstep/activation.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"

#include <cmath>
#include <stdexcept>

namespace deepstep {

void Network::add(std::string name, std::unique_ptr<Layer> layer, Json spec) {
    if (name.empty()) {
        throw std::invalid_argument("Network::add: a layer needs a name");
    }
    if (indexOf(name) >= 0) {
        throw std::invalid_argument("Network::add: two layers named \"" + name + "\"");
    }
    if (!layer) {
        throw std::invalid_argument("Network::add: null layer \"" + name + "\"");
    }
    layers_.push_back(Slot{std::move(name), std::move(layer), std::move(spec)});
    built_ = false;
}

namespace {
template <typename F>
void visitParameters(Layer& layer, const std::string& prefix, bool frozen, F&& f);
}  // namespace

void Network::build(const Shape& inputSample, Rng& rng) {
    if (layers_.empty()) {
        throw std::invalid_argument("Network::build: the network has no layers");
    }
    inputShape_ = inputSample;
    Shape s = inputSample;
    layerShapes_.clear();
    long double parameterBytes = 0;
    for (auto& slot : layers_) {
        try {
            s = slot.layer->build(s, rng);
            // Each layer's own allocations were checked (Tensor refuses one beyond the
            // budget); this checks what the layers hold together, values and gradients.
            visitParameters(*slot.layer, "", false, [&](const std::string&, Parameter& p, bool) {
                parameterBytes += static_cast<long double>(p.value.size() + p.grad.size()) * sizeof(float);
            });
            checkMemoryBudget(parameterBytes, "",
                              "the parameters of the layers up to this one, with their gradients,");
        } catch (const InputError& e) {
            throw InputError(e.where().empty() ? slot.name : slot.name + ": " + e.where(), e.message());
        }
        layerShapes_.push_back(s);
    }
    outputShape_ = s;
    built_ = true;
}

int Network::indexOf(const std::string& name) const {
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        if (layers_[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

Tensor Network::forward(const Tensor& x, Mode mode, StepRecord* record, bool inputKept) {
    if (!built_) {
        throw std::logic_error("Network::forward: build() the network first");
    }
    if (x.rank() < 1 || inputShape_.withBatch(x.batch()) != x.shape()) {
        throw InputError("network input",
                         "expected shape " + inputShape_.withBatch(x.batch()).str() + ", got " + x.shape().str());
    }
    if (record) {
        record->layers.clear();
    }
    outputs_.resize(layers_.size());
    // Every layer's input outlives its backward pass: the caller's batch when it says
    // so, otherwise outputs_, which the network keeps until the next forward.
    const Tensor* in = &x;
    for (std::size_t i = 0; i < layers_.size(); ++i) {
        Slot& slot = layers_[i];
        Tensor out = i == 0 && !inputKept ? slot.layer->forward(*in, mode) : slot.layer->forwardRetained(*in, mode);
        if (record) {
            LayerRecord r;
            r.name = slot.name;
            r.type = slot.layer->type();
            if (const Activation* a = slot.layer->activation()) {
                r.activation = a->name();
            }
            r.input = *in;
            if (const Tensor* z = slot.layer->preActivation()) {
                r.preActivation = *z;
            }
            r.output = out;
            for (const Internal& in : internals(i)) {
                if (in.value) {
                    r.internals.push_back(InternalRecord{in.name, *in.value, {}});
                }
            }
            record->layers.push_back(std::move(r));
        }
        outputs_[i] = std::move(out);
        in = &outputs_[i];
    }
    return outputs_.back();
}

void Network::recordBackward(StepRecord* record, std::size_t i, const Tensor& gradOutput,
                             const Tensor& gradInput) const {
    if (!record || i >= record->layers.size()) {
        return;
    }
    LayerRecord& r = record->layers[i];
    const Layer& layer = *layers_[i].layer;
    r.gradOutput = gradOutput;
    if (const Tensor* d = layer.preActivationGradient()) {
        r.gradPreActivation = *d;
    }
    r.gradInput = gradInput;
    for (const Internal& in : internals(i)) {
        if (!in.grad) {
            continue;
        }
        for (InternalRecord& ir : r.internals) {
            if (ir.name == in.name) {
                ir.grad = *in.grad;
            }
        }
    }
}

Tensor Network::backward(const Loss& loss, const Tensor& output, const Tensor& target, StepRecord* record,
                         bool inputGradient) {
    if (layers_.empty()) {
        throw std::logic_error("Network::backward: no layers");
    }
    if (output.shape() != target.shape()) {
        throw InputError("target", "expected shape " + output.shape().str() + " (the network's output), got " +
                                       target.shape().str());
    }
    Layer& last = *layers_.back().layer;
    const Activation* act = last.activation();
    if (act && loss.fusesWith(act->name())) {
        const Tensor dz = loss.fusedGradient(output, target);
        Tensor dx = last.backwardFromPreActivation(dz);
        if (record) {
            record->fusedLoss = true;
            recordBackward(record, layers_.size() - 1, loss.gradient(output, target), dx);
        }
        return backwardFrom(layers_.size() - 1, std::move(dx), record, inputGradient);
    }
    return backward(loss.gradient(output, target), record, inputGradient);
}

Tensor Network::backward(const Tensor& gradOutput, StepRecord* record, bool inputGradient) {
    return backwardFrom(layers_.size(), gradOutput, record, inputGradient);
}

Tensor Network::backwardFrom(std::size_t end, Tensor g, StepRecord* record, bool inputGradient) {
    // Below the lowest layer that holds parameters nothing needs a gradient (LeNet's
    // convolution above a standardisation): that layer skips its input gradient.
    std::size_t lowest = 0;
    if (!inputGradient && !record) {
        while (lowest < end && !holdsParameters(*layers_[lowest].layer)) {
            ++lowest;
        }
        if (lowest == end) {
            return {};
        }
    }
    for (std::size_t i = end; i-- > 0;) {
        if (i == lowest && !inputGradient && !record) {
            layers_[i].layer->backwardParameters(g);
            return {};
        }
        Tensor next = layers_[i].layer->backward(g);
        recordBackward(record, i, g, next);
        g = std::move(next);
    }
    return g;
}

namespace {
// Visits every parameter of `layer` and of its children, depth first, with its full
// name and whether a frozen layer holds it.
template <typename F>
void visitParameters(Layer& layer, const std::string& prefix, bool frozen, F&& f) {
    frozen = frozen || !layer.trainable();
    for (Parameter* p : layer.parameters()) {
        f(prefix + p->name, *p, frozen);
    }
    for (const ChildLayer& c : layer.children()) {
        visitParameters(*c.layer, prefix + c.name + ".", frozen, f);
    }
}

void collectInternals(const Layer& layer, const std::string& prefix, std::vector<Internal>& out) {
    for (Internal in : layer.internals()) {
        in.name = prefix + in.name;
        out.push_back(std::move(in));
    }
    for (const ChildLayer& c : layer.children()) {
        collectInternals(*c.layer, prefix + c.name + ".", out);
    }
}
}  // namespace

std::vector<ParamRef> Network::parameters(bool includeFrozen) {
    std::vector<ParamRef> out;
    for (auto& slot : layers_) {
        visitParameters(*slot.layer, slot.name + ".", false, [&](const std::string& name, Parameter& p, bool frozen) {
            if (includeFrozen || (p.trainable && !frozen)) {
                out.push_back(ParamRef{name, &p.value, &p.grad});
            }
        });
    }
    return out;
}

std::vector<ParamRef> Network::frozenParameters() {
    std::vector<ParamRef> out;
    for (auto& slot : layers_) {
        visitParameters(*slot.layer, slot.name + ".", false, [&](const std::string& name, Parameter& p, bool frozen) {
            if (p.trainable && frozen) {
                out.push_back(ParamRef{name, &p.value, &p.grad});
            }
        });
    }
    return out;
}

Parameter* Network::parameter(const std::string& fullName) {
    Parameter* found = nullptr;
    for (auto& slot : layers_) {
        if (fullName.compare(0, slot.name.size() + 1, slot.name + ".") != 0) {
            continue;
        }
        visitParameters(*slot.layer, slot.name + ".", false, [&](const std::string& name, Parameter& p, bool) {
            if (!found && name == fullName) {
                found = &p;
            }
        });
    }
    return found;
}

Layer* Network::findLayer(const std::string& path) {
    std::size_t start = 0;
    Layer* current = nullptr;
    while (start <= path.size()) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        Layer* next = nullptr;
        if (!current) {
            const int i = indexOf(part);
            next = i < 0 ? nullptr : layers_[static_cast<std::size_t>(i)].layer.get();
        } else {
            for (const ChildLayer& c : current->children()) {
                if (c.name == part) {
                    next = c.layer;
                }
            }
        }
        if (!next) {
            return nullptr;
        }
        current = next;
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    return current;
}

std::vector<Internal> Network::internals(std::size_t i) const {
    std::vector<Internal> out;
    collectInternals(*layers_.at(i).layer, "", out);
    return out;
}

float Network::applyWeightDecay(double l1, double l2) {
    if (l1 == 0.0 && l2 == 0.0) {
        return 0.0F;
    }
    double penalty = 0.0;
    for (auto& slot : layers_) {
        visitParameters(*slot.layer, "", false, [&](const std::string&, Parameter& p, bool frozen) {
            if (!p.trainable || !p.decays || frozen) {
                return;
            }
            penalty += addWeightDecay(p, l1, l2);
        });
    }
    return static_cast<float>(penalty);
}

Network::GradientClip Network::clipGradients(double maxNorm) {
    std::vector<Parameter*> trained;
    for (auto& slot : layers_) {
        visitParameters(*slot.layer, "", false, [&](const std::string&, Parameter& p, bool frozen) {
            if (p.trainable && !frozen) trained.push_back(&p);
        });
    }
    GradientClip clip;
    double squares = 0.0;
    for (const Parameter* p : trained) {
        for (const float g : p->grad.values())
            squares += static_cast<double>(g) * g;
    }
    clip.norm = std::sqrt(squares);
    // An infinite or NaN norm is left for the divergence checks to report, not hidden
    // (or made NaN) by scaling.
    if (!std::isfinite(clip.norm) || clip.norm <= maxNorm) return clip;
    clip.scale = static_cast<float>(maxNorm / clip.norm);
    for (Parameter* p : trained) {
        for (float& g : p->grad.values())
            g *= clip.scale;
    }
    return clip;
}

std::size_t Network::parameterCount() {
    std::size_t n = 0;
    for (const auto& p : parameters()) {
        n += p.value->size();
    }
    return n;
}

}  // namespace deepstep
