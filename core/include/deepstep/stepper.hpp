#pragma once
// Stepper: one experiment, stepped through one layer at a time.
//
// An iteration is computed by the engine in one go (Trainer::step with a Trace) and
// then *revealed* in stages — forward layer by layer, backward layer by layer (from
// the output back), then the update — so that a lesson or a view shows only what has
// been revealed. Every number comes from the StepRecord; nothing is recomputed.
//
//   Ready ──forwardLayer──► Forward(1..L) ──backwardLayer──► Backward(1..L) ──applyUpdate──► Updated
//     ▲                                                                                     │
//     └──────────────────────────── forwardLayer starts the next iteration ─────────────────┘
//
// Until the update is revealed, weights are shown as they were before the step (the
// record's "value"); the engine has already computed the new ones. Every action can be
// undone; reset() rebuilds the experiment with the same seed. Used by the Studio (via
// its StepSession) and by the lesson players.

#include "deepstep/experiment.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trace.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

class Stepper {
public:
    enum class Phase { Ready, Forward, Backward, Updated };

    /// requires: `registry` outlives the stepper.
    explicit Stepper(const Registry& registry);
    ~Stepper();
    Stepper(const Stepper&) = delete;
    Stepper& operator=(const Stepper&) = delete;

    /// Builds `experiment`; throws InputError naming the place (prefixed with `where`),
    /// leaving the stepper as it was.
    void load(const Json& experiment, const std::string& where = {});
    bool isLoaded() const { return built_ != nullptr; }
    const Json& experimentJson() const { return json_; }

    // ---- actions; each returns false (and changes nothing) when not applicable ----
    /// Ready/Updated: computes the next iteration and reveals the first layer's forward
    /// values. Forward(k < L): reveals layer k + 1.
    bool forwardLayer();
    /// Forward(L): reveals the last layer's backward values; Backward(k < L): the next
    /// layer towards the input.
    bool backwardLayer();
    /// Backward(L): reveals the update (Δw and the new weights).
    bool applyUpdate();
    /// Reveals the rest of the current iteration, or from Ready/Updated a whole new one.
    bool fullIteration();
    /// `count` whole iterations (the current one finished first).
    bool runIterations(int count);
    /// `epochs` epochs of training with the experiment's settings (Trainer::fit).
    TrainingResult trainEpochs(int epochs);
    /// Same experiment, same seed, same initial weights; history cleared.
    void reset();
    /// Back to the state before the last action; false when there is none.
    bool undo();
    bool canUndo() const { return !history_.empty(); }
    /// From the next iteration on; keeps the optimizer's state; undoable.
    bool setLearningRate(double lr);

    // ---- state ----
    Phase phase() const { return phase_; }
    /// Layers revealed: 1..L from the input in Forward, from the output in Backward;
    /// L in Updated; 0 in Ready.
    int revealed() const { return revealed_; }
    bool forwardShown(int layer) const;
    bool backwardShown(int layer) const;
    bool updateShown() const { return phase_ == Phase::Updated; }
    /// The layer being computed in the current stage, or -1.
    int activeLayer() const;
    /// The current iteration's record; nullptr before the first iteration.
    const StepRecord* record() const { return record_ ? &*record_ : nullptr; }
    long long iteration() const { return iteration_; }
    /// A parameter's value as shown now ("layer.param"): before the update until it is
    /// revealed. nullptr for an unknown name.
    const Tensor* shownValue(const std::string& name) const;
    /// Loss and accuracy over the whole dataset with the weights as shown now.
    Evaluation evaluate();

    Network& network();
    const Loss& loss() const;
    Optimizer& optimizer();
    const Dataset& dataset() const;
    const TrainingSettings& training() const;
    const std::string& experimentName() const;
    std::uint64_t seed() const;
    int layerCount() const;

private:
    struct Snapshot;
    Snapshot snapshot() const;
    void push();
    void restore(const Snapshot& s);
    void computeIteration();
    std::vector<std::size_t> nextBatchIndices() const;

    const Registry& registry_;
    Json json_;
    std::string where_;
    std::unique_ptr<BuiltExperiment> built_;
    Phase phase_ = Phase::Ready;
    int revealed_ = 0;
    std::optional<StepRecord> record_;
    long long iteration_ = 0;
    std::vector<Snapshot> history_;
};

}  // namespace deepstep
