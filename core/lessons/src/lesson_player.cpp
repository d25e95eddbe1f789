// The lesson player: runs a lesson's steps on a Stepper, reads the numbers a lesson
// refers to from the engine's state of the moment, and checks answers.

#include "deepstep/errors.hpp"
#include "deepstep/lessons/lesson.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

namespace deepstep {

namespace {

// ---------------------------------------------------------------- parsing

const char* const kReferenceForms =
    "expected a reference such as \"loss\", \"layer:NAME.output[i][j]\", \"param:LAYER.PARAM.grad[i][j]\", "
    "\"eval:accuracy\", \"eval:loss\", \"optimizer:LAYER.PARAM.SLOT[i]\" or \"optimizer:step\"";
const char* const kHighlightForms = "expected \"layer:NAME\", \"LAYER.PARAM\" or \"LAYER.PARAM[i][j]\"";
const char* const kShowForms = "expected \"layer:NAME\", \"param:LAYER.PARAM\", \"loss\" or \"eval\"";

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

std::string listed(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string inQuotes(const std::string& s) {
    return "\"" + s + "\"";
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

// ---------------------------------------------------------------- formatting

/// 0.75 → "75%", 0.6667 → "66.7%".
std::string percent(double fraction) {
    if (!std::isfinite(fraction)) return "-";
    char buffer[32];
    const double p = fraction * 100.0;
    std::snprintf(buffer, sizeof buffer, std::fabs(p - std::round(p)) < 0.05 ? "%.0f%%" : "%.1f%%", p);
    return buffer;
}

std::string number(double v) {
    if (std::isnan(v)) return "nan";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

std::string metricText(const std::string& metric, double v) {
    return metric == "accuracy" ? percent(v) : number(v);
}

// ---------------------------------------------------------------- settings

struct SettingPath {
    std::string section;  ///< optimizer, loss, dataset, training, model.layers, seed
    std::size_t layer = 0;
    std::string key;
};

bool isOptionName(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_';
    });
}

std::optional<SettingPath> parseSettingPath(const std::string& path) {
    if (path == "seed") return SettingPath{"seed", 0, {}};
    for (const char* section : {"optimizer", "loss", "dataset", "training"}) {
        const std::string prefix = std::string(section) + ".";
        if (path.starts_with(prefix) && isOptionName(path.substr(prefix.size())))
            return SettingPath{section, 0, path.substr(prefix.size())};
    }
    const std::string layers = "model.layers[";
    if (path.starts_with(layers)) {
        const std::size_t close = path.find(']', layers.size());
        if (close == std::string::npos || close == layers.size() || close - layers.size() > 6) return std::nullopt;
        const std::string digits = path.substr(layers.size(), close - layers.size());
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
            return std::nullopt;
        if (close + 1 >= path.size() || path[close + 1] != '.' || !isOptionName(path.substr(close + 2)))
            return std::nullopt;
        return SettingPath{"model.layers", static_cast<std::size_t>(std::stoul(digits)), path.substr(close + 2)};
    }
    return std::nullopt;
}

const char* const kSettingForms =
    "expected a setting such as \"optimizer.learning_rate\", \"training.batch_size\", \"loss.OPTION\", "
    "\"optimizer.OPTION\", \"dataset.OPTION\", \"model.layers[i].OPTION\" or \"seed\"";

}  // namespace

// ---------------------------------------------------------------- public parsing

LessonRef parseLessonReference(const std::string& text) {
    LessonRef r;
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
    std::vector<std::string> names;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), names, r.index) && names.size() == 2 &&
        !r.index.empty()) {
        if (!oneOf(names[1], layerQuantities()))
            throw InputError(text, "expected one of " + listed(layerQuantities()) + " after the layer's name, got " +
                                       inQuotes(names[1]));
        r.kind = LessonRef::Kind::Layer;
        r.layer = names[0];
        r.quantity = names[1];
        return r;
    }
    if (text.starts_with("param:") && splitDotted(text.substr(6), names, r.index) && names.size() == 3 &&
        !r.index.empty()) {
        if (!oneOf(names[2], parameterQuantities()))
            throw InputError(text, "expected one of " + listed(parameterQuantities()) +
                                       " after the parameter's name, got " + inQuotes(names[2]));
        r.kind = LessonRef::Kind::Parameter;
        r.layer = names[0];
        r.parameter = names[0] + "." + names[1];
        r.quantity = names[2];
        return r;
    }
    if (text.starts_with("optimizer:") && splitDotted(text.substr(10), names, r.index) && names.size() == 3 &&
        !r.index.empty()) {
        r.kind = LessonRef::Kind::OptimizerSlot;
        r.layer = names[0];
        r.parameter = names[0] + "." + names[1];
        r.quantity = names[2];
        return r;
    }
    throw InputError(text, std::string(kReferenceForms) + ", got " + inQuotes(text));
}

