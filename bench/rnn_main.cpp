// deepstep_bench_rnn: next-character training with an LSTM and with a GRU in DeepStep
// and in PyTorch, at several thread counts, in rounds.
//
// The task of issue "recurrent networks": sequences of T = 32 one-hot characters over
// V = 64 (uniform, seeded), the character after them as the target; a recurrent layer
// of 128 units, its last step into a dense softmax layer of 64; categorical
// cross-entropy; SGD with momentum 0.9, lr 0.05; batches of 32 in order. One warm-up
// batch, then one timed epoch over the samples (3,200 by default).
//
//   deepstep_bench_rnn [--tiny] [--cells lstm,gru] [--threads 1,2] [--rounds R]
//                      [--samples N] [--json PATH] [--no-pytorch] [--python PATH]
//
// As in the other benches, each contender runs in its own process (OpenBLAS reads its
// thread count once), the contenders take turns round by round, and every figure is
// the best over the rounds, with the range of the ratio over the rounds beside it.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/blas.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/rnn/rnn.hpp"
#include "deepstep/trainer.hpp"
#include "bench.hpp"
#include "process.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using deepstep::Json;
namespace bench = deepstep::bench;
namespace ds = deepstep;

constexpr std::size_t kSteps = 32;
constexpr std::size_t kVocabulary = 64;
constexpr std::size_t kHidden = 128;
constexpr std::size_t kBatch = 32;

struct Options {
    bool worker = false;
    bool pytorch = true;
    bool tiny = false;
    std::vector<std::string> cells{"lstm", "gru"};
    std::vector<int> threads{1, 2};
    int rounds = 3;
    std::size_t samples = 3200;
    std::string cell = "lstm";  ///< worker: which one
    std::string json;
    std::string python = "/usr/bin/python3";
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "deepstep_bench_rnn: " << problem << "\n"
              << "usage: deepstep_bench_rnn [--tiny] [--cells lstm,gru] [--threads 1,2] [--rounds R]\n"
              << "                          [--samples N] [--json PATH] [--no-pytorch] [--python PATH]\n";
    std::exit(2);
}

std::vector<std::string> cellList(const std::string& text) {
    std::vector<std::string> cells;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = text.find(',', start);
        const std::string cell = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (cell != "lstm" && cell != "gru") usage("--cells: expected lstm, gru or both, got \"" + text + "\"");
        cells.push_back(cell);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return cells;
}

Options parse(int argc, char** argv) {
    Options o;
    bool samplesGiven = false;
    bool roundsGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--worker") {
                o.worker = true;
            } else if (a == "--cell") {
                o.cell = value();
                if (o.cell != "lstm" && o.cell != "gru") usage("--cell: expected lstm or gru");
            } else if (a == "--tiny") {
                o.tiny = true;
            } else if (a == "--no-pytorch") {
                o.pytorch = false;
            } else if (a == "--cells") {
                o.cells = cellList(value());
            } else if (a == "--threads") {
                o.threads = bench::threadList(value());
            } else if (a == "--rounds") {
                o.rounds = static_cast<int>(bench::integerArgument(a, value(), 1));
                roundsGiven = true;
            } else if (a == "--samples") {
                o.samples = static_cast<std::size_t>(bench::integerArgument(a, value(), 32));
                samplesGiven = true;
            } else if (a == "--json") {
                o.json = value();
            } else if (a == "--python") {
                o.python = value();
            } else if (a == "--help" || a == "-h") {
                usage("runs next-character LSTM and GRU training in DeepStep and in PyTorch");
            } else {
                usage("unknown argument \"" + a + "\"");
            }
        } catch (const std::invalid_argument& e) {
            usage(e.what());
        }
    }
    if (o.tiny) {
        o.samples = samplesGiven ? o.samples : 320;
        o.rounds = roundsGiven ? o.rounds : 1;
    }
    return o;
}

