#pragma once
// Experiment files: a whole training setup in one JSON document.
//
// {
//   "format": "deepstep.experiment", "version": 1,
//   "name": "XOR with a 2-2-1 sigmoid network",
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
#include "deepstep/file_io.hpp"
#include "deepstep/network.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <memory>
#include <string>

namespace deepstep {

inline constexpr int kExperimentVersion = 1;

/// Everything an experiment builds, ready to train.
struct BuiltExperiment {
    std::string name;
    std::uint64_t seed = 0;
    Network network;
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<Dataset> dataset;
    std::unique_ptr<Dataset> testDataset;  ///< "test_dataset", when given: evaluated after training
    TrainingSettings training;
};

/// Validates an experiment document and builds every component from the registry.
/// `where` prefixes error places (usually the file name).
/// ensures: the network is built with the experiment's seed and any explicit
///          initial parameters applied.
/// throws InputError naming the JSON path and the expectation.
BuiltExperiment buildExperiment(const Json& doc, const Registry& registry, const std::string& where = {});
BuiltExperiment loadExperiment(const std::string& path, const Registry& registry);

/// Builds only the network of a "model" object (also used by model files).
Network buildModel(const Json& model, const Registry& registry, Rng& rng, const std::string& path = "model");

}  // namespace deepstep
