#include "playground_run.hpp"

#include "event_loop_latency_probe.hpp"

#include <QThread>
#include <QTimer>

namespace deepstep::studio {

PlaygroundRun::PlaygroundRun(QObject* parent) : QObject(parent) {
    probe_ = new EventLoopLatencyProbe(5, this);
    latencyRefresh_ = new QTimer(this);
    latencyRefresh_->setInterval(250);
    connect(latencyRefresh_, &QTimer::timeout, this, &PlaygroundRun::latencyChanged);
}

PlaygroundRun::~PlaygroundRun() {
    if (worker_) {
        worker_->cancel();
        thread_->quit();
        thread_->wait();
        delete worker_;
        worker_ = nullptr;
    }
}

void PlaygroundRun::start(TrainingJob job) {
    if (isActive()) return;
    paused_ = false;
    worker_ = new TrainingWorker(std::move(job));
    thread_ = new QThread(this);
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::started, worker_, &TrainingWorker::run);
    connect(worker_, &TrainingWorker::progress, this, [this](const TrainingProgress& p) {
        if (worker_) emit progress(p);
    });
    connect(worker_, &TrainingWorker::finished, this, [this](const TrainingOutcome& outcome) {
        end();
        emit finished(outcome);
    });
    connect(worker_, &TrainingWorker::failed, this, [this](const QString& message) {
        end();
        emit failed(message);
    });
    // Training competes with nothing but the UI; a lower priority keeps the UI first.
    thread_->start(QThread::LowPriority);
    probe_->start();
    latencyRefresh_->start();
    emit stateChanged();
}

void PlaygroundRun::pause() {
    if (!worker_ || paused_) return;
    worker_->pause();
    paused_ = true;
    emit stateChanged();
}

void PlaygroundRun::resume() {
    if (!worker_ || !paused_) return;
    worker_->resume();
    paused_ = false;
    emit stateChanged();
}

void PlaygroundRun::cancel() {
    if (worker_) worker_->cancel();
}

void PlaygroundRun::setLearningRate(double lr) {
    if (worker_) worker_->setLearningRate(lr);
}

void PlaygroundRun::end() {
    if (!worker_) return;
    thread_->quit();
    thread_->wait();
    delete worker_;
    worker_ = nullptr;
    thread_->deleteLater();
    thread_ = nullptr;
    paused_ = false;
    probe_->stop();
    latencyRefresh_->stop();
    emit latencyChanged();
    emit stateChanged();
}

}  // namespace deepstep::studio
