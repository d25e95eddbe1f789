// References: their grammar, and what they name in a Stepper's state of the moment.

#include "deepstep/lessons/reference.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/stepper.hpp"
#include "wording.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

namespace deepstep {

using lessons_detail::inQuotes;
using lessons_detail::listed;

namespace {

// ---------------------------------------------------------------- grammar

const char* const kReferenceForms =
    "expected a reference such as \"loss\", \"layer:NAME.output[i][j]\", \"param:LAYER.PARAM.grad[i][j]\", "
    "\"eval:accuracy\", \"eval:loss\", \"optimizer:LAYER.PARAM.SLOT[i]\", \"optimizer:step\" or "
    "\"internal:LAYER.NAME.value[i][j]\"";
const char* const kHighlightForms = "expected \"layer:NAME\", \"LAYER.PARAM\" or \"LAYER.PARAM[i][j]\"";
const char* const kShowForms =
    "expected \"layer:NAME\", \"layer:NAME.Q\" (Q: input, z, output, grad_output, delta or grad_input), "
    "\"param:LAYER.PARAM\", \"internal:LAYER\", \"loss\" or \"eval\"";

const std::vector<std::string>& layerQuantities() {
    static const std::vector<std::string> q{"input", "z", "output", "grad_output", "delta", "grad_input"};
    return q;
}

const std::vector<std::string>& parameterQuantities() {
    static const std::vector<std::string> q{"value", "grad", "update", "value_after"};
    return q;
}

bool oneOf(const std::string& s, const std::vector<std::string>& options) {
    return std::find(options.begin(), options.end(), s) != options.end();
}

bool isLayerQuantity(const std::string& s) {
    return oneOf(s, layerQuantities());
}

bool isParameterQuantity(const std::string& s) {
    return oneOf(s, parameterQuantities());
}

bool anything(const std::string& /*s*/) {
    return true;
}

/// Parts [first, last) joined by dots: {"block", "inner", "weight"} → "block.inner.weight".
std::string joinedParts(const std::vector<std::string>& parts, std::size_t first, std::size_t last) {
    std::string out;
    for (std::size_t i = first; i < last; ++i)
        out += (i == first ? "" : ".") + parts[i];
    return out;
}

/// Where `parts` splits into a name and the field after it: the number of parts of the
/// longest name (at least `minName` >= 1 parts) that `isName` accepts and that leaves a
/// field (one part or more) that `isField` accepts; nullopt when there is none.
template <typename IsName, typename IsField>
std::optional<std::size_t> longestName(const std::vector<std::string>& parts, std::size_t minName, IsName isName,
                                       IsField isField) {
    for (std::size_t k = parts.size(); k-- > minName;)
        if (isName(joinedParts(parts, 0, k)) && isField(joinedParts(parts, k, parts.size()))) return k;
    return std::nullopt;
}

/// Splits "a.b.c[1][2]" into {"a", "b", "c"} and {1, 2}. False when malformed: an
/// empty name, a name with '[', ']' or ':', or anything after the indices.
bool splitDotted(const std::string& text, std::vector<std::string>& names, std::vector<std::size_t>& index) {
    names.clear();
    index.clear();
    const std::size_t bracket = text.find('[');
    const std::string head = text.substr(0, bracket);
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = head.find('.', start);
        const std::string part = head.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (part.empty() || part.find_first_of("[]:") != std::string::npos) return false;
        names.push_back(part);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    std::size_t i = bracket;
    while (i != std::string::npos && i < text.size()) {
        if (text[i] != '[') return false;
        const std::size_t close = text.find(']', i);
        if (close == std::string::npos || close == i + 1) return false;
        const std::string digits = text.substr(i + 1, close - i - 1);
        if (digits.size() > 9 ||
            !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return false;
        index.push_back(static_cast<std::size_t>(std::stoul(digits)));
        i = close + 1;
    }
    return true;
}

std::string indexText(const std::vector<std::size_t>& index) {
    std::string s;
    for (std::size_t i : index)
        s += "[" + std::to_string(i) + "]";
    return s;
}

// ---------------------------------------------------------------- resolution

const Tensor& layerQuantity(const LayerRecord& l, const std::string& q) {
    if (q == "input") return l.input;
    if (q == "z") return l.preActivation;
    if (q == "output") return l.output;
    if (q == "grad_output") return l.gradOutput;
    if (q == "delta") return l.gradPreActivation;
    return l.gradInput;
}

const Tensor& parameterQuantity(const ParameterRecord& p, const std::string& q) {
    if (q == "value") return p.value;
    if (q == "grad") return p.grad;
    if (q == "update") return p.update;
    return p.valueAfter;
}

/// Row-major element `index` of `t`; with `flatAllowed`, a single index counts over all
/// elements. throws InputError(where) when the index does not fit.
double element(const Tensor& t, const std::vector<std::size_t>& index, const std::string& where, bool flatAllowed) {
    if (flatAllowed && index.size() == 1) {
        if (index[0] >= t.size())
            throw InputError(where, "expected an index below " + std::to_string(t.size()) + " (the value has shape " +
                                        t.shape().str() + "), got " + indexText(index));
        return t[index[0]];
    }
    if (index.size() != t.rank())
        throw InputError(where, "expected " + std::to_string(t.rank()) + " index" + (t.rank() == 1 ? "" : "es") +
                                    " (the value has shape " + t.shape().str() + "), got " + indexText(index));
    std::size_t flat = 0;
    for (std::size_t k = 0; k < index.size(); ++k) {
        if (index[k] >= t.dim(k))
            throw InputError(where, "expected an index below " + std::to_string(t.dim(k)) + " in position " +
                                        std::to_string(k + 1) + " (the value has shape " + t.shape().str() + "), got " +
                                        indexText(index));
        flat = flat * t.dim(k) + index[k];
    }
    return t[flat];
}

std::vector<std::string> layerNames(Stepper& s) {
    std::vector<std::string> names;
    for (int i = 0; i < s.layerCount(); ++i)
        names.push_back(s.network().layerName(static_cast<std::size_t>(i)));
    return names;
}

std::vector<std::string> parameterNames(Stepper& s) {
    std::vector<std::string> names;
    for (const ParamRef& p : s.network().parameters(true))
        names.push_back(p.name);
    return names;
}

int requireLayer(Stepper& s, const std::string& name, const std::string& where) {
    const int i = s.network().indexOf(name);
    if (i < 0)
        throw InputError(where,
                         "expected a layer of the experiment (" + listed(layerNames(s)) + "), got " + inQuotes(name));
    return i;
}

Parameter& requireParameter(Stepper& s, const std::string& name, const std::string& where) {
    Parameter* p = s.network().parameter(name);
    if (p == nullptr)
        throw InputError(
            where, "expected a parameter of the experiment (" + listed(parameterNames(s)) + "), got " + inQuotes(name));
    return *p;
}

const StepRecord& requireRecord(Stepper& s, const std::string& where) {
    if (s.record() == nullptr)
        throw InputError(where,
                         "expected an iteration on display, but none has been computed at this step (after "
                         "training none is shown): run forward_layer or iteration first");
    return *s.record();
}

/// A reference's name and field as the experiment knows them: the longest name (at
/// least `minName` parts) that `known` accepts and that leaves a field `isField`
/// accepts. When there is none, the parser's split, whose name the caller then reports
/// as unknown.
template <typename IsKnown, typename IsField>
std::pair<std::string, std::string> knownSplit(const LessonRef& r, std::size_t minName, IsKnown known,
                                               IsField isField) {
    if (const auto k = longestName(r.path, minName, known, isField))
        return {joinedParts(r.path, 0, *k), joinedParts(r.path, *k, r.path.size())};
    return {r.kind == LessonRef::Kind::Layer ? r.layer : r.parameter, r.quantity};
}

std::pair<std::string, std::string> knownLayerSplit(Stepper& s, const LessonRef& r) {
    return knownSplit(
        r, 1, [&](const std::string& name) { return s.network().indexOf(name) >= 0; }, isLayerQuantity);
}

template <typename IsField>
std::pair<std::string, std::string> knownParameterSplit(Stepper& s, const LessonRef& r, IsField isField) {
    return knownSplit(
        r, 2, [&](const std::string& name) { return s.network().parameter(name) != nullptr; }, isField);
}

}  // namespace

// ---------------------------------------------------------------- parsing

LessonRef parseLessonReference(const std::string& text) {
    LessonRef r;
    r.text = text;
    if (text == "loss") return r;
    if (text == "optimizer:step") {
        r.kind = LessonRef::Kind::OptimizerStep;
        return r;
    }
    if (text == "eval:accuracy" || text == "eval:loss") {
        r.kind = LessonRef::Kind::Eval;
        r.quantity = text.substr(5);
        return r;
    }
    std::vector<std::string>& parts = r.path;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), parts, r.index) && parts.size() >= 2 &&
        !r.index.empty()) {
        const auto k = longestName(parts, 1, anything, isLayerQuantity);
        if (!k)
            throw InputError(text, "expected one of " + listed(layerQuantities()) + " after the layer's name, got " +
                                       inQuotes(parts.back()));
        r.kind = LessonRef::Kind::Layer;
        r.layer = joinedParts(parts, 0, *k);
        r.quantity = joinedParts(parts, *k, parts.size());
        return r;
    }
    if (text.starts_with("param:") && splitDotted(text.substr(6), parts, r.index) && parts.size() >= 3 &&
        !r.index.empty()) {
        const auto k = longestName(parts, 2, anything, isParameterQuantity);
        if (!k)
            throw InputError(text, "expected one of " + listed(parameterQuantities()) +
                                       " after the parameter's name, got " + inQuotes(parts.back()));
        r.kind = LessonRef::Kind::Parameter;
        r.layer = parts[0];
        r.parameter = joinedParts(parts, 0, *k);
        r.quantity = joinedParts(parts, *k, parts.size());
        return r;
    }
    if (text.starts_with("optimizer:") && splitDotted(text.substr(10), parts, r.index) && parts.size() >= 3 &&
        !r.index.empty()) {
        // Slots are the optimizer's own words: here the slot is the last part; resolution
        // takes the longest parameter name the network knows.
        r.kind = LessonRef::Kind::OptimizerSlot;
        r.layer = parts[0];
        r.parameter = joinedParts(parts, 0, parts.size() - 1);
        r.quantity = parts.back();
        return r;
    }
    if (text.starts_with("internal:") && splitDotted(text.substr(9), parts, r.index) && parts.size() >= 3 &&
        !r.index.empty()) {
        if (parts.back() != "value" && parts.back() != "grad")
            throw InputError(text, "expected value or grad after the internal's name, got " + inQuotes(parts.back()));
        r.kind = LessonRef::Kind::Internal;
        r.layer = parts[0];
        r.parameter = joinedParts(parts, 1, parts.size() - 1);
        r.quantity = parts.back();
        return r;
    }
    throw InputError(text, std::string(kReferenceForms) + ", got " + inQuotes(text));
}

