#pragma once
// PlaygroundRun: the playground's run controller. Starts a TrainingJob in a
// TrainingWorker thread, pauses, resumes and cancels it, changes its learning rate
// live, and ends the thread when the worker is done. An EventLoopLatencyProbe measures
// during every run how long the UI thread could have kept a click waiting;
// latencyChanged() asks the view to show it a few times a second. No widget here.

#include "model/training_worker.hpp"

#include <QObject>

class QThread;
class QTimer;

namespace deepstep::studio {

class EventLoopLatencyProbe;

class PlaygroundRun : public QObject {
    Q_OBJECT

public:
    explicit PlaygroundRun(QObject* parent = nullptr);
    /// Cancels a run still going and waits for its thread.
    ~PlaygroundRun() override;

    /// Starts training `job` in a thread of its own. Does nothing while a run is active.
    void start(TrainingJob job);
    void pause();
    void resume();
    /// Cancels the run; finished() follows once the worker has stopped.
    void cancel();
    /// Applies at once to an active run, keeping the optimizer's state.
    void setLearningRate(double lr);

    bool isActive() const { return worker_ != nullptr; }
    bool isPaused() const { return paused_; }
    /// The UI-thread latency measured during the current or last run.
    const EventLoopLatencyProbe& latencyProbe() const { return *probe_; }

signals:
    /// A report from the worker (only while the run is active).
    void progress(const deepstep::studio::TrainingProgress& progress);
    /// The run ended and its thread is gone: completed, cancelled or diverged ...
    void finished(const deepstep::studio::TrainingOutcome& outcome);
    /// ... or stopped by an exception (English message).
    void failed(const QString& message);
    /// Started, paused, resumed or ended.
    void stateChanged();
    /// Every 250 ms while active: time to show latencyProbe() again.
    void latencyChanged();

private:
    void end();

    QThread* thread_ = nullptr;
    TrainingWorker* worker_ = nullptr;
    EventLoopLatencyProbe* probe_ = nullptr;
    QTimer* latencyRefresh_ = nullptr;
    bool paused_ = false;
};

}  // namespace deepstep::studio
