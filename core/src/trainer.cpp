#include "deepstep/trainer.hpp"

#include "device_run.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/metrics.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

namespace deepstep {

std::string toString(StopReason r) {
    switch (r) {
        case StopReason::Completed:
            return "completed";
        case StopReason::TargetReached:
            return "target_reached";
        case StopReason::TargetMissed:
            return "target_missed";
        case StopReason::Cancelled:
            return "cancelled";
        case StopReason::Diverged:
            return "diverged";
        case StopReason::IterationLimit:
            return "iteration_limit";
    }
    return "?";
}

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string fmt(double v, int precision = 4) {
    std::ostringstream os;
    os.precision(precision);
    os << v;
    return os.str();
}

std::string percent(double v) {
    return fmt(100.0 * v, 4) + "%";
}

bool isClassification(const Dataset& d) {
    return !d.classNames().empty();
}

// Examples whose predicted class is the target's. For targets with more than one
// class vector per example (N×T×K: a class at every step of a sequence) an example
// counts when every one of its steps is right.
std::size_t countCorrect(const Tensor& out, const Tensor& targets) {
    const std::size_t batch = targets.batch();
    const std::size_t classes = targets.shape().dims().back();
    const bool perStep = targets.shape().rank() > 2;
    const Shape rows{targets.size() / std::max<std::size_t>(classes, 1), classes};
    const auto p = predictedClasses(perStep ? out.reshaped(rows) : out);
    const auto t = predictedClasses(perStep ? targets.reshaped(rows) : targets);
    const std::size_t per = batch == 0 ? 0 : p.size() / batch;
    std::size_t n = 0;
    for (std::size_t s = 0; s < batch; ++s) {
        bool right = true;
        for (std::size_t k = 0; k < per && right; ++k)
            right = p[s * per + k] == t[s * per + k];
        n += right ? 1 : 0;
    }
    return n;
}
// Why a run diverged, for the student: the input values, the weight decay or the
// learning rate, in that order, since each of the first two makes any rate too large.
Text divergenceCause(double rate, const TrainingSettings& s, float inputMax) {
    const std::string lr = fmt(rate);
    if (inputMax > kLargeInputMagnitude) {
        const std::string x = fmt(inputMax);
        return {"The input values reach " + x +
                    ": with inputs this large every weighted sum and every gradient is huge, so no learning rate "
                    "suits them. Scale the inputs to around 1 (a standardize layer, or the dataset's normalisation).",
                "입력값이 " + x +
                    "에 이릅니다. 입력이 이렇게 크면 가중합과 기울기가 모두 너무 커서 어떤 학습률도 맞지 않습니다. "
                    "입력의 크기를 1 안팎으로 맞추세요(standardize 층이나 데이터셋의 정규화를 쓰세요)."};
    }
    if (rate * s.l2 >= 2.0) {
        const std::string f = fmt(1.0 - rate * s.l2);
        const std::string bound = fmt(2.0 / rate);
        return {"The L2 weight decay l2 = " + fmt(s.l2) + " with learning rate " + lr +
                    " multiplies every weight by 1 − η·λ2 = " + f +
                    " at each step, more than 1 in size: the decay itself makes the weights grow. Make l2 smaller "
                    "than 2/η = " + bound + ".",
                "L2 가중치 감쇠 l2 = " + fmt(s.l2) + "와 학습률 " + lr + "로는 매 단계 모든 가중치에 1 − η·λ2 = " + f +
                    "를 곱하게 되는데, 그 크기가 1보다 큽니다. 감쇠 자체가 가중치를 키우는 것입니다. l2를 2/η = " +
                    bound + "보다 작게 하세요."};
    }
    if (rate * s.l1 >= 1.0) {
        const std::string step = fmt(rate * s.l1);
        return {"The L1 weight decay l1 = " + fmt(s.l1) + " with learning rate " + lr +
                    " moves every weight by η·λ1 = " + step +
                    " at each step, across zero and back, far beyond any useful weight. Make l1 much smaller.",
                "L1 가중치 감쇠 l1 = " + fmt(s.l1) + "와 학습률 " + lr + "로는 매 단계 모든 가중치가 η·λ1 = " + step +
                    "만큼 0을 가로질러 오가며, 쓸모 있는 가중치 범위를 한참 벗어납니다. l1을 훨씬 작게 하세요."};
    }
    return {"The weights grew without bound, which usually means the learning rate (" + lr +
                ") is too large: each step overshoots the minimum by more than the last. "
                "Try a learning rate about 10 times smaller.",
            "가중치가 끝없이 커졌다는 뜻이며, 대개 학습률(" + lr +
                ")이 너무 커서 매 단계가 최저점을 점점 더 크게 지나쳐 버리기 때문입니다. "
                "학습률을 10배쯤 줄여 보세요."};
}

// The largest magnitude among the trained parameters, and its parameter's name.
std::pair<float, std::string> largestParameter(Network& net) {
    std::pair<float, std::string> largest{0.0F, {}};
    for (const ParamRef& p : net.parameters()) {
        const float m = p.value->maxAbs();
        if (m > largest.first || std::isnan(m)) {
            largest = {m, p.name};
        }
    }
    return largest;
}
}  // namespace

