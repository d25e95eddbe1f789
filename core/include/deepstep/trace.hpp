#pragma once
// Trace: everything a lesson may want to show about a training step.
//
// When a Trace is attached (Network::forward/backward, Trainer::setTrace), each
// step records, per layer, its input, pre-activation z, output, dL/d(output),
// δ = dL/dz and dL/d(input); per parameter its value before the step, gradient,
// the update Δ the optimizer applied and the value after. Each layer's internals
// (Layer::internals(): gates, attention weights, a composite's inner outputs) are
// recorded with their gradients. Parameters of frozen layers are recorded with
// frozen = true and no update. With no Trace attached nothing is copied: the hooks
// are a null-pointer test.
//
// JSON export (format "deepstep.trace", version 2) is documented in docs/trace-format.md.

#include "deepstep/options.hpp"
#include "deepstep/tensor.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep {

/// A layer's intermediate tensor (Layer::internals()); names of a composite's
/// children's internals start with "<child>.".
struct InternalRecord {
    std::string name;
    Tensor value;
    Tensor grad;  ///< empty when the layer gives none
};

struct LayerRecord {
    std::string name;
    std::string type;
    std::string activation;  ///< empty when the layer has none
    Tensor input;
    Tensor preActivation;  ///< empty when the layer has none
    Tensor output;
    Tensor gradOutput;         ///< dL/d(output)
    Tensor gradPreActivation;  ///< δ = dL/dz; empty when the layer has none
    Tensor gradInput;          ///< dL/d(input)
    std::vector<InternalRecord> internals;
};

struct ParameterRecord {
    std::string name;  ///< "layer.param", "block.child.param"
    Tensor value;      ///< before the update
    Tensor grad;
    Tensor update;  ///< Δ, so that valueAfter = value + update; empty when frozen
    Tensor valueAfter;
    bool frozen = false;  ///< in a frozen layer: no update, no optimizer state
};

struct StepRecord {
    long long iteration = 0;  ///< 1-based, over the whole run
    int epoch = 0;            ///< 1-based
    std::vector<std::size_t> sampleIndices;
    Tensor target;
    float loss = 0.0F;       ///< data loss of this batch (before the update)
    float penalty = 0.0F;    ///< L1/L2 term added to the loss
    bool fusedLoss = false;  ///< backward started at the last layer's δ
    std::vector<LayerRecord> layers;
    std::vector<ParameterRecord> parameters;  ///< the updated ones first, in network order, then the frozen ones
    Json optimizerState;  ///< Optimizer::inspect() after the step
};

class Trace {
public:
    /// Keeps at most `maxSteps` steps (the first ones); 0 means no limit.
    explicit Trace(std::size_t maxSteps = 0) : maxSteps_(maxSteps) {}

    /// Starts a new step record and returns it, or nullptr when full.
    StepRecord* beginStep(long long iteration, int epoch);
    /// The step being recorded (the last begun), or nullptr.
    StepRecord* current();
    bool full() const { return maxSteps_ != 0 && steps_.size() >= maxSteps_; }
    const std::vector<StepRecord>& steps() const { return steps_; }
    void clear() { steps_.clear(); }

    Json toJson() const;
    static Json toJson(const StepRecord& step);
    static Json toJson(const Tensor& t);  ///< {"shape": [...], "data": [...]}

private:
    std::size_t maxSteps_;
    std::vector<StepRecord> steps_;
};

}  // namespace deepstep
