#pragma once
// The lesson player: plays one lesson of a pack on a Stepper, step by step, and checks
// the answers to its checkpoints.

#include "deepstep/device.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/stepper.hpp"
#include "deepstep/trainer.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deepstep {

/// The result of checking one answer.
struct CheckResult {
    bool correct = false;
    bool answered = true;  ///< false: no answer was given (counts as wrong)
    /// The right answer: the expected number, the right choice's index, or for an
    /// outcome the pack's example answer.
    Json expected;
    /// For outcomes and unusable answers: what happened ("accuracy 75% after 2000
    /// epochs; at least 100% needed"). Empty otherwise.
    Text detail;
};

/// One device's run of a `time_devices` action: the current experiment trained from its
/// initial weights for the same epochs on the CPU and on a GPU.
struct DeviceTiming {
    /// Where it ran: the CPU, or the first usable GPU. When no GPU can be used, the
    /// entry "cuda" of listDevices() with its problem, and ran false.
    DeviceInfo device;
    bool ran = false;
    int epochs = 0;            ///< epochs trained
    std::size_t samples = 0;   ///< examples trained on, over all epochs
    double seconds = 0.0;      ///< wall time of those epochs (EpochInfo::seconds summed)
    double trainLoss = 0.0;    ///< the last epoch's training loss
    /// samples / seconds; 0 when nothing ran.
    double samplesPerSecond() const { return ran && seconds > 0.0 ? static_cast<double>(samples) / seconds : 0.0; }
};

/// A number as a student types it for a checkpoint: ASCII or full-width digits, signs and
/// point ("０.５", "－１"), the Unicode minus the lessons print ("−0.25"), an exponent
/// ("2.5e-3"), a percentage ("50%" = 0.5) or a fraction ("1/2", "−3/4"); spaces around
/// it are ignored. nullopt for anything else (words, "nan", "inf", a division by zero,
/// several numbers), so that the caller can ask again.
std::optional<double> parseTypedNumber(std::string_view text);

/// Plays one lesson on a Stepper. The player owns no experiment: it loads the lesson's
/// and the steps' experiments into the given stepper (the Studio's or the CLI's).
class LessonPlayer {
public:
    /// requires: all four outlive the player; `lesson` belongs to `pack`; `registry` is
    ///           the one `stepper` builds from (outcome checkpoints build from it too).
    LessonPlayer(const LessonPack& pack, const Lesson& lesson, Stepper& stepper, const Registry& registry);

    /// Loads the lesson's experiment and enters step 0.
    /// throws InputError naming the file and JSON path when an experiment or action
    /// fails, or when a `train` or `iteration` action would go over
    /// kLessonTrainingBudget (checked before it trains).
    void start();
    /// Enters step `index` (< stepCount()): when it is the next step, runs it; otherwise
    /// replays the lesson from the start up to it, so the state is what the lesson
    /// makes it. throws as start().
    void goTo(std::size_t index);
    /// Enters the next step; false (and nothing changes) at the last step.
    bool next();

    bool started() const { return started_; }
    std::size_t stepIndex() const { return index_; }
    std::size_t stepCount() const { return lesson_.steps.size(); }
    const LessonStep& step() const { return lesson_.steps.at(index_); }
    const Lesson& lesson() const { return lesson_; }
    const LessonPack& pack() const { return pack_; }
    Stepper& stepper() { return stepper_; }
    /// The current experiment document, with every `set` applied; null before start().
    const Json& experiment() const { return experiment_; }
    /// The result of the last `train` action of the current step, if it had one.
    const std::optional<TrainingResult>& lastTraining() const { return lastTraining_; }
    /// The runs of the last `time_devices` action of the current step: the CPU's first,
    /// then the GPU's (ran false when none can be used). Empty when the step has none.
    const std::vector<DeviceTiming>& lastTimings() const { return lastTimings_; }

    /// The value of a reference (docs/lesson-format.md) in the state of the moment.
    /// throws InputError (place: the reference) when it is malformed, names nothing of
    /// the current experiment, is out of range or has no value yet.
    double resolve(const std::string& reference);
    /// The right answer of a checkpoint now (see CheckResult::expected).
    /// throws InputError as resolve().
    Json expectedAnswer(const Checkpoint& checkpoint);
    /// Checks `answer` (null: not answered). An answer of the wrong type is wrong, with
    /// a detail saying what was expected. An outcome trains a fresh copy of the current
    /// experiment and leaves the stepper alone. throws InputError as resolve(), and
    /// when the outcome's training would go over kLessonTrainingBudget.
    CheckResult check(const Checkpoint& checkpoint, const Json& answer);
    /// Called after every epoch of the training the player runs (a `train` action, an
    /// outcome checkpoint), in the thread that runs it, with the epochs planned;
    /// returning false stops that training: a `train` action then keeps the epochs
    /// done so far, an outcome check answers "not answered". Empty: none.
    using TrainingObserver = std::function<bool(const EpochInfo& epoch, int epochs)>;
    void setTrainingObserver(TrainingObserver observer) { observer_ = std::move(observer); }

    /// The hint to show after `wrongAnswers` (>= 1) wrong answers, or nullptr when the
    /// checkpoint has no more hints.
    static const Text* hintAfter(const Checkpoint& checkpoint, int wrongAnswers);

    /// Checks that a `highlight` or `show` item names something of the current
    /// experiment. throws InputError (place: the item).
    void validateHighlight(const std::string& item);
    void validateShow(const std::string& item);

private:
    void enter(std::size_t index);
    void loadExperiment(const Json& doc, const std::string& where);
    void run(const LessonAction& action);
    void timeDevices(int epochs, const std::string& where);

    void requireExperiment(const std::string& where) const;

    const LessonPack& pack_;
    const Lesson& lesson_;
    Stepper& stepper_;
    const Registry& registry_;
    Json experiment_;
    std::string experimentWhere_;
    std::size_t index_ = 0;
    bool started_ = false;
    std::optional<TrainingResult> lastTraining_;
    std::vector<DeviceTiming> lastTimings_;
    TrainingObserver observer_;
};

}  // namespace deepstep