void checkTrainingMemory(const Network& network, std::size_t batchSize, const std::string& where) {
    long double perExample = static_cast<long double>(network.inputShape().elements());
    for (std::size_t i = 0; i < network.layerCount(); ++i) {
        perExample += kActivationCopies * static_cast<long double>(network.layerOutputShape(i).elements());
    }
    checkMemoryBudget(perExample * static_cast<long double>(batchSize) * sizeof(float), where,
                      "a batch of " + std::to_string(batchSize) +
                          " examples through this network (its inputs, the layers' outputs and their gradients)");
}

DataSplit splitForValidation(const Dataset& data, const TrainingSettings& settings) {
    DataSplit split;
    split.train = &data;
    if (settings.validationSplit <= 0.0) {
        return split;
    }
    if (settings.validationSplit >= 1.0) {
        throw InputError("training.validation_split",
                         "expected a number in [0, 1), got " + fmt(settings.validationSplit));
    }
    Rng splitRng(settings.seed ^ 0x5eedU);
    auto perm = splitRng.permutation(data.size());
    const auto held = static_cast<std::size_t>(std::round(settings.validationSplit * static_cast<double>(data.size())));
    if (held == 0 || held >= data.size()) {
        throw InputError("training.validation_split", "holding out " + fmt(settings.validationSplit) + " of " +
                                                          std::to_string(data.size()) +
                                                          " examples leaves no training or no validation examples");
    }
    split.validationPart = std::make_unique<SubsetDataset>(
        data, std::vector<std::size_t>(perm.end() - static_cast<std::ptrdiff_t>(held), perm.end()));
    split.trainPart = std::make_unique<SubsetDataset>(
        data, std::vector<std::size_t>(perm.begin(), perm.end() - static_cast<std::ptrdiff_t>(held)));
    split.train = split.trainPart.get();
    split.validation = split.validationPart.get();
    return split;
}

BatchSchedule::BatchSchedule(std::size_t examples, const TrainingSettings& settings)
    : examples_(examples),
      batchSize_(settings.batchSize == 0 ? examples : std::min(settings.batchSize, examples)),
      perEpoch_(static_cast<long long>((examples + batchSize_ - 1) / std::max<std::size_t>(batchSize_, 1))),
      shuffle_(settings.shuffle),
      seed_(settings.seed),
      augmentation_(settings.augmentation),
      rng_(settings.seed) {
    if (examples == 0) {
        throw InputError("dataset", "the training set is empty");
    }
}

