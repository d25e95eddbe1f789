#include "background_task.hpp"

#include <QThread>

#include <utility>

namespace deepstep::studio {

BackgroundTask::BackgroundTask(QObject* parent) : QObject(parent) {}

BackgroundTask::~BackgroundTask() {
    if (thread_) {
        cancel();
        thread_->wait();
        delete thread_;
    }
}

void BackgroundTask::start(std::function<void()> work, std::function<void()> done) {
    if (isRunning()) return;
    cancelled_.store(false);
    doneSteps_.store(0);
    totalSteps_.store(0);
    done_ = std::move(done);
    thread_ = QThread::create(std::move(work));
    connect(
        thread_, &QThread::finished, this,
        [this, thread = thread_] {
            // After wait() this thread is gone already (and another task may run).
            if (thread_ == thread) reap();
        },
        Qt::QueuedConnection);
    thread_->start(QThread::LowPriority);
}

void BackgroundTask::report(int done, int total) {
    doneSteps_.store(done);
    totalSteps_.store(total);
    if (reportPending_.exchange(true)) return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            reportPending_.store(false);
            if (isRunning()) emit progress(doneSteps_.load(), totalSteps_.load());
        },
        Qt::QueuedConnection);
}

void BackgroundTask::wait() {
    if (!thread_) return;
    thread_->wait();
    reap();
}

void BackgroundTask::reap() {
    if (!thread_) return;
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
    const bool cancelled = isCancelled();
    std::function<void()> done = std::exchange(done_, nullptr);
    if (!cancelled && done) done();
    emit finished(cancelled);
}

}  // namespace deepstep::studio
