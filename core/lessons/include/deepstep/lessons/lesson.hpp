#pragma once
// Lesson packs and the lesson player.
//
// A lesson pack is data only (docs/lesson-format.md): a versioned index, lessons made
// of steps, Markdown text in English and Korean, experiments. Nothing in a pack runs
// code. A step loads an experiment, runs actions on a Stepper (forward one layer,
// backward one layer, update, train, change a setting) and asks checkpoints. Where an
// answer is a computed value, the pack names it by a reference ("layer:hidden.output[0][1]")
// and the player reads it from the engine at the moment of the question, so a lesson
// cannot drift from the code.
//
// The terminal player (`deepstep lesson run`) and the Studio play the same packs through
// LessonPlayer; `deepstep lesson check` reports every problem of a pack at once, each as
// "FILE: JSON.PATH: expected …".

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/stepper.hpp"
#include "deepstep/trainer.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace deepstep {

inline constexpr int kLessonPackVersion = 1;
inline constexpr int kLessonAnswersVersion = 1;
inline constexpr int kLessonProgressVersion = 1;

/// Something a step does to the Stepper when it is entered.
struct LessonAction {
    enum class Kind { ForwardLayer, BackwardLayer, Update, Iteration, Train, Set, Reset };
    Kind kind = Kind::ForwardLayer;
    int count = 1;      ///< Iteration: iterations; Train: epochs (0: the experiment's training.epochs)
    std::string path;   ///< Set: a setting path, e.g. "optimizer.learning_rate", "model.layers[0].units"
    Json value;         ///< Set: the new value
    std::string place;  ///< its JSON path in the lesson file: "steps[1].actions[0]"
};

/// A question of a step, checked by the player.
struct Checkpoint {
    enum class Type { Number, Choice, Outcome };
    /// What an outcome checkpoint asks the student for.
    enum class Input { Number, Integer, Choice };

    std::string id;  ///< unique within its lesson
    Type type = Type::Number;
    Text question;
    std::vector<Text> hints;  ///< shown one after another after wrong answers
    std::string place;        ///< its JSON path in the lesson file: "steps[2].checkpoints[0]"

    // ---- Number: expected = the reference's value now, or the constant ----
    std::string reference;  ///< empty for a constant answer
    double constant = 0.0;
    double tolerance = 1e-3;  ///< absolute

    // ---- Choice: the 0-based index of the right choice ----
    std::vector<Text> choices;
    int answer = 0;

    // ---- Outcome: rebuild the experiment with `set` = the answer, train, check ----
    std::string set;
    Input input = Input::Number;
    std::vector<Json> inputChoices;  ///< Input::Choice: the values offered; answers are indices
    int trainEpochs = 0;
    std::string metric;  ///< "accuracy" or "loss"
    std::optional<double> atLeast;
    std::optional<double> atMost;
    Json exampleAnswer;  ///< an answer that passes (verified by the full check)
};

struct LessonStep {
    Text text;                       ///< Markdown, read from the files
    Text textFiles;                  ///< the files, relative to the pack folder
    std::optional<Json> experiment;  ///< replaces the current experiment when the step is entered
    std::string experimentWhere;     ///< its file, or "LESSON FILE: steps[i].experiment" when inline
    std::vector<LessonAction> actions;
    std::vector<std::string> highlight;  ///< "layer:NAME", "LAYER.PARAM", "LAYER.PARAM[i][j]"
    std::vector<std::string> show;       ///< "layer:NAME", "param:LAYER.PARAM", "loss", "eval"
    std::vector<Checkpoint> checkpoints;
    std::string place;  ///< its JSON path in the lesson file: "steps[2]"
};

struct Lesson {
    std::string id;
    Text title;
    Text summary;
    std::string file;  ///< the lesson file: the pack folder joined with its name in pack.json
    std::optional<Json> experiment;
    std::string experimentWhere;
    std::vector<LessonStep> steps;

    /// nullptr when no checkpoint has that id.
    const Checkpoint* findCheckpoint(const std::string& checkpointId) const;
    std::size_t checkpointCount() const;
};

struct LessonPack {
    std::string id;
    std::string folder;  ///< as given to loadLessonPack
    int lecture = 0;     ///< 0 when the pack belongs to no lecture
    Text title;
    Text summary;
    std::vector<std::string> requiredPlugins;  ///< "requires": plugins whose components the pack uses
    std::vector<Lesson> lessons;               ///< in teaching order