const std::vector<std::size_t>& BatchSchedule::order(int epoch) {
    if (epoch < 1) {
        throw std::invalid_argument("BatchSchedule: epochs count from 1");
    }
    if (!shuffle_) {
        if (order_.size() != examples_) {
            order_.resize(examples_);
            std::iota(order_.begin(), order_.end(), std::size_t{0});
        }
        return order_;
    }
    if (epoch < epoch_) {
        // An earlier epoch (a stepper that undid): draw the permutations again.
        rng_.seed(seed_);
        epoch_ = 0;
    }
    while (epoch_ < epoch) {
        order_ = rng_.permutation(examples_);
        ++epoch_;
    }
    return order_;
}

std::span<const std::size_t> BatchSchedule::batch(int epoch, long long index) {
    if (index < 0 || index >= perEpoch_) {
        throw std::out_of_range("BatchSchedule: no batch " + std::to_string(index) + " in an epoch");
    }
    const std::vector<std::size_t>& o = order(epoch);
    const std::size_t first = static_cast<std::size_t>(index) * batchSize_;
    return {o.data() + first, std::min(batchSize_, examples_ - first)};
}

std::pair<int, long long> BatchSchedule::position(long long done) const {
    return {static_cast<int>(done / perEpoch_) + 1, done % perEpoch_};
}

void BatchSchedule::augmentBatch(Tensor& inputs, int epoch, long long index) const {
    if (!augmentation_.any()) {
        return;
    }
    // Its own generator per batch: the batch order and the weights never depend on it,
    // and any batch can be reproduced on its own.
    Rng rng(seed_ ^ 0xa0935e1dULL ^ (static_cast<std::uint64_t>(epoch) << 40U) ^
            (static_cast<std::uint64_t>(index) * 0x9e3779b97f4a7c15ULL));
    augment(inputs, augmentation_, rng);
}

Trainer::Trainer(Network& network, const Loss& loss, Optimizer& optimizer, TrainingSettings settings)
    : net_(network), loss_(loss), opt_(optimizer), settings_(std::move(settings)) {
    if (!net_.built()) {
        throw std::logic_error("Trainer: build the network first");
    }
}

Trainer::~Trainer() = default;

void Trainer::setDevice(const gpu::Backend* backend, const std::string& deviceName) {
    if (device_) device_->syncToHost();
    device_.reset();
    if (backend != nullptr)
        device_ = std::make_unique<DeviceRun>(net_, loss_, opt_, *backend, deviceName, settings_.clipNorm > 0.0);
}

Text Trainer::devicePlacement() const {
    return device_ ? device_->placement() : Text{};
}

void Trainer::syncToHost() {
    if (device_) device_->syncToHost();
}

void Trainer::hostChanged() {
    if (device_) device_->hostChanged();
}

void Trainer::onStep(std::function<void(const StepInfo&)> observer) {
    stepObserver_ = std::move(observer);
}
void Trainer::onEpoch(std::function<void(const EpochInfo&)> observer) {
    epochObserver_ = std::move(observer);
}

float Trainer::step(const Batch& batch, std::span<const std::size_t> indices) {
    return trainStep(batch, indices, nullptr);
}