LessonRef parseLessonHighlight(const std::string& text) {
    LessonRef r;
    std::vector<std::string> names;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), names, r.index) && names.size() == 1 &&
        r.index.empty()) {
        r.kind = LessonRef::Kind::Layer;
        r.layer = names[0];
        return r;
    }
    if (!text.starts_with("layer:") && splitDotted(text, names, r.index) && names.size() == 2) {
        r.kind = LessonRef::Kind::Parameter;
        r.layer = names[0];
        r.parameter = names[0] + "." + names[1];
        return r;
    }
    throw InputError(text, std::string(kHighlightForms) + ", got " + inQuotes(text));
}

LessonRef parseLessonShow(const std::string& text) {
    LessonRef r;
    if (text == "loss") return r;
    if (text == "eval") {
        r.kind = LessonRef::Kind::Eval;
        return r;
    }
    std::vector<std::string> names;
    if (text.starts_with("layer:") && splitDotted(text.substr(6), names, r.index) && names.size() == 1 &&
        r.index.empty()) {
        r.kind = LessonRef::Kind::Layer;
        r.layer = names[0];
        return r;
    }
    if (text.starts_with("param:") && splitDotted(text.substr(6), names, r.index) && names.size() == 2 &&
        r.index.empty()) {
        r.kind = LessonRef::Kind::Parameter;
        r.layer = names[0];
        r.parameter = names[0] + "." + names[1];
        return r;
    }
    throw InputError(text, std::string(kShowForms) + ", got " + inQuotes(text));
}

bool isLessonSetting(const std::string& path) {
    return parseSettingPath(path).has_value();
}

Json applySetting(const Json& experiment, const std::string& path, const Json& value) {
    const auto setting = parseSettingPath(path);
    if (!setting) throw InputError(path, std::string(kSettingForms) + ", got " + inQuotes(path));
    Json doc = experiment.is_object() ? experiment : Json::object();
    if (setting->section == "seed") {
        doc["seed"] = value;
        return doc;
    }
    if (setting->section == "model.layers") {
        Json* layers = doc.contains("model") && doc["model"].is_object() && doc["model"].contains("layers")
                           ? &doc["model"]["layers"]
                           : nullptr;
        const std::size_t count = layers != nullptr && layers->is_array() ? layers->size() : 0;
        if (setting->layer >= count)
            throw InputError(path, "expected a layer index below " + std::to_string(count) + " (the model has " +
                                       std::to_string(count) + " layers), got " + std::to_string(setting->layer));
        Json& layer = (*layers)[setting->layer];
        if (layer.is_string()) layer = Json{{"type", layer.get<std::string>()}};
        layer[setting->key] = value;
        return doc;
    }
    Json& section = doc[setting->section];
    // A component named by its type alone ("loss": "mse") takes options once it is an object.
    if (section.is_string())
        section = Json{{"type", section.get<std::string>()}};
    else if (!section.is_object())
        section = Json::object();
    section[setting->key] = value;
    return doc;
}

// ---------------------------------------------------------------- player

namespace {

/// Rethrows an InputError from `f` with its place put under `where`.
template <typename F>
auto placed(const std::string& where, F f) -> decltype(f()) {
    try {
        return f();
    } catch (const InputError& e) {
        throw InputError(e.where().empty() ? where : where + ": " + e.where(), e.message());
    }
}

std::string phaseText(Stepper& s) {
    const std::string layers = std::to_string(s.layerCount());
    switch (s.phase()) {
        case Stepper::Phase::Ready:
            return "no iteration is on display";
        case Stepper::Phase::Forward:
            return "the forward pass shows " + std::to_string(s.revealed()) + " of " + layers + " layers";
        case Stepper::Phase::Backward:
            return "the backward pass shows " + std::to_string(s.revealed()) + " of " + layers + " layers";
        case Stepper::Phase::Updated:
            return "the update is shown";
    }
    return {};
}

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

bool isIntegral(const Json& v) {
    if (v.is_number_integer()) return true;
    if (!v.is_number_float()) return false;
    const double d = v.get<double>();
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15;
}

Text text(std::string en, std::string ko) {
    return Text{std::move(en), std::move(ko)};
}

}  // namespace