    /// nullptr when no lesson has that id.
    const Lesson* find(const std::string& lessonId) const;
};

/// One problem of a pack: the file (as a path under the pack folder), the JSON path in
/// it (empty for the file as a whole) and what was expected.
struct LessonProblem {
    std::string file;
    std::string path;
    std::string message;
    /// "FILE: PATH: MESSAGE", leaving out empty parts.
    std::string str() const;
};

/// Thrown by loadLessonPack: an InputError whose message lists every problem.
class LessonPackError : public InputError {
public:
    LessonPackError(const std::string& folder, std::vector<LessonProblem> problems);
    const std::vector<LessonProblem>& problems() const { return problems_; }

private:
    std::vector<LessonProblem> problems_;
};

enum class LessonCheck {
    /// The files: JSON syntax and fields, referenced files present, both languages,
    /// answers present, reference syntax, every experiment built through the registry.
    Structure,
    /// Structure, then every lesson played through: each action runs, every reference,
    /// `show` and `highlight` item names something of the experiment of its step, and
    /// every outcome checkpoint's example_answer passes (this trains).
    Full,
};

/// Every problem of the pack in `folder`, in file order; empty when it is valid.
/// Never throws for bad input.
std::vector<LessonProblem> checkLessonPack(const std::string& folder, const Registry& registry,
                                           LessonCheck level = LessonCheck::Full);

/// Reads the pack in `folder`. requires: `registry` holds the components the pack uses.
/// throws LessonPackError listing every problem found at `level`.
LessonPack loadLessonPack(const std::string& folder, const Registry& registry,
                          LessonCheck level = LessonCheck::Structure);

// ---- answers files ----

/// Answers for labs and tests (format "deepstep.lesson-answers", version 1):
/// {"answers": {"LESSON": {"CHECKPOINT": answer, ...}, ...}}. An answer is a number for
/// number checkpoints and number/integer outcomes, a 0-based index for choices.
struct LessonAnswers {
    std::map<std::string, std::map<std::string, Json>> answers;
    /// nullptr when the file gives no answer for that checkpoint.
    const Json* find(const std::string& lessonId, const std::string& checkpointId) const;
};

/// Reads an answers file and checks it against `pack`: every lesson and checkpoint id
/// exists and every answer has the type its checkpoint takes.
/// throws InputError "FILE: answers.LESSON.CHECKPOINT: expected …".
LessonAnswers loadLessonAnswers(const std::string& file, const LessonPack& pack);

// ---- playing ----

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

/// Plays one lesson on a Stepper. The player owns no experiment: it loads the lesson's
/// and the steps' experiments into the given stepper (the Studio's or the CLI's).
class LessonPlayer {
public:
    /// requires: all four outlive the player; `lesson` belongs to `pack`; `registry` is
    ///           the one `stepper` builds from (outcome checkpoints build from it too).
    LessonPlayer(const LessonPack& pack, const Lesson& lesson, Stepper& stepper, const Registry& registry);

    /// Loads the lesson's experiment and enters step 0.
    /// throws InputError naming the file and JSON path when an experiment or action fails.
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

    /// The value of a reference (docs/lesson-format.md) in the state of the moment.
    /// throws InputError (place: the reference) when it is malformed, names nothing of
    /// the current experiment, is out of range or has no value yet.
    double resolve(const std::string& reference);
    /// The right answer of a checkpoint now (see CheckResult::expected).
    /// throws InputError as resolve().
    Json expectedAnswer(const Checkpoint& checkpoint);
    /// Checks `answer` (null: not answered). An answer of the wrong type is wrong, with
    /// a detail saying what was expected. An outcome trains a fresh copy of the current
    /// experiment and leaves the stepper alone. throws InputError as resolve().
    CheckResult check(const Checkpoint& checkpoint, const Json& answer);
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
};

/// A parsed reference, `highlight` item or `show` item (docs/lesson-format.md).
struct LessonRef {
    enum class Kind { Loss, Eval, Layer, Parameter, OptimizerSlot, OptimizerStep };
    Kind kind = Kind::Loss;
    std::string layer;      ///< Layer: the layer's name
    std::string parameter;  ///< Parameter, OptimizerSlot: "LAYER.PARAM"
    /// Layer: input, z, output, grad_output, delta, grad_input; Parameter: value, grad,
    /// update, value_after; OptimizerSlot: the slot; Eval: accuracy or loss. Empty when
    /// the item names a whole layer or parameter.
    std::string quantity;
    std::vector<std::size_t> index;  ///< empty when the item names a whole tensor
};