float Trainer::trainStep(const Batch& batch, std::span<const std::size_t> indices, std::size_t* correct) {
    ++iteration_;
    StepRecord* rec = trace_ ? trace_->beginStep(iteration_, epoch_) : nullptr;
    if (rec) {
        rec->sampleIndices.assign(indices.begin(), indices.end());
        rec->target = batch.targets;
    }
    if (device_) {
        const DeviceRun::StepResult r = device_->step(batch, rec, settings_.l1, settings_.l2, settings_.clipNorm);
        if (correct) *correct += countCorrect(device_->output(), batch.targets);
        if (rec) device_->syncToHost();
        return r.loss + r.penalty;
    }
    // The batch outlives this step's backward pass: the layers need not copy it.
    const Tensor out = net_.forward(batch.inputs, Mode::Train, rec, true);
    const float loss = loss_.value(out, batch.targets);
    if (correct) {
        *correct += countCorrect(out, batch.targets);
    }
    // dL/d(input) of the first layer is only wanted when a trace shows it.
    net_.backward(loss_, out, batch.targets, rec, rec != nullptr);
    const float penalty = net_.applyWeightDecay(settings_.l1, settings_.l2);
    std::optional<Network::GradientClip> clip;
    if (settings_.clipNorm > 0.0) clip = net_.clipGradients(settings_.clipNorm);
    std::vector<ParamRef> params = net_.parameters();
    if (rec) {
        rec->loss = loss;
        rec->penalty = penalty;
        if (clip) {
            rec->gradientNorm = clip->norm;
            rec->clipScale = clip->scale;
        }
        rec->parameters.clear();
        for (const auto& p : params) {
            rec->parameters.push_back(ParameterRecord{p.name, *p.value, *p.grad, {}, {}});
        }
    }
    // The Δs are kept only for a trace; without one the optimizer may apply them in place.
    opt_.step(params, rec != nullptr);
    if (rec) {
        for (std::size_t i = 0; i < params.size(); ++i) {
            rec->parameters[i].update = opt_.updates()[i];
            rec->parameters[i].valueAfter = *params[i].value;
        }
        for (const ParamRef& p : net_.frozenParameters()) {
            rec->parameters.push_back(ParameterRecord{p.name, *p.value, *p.grad, {}, *p.value, true});
        }
        rec->optimizerState = opt_.inspect();
    }
    return loss + penalty;
}

Evaluation Trainer::evaluate(const Dataset& data, std::size_t batchSize) {
    Evaluation ev;
    ev.samples = data.size();
    if (data.size() == 0) {
        ev.accuracy = kNaN;
        return ev;
    }
    const bool classify = isClassification(data);
    double lossSum = 0.0;
    std::size_t correct = 0;
    std::vector<std::size_t> idx;
    Batch b;
    for (std::size_t first = 0; first < data.size(); first += batchSize) {
        const std::size_t n = std::min(batchSize, data.size() - first);
        idx.resize(n);
        std::iota(idx.begin(), idx.end(), first);
        data.gather(idx, b);
        const Tensor out = device_ ? device_->forward(b.inputs) : net_.forward(b.inputs, Mode::Eval);
        lossSum += static_cast<double>(loss_.value(out, b.targets)) * static_cast<double>(n);
        if (classify) {
            correct += countCorrect(out, b.targets);
        }
    }
    ev.loss = lossSum / static_cast<double>(data.size());
    ev.accuracy = classify ? static_cast<double>(correct) / static_cast<double>(data.size()) : kNaN;
    return ev;
}

TrainingResult Trainer::fit(const Dataset& data, const Dataset* validation) {
    TrainingResult result = fitRun(data, validation);
    syncToHost();
    return result;
}

