#pragma once
// TrainingWorker: trains one network in a thread of its own, so the Studio never freezes.
//
// A view builds everything a run needs (network, loss, optimizer, training and test
// data) in a TrainingJob, hands it over, and moves the worker to a QThread:
//
//   auto* worker = new TrainingWorker(std::move(job));
//   auto* thread = new QThread;
//   worker->moveToThread(thread);
//   connect(thread, &QThread::started, worker, &TrainingWorker::run);
//   connect(worker, &TrainingWorker::finished, ...);   // then quit, wait, delete both
//   thread->start(QThread::LowPriority);
//
// The worker owns the job for the length of the run and trains epoch by epoch with
// deepstep::Trainer. It reports through queued signals, at most once per
// progressIntervalMs (about 20 times a second), so a fast run cannot flood the UI:
// epochs finished in between travel together in one report, together with a snapshot
// of the network's outputs at the job's probe points (a grid over the input plane)
// and the confusion matrix on the test data. pause(), resume(), cancel() and
// setLearningRate() may be called from any thread; they take effect between two
// iterations. There is no widget here: this file needs QtCore only.

#include "deepstep/network.hpp"
#include "deepstep/trainer.hpp"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace deepstep::studio {

/// Everything one run needs. The worker takes ownership.
struct TrainingJob {
    Network network;  ///< requires: built
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<Dataset> train;  ///< requires: not empty
    std::unique_ptr<Dataset> test;   ///< may be null: no test curves, confusion on train
    TrainingSettings settings;       ///< validationSplit is ignored: `test` is the held-out set
    /// Inputs evaluated for every snapshot (P × the network's input), e.g. a grid over
    /// the plane; empty for none.
    Tensor probeInputs;
    int progressIntervalMs = 50;
    /// On Linux the training thread lowers its own scheduling priority (nice + 5), so
    /// that on a busy machine the UI thread wins the CPU. (QThread priorities have
    /// no effect for ordinary Linux threads.)
    bool yieldToUi = true;
    /// Where to train: "cpu", "cuda" or "cuda:N" (the Studio's View ▸ Device). A GPU
    /// that cannot be used leaves the run on the CPU; TrainingProgress::device says so.
    std::string device = "cpu";
};

/// Outputs of one layer at the probe points.
struct ProbeLayer {
    std::string name;  ///< the network's layer name, "hidden1"
    int units = 0;
    std::vector<float> values;  ///< P × units, row-major (point by point)
};

/// A layer's weight matrix (inputs × outputs, row-major): the edges the playground draws.
struct EdgeWeights {
    int inputs = 0;
    int outputs = 0;
    std::vector<float> values;
};

/// One report. Epoch figures come from the Trainer (EpochInfo); validation = test.
struct TrainingProgress {
    int epoch = 0;   ///< epochs completed so far
    int epochs = 0;  ///< epochs planned
    long long iterations = 0;
    double learningRate = 0.0;
    bool paused = false;
    /// Epochs completed since the previous report, oldest first (may be empty in the
    /// first report, sent before any training).
    std::vector<EpochInfo> newEpochs;
    /// Network output at each probe point (P × outputUnits, row-major).
    std::vector<float> probeOutput;
    int outputUnits = 0;
    /// Every layer but the last, one column per group of units: a one-to-one layer
    /// (LayerView::oneToOne: an activation, dropout) replaces the column of the layer
    /// before it with its own output.
    std::vector<ProbeLayer> probeLayers;
    /// Every layer's rank-2 "weight" parameter, in layer order.
    std::vector<EdgeWeights> weights;
    /// Confusion matrix on the test data (train data without one): classes × classes
    /// counts, row = true class, column = predicted.
    int classes = 0;
    std::vector<std::size_t> confusion;
    bool confusionOnTest = false;
    /// Where the run computes, one line (Trainer::devicePlacement, or why the GPU asked
    /// for is not used); empty for a run on the CPU that asked for nothing else.
    Text device;
};

/// How the run ended.
struct TrainingOutcome {
    StopReason reason = StopReason::Completed;
    Text explanation;
    int epochs = 0;
    long long iterations = 0;
};

class TrainingWorker : public QObject {
    Q_OBJECT

public:
    /// requires: job.network built; loss, optimizer, train set.
    explicit TrainingWorker(TrainingJob job, QObject* parent = nullptr);
    ~TrainingWorker() override;

    // ---- controls, thread-safe ----
    /// The run waits after the current iteration until resume() or cancel(). A report
    /// with everything finished so far is sent when it starts waiting.
    void pause();
    void resume();
    /// Stops the run after the current iteration (also while paused).
    void cancel();
    bool isPaused() const;
    /// The rate takes effect from the next iteration on; the optimizer keeps its state
    /// (momentum, Adam's moments, the step count).
    void setLearningRate(double lr);

public slots:
    /// Trains the job. Call once, in the worker's thread (connect QThread::started).
    /// ensures: exactly one of finished() or failed() is emitted, after the last progress().
    void run();

signals:
    void progress(const deepstep::studio::TrainingProgress& progress);
    void pausedChanged(bool paused);
    void finished(const deepstep::studio::TrainingOutcome& outcome);
    /// An exception stopped the run (bad data, a shape mismatch); English message.
    void failed(const QString& message);

private:
    void betweenIterations(Trainer& trainer);
    void report(bool force);
    void fillSnapshot(TrainingProgress& p);

    TrainingJob job_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool paused_ = false;
    bool cancelled_ = false;
    std::optional<double> pendingRate_;

    // Worker-thread state.
    std::vector<EpochInfo> unreported_;
    int epoch_ = 0;
    long long iterations_ = 0;
    QElapsedTimer clock_;
    Trainer* trainer_ = nullptr;  ///< the run's trainer while fit() runs
    Text device_;                 ///< TrainingProgress::device
    qint64 lastReportMs_ = -1;
    bool reportedPause_ = false;
};

}  // namespace deepstep::studio

Q_DECLARE_METATYPE(deepstep::studio::TrainingProgress)
Q_DECLARE_METATYPE(deepstep::studio::TrainingOutcome)