/// The worker: one epoch of DeepStep's training of `o.cell`, as one JSON line.
int runWorker(const Options& o) {
    ds::Registry registry;
    ds::backprop::registerComponents(registry);
    ds::rnn::registerComponents(registry);
    const Json model{{"input", {kSteps, kVocabulary}},
                     {"layers",
                      {{{"type", o.cell}, {"name", "rnn"}, {"units", kHidden}},
                       {{"type", "dense"}, {"name", "next"}, {"units", kVocabulary}, {"activation", "softmax"}}}}};
    ds::Rng rng(1);
    ds::Network net = ds::buildModel(model, registry, rng);
    auto loss = registry.makeLoss("categorical_cross_entropy");
    auto opt = registry.makeOptimizer("momentum", Json{{"learning_rate", 0.05}, {"momentum", 0.9}});
    ds::TrainingSettings settings;
    settings.batchSize = kBatch;
    settings.shuffle = false;
    ds::Trainer trainer(net, *loss, *opt, settings);

    // The batches, ready before the clock starts (PyTorch slices views of its tensors).
    ds::Rng draw(2);
    std::vector<ds::Batch> batches;
    for (std::size_t first = 0; first < o.samples; first += kBatch) {
        const std::size_t n = std::min(kBatch, o.samples - first);
        ds::Batch b;
        b.inputs = ds::Tensor(ds::Shape{n, kSteps, kVocabulary});
        b.targets = ds::Tensor(ds::Shape{n, kVocabulary});
        for (std::size_t s = 0; s < n; ++s) {
            for (std::size_t t = 0; t < kSteps; ++t)
                b.inputs[(s * kSteps + t) * kVocabulary + draw.index(kVocabulary)] = 1.0F;
            b.targets[s * kVocabulary + draw.index(kVocabulary)] = 1.0F;
        }
        batches.push_back(std::move(b));
    }
    (void)trainer.step(batches.front());  // warm-up
    double total = 0.0;
    const auto start = std::chrono::steady_clock::now();
    for (const ds::Batch& b : batches)
        total += trainer.step(b);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << Json{{"cell", o.cell},
                      {"threads", bench::blasThreads()},
                      {"seconds", seconds},
                      {"samples", o.samples},
                      {"mean_loss", total / static_cast<double>(batches.size())},
                      {"peak_rss_mib", bench::peakResidentMiB()},
                      {"blas_kernels", ds::blasCoreName()}}
                     .dump()
              << std::endl;
    return 0;
}

struct Contender {
    std::string cell;
    std::string label;
    bool deepstep = false;
    int threads = 1;
    bool passive = false;
    std::vector<double> seconds;  ///< one per round (NaN where the run failed)
    double peakMiB = 0.0;
    double meanLoss = 0.0;
};

using bench::fixed;
using bench::padded;

