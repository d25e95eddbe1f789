#pragma once
// CnnTraining: trains an image classifier (LeNet-5 on digits or clothing) in a thread of
// its own and hands the UI thread what the CNN tab shows: progress, the loss and the
// test accuracy, the test set's predictions (confusion matrix, misclassified images) and
// copies of the weights, which the UI thread puts into a network of its own (the
// "mirror") to draw feature maps and filters from, while training goes on.
//
// Everything the run needs (network, loss, optimizer, the data) is built in the worker
// thread by a CnnSource, so that reading 60,000 images never blocks the UI:
//
//   CnnTraining run(registry);
//   run.setSource(experimentSource(experimentJson, registry, limits));
//   run.start();                     // Idle/Finished -> Running
//   run.pause(); run.resume();       // Running <-> Paused
//   run.stop();                      // -> Finished, after the current batch
//
// The state changes at once on the UI thread (stateChanged); the worker follows between
// two batches. A paused run sends its weights and an evaluation of the test set before
// it waits, so that a paused view shows the state it is paused in. Nothing here names a
// layer type of a plugin: the network is built and copied through the registry.
// QtCore only.

#include "deepstep/dataset.hpp"
#include "deepstep/network.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <QMetaType>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QThread;

namespace deepstep::studio::cnn {

/// What one run is made of. The source builds it in the worker thread.
struct CnnSetup {
    Network network;  ///< built, from a registry (its layer specs are kept)
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<Dataset> train;  ///< not empty
    std::unique_ptr<Dataset> test;   ///< not empty; classification (class names)
    TrainingSettings settings;
};
/// Builds a setup; may throw (InputError for missing data). Runs in the worker thread.
using CnnSource = std::function<CnnSetup()>;

/// How much of the data a run takes: the first N images (0 = all).
struct CnnLimits {
    std::size_t trainImages = 0;
    std::size_t testImages = 0;
    int epochs = 0;  ///< 0: the experiment's
};

/// A source that builds `experiment` (an experiment document) through `registry`,
/// reading only as many images as `limits` asks where the dataset has a "limit"
/// option, and keeping the first ones otherwise.
/// requires: `registry` outlives the source.
CnnSource experimentSource(Json experiment, const Registry& registry, CnnLimits limits);

/// The test images and what the UI needs to know of the run, sent once it is built.
struct CnnPrepared {
    Json model;                   ///< the network's model document (modelToJson)
    Tensor testImages;            ///< M × the input shape
    std::vector<int> testLabels;  ///< M class indices
    std::vector<std::string> classNames;
    std::size_t trainImages = 0;
};

/// Parameter values by full name ("conv1.weight").
using ParameterValues = std::vector<std::pair<std::string, std::vector<float>>>;

/// One report from the worker.
struct CnnProgress {
    int epoch = 0;  ///< the epoch being trained (1-based), 0 before the first batch
    int epochs = 0;
    long long batchInEpoch = 0;
    long long batchesPerEpoch = 0;
    long long iterations = 0;
    double learningRate = 0.0;
    /// Mean training loss over the batches since the last report; NaN when none.
    double loss = 0.0;
    std::vector<EpochInfo> newEpochs;  ///< epochs finished since the last report
    ParameterValues parameters;        ///< a copy of every parameter
    /// Predicted class of every test image, when this report evaluated the test set
    /// (empty otherwise).
    std::vector<int> testPredictions;
};

/// How a run ended.
struct CnnOutcome {
    StopReason reason = StopReason::Completed;
    Text explanation;
    bool failed = false;
    QString error;  ///< English message of the exception that stopped the run
};

class CnnTrainingWorker : public QObject {
    Q_OBJECT

public:
    /// `startModel` (a model document; null for none) replaces the source's network,
    /// so that a loaded or previously trained model trains on.
    CnnTrainingWorker(CnnSource source, Json startModel, const Registry& registry, QObject* parent = nullptr);

    void pause();
    void resume();
    void cancel();

    int reportIntervalMs = 250;
    int evaluateIntervalMs = 2000;
    bool train = true;  ///< false: read, evaluate, finish

public slots:
    /// ensures: prepared() (unless building failed), then progress()…, then exactly one finished().
    void run();

signals:
    void prepared(const deepstep::studio::cnn::CnnPrepared& data);
    void progress(const deepstep::studio::cnn::CnnProgress& progress);
    void pausedChanged(bool paused);
    void finished(const deepstep::studio::cnn::CnnOutcome& outcome);

private:
    void betweenBatches(Trainer& trainer);
    void report(bool evaluate);
    std::vector<int> predictTest();

