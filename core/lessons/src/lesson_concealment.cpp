#include "deepstep/lessons/concealment.hpp"

#include "deepstep/network.hpp"
#include "deepstep/stepper.hpp"

#include <bit>
#include <cmath>
#include <cstdint>

namespace deepstep {

namespace {

// A quiet NaN (exponent all ones, quiet bit set) with a payload no arithmetic produces
// by itself: generated NaNs carry an empty payload.
constexpr std::uint32_t kConcealedBits = 0x7FC15E9DU;

bool identityActivation(const LayerRecord& l) { return l.activation.empty() || l.activation == "identity"; }

}  // namespace

float concealedValue() { return std::bit_cast<float>(kConcealedBits); }

bool isConcealed(double value) {
    if (!std::isnan(value)) return false;
    // float → double → float keeps a NaN's payload; the sign may have been flipped.
    return (std::bit_cast<std::uint32_t>(static_cast<float>(value)) & 0x7FFFFFFFU) == kConcealedBits;
}

void AnswerConcealment::clear() {
    places_.clear();
    loss_ = false;
    stepCount_ = false;
}

void AnswerConcealment::add(Stepper& stepper, const LessonRef& r) {
    switch (r.kind) {
        case LessonRef::Kind::Loss:
            loss_ = true;
            return;
        case LessonRef::Kind::OptimizerStep:
            stepCount_ = true;
            return;
        case LessonRef::Kind::Eval:
            return;
        case LessonRef::Kind::Layer: {
            Network& net = stepper.network();
            const int i = net.indexOf(r.layer);
            if (i >= 0) {
                addLayer(stepper, static_cast<std::size_t>(i), r.quantity, r.index);
                return;
            }
            // A composite's child ("block.inner"): its output and ∂E/∂output are internals
            // of the top-level layer named "<child path>.output".
            const std::size_t dot = r.layer.find('.');
            const int top = dot == std::string::npos ? -1 : net.indexOf(r.layer.substr(0, dot));
            if (top < 0 || (r.quantity != "output" && r.quantity != "grad_output")) return;
            places_.push_back(Place{r.quantity == "output" ? Where::InternalValue : Where::InternalGrad,
                                    static_cast<std::size_t>(top), r.layer.substr(dot + 1) + ".output", {}, r.index});
            return;
        }
        case LessonRef::Kind::Parameter:
            addParameter(r.parameter, r.quantity, r.index);
            return;
        case LessonRef::Kind::Internal: {
            const int i = stepper.network().indexOf(r.layer);
            if (i < 0) return;
            places_.push_back(Place{r.quantity == "grad" ? Where::InternalGrad : Where::InternalValue,
                                    static_cast<std::size_t>(i), r.parameter, {}, r.index});
            return;
        }
        case LessonRef::Kind::OptimizerSlot:
            places_.push_back(Place{Where::OptimizerSlot, 0, r.parameter, r.quantity, r.index});
            return;
    }
}

void AnswerConcealment::addLayer(Stepper& stepper, std::size_t layer, const std::string& quantity,
                                 const std::vector<std::size_t>& index) {
    static const std::vector<std::pair<std::string, Where>> kQuantities{
        {"input", Where::LayerInput},        {"z", Where::LayerZ},          {"output", Where::LayerOutput},
        {"grad_output", Where::LayerGradOutput}, {"delta", Where::LayerDelta}, {"grad_input", Where::LayerGradInput}};
    for (const auto& [name, where] : kQuantities) {
        if (name == quantity) places_.push_back(Place{where, layer, {}, {}, index});
    }
    if (quantity != "delta") return;
    // δ of unit j is the gradient of its bias for one example (and a part of it for more).
    const Network& net = stepper.network();
    const std::string bias = net.layer(layer).describe().bias;
    if (bias.empty()) return;
    std::vector<std::size_t> unit;
    if (!index.empty()) unit.push_back(index.back());
    addParameter(net.layerName(layer) + "." + bias, "grad", unit);
}

void AnswerConcealment::addParameter(const std::string& parameter, const std::string& quantity,
                                     const std::vector<std::size_t>& index) {
    const auto place = [&](Where where) { places_.push_back(Place{where, 0, parameter, {}, index}); };
    if (quantity == "value") {
        // The new value less the update is the old one.
        place(Where::ParameterValue);
        place(Where::ParameterValueAfter);
        return;
    }
    if (quantity == "grad") place(Where::ParameterGrad);
    // The gradient gives the update, the update the new value, and the reverse.
    place(Where::ParameterUpdate);
    place(Where::ParameterValueAfter);
}

void AnswerConcealment::conceal(Tensor& t, const std::vector<std::size_t>& index) {
    if (t.empty()) return;
    const float hidden = concealedValue();
    if (index.empty()) {
        for (float& v : t.values()) v = hidden;
        return;
    }
    std::size_t flat = 0;
    if (index.size() == 1) {
        flat = index[0];
    } else if (index.size() == t.rank()) {
        for (std::size_t d = 0; d < index.size(); ++d) {
            if (index[d] >= t.dim(d)) return;
            flat = flat * t.dim(d) + index[d];
        }
    } else {
        // An index that does not fit the tensor's shape: hide all of it rather than guess.
        for (float& v : t.values()) v = hidden;
        return;
    }
    if (flat < t.size()) t.values()[flat] = hidden;
}

std::optional<std::vector<std::size_t>> AnswerConcealment::stateInOutput(const Tensor& states, const Tensor& output,
                                                                          const std::vector<std::size_t>& index) {
    // states N×T×H; index [n][t][j]; output N×H (the last step) or N×T×H (every step).
    if (states.rank() != 3 || index.size() != 3) return std::nullopt;
    if (output.rank() == 3 && output.shape() == states.shape()) return index;
    if (output.rank() == 2 && output.dim(0) == states.dim(0) && output.dim(1) == states.dim(2) &&
        index[1] + 1 == states.dim(1))
        return std::vector<std::size_t>{index[0], index[2]};
    return std::nullopt;
}

void AnswerConcealment::concealStateOf(LayerRecord& layer, const std::vector<std::size_t>& index, bool value) {
    for (InternalRecord& in : layer.internals) {
        if (in.name != kHiddenStates || in.value.rank() != 3) continue;
        if (layer.output.rank() == 3 && index.size() == 3) {
            conceal(value ? in.value : in.grad, index);
        } else if (layer.output.rank() == 2 && index.size() == 2) {
            conceal(value ? in.value : in.grad, {index[0], in.value.dim(1) - 1, index[1]});
        } else if (index.empty()) {
            conceal(value ? in.value : in.grad, {});
        }
    }
}

void AnswerConcealment::apply(StepRecord& record) const {
    if (loss_) record.loss = concealedValue();
    std::vector<LayerRecord>& layers = record.layers;
    const std::size_t count = layers.size();
    for (const Place& p : places_) {
        switch (p.where) {
            case Where::LayerInput:
            case Where::LayerZ:
            case Where::LayerOutput:
            case Where::LayerGradOutput:
            case Where::LayerDelta:
            case Where::LayerGradInput: {
                if (p.layer >= count) break;
                LayerRecord& l = layers[p.layer];
                LayerRecord* previous = p.layer > 0 ? &layers[p.layer - 1] : nullptr;
                LayerRecord* next = p.layer + 1 < count ? &layers[p.layer + 1] : nullptr;
                const bool last = next == nullptr;
                const bool identity = identityActivation(l);
                Where w = p.where;
                if (w == Where::LayerZ && identity) w = Where::LayerOutput;  // output = z
                if (w == Where::LayerDelta && identity) conceal(l.gradOutput, p.index);  // δ = ∂E/∂a
                switch (w) {
                    case Where::LayerInput:
                        conceal(l.input, p.index);
                        if (previous) conceal(previous->output, p.index);
                        break;
                    case Where::LayerZ:
                        conceal(l.preActivation, p.index);
                        break;
                    case Where::LayerOutput:
                        conceal(l.output, p.index);
                        concealStateOf(l, p.index, true);
                        if (identity) conceal(l.preActivation, p.index);
                        if (next) conceal(next->input, p.index);
                        if (last) {
                            // ∂E/∂o and δ are o − t up to a factor.
                            conceal(l.gradOutput, p.index);
                            conceal(l.gradPreActivation, p.index);
                        }
                        break;
                    case Where::LayerGradOutput:
                        conceal(l.gradOutput, p.index);
                        concealStateOf(l, p.index, false);
                        if (next) conceal(next->gradInput, p.index);
                        break;
                    case Where::LayerDelta:
                        conceal(l.gradPreActivation, p.index);
                        break;
                    default:
                        conceal(l.gradInput, p.index);
                        if (previous) conceal(previous->gradOutput, p.index);
                        break;
                }
                break;
            }
            case Where::InternalValue:
            case Where::InternalGrad: {
                if (p.layer >= count) break;
                const bool value = p.where == Where::InternalValue;
                for (InternalRecord& in : layers[p.layer].internals) {
                    if (in.name != p.name) continue;
                    conceal(value ? in.value : in.grad, p.index);
                    // A recurrent layer's state is its output (at the last step, or at
                    // every step when it returns sequences), and the next layer's input.
                    if (in.name != kHiddenStates) continue;
                    const std::optional<std::vector<std::size_t>> out = stateInOutput(in.value, layers[p.layer].output, p.index);
                    if (!out) continue;
                    LayerRecord* next = p.layer + 1 < count ? &layers[p.layer + 1] : nullptr;
                    conceal(value ? layers[p.layer].output : layers[p.layer].gradOutput, *out);
                    if (next) conceal(value ? next->input : next->gradInput, *out);
                }
                break;
            }
            case Where::ParameterValue:
            case Where::ParameterGrad:
            case Where::ParameterUpdate:
            case Where::ParameterValueAfter:
                for (ParameterRecord& pr : record.parameters) {
                    if (pr.name != p.name) continue;
                    conceal(p.where == Where::ParameterValue    ? pr.value
                            : p.where == Where::ParameterGrad   ? pr.grad
                            : p.where == Where::ParameterUpdate ? pr.update
                                                                : pr.valueAfter,
                            p.index);
                }
                break;
            case Where::OptimizerSlot:
                break;
        }
    }
    if (!record.optimizerState.is_null()) applyToOptimizerState(record.optimizerState);
}

bool AnswerConcealment::hidesParameterValue(const std::string& parameter) const {
    for (const Place& p : places_) {
        if ((p.where == Where::ParameterValue || p.where == Where::ParameterValueAfter) && p.name == parameter)
            return true;
    }
    return false;
}

void AnswerConcealment::applyToParameterValue(const std::string& parameter, bool afterUpdate, Tensor& value) const {
    for (const Place& p : places_) {
        if (p.name != parameter) continue;
        if (p.where == Where::ParameterValue || (afterUpdate && p.where == Where::ParameterValueAfter))
            conceal(value, p.index);
    }
}

void AnswerConcealment::applyToOptimizerState(Json& state) const {
    if (!state.is_object()) return;
    if (stepCount_) state.erase("step");
    if (!state.contains("parameters") || !state["parameters"].is_object()) return;
    Json& parameters = state["parameters"];
    for (const Place& p : places_) {
        if (p.where != Where::OptimizerSlot || !parameters.contains(p.name)) continue;
        Json& slots = parameters[p.name];
        if (!slots.is_object() || !slots.contains(p.slot)) continue;
        Json& slot = slots[p.slot];
        if (!slot.is_object() || !slot.contains("shape") || !slot.contains("data") || !slot["data"].is_array()) continue;
        try {
            Tensor t(Shape(slot["shape"].get<std::vector<std::size_t>>()), slot["data"].get<std::vector<float>>());
            conceal(t, p.index);
            slot["data"] = std::vector<float>(t.values().begin(), t.values().end());
        } catch (const std::exception&) {
            // Not a tensor as inspect() writes it: nothing of ours to hide.
        }
    }
}

}  // namespace deepstep
