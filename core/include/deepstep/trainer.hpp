#pragma once
// Trainer: epochs, mini-batches and iterations exactly as the course defines them.
//
//   epoch     – one pass over the whole training set
//   batch     – the examples used for one update (batch_size; 0 = all of them: GD)
//   iteration – one update; iterations per epoch = ceil(N / batch_size)
//               (1000 examples, batch 100 → 10 iterations)
//
// Each iteration: forward → loss → backward → (weight decay) → optimizer step.
// Training stops cleanly, with an explanation, when the loss becomes NaN/Inf, and when
// the weights saturate: a trained parameter reaches kSaturationMagnitude, beyond which
// float32 updates no longer move it (the loss then stalls at a finite value). The
// explanation blames what made the run diverge: input values beyond
// kLargeInputMagnitude, an L2 decay with η·λ2 >= 2, an L1 decay with η·λ1 >= 1, or else
// the learning rate. Such a run ends with StopReason::Diverged.

#include "deepstep/augment.hpp"
#include "deepstep/dataset.hpp"
#include "deepstep/network.hpp"
#include "deepstep/trace.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <optional>
#include <string>
#include <vector>

namespace deepstep {

namespace gpu {
class Backend;
}  // namespace gpu
class DeviceRun;

/// A trained parameter of this magnitude means the run has diverged (see above).
inline constexpr float kSaturationMagnitude = 1e12F;
/// Inputs beyond this magnitude are blamed for a divergence.
inline constexpr float kLargeInputMagnitude = 1e6F;
/// Iterations between two saturation checks within an epoch (and one at its end).
inline constexpr long long kSaturationCheckInterval = 100;
/// Tensors per example and layer output that training keeps, for the memory estimate:
/// the output, its gradient, and the layer's cache (z, δ).
inline constexpr long double kActivationCopies = 4;

/// How an epoch's training accuracy is measured.
enum class TrainAccuracy {
    Auto,     ///< Exact for training sets up to kExactAccuracyLimit examples, Running above
    Exact,    ///< the whole training set evaluated again with the weights at the end of the epoch
    Running,  ///< counted on each batch as it is trained (free; the weights move during the epoch)
};
/// Largest training set for which TrainAccuracy::Auto re-evaluates the whole set.
inline constexpr std::size_t kExactAccuracyLimit = 10000;

struct TrainingSettings {
    int epochs = 100;  ///< >= 0; epoch numbers end at INT_MAX - 1, however many are asked for
    std::size_t batchSize = 0;  ///< 0: the whole training set (gradient descent)
    bool shuffle = true;        ///< reshuffle every epoch, seeded
    std::uint64_t seed = 0;
    double validationSplit = 0.0;          ///< fraction of the data held out, in [0, 1)
    double l1 = 0.0;                       ///< L1 weight decay λ1
    double l2 = 0.0;                       ///< L2 weight decay λ2
    long long maxIterations = 0;           ///< 0: no limit
    std::optional<double> targetAccuracy;  ///< stop as soon as training accuracy reaches it
    TrainAccuracy trainAccuracy = TrainAccuracy::Auto;
    /// Learning-rate schedule: epoch e (1-based) trains with η·decay^(e−1), η being the
    /// optimizer's rate when fit() starts. 1 keeps η constant.
    double learningRateDecay = 1.0;
    /// Gradient clipping by norm: > 0 rescales the gradients of every trained
    /// parameter together after the backward pass (and weight decay), before the
    /// optimizer sees them, so that their joint L2 norm ‖g‖ = sqrt(Σ g²) is at most this:
    /// g ← g · clipNorm / ‖g‖ when ‖g‖ > clipNorm. 0: no clipping. The same for every
    /// optimizer; a traced step records ‖g‖ and the factor (StepRecord).
    double clipNorm = 0.0;
    /// Applied to every training batch (never to validation or test data), seeded.
    Augmentation augmentation;
    /// Where fit() starts in the batch schedule: after this many iterations (a stepper
    /// that has stepped some iterations by hand trains on from there). 0: the start.
    long long firstIteration = 0;
};

/// The training part and the held-out validation part of a dataset, as
/// settings.validationSplit and settings.seed choose them (train = the data itself
/// when nothing is held out). requires: `data` outlives the split.
struct DataSplit {
    const Dataset* train = nullptr;
    const Dataset* validation = nullptr;  ///< nullptr when nothing is held out
    std::unique_ptr<SubsetDataset> trainPart;
    std::unique_ptr<SubsetDataset> validationPart;
};
/// throws InputError for a split that leaves no training or no validation examples.
DataSplit splitForValidation(const Dataset& data, const TrainingSettings& settings);

/// requires: network built. ensures: a batch of `batchSize` examples through it (its
/// inputs, every layer's output, kActivationCopies of each) fits the memory budget.
/// throws InputError(where, "a batch of N examples through this network ... would
/// take M of memory; ...") otherwise. Trainer::fit() checks it before the first step.
void checkTrainingMemory(const Network& network, std::size_t batchSize, const std::string& where);

/// The one batch schedule of a training run, shared by Trainer::fit and the Stepper:
/// for a seed, the same examples in the same batches in the same order, and the same
/// augmentation of each batch, whether trained or stepped.
///
/// Epoch e (1-based) visits a seeded permutation of the training examples (the e-th
/// drawn from one generator), or 0..n−1 without shuffling, cut into batches of
/// batchSize (the last may be smaller).
class BatchSchedule {
public:
    /// requires: examples >= 1.
    BatchSchedule(std::size_t examples, const TrainingSettings& settings);
    std::size_t batchSize() const { return batchSize_; }
    long long batchesPerEpoch() const { return perEpoch_; }
    /// Indices (into the training part) of batch `index` (0-based) of `epoch` (1-based).
    /// Any epoch may be asked for, in any order.
    std::span<const std::size_t> batch(int epoch, long long index);
    /// Epoch (1-based) and batch index within it of the iteration after `done` iterations.
    std::pair<int, long long> position(long long done) const;
    /// Applies the settings' augmentation to batch `index` of `epoch`, seeded by the
    /// run's seed and the batch's place, so a stepped batch looks like a trained one.
    void augmentBatch(Tensor& inputs, int epoch, long long index) const;

private:
    const std::vector<std::size_t>& order(int epoch);

