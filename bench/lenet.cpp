// DeepStep's side of the LeNet-5 bench: the experiment file's own network and optimizer,
// built through the Registry and trained by Trainer::fit, as `deepstep train` does.
#include "lenet.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/dataset.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/loss.hpp"
#include "deepstep/random.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <chrono>
#include <numeric>
#include <stdexcept>

namespace deepstep::bench {

namespace {

using Clock = std::chrono::steady_clock;

struct Lenet {
    Network net;
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    std::size_t batchSize = 64;
    std::uint64_t seed = 1;
};

Lenet buildLenet(const std::string& experimentPath) {
    const Json experiment = readJsonFile(experimentPath);
    Json model = experiment.at("model");
    model["input"] = {1, 28, 28};
    const Registry& r = benchRegistry();
    Lenet l;
    l.seed = experiment.value("seed", std::uint64_t{1});
    Rng rng(l.seed);
    l.net = buildModel(model, r, rng);
    l.loss = r.makeLoss(experiment.at("loss").at("type").get<std::string>());
    Json optimizerOptions = experiment.at("optimizer");
    const std::string optimizerName = optimizerOptions.at("type").get<std::string>();
    optimizerOptions.erase("type");
    l.optimizer = r.makeOptimizer(optimizerName, optimizerOptions);
    l.batchSize = experiment.at("training").value("batch_size", std::size_t{64});
    return l;
}

Tensor images(const BenchData& data) {
    return data.inputs.reshaped(Shape{data.inputs.batch(), 1, 28, 28});
}

double since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

}  // namespace

LenetEpoch runLenetEpoch(const BenchData& data, const std::string& experimentPath) {
    Lenet l = buildLenet(experimentPath);
    TrainingSettings settings;
    settings.epochs = 1;
    settings.batchSize = l.batchSize;
    settings.shuffle = true;
    settings.seed = l.seed;
    settings.trainAccuracy = TrainAccuracy::Running;
    const TensorDataset dataset(images(data), data.targets, data.classNames);
    Trainer trainer(l.net, *l.loss, *l.optimizer, settings);
    const auto start = Clock::now();
    const TrainingResult trained = trainer.fit(dataset);
    const double wall = since(start);
    if (trained.history.size() != 1) {
        throw std::runtime_error("DeepStep stopped before the end of the epoch: " + trained.explanation.en);
    }
    const double epoch = trained.history.front().seconds;
    return {epoch > 0.0 ? epoch : wall, trained.history.front().trainLoss};
}

std::vector<LayerTime> lenetLayerTimes(const BenchData& data, const std::string& experimentPath,
                                       std::size_t batches) {
    Lenet l = buildLenet(experimentPath);
    const TensorDataset dataset(images(data), data.targets, data.classNames);
    const std::size_t n = dataset.size();
    const std::size_t layers = l.net.layerCount();
    std::vector<LayerTime> times(layers);
    for (std::size_t i = 0; i < layers; ++i) {
        times[i].name = l.net.layerName(i);
    }
    std::vector<std::size_t> rows(l.batchSize);
    batches = std::min(batches, n / l.batchSize);
    for (std::size_t b = 0; b < batches; ++b) {
        std::iota(rows.begin(), rows.end(), b * l.batchSize);
        const Batch batch = dataset.gather(rows);
        const Tensor& target = batch.targets;
        Tensor a = batch.inputs;
        for (std::size_t i = 0; i < layers; ++i) {
            const auto t0 = Clock::now();
            a = l.net.layer(i).forward(a, Mode::Train);
            times[i].forward += since(t0);
        }
        // The last layer takes softmax + cross-entropy's fused gradient, as fit() does;
        // the first layer with parameters needs no input gradient, the standardisation
        // below it none at all.
        Tensor g = l.loss->fusedGradient(a, target);
        for (std::size_t i = layers; i-- > 1;) {
            Layer& layer = l.net.layer(i);
            const auto t0 = Clock::now();
            if (i + 1 == layers) {
                g = layer.backwardFromPreActivation(g);
            } else if (i == 1) {
                layer.backwardParameters(g);
            } else {
                g = layer.backward(g);
            }
            times[i].backward += since(t0);
        }
    }
    for (LayerTime& t : times) {
        t.forward /= static_cast<double>(batches);
        t.backward /= static_cast<double>(batches);
    }
    return times;
}

}  // namespace deepstep::bench
