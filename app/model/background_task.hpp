#pragma once
// BackgroundTask: one piece of engine work that may take a while (a lesson step that
// trains, an outcome checkpoint's training run) in a thread of its own, so that the
// UI thread never trains. The work reports its progress with report() and polls
// isCancelled() (a Trainer observer returning false stops it); when it returns, `done`
// runs on the task's own thread (the UI thread) to apply the result, unless the task
// was cancelled: a cancelled task applies nothing.
//
//   task->start([=] { result = engine.check(cp, answer); },   // worker thread
//               [=] { showFeedback(result); });                 // UI thread, after
//
// One task at a time. QtCore only.

#include <QObject>

#include <atomic>
#include <functional>

class QThread;

namespace deepstep::studio {

class BackgroundTask : public QObject {
    Q_OBJECT

public:
    explicit BackgroundTask(QObject* parent = nullptr);
    /// Cancels a task still running and waits for its thread.
    ~BackgroundTask() override;

    /// Runs `work` in a new thread, then `done` here. requires: !isRunning().
    void start(std::function<void()> work, std::function<void()> done);
    /// True from start() until finished() (the result is applied by then).
    bool isRunning() const { return thread_ != nullptr; }
    /// Asks the work to stop; its result will not be applied. Any thread.
    void cancel() { cancelled_.store(true); }
    bool isCancelled() const { return cancelled_.load(); }
    /// From the work: `done` of `total` steps (epochs) finished. Reports arrive as
    /// progress() signals; ones that come faster than the UI takes them are merged.
    void report(int done, int total);
    /// Blocks until the work has returned, then ends the task as finished() would.
    /// For cancelling before the objects the work uses go away.
    void wait();

signals:
    void progress(int done, int total);
    /// The work returned; `done` has run unless `cancelled`.
    void finished(bool cancelled);

private:
    void reap();

    QThread* thread_ = nullptr;
    std::function<void()> done_;
    std::atomic<bool> cancelled_{false};
    std::atomic<int> doneSteps_{0};
    std::atomic<int> totalSteps_{0};
    std::atomic<bool> reportPending_{false};
};

}  // namespace deepstep::studio