LessonRef parseLessonHighlight(const std::string& text) {
    LessonRef r;
    r.text = text;
    std::vector<std::string>& parts = r.path;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), parts, r.index) && r.index.empty()) {
        r.kind = LessonRef::Kind::Layer;
        // "layer:NAME.Q" shows one quantity of the layer, "layer:NAME" all of them.
        const bool one = parts.size() >= 2 && isLayerQuantity(parts.back());
        r.layer = joinedParts(parts, 0, one ? parts.size() - 1 : parts.size());
        if (one) r.quantity = parts.back();
        return r;
    }
    if (!text.starts_with("layer:") && splitDotted(text, parts, r.index) && parts.size() >= 2) {
        r.kind = LessonRef::Kind::Parameter;
        r.layer = parts[0];
        r.parameter = joinedParts(parts, 0, parts.size());
        return r;
    }
    throw InputError(text, std::string(kHighlightForms) + ", got " + inQuotes(text));
}

LessonRef parseLessonShow(const std::string& text) {
    LessonRef r;
    r.text = text;
    if (text == "loss") return r;
    if (text == "eval") {
        r.kind = LessonRef::Kind::Eval;
        return r;
    }
    std::vector<std::string>& parts = r.path;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), parts, r.index) && r.index.empty()) {
        r.kind = LessonRef::Kind::Layer;
        // "layer:NAME.Q" shows one quantity of the layer, "layer:NAME" all of them.
        const bool one = parts.size() >= 2 && isLayerQuantity(parts.back());
        r.layer = joinedParts(parts, 0, one ? parts.size() - 1 : parts.size());
        if (one) r.quantity = parts.back();
        return r;
    }
    if (text.starts_with("param:") && splitDotted(text.substr(6), parts, r.index) && parts.size() >= 2 &&
        r.index.empty()) {
        r.kind = LessonRef::Kind::Parameter;
        r.layer = parts[0];
        r.parameter = joinedParts(parts, 0, parts.size());
        return r;
    }
    if (text.starts_with("internal:") && splitDotted(text.substr(9), parts, r.index) && parts.size() == 1 &&
        r.index.empty()) {
        r.kind = LessonRef::Kind::Internal;
        r.layer = parts[0];
        return r;
    }
    throw InputError(text, std::string(kShowForms) + ", got " + inQuotes(text));
}

