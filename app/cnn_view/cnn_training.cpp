#include "cnn_training.hpp"

#include "model/chosen_device.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/model_io.hpp"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>

#include <cerrno>
#include <cmath>
#include <exception>
#include <limits>
#include <numeric>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace deepstep::studio::cnn {

namespace {

const int kPreparedTypeId = qRegisterMetaType<CnnPrepared>();
const int kProgressTypeId = qRegisterMetaType<CnnProgress>();
const int kOutcomeTypeId = qRegisterMetaType<CnnOutcome>();

// Test images are evaluated this many at a time, so that a large test set never needs
// every layer's output for all of its images at once.
constexpr std::size_t kEvaluationChunk = 256;

// The first `count` examples of `data` as a dataset of their own (all when count is 0
// or not smaller).
std::unique_ptr<Dataset> firstExamples(std::unique_ptr<Dataset> data, std::size_t count) {
    if (count == 0 || data->size() <= count) return data;
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    Batch b = data->gather(indices);
    return std::make_unique<TensorDataset>(std::move(b.inputs), std::move(b.targets), data->classNames(),
                                           data->featureNames());
}

// Sets the dataset's "limit" option when its type has one, so that only the images
// used are read.
void askForLimit(Json& spec, const Registry& registry, std::size_t count) {
    if (count == 0 || !spec.is_object() || !spec.contains("type") || !spec["type"].is_string()) return;
    const ComponentInfo* info = registry.find(Kind::Dataset, spec["type"].get<std::string>());
    if (info != nullptr && info->schema.find("limit") != nullptr) spec["limit"] = count;
}

int classOfTarget(const float* target, std::size_t width) {
    if (width == 1) return target[0] >= 0.5F ? 1 : 0;
    std::size_t best = 0;
    for (std::size_t k = 1; k < width; ++k) {
        if (target[k] > target[best]) best = k;
    }
    return static_cast<int>(best);
}

}  // namespace

CnnSource experimentSource(Json experiment, const Registry& registry, CnnLimits limits) {
    return [experiment = std::move(experiment), &registry, limits]() mutable {
        if (experiment.is_object()) {
            if (experiment.contains("dataset")) askForLimit(experiment["dataset"], registry, limits.trainImages);
            if (experiment.contains("test_dataset"))
                askForLimit(experiment["test_dataset"], registry, limits.testImages);
            if (limits.epochs > 0) experiment["training"]["epochs"] = limits.epochs;
        }
        BuiltExperiment ex = buildExperiment(experiment, registry);
        if (!ex.testDataset) throw InputError("test_dataset", "expected a test set for the CNN tab, got none");
        CnnSetup s;
        s.network = std::move(ex.network);
        s.loss = std::move(ex.loss);
        s.optimizer = std::move(ex.optimizer);
        s.train = firstExamples(std::move(ex.dataset), limits.trainImages);
        s.test = firstExamples(std::move(ex.testDataset), limits.testImages);
        s.settings = ex.training;
        return s;
    };
}

// ---------------------------------------------------------------------------------------------
// Worker

CnnTrainingWorker::CnnTrainingWorker(CnnSource source, Json startModel, const Registry& registry, QObject* parent)
    : QObject(parent), source_(std::move(source)), startModel_(std::move(startModel)), registry_(registry) {
    (void)kPreparedTypeId;
    (void)kProgressTypeId;
    (void)kOutcomeTypeId;
}

void CnnTrainingWorker::pause() {
    const std::lock_guard lock(mutex_);
    paused_ = true;
}

void CnnTrainingWorker::resume() {
    {
        const std::lock_guard lock(mutex_);
        paused_ = false;
    }
    wake_.notify_all();
}

void CnnTrainingWorker::cancel() {
    {
        const std::lock_guard lock(mutex_);
        cancelled_ = true;
    }
    wake_.notify_all();
}

