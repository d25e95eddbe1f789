// DeepStep's own training on a GPU, for scripts/gpu-check.sh: the bench's networks built
// and trained exactly as on the CPU (Registry → buildModel → Trainer::fit), with
// Trainer::setDevice.
//
//   deepstep_bench_gpu_trainer [--data-dir DIR] [--limit N] [--reps N] [--device NAME]
//                              [--lenet EXPERIMENT.json] [--compare STEPS]
//
// Without --compare: the MLP epoch (784-128-64-10, ReLU, ReLU, softmax with
// cross-entropy, momentum 0.9, batch 64; the bench's MlpConfig) `reps` times, then, with
// --lenet, the LeNet-5 epoch of that experiment (its model, loss, optimizer and batch
// size), one line each with the seconds and samples per second.
//
// With --compare STEPS: both networks trained STEPS iterations from the same seed on the
// CPU and on the device; prints the mean loss of every tenth of the run on both, the
// largest difference of one iteration's loss over the first 20 iterations and over the
// whole run, and of a tenth's mean, relative to 1 + |loss|. Passes when the first 20
// iterations agree within 1e-4 and every tenth's mean within 5e-2. (Later iterations
// drift apart: at LeNet's learning rate the run is chaotic, and products summed in
// another order soon move a ReLU across 0; the runs then follow different but equally
// good paths. With a rate ten times smaller they agree within 1e-7 for as long.)
//
// Exit 0 when done, 77 when the device cannot be used (saying why), 2 for bad arguments
// or unreadable files, 1 for a failed comparison or a run that stopped.
#include "bench.hpp"

#include "deepstep/device.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/trainer.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace deepstep;

namespace {

[[noreturn]] void usage(const std::string& problem) {
    std::fprintf(stderr, "deepstep_bench_gpu_trainer: %s\n", problem.c_str());
    std::fprintf(stderr,
                 "usage: deepstep_bench_gpu_trainer [--data-dir DIR] [--limit N] [--reps N] [--device NAME]\n"
                 "                                  [--lenet EXPERIMENT.json] [--compare STEPS]\n");
    std::exit(2);
}

std::size_t count(const std::string& option, const std::string& text) {
    try {
        std::size_t used = 0;
        const unsigned long long v = std::stoull(text, &used);
        if (used == text.size() && v <= 10'000'000ULL) return static_cast<std::size_t>(v);
    } catch (const std::exception&) {
    }
    usage(option + ": expected a whole number up to 10000000, got \"" + text + "\"");
}

/// A network with its loss and optimizer, and how it trains.
struct Setup {
    std::string name;
    Network net;
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> optimizer;
    TrainingSettings settings;
};

Json optionsOf(const Json& component) {
    Json options = component;
    options.erase("type");
    return options;
}

Setup mlp() {
    const bench::MlpConfig config;
    Rng rng(config.seed);
    Setup s{"MLP 784-128-64-10",
            buildModel(bench::mlpModelJson(config), bench::benchRegistry(), rng),
            bench::benchRegistry().makeLoss("categorical_cross_entropy"),
            bench::benchRegistry().makeOptimizer("momentum",
                                                 {{"learning_rate", config.learningRate}, {"momentum", config.momentum}}),
            {}};
    s.settings.batchSize = config.batchSize;
    s.settings.seed = config.seed;
    return s;
}

// The experiment's model on 1×28×28 images, its loss, optimizer and batch size.
Setup lenet(const std::string& path) {
    const Json doc = readJsonFile(path);
    Json model = doc.at("model");
    model["input"] = {1, 28, 28};
    Rng rng(doc.value("seed", 1ULL));
    Setup s{"LeNet-5 (" + path + ")", buildModel(model, bench::benchRegistry(), rng),
            bench::benchRegistry().makeLoss(doc.at("loss").at("type"), optionsOf(doc.at("loss"))),
            bench::benchRegistry().makeOptimizer(doc.at("optimizer").at("type"), optionsOf(doc.at("optimizer"))), {}};
    s.settings.batchSize = doc.at("training").value("batch_size", 64ULL);
    s.settings.seed = doc.value("seed", 1ULL);
    return s;
}

TensorDataset datasetFor(const Setup& s, const bench::BenchData& data) {
    const Tensor inputs = data.inputs.reshaped(s.net.inputShape().withBatch(data.inputs.batch()));
    return TensorDataset(inputs, data.targets, data.classNames);
}

/// One epoch; returns its seconds.
double epoch(Setup s, const bench::BenchData& data, const gpu::Backend* backend, const std::string& device) {
    s.settings.epochs = 1;
    s.settings.trainAccuracy = TrainAccuracy::Running;
    const TensorDataset set = datasetFor(s, data);
    Trainer trainer(s.net, *s.loss, *s.optimizer, s.settings);
    trainer.setDevice(backend, device);
    const TrainingResult r = trainer.fit(set);
    if (r.history.size() != 1) throw std::runtime_error("the epoch stopped: " + r.explanation.en);
    return r.history.front().seconds;
}

/// The loss of every iteration of `steps`, on the CPU (backend null) or the device.
std::vector<float> curve(Setup s, const bench::BenchData& data, std::size_t steps, const gpu::Backend* backend,
                         const std::string& device) {
    s.settings.epochs = 1000;
    s.settings.maxIterations = static_cast<long long>(steps);
    s.settings.trainAccuracy = TrainAccuracy::Running;
    const TensorDataset set = datasetFor(s, data);
    Trainer trainer(s.net, *s.loss, *s.optimizer, s.settings);
    if (backend != nullptr) trainer.setDevice(backend, device);
    std::vector<float> losses;
    trainer.onStep([&](const StepInfo& info) { losses.push_back(info.loss); });
    trainer.fit(set);
    return losses;
}

}  // namespace