// ---------------------------------------------------------------- resolution

double resolveLessonReference(Stepper& stepper, const LessonRef& r) {
    const std::string& reference = r.text;
    switch (r.kind) {
        case LessonRef::Kind::Loss:
            return requireRecord(stepper, reference).loss;
        case LessonRef::Kind::OptimizerStep:
            return static_cast<double>(stepper.optimizer().stepCount());
        case LessonRef::Kind::Eval: {
            const Evaluation ev = stepper.evaluate();
            if (r.quantity == "loss") return ev.loss;
            if (std::isnan(ev.accuracy))
                throw InputError(reference, "expected a dataset of classes: this one has none, so it has no accuracy");
            return ev.accuracy;
        }
        case LessonRef::Kind::Layer: {
            const auto [layer, quantity] = knownLayerSplit(stepper, r);
            const int i = requireLayer(stepper, layer, reference);
            const StepRecord& rec = requireRecord(stepper, reference);
            const Tensor& t = layerQuantity(rec.layers.at(static_cast<std::size_t>(i)), quantity);
            if (t.empty())
                throw InputError(reference, "layer " + inQuotes(layer) + " has no " + quantity +
                                                (quantity == "z" || quantity == "delta" ? " (it has no activation)"
                                                                                        : " at this step"));
            return element(t, r.index, reference, false);
        }
        case LessonRef::Kind::Parameter: {
            const auto [parameter, quantity] = knownParameterSplit(stepper, r, isParameterQuantity);
            Parameter& p = requireParameter(stepper, parameter, reference);
            const StepRecord* rec = stepper.record();
            if (rec == nullptr && quantity == "value") return element(p.value, r.index, reference, false);
            rec = &requireRecord(stepper, reference);
            for (const ParameterRecord& pr : rec->parameters)
                if (pr.name == parameter) return element(parameterQuantity(pr, quantity), r.index, reference, false);
            throw InputError(reference,
                             "parameter " + inQuotes(parameter) + " is not trained, so it has no " + quantity);
        }
        case LessonRef::Kind::Internal: {
            const int i = requireLayer(stepper, r.layer, reference);
            const StepRecord& rec = requireRecord(stepper, reference);
            std::vector<std::string> names;
            for (const InternalRecord& in : rec.layers.at(static_cast<std::size_t>(i)).internals) {
                if (in.name != r.parameter) {
                    names.push_back(in.name);
                    continue;
                }
                const Tensor& t = r.quantity == "grad" ? in.grad : in.value;
                if (t.empty())
                    throw InputError(reference, "the internal " + inQuotes(r.parameter) + " of layer " +
                                                    inQuotes(r.layer) + " has no " + r.quantity + " at this step");
                return element(t, r.index, reference, false);
            }
            throw InputError(reference, "expected an internal of layer " + inQuotes(r.layer) + " (" +
                                            (names.empty() ? std::string("it has none") : listed(names)) + "), got " +
                                            inQuotes(r.parameter));
        }
        case LessonRef::Kind::OptimizerSlot: {
            const auto [parameter, slot] = knownParameterSplit(stepper, r, anything);
            requireParameter(stepper, parameter, reference);
            const Json state = stepper.optimizer().inspect();
            const Json& params = state.at("parameters");
            std::vector<std::string> slots;
            if (params.contains(parameter)) {
                for (const auto& [name, value] : params[parameter].items())
                    slots.push_back(name);
                if (params[parameter].contains(slot)) {
                    const Json& t = params[parameter][slot];
                    const Tensor tensor(Shape(t.at("shape").get<std::vector<std::size_t>>()),
                                        t.at("data").get<std::vector<float>>());
                    return element(tensor, r.index, reference, true);
                }
            }
            throw InputError(
                reference, "expected a state slot of the optimizer (" + stepper.optimizer().type() + ") for " +
                               parameter + " (" +
                               (slots.empty() ? std::string("it keeps none at this step") : listed(slots)) + "), got " +
                               inQuotes(slot));
        }
    }
    return 0.0;
}

void checkLessonHighlight(Stepper& stepper, const LessonRef& item) {
    if (item.kind == LessonRef::Kind::Layer) {
        requireLayer(stepper, item.layer, item.text);
        return;
    }
    const Parameter& p = requireParameter(stepper, item.parameter, item.text);
    if (!item.index.empty()) (void)element(p.value, item.index, item.text, false);
}

void checkLessonShow(Stepper& stepper, const LessonRef& item) {
    if (item.kind == LessonRef::Kind::Layer || item.kind == LessonRef::Kind::Internal) {
        const int i = requireLayer(stepper, item.layer, item.text);
        if ((item.quantity == "z" || item.quantity == "delta") &&
            stepper.network().layer(static_cast<std::size_t>(i)).activation() == nullptr)
            throw InputError(item.text, "layer " + inQuotes(item.layer) + " has no " + item.quantity +
                                            " (it has no activation): show its input or output instead");
    }
    if (item.kind == LessonRef::Kind::Parameter) requireParameter(stepper, item.parameter, item.text);
    if (item.kind == LessonRef::Kind::Loss) requireRecord(stepper, item.text);
}

}  // namespace deepstep