void CnnTrainingWorker::run() {
    QElapsedTimer clock;
    clock.start();
#ifdef __linux__
    // As the playground's worker: on a busy machine the UI thread wins the CPU. Nice
    // values belong to threads on Linux, so this lowers the calling thread's only.
    const auto tid = static_cast<id_t>(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(current + 5, 19));
#endif
    CnnOutcome outcome;
    try {
        setup_.emplace(source_());
        CnnSetup& s = *setup_;
        if (!startModel_.is_null()) {
            ModelFile loaded = modelFromJson(startModel_, registry_, "model");
            if (loaded.network.inputShape() != s.test->inputShape()) {
                throw InputError("model.input", "expected images of shape " + s.test->inputShape().str() +
                                                    " as the experiment's data, got " +
                                                    loaded.network.inputShape().str());
            }
            s.network = std::move(loaded.network);
        }
        if (s.train->size() == 0 || s.test->size() == 0) {
            throw InputError("dataset", "expected training and test images, got none");
        }
        CnnPrepared data;
        data.model = modelToJson(s.network, s.test->classNames());
        const Batch test = s.test->all();
        data.testImages = test.inputs;
        const std::size_t width = test.targets.sampleSize();
        data.testLabels.reserve(test.targets.batch());
        for (std::size_t i = 0; i < test.targets.batch(); ++i)
            data.testLabels.push_back(classOfTarget(test.targets.data() + i * width, width));
        data.classNames = s.test->classNames();
        data.trainImages = s.train->size();
        emit prepared(data);

        const auto elapsed = [&clock] { return clock.elapsed(); };
        TrainingSettings settings = s.settings;
        settings.validationSplit = 0.0;
        Trainer trainer(s.network, *s.loss, *s.optimizer, settings);
        std::string deviceId;
        if (const gpu::Backend* backend = openDevice(chosenDeviceName().toStdString(), &deviceId))
            trainer.setDevice(backend, deviceId);
        trainer.onStep([&](const StepInfo& info) {
            lastStep_ = info;
            if (std::isfinite(info.loss)) {
                lossSum_ += info.loss;
                ++lossCount_;
            }
            const qint64 now = elapsed();
            if (now - lastReportMs_ >= reportIntervalMs) {
                trainer.syncToHost();  // the views read the weights
                const bool evaluate = now - lastEvaluateMs_ >= evaluateIntervalMs;
                report(evaluate);
                lastReportMs_ = now;
                if (evaluate) lastEvaluateMs_ = now;
            }
            betweenBatches(trainer);
        });
        trainer.onEpoch([&](const EpochInfo& info) {
            unreported_.push_back(info);
            report(true);
            lastReportMs_ = lastEvaluateMs_ = elapsed();
        });
        report(true);             // the untrained (or loaded) network, at once
        betweenBatches(trainer);  // a pause or stop asked for while the data was read
        bool stoppedEarly = false;
        {
            const std::lock_guard lock(mutex_);
            stoppedEarly = cancelled_;
        }
        if (stoppedEarly) {
            outcome.reason = StopReason::Cancelled;
        } else if (!train) {
            outcome.reason = StopReason::Completed;
        } else {
            const TrainingResult result = trainer.fit(*s.train, s.test.get());
            outcome.reason = result.reason;
            outcome.explanation = result.explanation;
            report(true);
        }
    } catch (const std::exception& e) {
        outcome.failed = true;
        outcome.error = QString::fromStdString(e.what());
    }
    emit finished(outcome);
}

void CnnTrainingWorker::betweenBatches(Trainer& trainer) {
    std::unique_lock lock(mutex_);
    if (paused_ && !cancelled_) {
        lock.unlock();
        trainer.syncToHost();
        report(true);  // what the paused views show
        emit pausedChanged(true);
        lock.lock();
        wake_.wait(lock, [this] { return !paused_ || cancelled_; });
        lock.unlock();
        emit pausedChanged(false);
        lock.lock();
    }
    if (cancelled_) trainer.cancel();
}

std::vector<int> CnnTrainingWorker::predictTest() {
    CnnSetup& s = *setup_;
    std::vector<int> predictions;
    predictions.reserve(s.test->size());
    for (std::size_t first = 0; first < s.test->size(); first += kEvaluationChunk) {
        const std::size_t count = std::min(kEvaluationChunk, s.test->size() - first);
        std::vector<std::size_t> indices(count);
        std::iota(indices.begin(), indices.end(), first);
        const Batch b = s.test->gather(indices);
        const Tensor out = s.network.forward(b.inputs, Mode::Eval);
        for (std::size_t c : predictedClasses(out))
            predictions.push_back(static_cast<int>(c));
    }
    return predictions;
}

void CnnTrainingWorker::report(bool evaluate) {
    CnnSetup& s = *setup_;
    CnnProgress p;
    p.epoch = lastStep_.epoch;
    p.epochs = s.settings.epochs;
    p.batchInEpoch = lastStep_.iterationInEpoch;
    p.batchesPerEpoch = lastStep_.iterationsPerEpoch;
    p.iterations = lastStep_.iteration;
    p.learningRate = s.optimizer->learningRate();
    p.loss = lossCount_ > 0 ? lossSum_ / lossCount_ : std::numeric_limits<double>::quiet_NaN();
    lossSum_ = 0.0;
    lossCount_ = 0;
    p.newEpochs = std::move(unreported_);
    unreported_.clear();
    for (const ParamRef& ref : s.network.parameters(true)) {
        const auto values = ref.value->values();
        p.parameters.emplace_back(ref.name, std::vector<float>(values.begin(), values.end()));
    }
    if (evaluate) p.testPredictions = predictTest();
    emit progress(p);
}

