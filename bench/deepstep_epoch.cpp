// DeepStep's side of the race: exactly the path a student's experiment takes
// (Registry → buildModel → Trainer::fit), nothing hand-tuned.
#include "bench.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/random.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <chrono>
#include <stdexcept>

namespace deepstep::bench {

namespace {

MlpWeights weightsOf(Network& net) {
    MlpWeights w;
    for (std::size_t l = 0; l < net.layerCount(); ++l) {
        const std::string name = net.layerName(l);
        const Parameter* weight = net.parameter(name + ".weight");
        const Parameter* bias = net.parameter(name + ".bias");
        if (weight == nullptr || bias == nullptr) {
            throw std::logic_error("bench: layer " + name + " has no weight or bias");
        }
        w.w.push_back(weight->value.columnsCopy());
        w.b.push_back(arma::fvec(bias->value.values().data(), bias->value.size()));
    }
    return w;
}

}  // namespace

float maxDifference(const MlpWeights& a, const MlpWeights& b) {
    float worst = 0.0F;
    for (std::size_t l = 0; l < a.w.size() && l < b.w.size(); ++l) {
        worst = std::max(worst, arma::abs(a.w[l] - b.w[l]).max());
        worst = std::max(worst, arma::abs(a.b[l] - b.b[l]).max());
    }
    return worst;
}

DeepStepEpoch runDeepStepEpoch(const BenchData& data, const MlpConfig& config, bool withLosses) {
    const Registry& r = benchRegistry();
    Rng rng(config.seed);
    Network net = buildModel(mlpModelJson(config), r, rng);
    const std::string lossName = r.find(Kind::Loss, "cce") != nullptr ? "cce" : "categorical_cross_entropy";
    const auto loss = r.makeLoss(lossName);
    const auto optimizer =
        r.makeOptimizer("momentum", {{"learning_rate", config.learningRate}, {"momentum", config.momentum}});

    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = config.batchSize;
    settings.shuffle = true;
    settings.seed = config.seed;
    // Counting accuracy on the batches as they train spares the end-of-epoch pass over
    // the whole set, which the other contenders do not make either.
    settings.trainAccuracy = TrainAccuracy::Running;
    DeepStepEpoch result;

    const TensorDataset dataset(data.inputs, data.targets, data.classNames);
    Trainer trainer(net, *loss, *optimizer, settings);
    result.initial = weightsOf(net);
    if (withLosses) {
        result.run.lossBefore = trainer.evaluate(dataset).loss;
    }

    const auto start = std::chrono::steady_clock::now();
    const TrainingResult trained = trainer.fit(dataset);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (trained.history.size() != 1) {
        throw std::runtime_error("DeepStep stopped before the end of the epoch: " + trained.explanation.en);
    }
    // The epoch's own clock leaves out fit()'s set-up, which is the fair part to time;
    // the wall time is the fallback should a trainer not fill it in.
    result.run.seconds = trained.history.front().seconds > 0.0 ? trained.history.front().seconds : wall;
    result.run.meanLoss = trained.history.front().trainLoss;
    result.trainAccuracyRunning = trained.history.front().runningAccuracy;
    if (withLosses) {
        result.run.lossAfter = trainer.evaluate(dataset).loss;
    }
    result.final = weightsOf(net);
    return result;
}

}  // namespace deepstep::bench