    CnnSource source_;
    Json startModel_;
    const Registry& registry_;
    std::optional<CnnSetup> setup_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool paused_ = false;
    bool cancelled_ = false;

    // Worker-thread state.
    StepInfo lastStep_;
    double lossSum_ = 0.0;
    int lossCount_ = 0;
    std::vector<EpochInfo> unreported_;
    qint64 lastReportMs_ = 0;
    qint64 lastEvaluateMs_ = 0;
};

/// The controller the CNN tab drives: one run at a time, its state, and the mirror
/// network the views draw from.
class CnnTraining : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Running, Paused, Finished };
    Q_ENUM(State)

    /// requires: `registry` outlives this.
    explicit CnnTraining(const Registry& registry, QObject* parent = nullptr);
    /// Stops a run still going and waits for its thread.
    ~CnnTraining() override;

    /// The setup of the next start(). Unless `keepModel`, forgets a loaded or trained
    /// model, so that the next run starts from the source's own network.
    void setSource(CnnSource source, bool keepModel = false);
    /// Reads a model file (model.json) as the network the next start() trains on and
    /// the views show. On a bad file returns false and leaves an English message in
    /// error() naming the file and the place; nothing else changes.
    /// requires: state() is not Running or Paused.
    bool openModel(const QString& path);
    const QString& error() const { return error_; }
    /// The model document (modelToJson) the next start() trains on; null: the source's
    /// own network. requires: state() is not Running or Paused.
    void setStartModel(Json model) { startModel_ = std::move(model); }

    /// Idle/Finished -> Running. requires: a source. With `train` false the run only
    /// reads the data and evaluates the network on the test set (an opened model's
    /// feature maps and mistakes), then finishes.
    void start(bool train = true);
    /// Whether the run going on (or the last one) trains.
    bool trains() const { return trains_; }
    void pause();   ///< Running -> Paused
    void resume();  ///< Paused -> Running
    void stop();    ///< Running/Paused -> Finished, after the current batch
    /// Handles events until the run has ended (for the screenshot tour), or stops it
    /// and waits for that once `ms` milliseconds have passed.
    /// ensures: no run is going on; returns false when the run had to be stopped.
    bool waitUntilDone(int ms);

    State state() const { return state_; }
    bool hasSource() const { return static_cast<bool>(source_); }

    /// The network as of the last report (or the loaded model); null before any.
    Network* network() { return mirror_ ? &*mirror_ : nullptr; }
    const CnnPrepared* data() const { return prepared_ ? &*prepared_ : nullptr; }
    const CnnProgress& lastProgress() const { return last_; }
    /// Predictions on the test set from the last evaluation (empty before one).
    const std::vector<int>& testPredictions() const { return predictions_; }
    const CnnOutcome& outcome() const { return outcome_; }

    /// Worker timing, for tests: how often the worker reports and evaluates.
    void setIntervals(int reportMs, int evaluateMs);

signals:
    void stateChanged(deepstep::studio::cnn::CnnTraining::State state);
    /// The test data (and a new mirror) arrived.
    void dataReady();
    void progressed(const deepstep::studio::cnn::CnnProgress& progress);
    /// The mirror's weights changed (a report, or a model opened).
    void networkChanged();
    /// The test set was evaluated anew: testPredictions() changed.
    void evaluated();
    void finished(const deepstep::studio::cnn::CnnOutcome& outcome);
    /// The worker has stopped between two batches (true), having sent its weights and
    /// an evaluation first, or goes on again (false).
    void workerPaused(bool paused);

private:
    void setState(State s);
    void onPrepared(const CnnPrepared& data);
    void onProgress(const CnnProgress& p);
    void onFinished(const CnnOutcome& o);

    const Registry& registry_;
    CnnSource source_;
    Json startModel_;  ///< the model the next run starts from; null: the source's
    std::optional<Network> mirror_;
    std::optional<CnnPrepared> prepared_;
    CnnProgress last_;
    std::vector<int> predictions_;
    CnnOutcome outcome_;
    QString error_;
    State state_ = State::Idle;
    bool trains_ = true;
    int reportMs_ = 250;
    int evaluateMs_ = 2000;

    QThread* thread_ = nullptr;
    CnnTrainingWorker* worker_ = nullptr;
};

}  // namespace deepstep::studio::cnn

Q_DECLARE_METATYPE(deepstep::studio::cnn::CnnPrepared)
Q_DECLARE_METATYPE(deepstep::studio::cnn::CnnProgress)
Q_DECLARE_METATYPE(deepstep::studio::cnn::CnnOutcome)