    std::size_t examples_;
    std::size_t batchSize_;
    long long perEpoch_;
    bool shuffle_;
    std::uint64_t seed_;
    Augmentation augmentation_;
    Rng rng_;
    int epoch_ = 0;  ///< the epoch whose order is in order_; 0: none yet
    std::vector<std::size_t> order_;
};

struct StepInfo {
    int epoch = 0;                   ///< 1-based
    long long iteration = 0;         ///< 1-based, over the run
    long long iterationInEpoch = 0;  ///< 1-based
    long long iterationsPerEpoch = 0;
    std::size_t batchSize = 0;
    float loss = 0.0F;
    const StepRecord* record = nullptr;  ///< the trace of this step, when traced
};

struct EpochInfo {
    int epoch = 0;
    double trainLoss = 0.0;
    double trainAccuracy = 0.0;  ///< NaN for regression data
    bool runningAccuracy = false;  ///< trainAccuracy was counted on the batches as they were trained
    bool hasValidation = false;
    double validationLoss = 0.0;
    double validationAccuracy = 0.0;
    long long iterations = 0;  ///< so far, over the run
    double seconds = 0.0;      ///< wall time of this epoch
    std::size_t samples = 0;   ///< examples seen in this epoch
};

enum class StopReason { Completed, TargetReached, TargetMissed, Cancelled, Diverged, IterationLimit };
std::string toString(StopReason r);

struct TrainingResult {
    StopReason reason = StopReason::Completed;
    Text explanation;  ///< for the student, en and ko
    int epochs = 0;    ///< epochs completed
    long long iterations = 0;
    std::vector<EpochInfo> history;
};

struct Evaluation {
    double loss = 0.0;
    double accuracy = 0.0;  ///< NaN for regression data
    std::size_t samples = 0;
};

class Trainer {
public:
    /// requires: network built; all references outlive the trainer.
    Trainer(Network& network, const Loss& loss, Optimizer& optimizer, TrainingSettings settings);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    /// From now on steps and evaluation run on `backend`'s GPU, called `deviceName`
    /// ("cuda:0") in what the trainer says: every layer with a GPU form
    /// (Layer::gpuForm) there, the others on the CPU, a batch copied across where one
    /// meets the other; the loss and the optimizer likewise. nullptr: all on the CPU.
    /// Parameters computed on the GPU reach the host (Parameter::value) when someone
    /// looks: at every epoch's end before onEpoch observers, at the end of fit(), on
    /// every traced step, and on syncToHost(). Saturation checks look at them too.
    /// requires: backend usable (gpu::Backend::open) and outliving the trainer.
    void setDevice(const gpu::Backend* backend, const std::string& deviceName);
    /// What runs where under setDevice, one line ("dense ×3, activation ×2, ... on cuda:0;
    /// dropout on the CPU (no GPU form)"); empty without a device.
    Text devicePlacement() const;
    /// Copies parameters, their gradients and the optimizer's state from the GPU to the
    /// host, when the GPU has newer ones. An onStep observer that reads parameters
    /// calls it first. Cheap when nothing changed.
    void syncToHost();
    /// The host's parameters or optimizer state were changed from outside (loaded,
    /// edited, restored): they all go to the GPU before the next step.
    /// requires: syncToHost() was called before the host changed them (otherwise the
    /// host's older copies of the others would replace the GPU's).
    void hostChanged();

    /// Called after every iteration. May call cancel().
    void onStep(std::function<void(const StepInfo&)> observer);
    /// Called after every epoch. May call cancel().
    void onEpoch(std::function<void(const EpochInfo&)> observer);
    /// Record the first steps into `trace` (nullptr: no tracing, no cost).
    void setTrace(Trace* trace) { trace_ = trace; }
    /// Thread-safe; the run stops after the current iteration.
    void cancel() { cancelled_.store(true); }

    /// Trains on `data`, holding out settings.validationSplit of it (seeded), or on
    /// `data` with `validation` as the held-out set when given.
    TrainingResult fit(const Dataset& data, const Dataset* validation = nullptr);

    /// One iteration on one batch; returns the batch loss. Records into the trace
    /// when one is set and not full. Used by fit() and by step-by-step views.
    float step(const Batch& batch, std::span<const std::size_t> indices = {});

    /// Loss and accuracy over a dataset in Eval mode, in batches.
    Evaluation evaluate(const Dataset& data, std::size_t batchSize = 256);

    const TrainingSettings& settings() const { return settings_; }
    long long iterations() const { return iteration_; }

private:
    TrainingResult fitRun(const Dataset& data, const Dataset* validation);
    /// step(), also counting the batch's correctly classified examples into *correct when given.
    float trainStep(const Batch& batch, std::span<const std::size_t> indices, std::size_t* correct);

    Network& net_;
    const Loss& loss_;
    Optimizer& opt_;
    TrainingSettings settings_;
    std::function<void(const StepInfo&)> stepObserver_;
    std::function<void(const EpochInfo&)> epochObserver_;
    Trace* trace_ = nullptr;
    std::unique_ptr<DeviceRun> device_;
    std::atomic<bool> cancelled_{false};
    long long iteration_ = 0;
    int epoch_ = 0;
};

}  // namespace deepstep
