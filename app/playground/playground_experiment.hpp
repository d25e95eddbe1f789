#pragma once
// PlaygroundTemplate: the playground's network, data and training as an experiment.
//
// The playground builds every run through the experiment builder (buildExperiment),
// the code path `deepstep train` uses, from a template experiment file
// (experiments/playground.json). The template's three layers say what the playground
// may vary (experiments/README.md):
//   model.layers[0]  the hidden layer: repeated once per hidden layer, with the
//                    controls' "units" and "activation";
//   model.layers[1]  the layer after every hidden layer (dropout): its "rate" is the
//                    dropout control; left out while that is 0;
//   model.layers[2]  the output layer, as it is.
// Each copy is named by the template layer's name and its number ("hidden2"). The
// loss, optimizer, seed and training settings come from the controls; the data are the
// playground's own points (inline, with the chosen input features), so a saved
// playground trains the same network on the same data with `deepstep train FILE`.
// This file knows no layer type by name: the types are the template's.

#include "deepstep/registry.hpp"
#include "deepstep/tensor.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace deepstep::studio {

/// What the playground's controls say, in engine terms.
struct PlaygroundSetup {
    std::string name;  ///< the experiment's name
    std::vector<int> hiddenUnits;
    Json activation = "tanh";  ///< an activation spec: a name or {"type": ..., options}
    double dropout = 0.0;      ///< 0: no layer after the hidden layers
    std::string loss;
    std::string optimizer;
    Json optimizerOptions = Json::object();  ///< learning_rate included
    int epochs = 1;
    int batchSize = 1;
    std::uint64_t seed = 1;
    double l1 = 0.0;
    double l2 = 0.0;
    Json train;  ///< an inline dataset (inlineDataset())
    Json test;   ///< an inline dataset, or null
};

/// An inline dataset of an experiment: {"type": "inline", "inputs", "targets",
/// "classes", "features"}. requires: inputs N × F, targets N × T.
Json inlineDataset(const Tensor& inputs, const Tensor& targets, const std::vector<std::string>& classes,
                   const std::vector<std::string>& features);

class PlaygroundTemplate {
public:
    PlaygroundTemplate() = default;
    /// Reads and checks the template. throws InputError naming the file and the JSON
    /// path when it is unreadable or does not follow the convention above.
    static PlaygroundTemplate load(const std::string& path, const Registry& registry);
    /// Checks `doc` as load() does; `where` names it in errors.
    static PlaygroundTemplate fromJson(const Json& doc, const Registry& registry, const std::string& where);

    bool isLoaded() const { return !doc_.is_null(); }
    const Json& document() const { return doc_; }

    /// The experiment for `setup`: the template with its layers repeated and set, its
    /// seed, loss, optimizer, data and training replaced.
    /// requires: isLoaded().
    Json experimentFor(const PlaygroundSetup& setup) const;

private:
    Json doc_;
    bool betweenHasSeed_ = false;
};

}  // namespace deepstep::studio