// ---------------------------------------------------------------------------------------------
// Controller

CnnTraining::CnnTraining(const Registry& registry, QObject* parent) : QObject(parent), registry_(registry) {}

CnnTraining::~CnnTraining() {
    if (worker_ != nullptr) {
        worker_->cancel();
        thread_->quit();
        thread_->wait();
        delete worker_;
        delete thread_;
    }
}

void CnnTraining::setSource(CnnSource source, bool keepModel) {
    source_ = std::move(source);
    if (!keepModel) startModel_ = nullptr;
}

bool CnnTraining::openModel(const QString& path) {
    try {
        ModelFile file = loadModel(path.toStdString(), registry_);
        Json doc = modelToJson(file.network, file.classNames);
        mirror_.emplace(std::move(file.network));
        startModel_ = std::move(doc);
        error_.clear();
        emit networkChanged();
        return true;
    } catch (const std::exception& e) {
        error_ = QString::fromStdString(e.what());
        return false;
    }
}

void CnnTraining::setIntervals(int reportMs, int evaluateMs) {
    reportMs_ = reportMs;
    evaluateMs_ = evaluateMs;
}

void CnnTraining::setState(State s) {
    if (s == state_) return;
    state_ = s;
    emit stateChanged(s);
}

void CnnTraining::start(bool train) {
    if (!source_ || worker_ != nullptr) return;
    trains_ = train;
    outcome_ = CnnOutcome{};
    last_ = CnnProgress{};
    worker_ = new CnnTrainingWorker(source_, startModel_, registry_);
    worker_->reportIntervalMs = reportMs_;
    worker_->evaluateIntervalMs = evaluateMs_;
    worker_->train = train;
    thread_ = new QThread;
    worker_->moveToThread(thread_);
    connect(thread_, &QThread::started, worker_, &CnnTrainingWorker::run);
    connect(worker_, &CnnTrainingWorker::prepared, this, &CnnTraining::onPrepared);
    connect(worker_, &CnnTrainingWorker::progress, this, &CnnTraining::onProgress);
    connect(worker_, &CnnTrainingWorker::finished, this, &CnnTraining::onFinished);
    connect(worker_, &CnnTrainingWorker::pausedChanged, this, &CnnTraining::workerPaused);
    setState(State::Running);
    thread_->start();
}

void CnnTraining::pause() {
    if (state_ != State::Running || worker_ == nullptr) return;
    worker_->pause();
    setState(State::Paused);
}

void CnnTraining::resume() {
    if (state_ != State::Paused || worker_ == nullptr) return;
    worker_->resume();
    setState(State::Running);
}

void CnnTraining::stop() {
    if (worker_ == nullptr) return;
    worker_->cancel();
}

bool CnnTraining::waitUntilDone(int ms) {
    QElapsedTimer clock;
    clock.start();
    bool intime = true;
    while (worker_ != nullptr) {
        if (intime && clock.elapsed() > ms) {
            intime = false;
            stop();
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
    return intime;
}

void CnnTraining::onPrepared(const CnnPrepared& data) {
    try {
        // The mirror is built from the model document as a saved model is read back.
        ModelFile file = modelFromJson(data.model, registry_, "model");
        mirror_.emplace(std::move(file.network));
    } catch (const std::exception& e) {
        mirror_.reset();
        error_ = QString::fromStdString(e.what());
    }
    prepared_ = data;
    predictions_.clear();
    emit dataReady();
    emit networkChanged();
}

void CnnTraining::onProgress(const CnnProgress& p) {
    last_ = p;
    if (mirror_) {
        for (const auto& [name, values] : p.parameters) {
            Parameter* q = mirror_->parameter(name);
            if (q == nullptr || q->value.size() != values.size()) continue;
            std::copy(values.begin(), values.end(), q->value.data());
        }
    }
    emit progressed(p);
    emit networkChanged();
    if (!p.testPredictions.empty()) {
        predictions_ = p.testPredictions;
        emit evaluated();
    }
}

void CnnTraining::onFinished(const CnnOutcome& o) {
    thread_->quit();
    thread_->wait();
    delete worker_;
    delete thread_;
    worker_ = nullptr;
    thread_ = nullptr;
    outcome_ = o;
    if (o.failed) error_ = o.error;
    // The next start trains on from here.
    if (mirror_ && !o.failed) {
        try {
            startModel_ = modelToJson(*mirror_, prepared_ ? prepared_->classNames : std::vector<std::string>{});
        } catch (const std::exception&) {
            startModel_ = nullptr;
        }
    }
    setState(State::Finished);
    emit finished(o);
}

}  // namespace deepstep::studio::cnn