int runDriver(const Options& o, const std::string& self) {
    ds::preferBlasDefaults();
    std::vector<Contender> contenders;
    for (const std::string& cell : o.cells) {
        for (int t : o.threads)
            contenders.push_back({cell, "DeepStep, " + std::to_string(t) + " thread(s)", true, t, false, {}, 0, 0});
        if (!o.pytorch) continue;
        for (int t : o.threads) {
            contenders.push_back({cell, "PyTorch, " + std::to_string(t) + " thread(s)", false, t, false, {}, 0, 0});
            contenders.push_back({cell, "PyTorch, " + std::to_string(t) + " thread(s), inter-op 1, OMP passive", false,
                                  t, true, {}, 0, 0});
        }
    }
    std::string kernels = "?";
    for (int round = 0; round < o.rounds; ++round) {
        for (Contender& k : contenders) {
            std::string cmd = bench::threadEnvironment(k.threads) + (k.passive ? "OMP_WAIT_POLICY=PASSIVE " : "");
            if (k.deepstep) {
                cmd += bench::quoted(self) + " --worker --cell " + k.cell + " --samples " + std::to_string(o.samples);
            } else {
                cmd += bench::quoted(o.python) + " " + bench::quoted(DEEPSTEP_BENCH_PYTORCH_RNN_SCRIPT) + " --cell " +
                       k.cell + " --threads " + std::to_string(k.threads) + (k.passive ? " --interop 1" : "") +
                       " --samples " + std::to_string(o.samples);
            }
            int status = 0;
            const Json j = bench::lastJsonLine(bench::capture(cmd, status));
            if (status != 0 || !j.is_object() || (!k.deepstep && !j.value("ok", false))) {
                std::cerr << "  " << k.cell << ", " << k.label << ": "
                          << (j.is_object() ? j.value("reason", std::string("failed")) : std::string("failed")) << "\n";
                k.seconds.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            k.seconds.push_back(j.at("seconds").get<double>());
            k.peakMiB = std::max(k.peakMiB, j.at("peak_rss_mib").get<double>());
            k.meanLoss = j.at("mean_loss").get<double>();
            if (k.deepstep) kernels = j.value("blas_kernels", std::string("?"));
            std::cerr << "  round " << round + 1 << "/" << o.rounds << " " << k.cell << ", " << k.label << ": "
                      << k.seconds.back() << " s\n";
        }
    }

    std::cout << "Next-character training (T = " << kSteps << ", one-hot V = " << kVocabulary << ", " << kHidden
              << " units, last step -> dense -> softmax, batch " << kBatch << ", SGD momentum 0.9), " << o.samples
              << " sequences\nmachine: " << bench::machineDescription() << "; best of " << o.rounds
              << " round(s); OpenBLAS kernels: " << kernels << "\n";
    Json report{{"samples", o.samples}, {"blas_kernels", kernels}, {"cells", Json::object()}};
    bool ok = true;
    for (const std::string& cell : o.cells) {
        std::cout << "\n" << cell << "\n"
                  << padded("contender", 52) << "  best s  median s  samples/s  peak MiB  mean loss\n";
        Json table = Json::array();
        for (const Contender& k : contenders) {
            if (k.cell != cell) continue;
            std::vector<double> done;
            for (double s : k.seconds)
                if (s == s) done.push_back(s);
            if (done.empty()) {
                std::cout << padded(k.label, 52) << "  failed\n";
                if (k.deepstep) ok = false;
                continue;
            }
            const double b = bench::minimum(done);
            const double m = bench::median(done);
            std::cout << padded(k.label, 52) << "  " << fixed(b, 3) << "   " << fixed(m, 3) << "    "
                      << padded(fixed(static_cast<double>(o.samples) / b, 0), 9) << "  " << fixed(k.peakMiB, 0)
                      << "       " << fixed(k.meanLoss, 4) << "\n";
            table.push_back({{"contender", k.label}, {"seconds", k.seconds}, {"best_seconds", b},
                             {"median_seconds", m}, {"peak_rss_mib", k.peakMiB}, {"mean_loss", k.meanLoss}});
            // A run that did not train: its loss must stay finite and near ln V or below.
            if (k.deepstep && !(k.meanLoss > 0.0 && k.meanLoss < 4.5)) {
                std::cerr << "deepstep_bench_rnn: " << cell << ", " << k.label << ": mean loss " << k.meanLoss
                          << " (expected about ln 64 = 4.16)\n";
                ok = false;
            }
        }
        Json entry{{"contenders", table}};
        // PyTorch's best setting over DeepStep's best, overall and round by round.
        std::vector<bench::RoundTimes> times;
        for (const Contender& k : contenders)
            if (k.cell == cell) times.push_back({k.deepstep, &k.seconds});
        if (const bench::PeerRatio r = bench::peerOverDeepStep(times, o.rounds); r.valid) {
            std::cout << cell << ": PyTorch's best / DeepStep's best: " << fixed(r.overall, 2)
                      << "x (DeepStep is faster above 1; goal 1.5x); by round " << fixed(r.low, 2) << "x to "
                      << fixed(r.high, 2) << "x\n";
            entry["ratio_pytorch_best_over_deepstep_best"] = r.overall;
            entry["ratio_range_by_round"] = {r.low, r.high};
        }
        report["cells"][cell] = entry;
    }
    if (!o.json.empty()) {
        std::ofstream out(o.json);
        out << report.dump(2) << "\n";
        if (!out) {
            std::cerr << "deepstep_bench_rnn: cannot write " << o.json << "\n";
            return 1;
        }
    }
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    bench::keepFreedMemory();
    try {
        const Options o = parse(argc, argv);
        return o.worker ? runWorker(o) : runDriver(o, bench::selfPath());
    } catch (const std::exception& e) {
        std::cerr << "deepstep_bench_rnn: " << e.what() << "\n";
        return 1;
    }
}
