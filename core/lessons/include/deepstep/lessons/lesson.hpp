#pragma once
// Lesson packs: what they hold, reading and checking them, answers files, and where
// packs are found.
//
// A lesson pack is data only (docs/lesson-format.md): a versioned index, lessons made
// of steps, Markdown text in English and Korean, experiments. Nothing in a pack runs
// code. A step loads an experiment, runs actions on a Stepper (forward one layer,
// backward one layer, update, train, change a setting) and asks checkpoints. Where an
// answer is a computed value, the pack names it by a reference ("layer:hidden.output[0][1]",
// deepstep/lessons/reference.hpp) and the player (deepstep/lessons/player.hpp) reads it
// from the engine at the moment of the question, so a lesson cannot drift from the code.
//
// The terminal player (`deepstep lesson run`) and the Studio play the same packs through
// LessonPlayer; `deepstep lesson check` reports every problem of a pack at once, each as
// "FILE: JSON.PATH: expected …".

#include "deepstep/errors.hpp"
#include "deepstep/options.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

inline constexpr int kLessonPackVersion = 1;
inline constexpr int kLessonAnswersVersion = 1;

/// Largest Markdown file of a step, in bytes. A page of lesson text is a few KiB.
inline constexpr std::uint64_t kMaxLessonTextBytes = 1u << 20;

/// Most training one lesson action (`train`, `iteration`) or one outcome checkpoint may
/// ask for, in example passes: epochs × training examples (for `iteration`: iterations
/// × batch size). The shipped lessons stay below 10^6; 2·10^7 passes of the small
/// networks of the lectures take minutes on a laptop. A pack asking for more is refused
/// by `lesson check` and by the player before anything trains, instead of training for
/// hours. Fixed: a lesson that needs more is a lab, not a lesson.
inline constexpr double kLessonTrainingBudget = 2e7;

/// Most epochs one `train` action or outcome checkpoint may ask for, whatever the data
/// set: every epoch also evaluates and records its history. Checked when a pack is read.
inline constexpr long long kLessonMaxEpochs = 100'000;
/// Most iterations one `iteration` action may ask for; checked when a pack is read.
inline constexpr long long kLessonMaxIterations = 100'000;

/// Something a step does to the Stepper when it is entered.
struct LessonAction {
    enum class Kind { ForwardLayer, BackwardLayer, Update, Iteration, Train, Set, Reset, TimeDevices };
    Kind kind = Kind::ForwardLayer;
    /// Iteration: iterations; Train: epochs (0: the experiment's training.epochs);
    /// TimeDevices: epochs on each device
    int count = 1;
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
    /// The files: JSON syntax and fields, referenced files present and inside the pack
    /// or a shared experiments folder (lessonExperimentFolders), both languages,
    /// answers present, reference syntax, epochs and iterations within their limits,
    /// every experiment built through the registry.
    Structure,
    /// Structure, then every lesson played through: each action runs (within
    /// kLessonTrainingBudget), every reference, `show` and `highlight` item names
    /// something of the experiment of its step, and every outcome checkpoint's
    /// example_answer passes (this trains).
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

// ---- where packs are ----

/// The folders searched for packs, in order: every folder in $DEEPSTEP_LESSON_PATH
/// (separated by ':'), `executableFolder`/../share/deepstep/lessons, then `extra`.
std::vector<std::string> lessonSearchPaths(const std::string& executableFolder,
                                           const std::vector<std::string>& extra = {});

struct LessonPackLocation {
    std::string id;      ///< pack.json's "id" (the folder's name when unreadable)
    std::string folder;  ///< the pack folder
};

/// The shared experiments folders a pack may name files in besides its own folder:
/// <folder of the running program>/../share/deepstep/experiments (an installed
/// DeepStep) and the source tree's experiments/ (a build tree). Packs name them as
/// "../../experiments/NAME.json". Every other file a pack names must lie inside the
/// pack folder (symlinks followed); checkLessonPack reports anything else, and no
/// reader of this library opens it.
std::vector<std::string> lessonExperimentFolders();

/// Every pack folder (a folder with a pack.json) directly inside `folders`. A pack id
/// found again in a later folder is skipped: earlier folders win. Sorted by folder
/// within each search folder; missing folders are skipped.
std::vector<LessonPackLocation> findLessonPacks(const std::vector<std::string>& folders);

}  // namespace deepstep