/// "loss", "layer:NAME.Q[i][j]", "param:LAYER.PARAM.Q[i][j]", "eval:accuracy",
/// "eval:loss", "optimizer:LAYER.PARAM.SLOT[i]", "optimizer:step".
/// throws InputError (place: the text) "expected a reference such as …".
LessonRef parseLessonReference(const std::string& text);
/// "layer:NAME", "LAYER.PARAM" or "LAYER.PARAM[i][j]". throws as above.
LessonRef parseLessonHighlight(const std::string& text);
/// "layer:NAME", "param:LAYER.PARAM", "loss" or "eval". throws as above.
LessonRef parseLessonShow(const std::string& text);

/// `experiment` with one setting changed. `path` is "optimizer.learning_rate",
/// "training.epochs", "loss.OPTION", "optimizer.OPTION", "dataset.OPTION",
/// "model.layers[i].OPTION" or "seed"; a component given by name alone becomes
/// {"type": name}. throws InputError (place: the path) for a malformed path or a
/// layer index out of range. The value itself is checked when the result is built.
Json applySetting(const Json& experiment, const std::string& path, const Json& value);
/// True when `path` has one of the forms applySetting takes (the layer index unchecked).
bool isLessonSetting(const std::string& path);

// ---- where packs are ----

/// The folders searched for packs, in order: every folder in $DEEPSTEP_LESSON_PATH
/// (separated by ':'), `executableFolder`/../share/deepstep/lessons, then `extra`.
std::vector<std::string> lessonSearchPaths(const std::string& executableFolder,
                                           const std::vector<std::string>& extra = {});

struct LessonPackLocation {
    std::string id;      ///< pack.json's "id" (the folder's name when unreadable)
    std::string folder;  ///< the pack folder
};

/// Every pack folder (a folder with a pack.json) directly inside `folders`. A pack id
/// found again in a later folder is skipped: earlier folders win. Sorted by folder
/// within each search folder; missing folders are skipped.
std::vector<LessonPackLocation> findLessonPacks(const std::vector<std::string>& folders);

// ---- progress ----

/// Where per-user files live: $DEEPSTEP_DATA_HOME, else $XDG_DATA_HOME/deepstep, else
/// ~/.local/share/deepstep. throws RuntimeFailure when none can be determined.
std::string userDataFolder();

/// A student's progress through lessons (format "deepstep.lesson-progress", version 1),
/// saved after every step so that a student resumes where they stopped.
class LessonProgress {
public:
    struct Answer {
        Json answer;
        bool correct = false;
        int attempts = 0;
    };
    struct LessonState {
        std::size_t step = 0;  ///< the step to resume at
        std::set<std::size_t> completedSteps;
        bool completed = false;
        std::map<std::string, Answer> answers;  ///< by checkpoint id
    };

    /// userDataFolder()/progress.json
    static std::string defaultFile();
    /// An empty progress when `file` does not exist.
    /// throws InputError "FILE: PATH: expected …" when it is malformed or newer.
    static LessonProgress load(const std::string& file);
    /// Creates the folder if needed and writes atomically (writeFileAtomically).
    /// throws RuntimeFailure on I/O errors; the old file is then left intact.
    void save(const std::string& file) const;

    Json toJson() const;
    /// throws InputError prefixed with `where`.
    static LessonProgress fromJson(const Json& doc, const std::string& where = {});

    /// The state of a lesson, created empty on first use.
    LessonState& lesson(const std::string& packId, const std::string& lessonId);
    /// nullptr when nothing is recorded for that lesson.
    const LessonState* find(const std::string& packId, const std::string& lessonId) const;
    /// Marks `step` completed and `next` as the step to resume at.
    void completeStep(const std::string& packId, const std::string& lessonId, std::size_t step, std::size_t next);
    /// Records an answer; attempts grow by one each time.
    void recordAnswer(const std::string& packId, const std::string& lessonId, const std::string& checkpointId,
                      const Json& answer, bool correct);

private:
    std::map<std::string, LessonState> lessons_;  ///< by "PACK/LESSON"
};

}  // namespace deepstep