LessonPlayer::LessonPlayer(const LessonPack& pack, const Lesson& lesson, Stepper& stepper, const Registry& registry)
    : pack_(pack), lesson_(lesson), stepper_(stepper), registry_(registry) {}

void LessonPlayer::start() {
    started_ = false;
    experiment_ = nullptr;
    experimentWhere_.clear();
    index_ = 0;
    if (lesson_.experiment) loadExperiment(*lesson_.experiment, lesson_.experimentWhere);
    started_ = true;
    if (!lesson_.steps.empty()) enter(0);
}

void LessonPlayer::goTo(std::size_t index) {
    if (index >= lesson_.steps.size())
        throw InputError(lesson_.file, "expected a step below " + std::to_string(lesson_.steps.size()) + ", got " +
                                           std::to_string(index));
    if (started_ && index == index_ + 1) {
        enter(index);
        return;
    }
    start();
    for (std::size_t i = 1; i <= index; ++i)
        enter(i);
}

bool LessonPlayer::next() {
    if (!started_) {
        start();
        return true;
    }
    if (index_ + 1 >= lesson_.steps.size()) return false;
    enter(index_ + 1);
    return true;
}

void LessonPlayer::enter(std::size_t index) {
    index_ = index;
    lastTraining_.reset();
    const LessonStep& s = lesson_.steps[index];
    if (s.experiment) loadExperiment(*s.experiment, s.experimentWhere);
    for (const LessonAction& a : s.actions)
        run(a);
}

void LessonPlayer::loadExperiment(const Json& doc, const std::string& where) {
    stepper_.load(doc, where);
    experiment_ = doc;
    experimentWhere_ = where;
}

void LessonPlayer::requireExperiment(const std::string& where) const {
    if (experiment_.is_null())
        throw InputError(where, "expected an experiment to act on: give the lesson or this step an \"experiment\"");
}

void LessonPlayer::run(const LessonAction& a) {
    const std::string where = lesson_.file + ": " + a.place;
    requireExperiment(where);
    switch (a.kind) {
        case LessonAction::Kind::ForwardLayer:
            if (!stepper_.forwardLayer())
                throw InputError(where, "forward_layer cannot run now: " + phaseText(stepper_) +
                                            "; the next stage is backward_layer");
            return;
        case LessonAction::Kind::BackwardLayer:
            if (!stepper_.backwardLayer()) {
                const bool done = stepper_.phase() == Stepper::Phase::Backward;
                throw InputError(where, "backward_layer cannot run now: " + phaseText(stepper_) +
                                            (done ? "; the next stage is update"
                                                  : "; the forward pass must show every layer first (forward_layer)"));
            }
            return;
        case LessonAction::Kind::Update:
            if (!stepper_.applyUpdate())
                throw InputError(where, "update cannot run now: " + phaseText(stepper_) +
                                            "; the backward pass must show every layer first (backward_layer)");
            return;
        case LessonAction::Kind::Iteration:
            stepper_.runIterations(a.count);
            return;
        case LessonAction::Kind::Train:
            lastTraining_ = stepper_.trainEpochs(a.count > 0 ? a.count : stepper_.training().epochs);
            return;
        case LessonAction::Kind::Reset:
            stepper_.load(experiment_, experimentWhere_);
            return;
        case LessonAction::Kind::Set: {
            Json doc = placed(where + ".path", [&] { return applySetting(experiment_, a.path, a.value); });
            if (a.path == "optimizer.learning_rate") {
                // The rate changes in place: the weights and the optimizer's state stay, as
                // when a student turns the knob in the Studio. Building checks the value.
                (void)buildExperiment(doc, registry_, where + ".value");
                stepper_.setLearningRate(a.value.get<double>());
            } else {
                stepper_.load(doc, where + ".value");
            }
            experiment_ = std::move(doc);
            return;
        }
    }
}