int main(int argc, char** argv) {
    std::string dataDir = bench::defaultDataDirectory();
    std::string deviceName = "cuda";
    std::string lenetPath;
    std::size_t limit = 0;
    std::size_t reps = 3;
    std::size_t compare = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + ": expected a value");
            return argv[++i];
        };
        if (a == "--data-dir") {
            dataDir = value();
        } else if (a == "--limit") {
            limit = count(a, value());
        } else if (a == "--reps") {
            reps = std::max<std::size_t>(1, count(a, value()));
        } else if (a == "--device") {
            deviceName = value();
        } else if (a == "--lenet") {
            lenetPath = value();
        } else if (a == "--compare") {
            compare = std::max<std::size_t>(1, count(a, value()));
        } else {
            usage("unknown option \"" + a + "\"");
        }
    }
    try {
        const DeviceChoice choice = chooseDevice(deviceName, "--device");
        if (choice.requested == "cpu") usage("--device: expected a GPU (cuda or cuda:N), got \"cpu\"");
        DeviceProblem why = DeviceProblem::None;
        std::string detail;
        const gpu::Backend* backend = gpu::Backend::open(choice, &why, &detail);
        if (backend == nullptr) {
            std::printf("DeepStep trainer: skipped, no usable GPU: %s%s\n", problemText(why).c_str(),
                        detail.empty() ? "" : (" (" + detail + ")").c_str());
            return 77;
        }
        const std::string device = choice.device.id;
        const bench::BenchData data = bench::loadBenchData(limit, bench::MlpConfig{}, dataDir);
        const std::size_t n = data.inputs.batch();
        std::vector<std::function<Setup()>> networks{mlp};
        if (!lenetPath.empty()) networks.emplace_back([&] { return lenet(lenetPath); });
        if (compare > 0) {
            int failed = 0;
            for (const auto& make : networks) {
                Setup s = make();
                Trainer probe(s.net, *s.loss, *s.optimizer, s.settings);
                probe.setDevice(backend, device);
                std::printf("%s: %s\n", s.name.c_str(), probe.devicePlacement().en.c_str());
                const std::string name = s.name;
                const std::vector<float> cpu = curve(make(), data, compare, nullptr, device);
                const std::vector<float> gpu = curve(make(), data, compare, backend, device);
                const auto relative = [](double a, double b) { return std::fabs(a - b) / (1.0 + std::fabs(a)); };
                double worstStep = cpu.size() == gpu.size() ? 0.0 : INFINITY;
                double worstTenth = worstStep;
                double worstEarly = worstStep;
                const std::size_t every = std::max<std::size_t>(1, compare / 10);
                double sumCpu = 0.0;
                double sumGpu = 0.0;
                for (std::size_t i = 0; i < std::min(cpu.size(), gpu.size()); ++i) {
                    const double d = relative(cpu[i], gpu[i]);
                    if (!(d <= worstStep)) worstStep = d;
                    if (i < 20 && !(d <= worstEarly)) worstEarly = d;
                    sumCpu += cpu[i];
                    sumGpu += gpu[i];
                    if ((i + 1) % every == 0 || i + 1 == cpu.size()) {
                        const double count = static_cast<double>(i % every + 1);
                        const double dm = relative(sumCpu / count, sumGpu / count);
                        if (!(dm <= worstTenth)) worstTenth = dm;
                        std::printf("  iterations to %5zu: mean loss %.6f on the CPU, %.6f on %s\n", i + 1,
                                    sumCpu / count, sumGpu / count, device.c_str());
                        sumCpu = sumGpu = 0.0;
                    }
                }
                const bool ok = worstEarly <= 1e-4 && worstTenth <= 5e-2;
                failed += ok ? 0 : 1;
                std::printf("%s %s: %zu iterations; largest loss difference in the first 20 iterations %.3g, "
                            "in any %.3g, of a tenth's mean %.3g (relative to 1 + |loss|)\n",
                            ok ? "PASS" : "FAIL", name.c_str(), cpu.size(), worstEarly, worstStep, worstTenth);
            }
            return failed == 0 ? 0 : 1;
        }
        const auto report = [&](const std::string& name, double seconds) {
            std::printf("DeepStep trainer, %s on %s (%s), %zu images (%s): %.3f s, %.0f samples/s\n", name.c_str(),
                        device.c_str(), choice.device.name.c_str(), n, data.source.c_str(), seconds,
                        static_cast<double>(n) / seconds);
        };
        for (const auto& make : networks) {
            for (std::size_t r = 0; r < reps; ++r) {
                Setup s = make();
                const std::string name = s.name + ", batch " + std::to_string(s.settings.batchSize);
                report(name, epoch(std::move(s), data, backend, device));
            }
        }
    } catch (const InputError& e) {
        std::fprintf(stderr, "deepstep_bench_gpu_trainer: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "deepstep_bench_gpu_trainer: %s\n", e.what());
        return 1;
    }
    return 0;
}