TrainingResult Trainer::fitRun(const Dataset& data, const Dataset* validation) {
    cancelled_.store(false);
    TrainingResult result;

    // Hold out a validation split, chosen with the seed, unless one was given.
    DataSplit split;
    if (validation) {
        split.train = &data;
        split.validation = validation;
    } else {
        split = splitForValidation(data, settings_);
    }
    const Dataset* train = split.train;
    validation = split.validation;

    const std::size_t n = train->size();
    BatchSchedule schedule(n, settings_);
    const std::size_t batchSize = schedule.batchSize();
    const long long perEpoch = schedule.batchesPerEpoch();
    const bool classify = isClassification(*train);
    const bool running = settings_.trainAccuracy == TrainAccuracy::Running ||
                         (settings_.trainAccuracy == TrainAccuracy::Auto && n > kExactAccuracyLimit);
    const auto [firstEpoch, firstBatch] = schedule.position(std::max(0LL, settings_.firstIteration));
    iteration_ = std::max(0LL, settings_.firstIteration);

    auto finishTarget = [&](bool reached, double acc) {
        if (reached) {
            result.reason = StopReason::TargetReached;
            result.explanation = {
                "Reached " + percent(acc) + " training accuracy after " + std::to_string(result.epochs) + " epoch(s).",
                std::to_string(result.epochs) + " 에포크 만에 학습 정확도 " + percent(acc) + "에 도달했습니다."};
            return;
        }
        result.reason = StopReason::TargetMissed;
        result.explanation = {"Training accuracy is " + percent(acc) + " after " + std::to_string(result.epochs) +
                                  " epoch(s), below the target of " + percent(*settings_.targetAccuracy) + ".",
                              std::to_string(result.epochs) + " 에포크 후 학습 정확도가 " + percent(acc) + "로, 목표 " +
                                  percent(*settings_.targetAccuracy) + "에 미치지 못했습니다."};
        for (std::size_t i = 0; i < net_.layerCount(); ++i) {
            if (auto advice = net_.layer(i).adviceWhenTargetMissed()) {
                result.explanation.en += " " + advice->en;
                result.explanation.ko += " " + advice->ko;
                break;
            }
        }
    };

    checkTrainingMemory(net_, batchSize, "training.batch_size");
    double lastTrainAccuracy = kNaN;
    float inputMax = 0.0F;  // the largest input magnitude trained on, to blame divergence on
    // Weights this large no longer learn in float32 (a step below 1e5 leaves them as
    // they are) and saturate every unit: the loss stalls while the run looks healthy.
    auto saturated = [&](int e, float loss, float inputs) {
        syncToHost();
        const auto [magnitude, name] = largestParameter(net_);
        if (magnitude < kSaturationMagnitude) {
            return false;
        }
        result.reason = StopReason::Diverged;
        const Text cause = divergenceCause(opt_.learningRate(), settings_, inputs);
        const std::string m = fmt(magnitude);
        // The loss with the weights as they are now (the step's loss was before its update).
        const std::string l = fmt(train->size() <= kExactAccuracyLimit ? evaluate(*train).loss : loss);
        result.explanation = {
            "Training stopped at epoch " + std::to_string(e) + ", iteration " + std::to_string(iteration_) +
                ": the weights have reached a magnitude of " + m + " (" + name +
                "), so large that an update no longer changes them and the units are saturated; the loss stalls at " +
                l + ". " + cause.en,
            "에포크 " + std::to_string(e) + ", 반복 " + std::to_string(iteration_) + "에서 학습을 멈췄습니다: 가중치(" +
                name + ")의 크기가 " + m +
                "에 이르러 업데이트로도 더는 바뀌지 않고 유닛이 포화되었습니다. 손실은 " + l +
                "에서 멈춰 있습니다. " + cause.ko};
        result.iterations = iteration_;
        return true;
    };
    Batch b;  // one buffer for every iteration's batch
    const double initialRate = opt_.learningRate();
    // Epochs are numbered in int: the last one stays below INT_MAX, so that neither the
    // sum nor the loop's ++e can overflow, however many epochs are asked for.
    const int lastEpoch = static_cast<int>(std::min<long long>(
        std::numeric_limits<int>::max() - 1, static_cast<long long>(firstEpoch) + settings_.epochs - 1));
    for (int e = firstEpoch; e <= lastEpoch; ++e) {
        epoch_ = e;
        if (settings_.learningRateDecay != 1.0) {
            opt_.setLearningRate(initialRate * std::pow(settings_.learningRateDecay, e - firstEpoch));
        }
        const auto start = std::chrono::steady_clock::now();
        double lossSum = 0.0;
        std::size_t seen = 0;
        std::size_t correct = 0;
        for (long long it = e == firstEpoch ? firstBatch : 0; it < perEpoch; ++it) {
            std::span<const std::size_t> idx = schedule.batch(e, it);
            const std::size_t count = idx.size();
            train->gather(idx, b);
            schedule.augmentBatch(b.inputs, e, it);
            const float loss = trainStep(b, idx, classify && running ? &correct : nullptr);
            inputMax = std::max(inputMax, b.inputs.maxAbs());
            if (!std::isfinite(loss)) {
                result.reason = StopReason::Diverged;
                const Text cause = divergenceCause(opt_.learningRate(), settings_, inputMax);
                result.explanation = {
                    "Training stopped: the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                        " at epoch " + std::to_string(e) + ", iteration " + std::to_string(iteration_) + ". " +
                        cause.en,
                    "학습을 멈췄습니다: 에포크 " + std::to_string(e) + ", 반복 " + std::to_string(iteration_) +
                        "에서 손실이 " + std::string(std::isnan(loss) ? "NaN" : "무한대") + "가 되었습니다. " +
                        cause.ko};
                result.iterations = iteration_;
                return result;
            }
            if ((iteration_ % kSaturationCheckInterval == 0 || it + 1 == perEpoch) && saturated(e, loss, inputMax)) {
                return result;
            }
            lossSum += static_cast<double>(loss) * static_cast<double>(count);
            seen += count;
            if (stepObserver_) {
                StepInfo info;
                info.epoch = e;
                info.iteration = iteration_;
                info.iterationInEpoch = it + 1;
                info.iterationsPerEpoch = perEpoch;
                info.batchSize = count;
                info.loss = loss;
                info.record = (trace_ && !trace_->steps().empty() && trace_->steps().back().iteration == iteration_)
                                  ? &trace_->steps().back()
                                  : nullptr;
                stepObserver_(info);
            }
            if (cancelled_.load()) {
                result.reason = StopReason::Cancelled;
                result.explanation = {"Training was cancelled at epoch " + std::to_string(e) + ", iteration " +
                                          std::to_string(iteration_) + ".",
                                      "에포크 " + std::to_string(e) + ", 반복 " + std::to_string(iteration_) +
                                          "에서 학습을 취소했습니다."};
                result.iterations = iteration_;
                return result;
            }
            if (settings_.maxIterations > 0 && iteration_ >= settings_.maxIterations) {
                result.reason = StopReason::IterationLimit;
                result.explanation = {
                    "Stopped after the iteration limit of " + std::to_string(settings_.maxIterations) + ".",
                    "반복 한도 " + std::to_string(settings_.maxIterations) + "회에 도달해 멈췄습니다."};
                result.iterations = iteration_;
                return result;
            }
        }

        EpochInfo info;
        info.epoch = e;
        info.trainLoss = lossSum / static_cast<double>(seen);
        if (!classify) {
            info.trainAccuracy = kNaN;
        } else if (running) {
            info.trainAccuracy = static_cast<double>(correct) / static_cast<double>(seen);
            info.runningAccuracy = true;
        } else {
            // Accuracy on the whole training set with the weights at the end of the epoch.
            info.trainAccuracy = evaluate(*train).accuracy;
        }
        lastTrainAccuracy = info.trainAccuracy;
        if (validation) {
            const Evaluation v = evaluate(*validation);
            info.hasValidation = true;
            info.validationLoss = v.loss;
            info.validationAccuracy = v.accuracy;
        }
        info.iterations = iteration_;
        info.samples = seen;
        info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        result.history.push_back(info);
        result.epochs = e - firstEpoch + 1;
        result.iterations = iteration_;
        if (epochObserver_) {
            syncToHost();
            epochObserver_(info);
        }
        if (settings_.targetAccuracy && classify && info.trainAccuracy >= *settings_.targetAccuracy) {
            finishTarget(true, info.trainAccuracy);
            return result;
        }
        if (cancelled_.load()) {
            result.reason = StopReason::Cancelled;
            result.explanation = {"Training was cancelled after epoch " + std::to_string(e) + ".",
                                  "에포크 " + std::to_string(e) + " 후에 학습을 취소했습니다."};
            return result;
        }
    }

    if (settings_.targetAccuracy && classify) {
        if (settings_.epochs == 0) {
            lastTrainAccuracy = evaluate(*train).accuracy;
        }
        finishTarget(lastTrainAccuracy >= *settings_.targetAccuracy, lastTrainAccuracy);
        return result;
    }
    result.reason = StopReason::Completed;
    result.explanation = {
        "Completed " + std::to_string(result.epochs) + " epoch(s), " + std::to_string(iteration_) + " iteration(s).",
        std::to_string(result.epochs) + " 에포크, " + std::to_string(iteration_) + "회 반복을 마쳤습니다."};
    return result;
}

}  // namespace deepstep
