// The lesson player: runs a lesson's steps on a Stepper, reads the numbers a lesson
// refers to from the engine's state of the moment, and checks answers.

#include "deepstep/lessons/player.hpp"

#include "deepstep/device.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/lessons/reference.hpp"
#include "deepstep/lessons/setting.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace deepstep {

namespace {

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

/// Refuses training over kLessonTrainingBudget before it starts.
/// throws InputError(where, …) naming the epochs (or iterations), the examples and the budget.
void requireWithinBudget(double rounds, const char* unit, std::size_t examples, const std::string& where) {
    const double passes = rounds * static_cast<double>(examples);
    if (passes <= kLessonTrainingBudget) return;
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, "%.0f %s × %zu examples = %.0f example passes", rounds, unit, examples,
                  passes);
    char budget[32];
    std::snprintf(budget, sizeof budget, "%.0f", kLessonTrainingBudget);
    throw InputError(where, std::string("expected training within the lesson budget of ") + budget +
                                " example passes (epochs × training examples), but this asks for " + buffer);
}

// ---------------------------------------------------------------- player

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
    lastTimings_.clear();
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
        case LessonAction::Kind::Iteration: {
            const std::size_t examples = stepper_.trainingPart().size();
            const std::size_t batch = stepper_.training().batchSize;
            requireWithinBudget(a.count, "iterations", batch == 0 ? examples : std::min(batch, examples),
                                where + ".count");
            stepper_.runIterations(a.count);
            return;
        }
        case LessonAction::Kind::Train: {
            const int epochs = a.count > 0 ? a.count : stepper_.training().epochs;
            requireWithinBudget(epochs, "epochs", stepper_.trainingPart().size(),
                                where + (a.count > 0 ? ".epochs" : ""));
            std::function<bool(const EpochInfo&)> observe;
            if (observer_) observe = [this, epochs](const EpochInfo& e) { return observer_(e, epochs); };
            lastTraining_ = stepper_.trainEpochs(epochs, observe);
            return;
        }
        case LessonAction::Kind::TimeDevices:
            requireWithinBudget(a.count, "epochs", stepper_.trainingPart().size(),
                                where + (a.count > 1 ? ".epochs" : ""));
            timeDevices(a.count, where);
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

void LessonPlayer::timeDevices(int epochs, const std::string& where) {
    lastTimings_.clear();
    const std::vector<DeviceInfo> devices = listDevices();  // the CPU first
    DeviceTiming cpu;
    cpu.device = devices.front();
    DeviceTiming gpu;
    const gpu::Backend* backend = nullptr;
    const DeviceChoice choice = chooseDevice("cuda", where);
    gpu.device = choice.device;
    if (choice.fallback != DeviceProblem::None) {
        // chooseDevice answers with the CPU: keep the entry that says why.
        for (const DeviceInfo& d : devices) {
            if (d.id.rfind("cuda", 0) == 0) gpu.device = d;
        }
        gpu.device.problem = choice.fallback;
        gpu.device.detail = choice.fallbackDetail;
    } else {
        backend = gpu::Backend::open(choice, &gpu.device.problem, &gpu.device.detail);
        if (backend == nullptr && gpu.device.problem == DeviceProblem::None) gpu.device.problem = DeviceProblem::Failed;
    }
    const int planned = epochs * (backend != nullptr ? 2 : 1);
    int done = 0;
    // Each device trains its own copy, built from the experiment's initial weights, so
    // both do the same arithmetic; the stepper is left alone. false: cancelled.
    const auto trainOn = [&](DeviceTiming& timing, const gpu::Backend* on) {
        BuiltExperiment ex = buildExperiment(experiment_, registry_, where);
        TrainingSettings settings = ex.training;
        settings.epochs = epochs;
        settings.targetAccuracy.reset();  // the same epochs on both
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, settings);
        if (on != nullptr) trainer.setDevice(on, timing.device.id);
        if (observer_) {
            trainer.onEpoch([this, &trainer, &done, planned](const EpochInfo& e) {
                EpochInfo overall = e;
                overall.epoch = ++done;
                if (!observer_(overall, planned)) trainer.cancel();
            });
        }
        const TrainingResult result = trainer.fit(*ex.dataset);
        if (result.reason == StopReason::Cancelled) return false;
        timing.ran = true;
        timing.epochs = result.epochs;
        for (const EpochInfo& e : result.history) {
            timing.seconds += e.seconds;
            timing.samples += e.samples;
        }
        timing.trainLoss = result.history.empty() ? 0.0 : result.history.back().trainLoss;
        return true;
    };
    if (!trainOn(cpu, nullptr)) return;
    lastTimings_.push_back(cpu);
    if (backend != nullptr && !trainOn(gpu, backend)) return;
    lastTimings_.push_back(gpu);
}

double LessonPlayer::resolve(const std::string& reference) {
    const LessonRef r = parseLessonReference(reference);
    requireExperiment(reference);
    return resolveLessonReference(stepper_, r);
}

void LessonPlayer::validateHighlight(const std::string& item) {
    const LessonRef r = parseLessonHighlight(item);
    requireExperiment(item);
    checkLessonHighlight(stepper_, r);
}

void LessonPlayer::validateShow(const std::string& item) {
    const LessonRef r = parseLessonShow(item);
    requireExperiment(item);
    checkLessonShow(stepper_, r);
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
    requireWithinBudget(settings.epochs, "epochs", ex->dataset->size(), where + ".train.epochs");
    // Stopping at a target accuracy is right for an accuracy goal only; a loss goal
    // needs every epoch it was promised.
    if (cp.metric != "accuracy") settings.targetAccuracy.reset();
    Trainer trainer(ex->network, *ex->loss, *ex->optimizer, settings);
    if (observer_) {
        trainer.onEpoch([this, &trainer, planned = settings.epochs](const EpochInfo& e) {
            if (!observer_(e, planned)) trainer.cancel();
        });
    }
    const TrainingResult run = trainer.fit(*ex->dataset);
    if (run.reason == StopReason::Cancelled) {
        result.answered = false;
        result.detail = text("the check was cancelled", "확인을 취소했습니다");
        return result;
    }
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
