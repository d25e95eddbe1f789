#include "deepstep/trainer.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/metrics.hpp"

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

std::size_t countCorrect(const Tensor& out, const Tensor& targets) {
    const auto p = predictedClasses(out);
    const auto t = predictedClasses(targets);
    std::size_t n = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        n += p[i] == t[i] ? 1 : 0;
    }
    return n;
}
}  // namespace

Trainer::Trainer(Network& network, const Loss& loss, Optimizer& optimizer, TrainingSettings settings)
    : net_(network), loss_(loss), opt_(optimizer), settings_(std::move(settings)) {
    if (!net_.built()) {
        throw std::logic_error("Trainer: build the network first");
    }
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
    // The batch outlives this step's backward pass: the layers need not copy it.
    const Tensor out = net_.forward(batch.inputs, Mode::Train, rec, true);
    const float loss = loss_.value(out, batch.targets);
    if (correct) {
        *correct += countCorrect(out, batch.targets);
    }
    // dL/d(input) of the first layer is only wanted when a trace shows it.
    net_.backward(loss_, out, batch.targets, rec, rec != nullptr);
    const float penalty = net_.applyWeightDecay(settings_.l1, settings_.l2);
    std::vector<ParamRef> params = net_.parameters();
    if (rec) {
        rec->loss = loss;
        rec->penalty = penalty;
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
        const Tensor out = net_.forward(b.inputs, Mode::Eval);
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
    cancelled_.store(false);
    TrainingResult result;

    // Hold out a validation split, chosen with the seed, unless one was given.
    std::unique_ptr<SubsetDataset> trainPart;
    std::unique_ptr<SubsetDataset> validationPart;
    const Dataset* train = &data;
    if (!validation && settings_.validationSplit > 0.0) {
        if (settings_.validationSplit >= 1.0) {
            throw InputError("training.validation_split",
                             "expected a number in [0, 1), got " + fmt(settings_.validationSplit));
        }
        Rng splitRng(settings_.seed ^ 0x5eedU);
        auto perm = splitRng.permutation(data.size());
        const auto held =
            static_cast<std::size_t>(std::round(settings_.validationSplit * static_cast<double>(data.size())));
        if (held == 0 || held >= data.size()) {
            throw InputError("training.validation_split", "holding out " + fmt(settings_.validationSplit) + " of " +
                                                              std::to_string(data.size()) +
                                                              " examples leaves no training or no validation examples");
        }
        validationPart = std::make_unique<SubsetDataset>(
            data, std::vector<std::size_t>(perm.end() - static_cast<std::ptrdiff_t>(held), perm.end()));
        trainPart = std::make_unique<SubsetDataset>(
            data, std::vector<std::size_t>(perm.begin(), perm.end() - static_cast<std::ptrdiff_t>(held)));
        train = trainPart.get();
        validation = validationPart.get();
    }

    const std::size_t n = train->size();
    if (n == 0) {
        throw InputError("dataset", "the training set is empty");
    }
    const std::size_t batchSize = settings_.batchSize == 0 ? n : std::min(settings_.batchSize, n);
    const auto perEpoch = static_cast<long long>((n + batchSize - 1) / batchSize);
    const bool classify = isClassification(*train);
    const bool running = settings_.trainAccuracy == TrainAccuracy::Running ||
                         (settings_.trainAccuracy == TrainAccuracy::Auto && n > kExactAccuracyLimit);
    Rng shuffleRng(settings_.seed);
    // Its own stream, so that turning augmentation on leaves the batch order alone.
    Rng augmentRng(settings_.seed ^ 0xa0935e1dU);

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

    double lastTrainAccuracy = kNaN;
    Batch b;  // one buffer for every iteration's batch
    const double initialRate = opt_.learningRate();
    for (int e = 1; e <= settings_.epochs; ++e) {
        epoch_ = e;
        if (settings_.learningRateDecay != 1.0) {
            opt_.setLearningRate(initialRate * std::pow(settings_.learningRateDecay, e - 1));
        }
        const auto start = std::chrono::steady_clock::now();
        std::vector<std::size_t> order;
        if (settings_.shuffle) {
            order = shuffleRng.permutation(n);
        } else {
            order.resize(n);
            std::iota(order.begin(), order.end(), std::size_t{0});
        }
        double lossSum = 0.0;
        std::size_t seen = 0;
        std::size_t correct = 0;
        for (long long it = 0; it < perEpoch; ++it) {
            const std::size_t first = static_cast<std::size_t>(it) * batchSize;
            const std::size_t count = std::min(batchSize, n - first);
            std::span<const std::size_t> idx(order.data() + first, count);
            train->gather(idx, b);
            if (settings_.augmentation.any()) {
                augment(b.inputs, settings_.augmentation, augmentRng);
            }
            const float loss = trainStep(b, idx, classify && running ? &correct : nullptr);
            if (!std::isfinite(loss)) {
                result.reason = StopReason::Diverged;
                const std::string lr = fmt(opt_.learningRate());
                result.explanation = {
                    "Training stopped: the loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                        " at epoch " + std::to_string(e) + ", iteration " + std::to_string(iteration_) +
                        ". The weights grew without bound, which usually means the learning rate (" + lr +
                        ") is too large: each step overshoots the minimum by more than the last. "
                        "Try a learning rate about 10 times smaller.",
                    "학습을 멈췄습니다: 에포크 " + std::to_string(e) + ", 반복 " + std::to_string(iteration_) +
                        "에서 손실이 " + std::string(std::isnan(loss) ? "NaN" : "무한대") +
                        "가 되었습니다. 가중치가 끝없이 커졌다는 뜻이며, 대개 학습률(" + lr +
                        ")이 너무 커서 매 단계가 최저점을 점점 더 크게 지나쳐 버리기 때문입니다. "
                        "학습률을 10배쯤 줄여 보세요."};
                result.iterations = iteration_;
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
        result.epochs = e;
        result.iterations = iteration_;
        if (epochObserver_) {
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