double LessonPlayer::resolve(const std::string& reference) {
    const LessonRef r = parseLessonReference(reference);
    requireExperiment(reference);
    switch (r.kind) {
        case LessonRef::Kind::Loss:
            return requireRecord(stepper_, reference).loss;
        case LessonRef::Kind::OptimizerStep:
            return static_cast<double>(stepper_.optimizer().stepCount());
        case LessonRef::Kind::Eval: {
            const Evaluation ev = stepper_.evaluate();
            if (r.quantity == "loss") return ev.loss;
            if (std::isnan(ev.accuracy))
                throw InputError(reference, "expected a dataset of classes: this one has none, so it has no accuracy");
            return ev.accuracy;
        }
        case LessonRef::Kind::Layer: {
            const int i = requireLayer(stepper_, r.layer, reference);
            const StepRecord& rec = requireRecord(stepper_, reference);
            const Tensor& t = layerQuantity(rec.layers.at(static_cast<std::size_t>(i)), r.quantity);
            if (t.empty())
                throw InputError(reference, "layer " + inQuotes(r.layer) + " has no " + r.quantity +
                                                (r.quantity == "z" || r.quantity == "delta" ? " (it has no activation)"
                                                                                            : " at this step"));
            return element(t, r.index, reference, false);
        }
        case LessonRef::Kind::Parameter: {
            Parameter& p = requireParameter(stepper_, r.parameter, reference);
            const StepRecord* rec = stepper_.record();
            if (rec == nullptr && r.quantity == "value") return element(p.value, r.index, reference, false);
            rec = &requireRecord(stepper_, reference);
            for (const ParameterRecord& pr : rec->parameters)
                if (pr.name == r.parameter)
                    return element(parameterQuantity(pr, r.quantity), r.index, reference, false);
            throw InputError(reference,
                             "parameter " + inQuotes(r.parameter) + " is not trained, so it has no " + r.quantity);
        }
        case LessonRef::Kind::OptimizerSlot: {
            requireParameter(stepper_, r.parameter, reference);
            const Json state = stepper_.optimizer().inspect();
            const Json& params = state.at("parameters");
            std::vector<std::string> slots;
            if (params.contains(r.parameter)) {
                for (const auto& [name, value] : params[r.parameter].items())
                    slots.push_back(name);
                if (params[r.parameter].contains(r.quantity)) {
                    const Json& t = params[r.parameter][r.quantity];
                    const Tensor tensor(Shape(t.at("shape").get<std::vector<std::size_t>>()),
                                        t.at("data").get<std::vector<float>>());
                    return element(tensor, r.index, reference, true);
                }
            }
            throw InputError(
                reference, "expected a state slot of the optimizer (" + stepper_.optimizer().type() + ") for " +
                               r.parameter + " (" +
                               (slots.empty() ? std::string("it keeps none at this step") : listed(slots)) + "), got " +
                               inQuotes(r.quantity));
        }
    }
    return 0.0;
}

void LessonPlayer::validateHighlight(const std::string& item) {
    const LessonRef r = parseLessonHighlight(item);
    requireExperiment(item);
    if (r.kind == LessonRef::Kind::Layer) {
        requireLayer(stepper_, r.layer, item);
        return;
    }
    const Parameter& p = requireParameter(stepper_, r.parameter, item);
    if (!r.index.empty()) (void)element(p.value, r.index, item, false);
}

void LessonPlayer::validateShow(const std::string& item) {
    const LessonRef r = parseLessonShow(item);
    requireExperiment(item);
    if (r.kind == LessonRef::Kind::Layer) requireLayer(stepper_, r.layer, item);
    if (r.kind == LessonRef::Kind::Parameter) requireParameter(stepper_, r.parameter, item);
    if (r.kind == LessonRef::Kind::Loss) requireRecord(stepper_, item);
}

Json LessonPlayer::expectedAnswer(const Checkpoint& cp) {
    switch (cp.type) {
        case Checkpoint::Type::Number:
            return cp.reference.empty() ? cp.constant : resolve(cp.reference);
        case Checkpoint::Type::Choice:
            return cp.answer;
        case Checkpoint::Type::Outcome:
            return cp.exampleAnswer;
    }
    return nullptr;
}

const Text* LessonPlayer::hintAfter(const Checkpoint& cp, int wrongAnswers) {
    if (wrongAnswers < 1 || static_cast<std::size_t>(wrongAnswers) > cp.hints.size()) return nullptr;
    return &cp.hints[static_cast<std::size_t>(wrongAnswers - 1)];
}

