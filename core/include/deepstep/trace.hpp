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
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
    /// With gradient clipping (TrainingSettings::clipNorm > 0): the joint L2 norm of
    /// the trained parameters' gradients before clipping, and the factor they were
    /// multiplied by (1 when the norm was within the limit). The parameters' `grad`
    /// is the clipped gradient, the one the optimizer used. Without clipping: unset.
    std::optional<double> gradientNorm;
    float clipScale = 1.0F;
};

class Trace {
public:
    /// Keeps at most `maxSteps` steps (the first ones); 0 means no limit.
    explicit Trace(std::size_t maxSteps = 0) : maxSteps_(maxSteps) {}

    /// Starts a new step record and returns it, or nullptr when full.
    StepRecord* beginStep(long long iteration, int epoch);
    /// The step being recorded (the last begun), or nullptr.
    StepRecord* current();
    bool full() const { return maxSteps_ != 0 && recorded_ >= maxSteps_; }
    /// The steps held: all of them, or only the one being recorded when streaming.
    const std::vector<StepRecord>& steps() const { return steps_; }
    /// Steps begun so far, the streamed ones included.
    std::size_t recorded() const { return recorded_; }
    void clear() {
        steps_.clear();
        recorded_ = 0;
    }

    /// Streaming: from now on each step, once finished (when the next one begins, or
    /// at flush()), is handed to `sink` and dropped, so memory holds one step however
    /// many are recorded. The trainer's view of the current step is unchanged.
    void streamTo(std::function<void(const StepRecord&)> sink) { sink_ = std::move(sink); }
    /// Hands the step still held to the sink. Call once recording is over.
    void flush();

    Json toJson() const;
    static Json toJson(const StepRecord& step);
    static Json toJson(const Tensor& t);  ///< {"shape": [...], "data": [...]}

private:
    std::size_t maxSteps_;
    std::size_t recorded_ = 0;
    std::vector<StepRecord> steps_;
    std::function<void(const StepRecord&)> sink_;
};

/// Writes a trace document one step at a time, for Trace::streamTo: the text is byte
/// for byte Trace::toJson().dump(1) + "\n" of the same steps, while only one step is
/// ever held as JSON.
class TraceJsonWriter {
public:
    /// `out` receives the document in pieces, in order (e.g. OutputFile::write).
    explicit TraceJsonWriter(std::function<void(std::string_view)> out) : out_(std::move(out)) {}
    /// Appends one step.
    void add(const StepRecord& step);
    /// Ends the document. Call once, after the last add().
    void finish();

private:
    std::function<void(std::string_view)> out_;
    std::size_t steps_ = 0;
};

}  // namespace deepstep
