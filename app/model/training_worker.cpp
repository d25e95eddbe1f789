#include "training_worker.hpp"

#include "chosen_device.hpp"

#include "deepstep/metrics.hpp"

#include <algorithm>
#include <cerrno>
#include <exception>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif
#include <utility>

namespace deepstep::studio {

namespace {
// Queued signals copy their arguments through the meta-type system; register once.
const int kProgressTypeId = qRegisterMetaType<TrainingProgress>();
const int kOutcomeTypeId = qRegisterMetaType<TrainingOutcome>();
}  // namespace

TrainingWorker::TrainingWorker(TrainingJob job, QObject* parent) : QObject(parent), job_(std::move(job)) {
    (void)kProgressTypeId;
    (void)kOutcomeTypeId;
}

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::pause() {
    const std::lock_guard lock(mutex_);
    paused_ = true;
}

void TrainingWorker::resume() {
    {
        const std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
}

void TrainingWorker::cancel() {
    {
        const std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    wake_.notify_all();
}

bool TrainingWorker::isPaused() const {
    const std::lock_guard lock(mutex_);
    return paused_;
}

void TrainingWorker::setLearningRate(double lr) {
    const std::lock_guard lock(mutex_);
    pendingRate_ = lr;
}

void TrainingWorker::run() {
    clock_.start();
#ifdef __linux__
    if (job_.yieldToUi) {
        // On Linux, nice values belong to threads: this affects the calling thread only.
        const auto tid = static_cast<id_t>(syscall(SYS_gettid));
        errno = 0;
        const int current = getpriority(PRIO_PROCESS, tid);
        if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(current + 5, 19));
    }
#endif
    try {
        TrainingSettings settings = job_.settings;
        settings.validationSplit = 0.0;
        Trainer trainer(job_.network, *job_.loss, *job_.optimizer, settings);
        std::string id;
        if (const gpu::Backend* backend = openDevice(job_.device, &id, &device_)) {
            trainer.setDevice(backend, id);
            device_ = trainer.devicePlacement();
        }
        // Views read the weights between steps: they come from the device first.
        trainer_ = &trainer;
        trainer.onStep([this, &trainer](const StepInfo& info) {
            iterations_ = info.iteration;
            betweenIterations(trainer);
            report(false);
        });
        trainer.onEpoch([this](const EpochInfo& info) {
            epoch_ = info.epoch;
            unreported_.push_back(info);
            report(false);
        });
        {
            const std::lock_guard lock(mutex_);
            if (pendingRate_) job_.optimizer->setLearningRate(*std::exchange(pendingRate_, std::nullopt));
        }
        report(true);  // the untrained network, so views show something at once

        const TrainingResult result = trainer.fit(*job_.train, job_.test.get());
        report(true);
        trainer_ = nullptr;
        TrainingOutcome outcome;
        outcome.reason = result.reason;
        outcome.explanation = result.explanation;
        outcome.epochs = result.epochs;
        outcome.iterations = result.iterations;
        emit finished(outcome);
    } catch (const std::exception& e) {
        trainer_ = nullptr;
        emit failed(QString::fromStdString(e.what()));
    }
}

void TrainingWorker::betweenIterations(Trainer& trainer) {
    std::unique_lock lock(mutex_);
    if (pendingRate_) job_.optimizer->setLearningRate(*std::exchange(pendingRate_, std::nullopt));
    if (paused_ && !cancelled_) {
        // Hand over everything finished so far before waiting: a paused view must
        // show the state it is paused in.
        lock.unlock();
        reportedPause_ = true;
        report(true);
        emit pausedChanged(true);
        lock.lock();
        wake_.wait(lock, [this] { return !paused_ || cancelled_; });
        if (pendingRate_) job_.optimizer->setLearningRate(*std::exchange(pendingRate_, std::nullopt));
        lock.unlock();
        reportedPause_ = false;
        emit pausedChanged(false);
        lock.lock();
    }
    if (cancelled_) trainer.cancel();
}

void TrainingWorker::report(bool force) {
    const qint64 now = clock_.elapsed();
    if (!force && lastReportMs_ >= 0 && now - lastReportMs_ < job_.progressIntervalMs) return;
    lastReportMs_ = now;
    TrainingProgress p;
    p.epoch = epoch_;
    p.epochs = job_.settings.epochs;
    p.iterations = iterations_;
    p.learningRate = job_.optimizer->learningRate();
    p.paused = reportedPause_;
    p.newEpochs = std::move(unreported_);
    unreported_.clear();
    fillSnapshot(p);
    emit progress(p);
}

void TrainingWorker::fillSnapshot(TrainingProgress& p) {
    if (trainer_ != nullptr) trainer_->syncToHost();
    p.device = device_;
    Network& net = job_.network;
    if (!job_.probeInputs.empty()) {
        // Layer by layer rather than Network::forward, to keep every hidden output.
        Tensor h = job_.probeInputs;
        const std::size_t count = net.layerCount();
        for (std::size_t i = 0; i < count; ++i) {
            h = net.layer(i).forward(h, Mode::Eval);
            if (i + 1 == count) break;
            // A one-to-one layer (an activation, dropout, normalisation) changes the
            // units of the layer before it one by one: its output is what those units
            // pass on, so it takes their column instead of adding one. Right after the
            // input, the features column already stands for them.
            const bool oneToOne = net.layer(i).describe().oneToOne;
            if (oneToOne && p.probeLayers.empty()) continue;
            ProbeLayer layer;
            layer.name = net.layerName(i);
            layer.units = static_cast<int>(h.sampleSize());
            layer.values.assign(h.values().begin(), h.values().end());
            if (oneToOne && p.probeLayers.back().units == layer.units) {
                layer.name = p.probeLayers.back().name;
                p.probeLayers.back() = std::move(layer);
            } else {
                p.probeLayers.push_back(std::move(layer));
            }
        }
        p.outputUnits = static_cast<int>(h.sampleSize());
        p.probeOutput.assign(h.values().begin(), h.values().end());
    }
    for (std::size_t i = 0; i < net.layerCount(); ++i) {
        for (const Parameter* q : net.layer(i).parameters()) {
            if (q->name != "weight" || q->value.shape().rank() != 2) continue;
            p.weights.push_back({static_cast<int>(q->value.shape()[0]), static_cast<int>(q->value.shape()[1]),
                                 std::vector<float>(q->value.values().begin(), q->value.values().end())});
        }
    }
    const Dataset* judged = job_.test && job_.test->size() > 0 ? job_.test.get() : job_.train.get();
    if (judged->classNames().empty() || judged->size() == 0) return;
    const Batch all = judged->all();
    const Tensor out = net.forward(all.inputs, Mode::Eval);
    ConfusionMatrix matrix(classCount(out));
    matrix.add(out, all.targets);
    p.classes = static_cast<int>(matrix.classes());
    p.confusion.reserve(matrix.classes() * matrix.classes());
    for (std::size_t t = 0; t < matrix.classes(); ++t) {
        for (std::size_t c = 0; c < matrix.classes(); ++c)
            p.confusion.push_back(matrix.count(t, c));
    }
    p.confusionOnTest = judged == job_.test.get();
}

}  // namespace deepstep::studio