CheckResult LessonPlayer::check(const Checkpoint& cp, const Json& answer) {
    CheckResult result;
    result.expected = expectedAnswer(cp);
    if (answer.is_null()) {
        result.answered = false;
        result.detail = text("no answer was given", "답이 없습니다");
        return result;
    }
    switch (cp.type) {
        case Checkpoint::Type::Number: {
            if (!answer.is_number()) {
                result.detail = text("expected a number", "숫자로 답해야 합니다");
                return result;
            }
            const double given = answer.get<double>();
            const double expected = result.expected.get<double>();
            // A hair of slack so that an answer exactly at the tolerance passes despite rounding.
            result.correct = std::isfinite(given) && std::fabs(given - expected) <= cp.tolerance * (1.0 + 1e-9) + 1e-12;
            return result;
        }
        case Checkpoint::Type::Choice: {
            const auto n = static_cast<long long>(cp.choices.size());
            if (!isIntegral(answer) || answer.get<double>() < 0 || answer.get<double>() >= static_cast<double>(n)) {
                result.detail = text("expected the number of one of the " + std::to_string(n) + " choices",
                                     std::to_string(n) + "개의 보기 가운데 하나를 골라야 합니다");
                return result;
            }
            result.correct = static_cast<long long>(answer.get<double>()) == cp.answer;
            return result;
        }
        case Checkpoint::Type::Outcome:
            break;
    }

    // ---- outcome: a fresh copy of the current experiment, trained with the answer ----
    Json value = answer;
    if (cp.input == Checkpoint::Input::Choice) {
        const auto n = cp.inputChoices.size();
        if (!isIntegral(answer) || answer.get<double>() < 0 || answer.get<double>() >= static_cast<double>(n)) {
            result.detail = text("expected the number of one of the " + std::to_string(n) + " choices",
                                 std::to_string(n) + "개의 보기 가운데 하나를 골라야 합니다");
            return result;
        }
        value = cp.inputChoices[static_cast<std::size_t>(answer.get<double>())];
    } else if (!answer.is_number() || !std::isfinite(answer.get<double>())) {
        result.detail = text("expected a number", "숫자로 답해야 합니다");
        return result;
    } else if (cp.input == Checkpoint::Input::Integer) {
        if (!isIntegral(answer)) {
            result.detail = text("expected a whole number", "정수로 답해야 합니다");
            return result;
        }
        value = static_cast<long long>(answer.get<double>());
    }
    const std::string where = lesson_.file + ": " + cp.place;
    requireExperiment(where);
    const Json doc = placed(where + ".set", [&] { return applySetting(experiment_, cp.set, value); });
    std::optional<BuiltExperiment> ex;
    try {
        ex.emplace(buildExperiment(doc, registry_));
    } catch (const InputError& e) {
        result.detail = text(std::string("this value cannot be used: ") + e.what(),
                             std::string("이 값은 쓸 수 없습니다: ") + e.what());
        return result;
    }
    TrainingSettings settings = ex->training;
    settings.epochs = cp.trainEpochs;
    // Stopping at a target accuracy is right for an accuracy goal only; a loss goal
    // needs every epoch it was promised.
    if (cp.metric != "accuracy") settings.targetAccuracy.reset();
    Trainer trainer(ex->network, *ex->loss, *ex->optimizer, settings);
    const TrainingResult run = trainer.fit(*ex->dataset);
    const std::string epochs = std::to_string(run.epochs);
    if (run.reason == StopReason::Diverged) {
        result.detail = text("training diverged after " + epochs + " epochs: " + run.explanation.en,
                             epochs + " 에포크 후 학습이 발산했습니다: " + run.explanation.in("ko"));
        return result;
    }
    const Evaluation ev = trainer.evaluate(*ex->dataset);
    const double v = cp.metric == "accuracy" ? ev.accuracy : ev.loss;
    const bool low = cp.atLeast && !(v >= *cp.atLeast - 1e-9);
    const bool high = cp.atMost && !(v <= *cp.atMost + 1e-9);
    result.correct = std::isfinite(v) && !low && !high;
    const std::string reached = metricText(cp.metric, v);
    const std::string metricKo = cp.metric == "accuracy" ? "정확도" : "손실";
    std::string goalEn;
    std::string goalKo;
    if (cp.atLeast && cp.atMost) {
        goalEn = "between " + metricText(cp.metric, *cp.atLeast) + " and " + metricText(cp.metric, *cp.atMost);
        goalKo = metricText(cp.metric, *cp.atLeast) + "에서 " + metricText(cp.metric, *cp.atMost) + " 사이";
    } else if (cp.atLeast) {
        goalEn = "at least " + metricText(cp.metric, *cp.atLeast);
        goalKo = metricText(cp.metric, *cp.atLeast) + " 이상";
    } else if (cp.atMost) {
        goalEn = "at most " + metricText(cp.metric, *cp.atMost);
        goalKo = metricText(cp.metric, *cp.atMost) + " 이하";
    }
    result.detail = text(cp.metric + " " + reached + " after " + epochs + " epochs (" + goalEn + " needed)",
                         epochs + " 에포크 후 " + metricKo + " " + reached + " (" + goalKo + "이어야 함)");
    return result;
}

}  // namespace deepstep
