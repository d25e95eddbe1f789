#pragma once
// Experiment files: a whole training setup in one JSON document.
//
// {
//   "format": "deepstep.experiment", "version": 1,
//   "name": {"en": "XOR with a 2-2-1 sigmoid network", "ko": "2-2-1 시그모이드 신경망으로 배우는 XOR"},
//                                          (or one string, the same in every language)
//   "seed": 42,
//   "model": {
//     "input": [2],
//     "layers": [
//       {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
//        "parameters": {"weight": [[0.1, 0.2], [0.3, 0.4]], "bias": [0, 0]}},
//       {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}
//     ]
//   },
//   "loss": {"type": "mse", "half": true},
//   "optimizer": {"type": "sgd", "learning_rate": 0.5},
//   "dataset": {"type": "xor"}     or  {"type": "inline", "inputs": [[..]], "targets": [[..]]},
//   "test_dataset": {"type": "fashion_mnist", "split": "test"},     (optional)
//   "training": {"epochs": 2000, "batch_size": 4, "shuffle": true,
//                "validation_split": 0, "l1": 0, "l2": 0, "target_accuracy": 1.0}
// }
//
// Everything besides "type", "name" and "parameters" in a layer is an option of that
// layer's schema. "parameters" gives explicit initial values, so a textbook worked
// example can be reproduced exactly. Errors name the JSON path and the expectation:
//   model.layers[2].units: expected a positive integer, got "ten"
// The full reference is docs/experiment-format.md.

#include "deepstep/dataset.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/network.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace deepstep {

/// Several problems found in one document, reported together: what() lists each
/// problem on its own line ("file: json.path: expectation"), at most
/// kMaxReportedProblems of them, then "... and N more problems". where() and message()
/// are those of the first problem (message() followed by the other lines).
class InputProblems : public InputError {
public:
    /// requires: at least two problems.
    explicit InputProblems(std::vector<InputError> problems);
    /// Every problem, in the order found (not capped).
    const std::vector<InputError>& problems() const { return problems_; }

private:
    std::vector<InputError> problems_;
};

inline constexpr std::size_t kMaxReportedProblems = 50;

/// Collects the problems of a document so that a validator can go on after each and
/// report all of them at once, as `lesson check` does.
class ProblemList {
public:
    /// Runs `f`; an InputError (or every problem of an InputProblems) it throws is
    /// recorded instead of thrown. Returns whether `f` finished without one.
    bool attempt(const std::function<void()>& f);
    void add(InputError problem) { problems_.push_back(std::move(problem)); }
    bool empty() const { return problems_.empty(); }
    std::size_t size() const { return problems_.size(); }
    /// ensures: returns when there is no problem; throws the problem itself when there
    /// is one (its message exactly as a single check gives it), InputProblems otherwise.
    void throwIfAny() const;

private:
    std::vector<InputError> problems_;
};

/// Throws `e` again (every problem of it, when it is an InputProblems) with each place
/// rewritten by `place`, which takes the problem's where().
[[noreturn]] void rethrowPlaced(const InputError& e, const std::function<std::string(const std::string&)>& place);

inline constexpr int kExperimentVersion = 1;

/// Everything an experiment builds, ready to train.
struct BuiltExperiment {
    Text name;         ///< "name"; empty when the experiment has none (callers show the file name)
    Text description;  ///< "description"; empty when there is none
    std::uint64_t seed = 0;
    Network network;
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<Dataset> dataset;
    std::unique_ptr<Dataset> testDataset;  ///< "test_dataset", when given: evaluated after training
    TrainingSettings training;
};

/// Reads an experiment's "name" or "description": a string, the same text in every
/// language, or an object {"en": "...", "ko": "..."} ("en" required, "ko" optional).
/// `path` is the JSON path used in error places ("name").
/// ensures: a string s gives Text{s, ""}, so Text::in() answers s in every language.
/// throws InputError at `path`, `path`.en, `path`.ko or an unknown `path`.key, naming
///        the expectation (InputProblems when more than one is wrong).
Text readLocalizedText(const Json& j, const std::string& path);

/// Validates an experiment document and builds every component from the registry.
/// `where` prefixes error places (usually the file name). Every section, every layer
/// and every option is checked on its own, so that one run reports all problems.
/// ensures: the network is built with the experiment's seed and any explicit
///          initial parameters applied; the optimizer suits the network
///          (optimizerSuits with networkSignal), else an InputError at "optimizer".
/// throws InputError naming the JSON path and the expectation, InputProblems (an
///        InputError) when there is more than one problem.
BuiltExperiment buildExperiment(const Json& doc, const Registry& registry, const std::string& where = {});
BuiltExperiment loadExperiment(const std::string& path, const Registry& registry);

/// What a network's optimizer gets from backward(): ErrorDriven when every layer with
/// parameters of its own (composites' children included, to any depth) is registered
/// as ErrorDriven (a perceptron network), Gradient otherwise. A layer type the
/// registry does not know counts as Gradient.
/// (Not const: a layer hands out its parameters through a non-const parameters().)
LearningSignal networkSignal(Network& network, const Registry& registry);

/// Builds only the network of a "model" object (also used by model files).
Network buildModel(const Json& model, const Registry& registry, Rng& rng, const std::string& path = "model");

}  // namespace deepstep
