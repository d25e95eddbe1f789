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
//
// Stepping follows the same BatchSchedule as `deepstep train` (Trainer::fit): for a
// seed, the same validation split, the same batches in the same order, the same
// augmentation. The undo history shares step records and weight copies between the
// snapshots that have them in common and is capped by memory (historyLimit()), not by
// a count: the oldest snapshots go first.

#include "deepstep/experiment.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trace.hpp"

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

namespace gpu {
class Backend;
}  // namespace gpu

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
    /// `observer`, when given, is called after every epoch; returning false stops the
    /// training there (StopReason::Cancelled; the epochs done so far stay, undoable).
    TrainingResult trainEpochs(int epochs, const std::function<bool(const EpochInfo&)>& observer = {});
    /// Same experiment, same seed, same initial weights; history cleared.
    void reset();
    /// Back to the state before the last action; false when there is none.
    bool undo();
    bool canUndo() const { return !history_.empty(); }
    /// Snapshots the undo history holds now, and the bytes they hold (shared data counted once).
    std::size_t historySize() const { return history_.size(); }
    std::size_t historyBytes() const { return historyBytes_; }
    /// Most bytes the undo history may hold (default kDefaultHistoryLimit); the last
    /// action stays undoable even when its snapshot alone is larger.
    std::size_t historyLimit() const { return historyLimit_; }
    void setHistoryLimit(std::size_t bytes);
    static constexpr std::size_t kDefaultHistoryLimit = std::size_t{256} << 20U;
    /// From the next iteration on; keeps the optimizer's state; undoable.
    bool setLearningRate(double lr);
    /// Computes from the next iteration on with `backend`'s GPU, called `name` ("cuda:0"),
    /// as Trainer::setDevice: every layer with a GPU form there, the rest on the CPU.
    /// Each step's record and the weights come back to the host as the step ends, so
    /// every view and undo work as on the CPU. nullptr: the CPU.
    /// requires: backend usable and outliving the stepper.
    void setDevice(const gpu::Backend* backend, std::string name);
    /// What runs where with the device set (Trainer::devicePlacement); empty on the CPU.
    Text devicePlacement();

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
    const StepRecord* record() const { return record_.get(); }
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
    /// The examples the batches come from: dataset() less the validation split.
    const Dataset& trainingPart() const;
    const TrainingSettings& training() const;
    /// The experiment's name in both languages (empty when it has none).
    const Text& experimentName() const;
    std::uint64_t seed() const;
    int layerCount() const;

private:
    /// One undo step. Shared with the snapshots before and after it while they are the same.
    struct Snapshot {
        std::shared_ptr<const std::vector<Tensor>> values;  ///< every parameter, trainable or not, in network order
        std::shared_ptr<const Json> optimizerState;
        std::shared_ptr<const StepRecord> record;
        Phase phase = Phase::Ready;
        int revealed = 0;
        long long iteration = 0;
    };
    Snapshot snapshot();
    void push();
    void restore(const Snapshot& s);
    void computeIteration();
    /// The weights or the optimizer changed: the next snapshot copies them again.
    void weightsChanged();
    void hold(const std::shared_ptr<const void>& p, std::size_t bytes, int delta);
    void dropOldest();

    const Registry& registry_;
    Json json_;
    std::string where_;
    std::unique_ptr<BuiltExperiment> built_;
    std::unique_ptr<DataSplit> split_;
    std::unique_ptr<BatchSchedule> schedule_;
    Phase phase_ = Phase::Ready;
    int revealed_ = 0;
    std::shared_ptr<const StepRecord> record_;
    long long iteration_ = 0;
    std::deque<Snapshot> history_;
    /// The weights and optimizer state as the last snapshot copied them, while unchanged.
    std::shared_ptr<const std::vector<Tensor>> valuesNow_;
    std::shared_ptr<const Json> stateNow_;
    /// Every object the history holds, counted once: its size and how many snapshots hold it.
    std::map<const void*, std::pair<std::size_t, int>> held_;
    std::size_t historyBytes_ = 0;
    std::size_t historyLimit_ = kDefaultHistoryLimit;
    const gpu::Backend* device_ = nullptr;
    std::string deviceName_;
};

}  // namespace deepstep
