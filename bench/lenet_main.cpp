// deepstep_bench_lenet: the LeNet-5 epoch of experiments/lenet5-fashion.json (batch 64,
// the 60,000 Fashion-MNIST training images, SGD with momentum) in DeepStep and in
// PyTorch at several thread counts, plus DeepStep's time split by layer, the GEMM rates
// of the convolutions' products (sgemm against dgemm) and the peak memory of each side.
//
//   deepstep_bench_lenet [--tiny] [--threads 1,2] [--rounds R] [--limit N] [--json PATH]
//                        [--no-pytorch] [--python PATH] [--data-dir DIR] [--blas-kernels NAME]
//
// As in deepstep_bench, each contender runs in its own process (OpenBLAS reads its
// thread count once), the contenders take turns round by round, and every figure is
// the best over the rounds, with the range of the ratio over the rounds beside it.
#include "deepstep/blas.hpp"
#include "deepstep/cnn/vectors.hpp"
#include "bench.hpp"
#include "lenet.hpp"
#include "process.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using deepstep::Json;
namespace bench = deepstep::bench;

struct Options {
    bool worker = false;
    bool split = false;  ///< worker: also the layer split and the GEMM table
    bool pytorch = true;
    bool tiny = false;
    std::vector<int> threads{1, 2};
    int rounds = 3;
    std::size_t limit = 0;
    std::size_t splitBatches = 200;
    double gemmSeconds = 0.2;
    std::string json;
    std::string python = "/usr/bin/python3";
    std::string dataDir = bench::defaultDataDirectory();
    std::string blasKernels;  ///< OPENBLAS_CORETYPE for every contender; "": as the environment and DeepStep pick
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "deepstep_bench_lenet: " << problem << "\n"
              << "usage: deepstep_bench_lenet [--tiny] [--threads 1,2] [--rounds R] [--limit N] [--json PATH]\n"
              << "                            [--no-pytorch] [--python PATH] [--data-dir DIR]\n"
              << "                            [--blas-kernels NAME]   (OPENBLAS_CORETYPE for every contender)\n";
    std::exit(2);
}

long long integerArgument(const std::string& flag, const std::string& text, long long least) {
    try {
        return bench::integerArgument(flag, text, least);
    } catch (const std::invalid_argument& e) {
        usage(e.what());
    }
}

Options parse(int argc, char** argv) {
    Options o;
    bool limitGiven = false;
    bool roundsGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(a + " needs a value");
            return argv[++i];
        };
        if (a == "--worker") {
            o.worker = true;
        } else if (a == "--split") {
            o.split = true;
        } else if (a == "--tiny") {
            o.tiny = true;
        } else if (a == "--no-pytorch") {
            o.pytorch = false;
        } else if (a == "--threads") {
            try {
                o.threads = bench::threadList(value());
            } catch (const std::invalid_argument& e) {
                usage(e.what());
            }
        } else if (a == "--rounds") {
            o.rounds = static_cast<int>(integerArgument(a, value(), 1));
            roundsGiven = true;
        } else if (a == "--limit") {
            o.limit = static_cast<std::size_t>(integerArgument(a, value(), 0));
            limitGiven = true;
        } else if (a == "--split-batches") {
            o.splitBatches = static_cast<std::size_t>(integerArgument(a, value(), 1));
        } else if (a == "--json") {
            o.json = value();
        } else if (a == "--python") {
            o.python = value();
        } else if (a == "--data-dir") {
            o.dataDir = value();
        } else if (a == "--blas-kernels") {
            o.blasKernels = value();
        } else if (a == "--help" || a == "-h") {
            usage("runs the LeNet-5 training epoch in DeepStep and in PyTorch");
        } else {
            usage("unknown argument \"" + a + "\"");
        }
    }
    if (o.tiny) {
        o.limit = limitGiven ? o.limit : 1000;
        o.rounds = roundsGiven ? o.rounds : 1;
        o.splitBatches = std::min<std::size_t>(o.splitBatches, 10);
        o.gemmSeconds = 0.02;
    }
    return o;
}

int runWorker(const Options& o) {
    const bench::MlpConfig config;  // only its seed and class count matter for the data
    const bench::BenchData data = bench::loadBenchData(o.limit, config, o.dataDir);
    const bench::LenetEpoch epoch = bench::runLenetEpoch(data, DEEPSTEP_BENCH_LENET_EXPERIMENT);
    Json out{{"threads", bench::blasThreads()},
             {"data", data.source},
             {"samples", data.inputs.batch()},
             {"seconds", epoch.seconds},
             {"mean_loss", epoch.meanLoss},
             {"peak_rss_mib", bench::peakResidentMiB()},
             {"blas_kernels", deepstep::blasCoreName()},
             {"wide_vectors", deepstep::cnn::useWideVectors()}};
    if (o.split) {
        Json layers = Json::array();
        for (const bench::LayerTime& t : bench::lenetLayerTimes(data, DEEPSTEP_BENCH_LENET_EXPERIMENT, o.splitBatches)) {
            layers.push_back({{"name", t.name}, {"forward", t.forward}, {"backward", t.backward}});
        }
        out["layers"] = layers;
        Json gemms = Json::array();
        for (const bench::ConvGemm& g : bench::measureConvGemms(o.gemmSeconds)) {
            gemms.push_back({{"name", g.name},
                             {"m", g.m},
                             {"n", g.n},
                             {"k", g.k},
                             {"sgemm_gflops", g.sgemmGflops},
                             {"dgemm_gflops", g.dgemmGflops}});
        }
        out["gemm"] = gemms;
    }
    std::cout << out.dump() << std::endl;
    return 0;
}

struct Contender {
    std::string label;
    bool deepstep = false;
    std::vector<double> seconds;  ///< one per round (NaN where the run failed)
    double peakMiB = 0.0;
    double meanLoss = 0.0;
};

using bench::fixed;
using bench::padded;

int runDriver(const Options& o, const std::string& self) {
    // The workers (and PyTorch, which loads the same OpenBLAS) start with the BLAS
    // settings `deepstep train` gives itself: the kernels, and idle OpenBLAS threads that
    // sleep after a short spin. --blas-kernels overrides the kernels for every contender.
    if (!o.blasKernels.empty()) {
        ::setenv("OPENBLAS_CORETYPE", o.blasKernels.c_str(), 1);
    }
    deepstep::preferBlasDefaults();
    std::vector<Contender> contenders;
    for (int t : o.threads) {
        contenders.push_back({"DeepStep, " + std::to_string(t) + " thread(s)", true, {}, 0.0, 0.0});
    }
    struct TorchRun {
        int threads;
        bool passive;
    };
    std::vector<TorchRun> torchRuns;
    if (o.pytorch) {
        for (int t : o.threads) {
            torchRuns.push_back({t, false});
            torchRuns.push_back({t, true});
            contenders.push_back({"PyTorch, " + std::to_string(t) + " thread(s)", false, {}, 0.0, 0.0});
            contenders.push_back(
                {"PyTorch, " + std::to_string(t) + " thread(s), inter-op 1, OMP passive", false, {}, 0.0, 0.0});
        }
    }
    const std::string common = (o.limit > 0 ? " --limit " + std::to_string(o.limit) : std::string()) +
                               " --data-dir " + bench::quoted(o.dataDir);
    Json split;
    std::string source;
    std::string kernels = "?";
    bool wide = false;
    std::size_t samples = 0;
    for (int round = 0; round < o.rounds; ++round) {
        std::size_t c = 0;
        for (int t : o.threads) {
            const bool withSplit = round == 0 && t == o.threads.front();
            const std::string cmd = bench::threadEnvironment(t) + bench::quoted(self) + " --worker" + common +
                                    (withSplit ? " --split --split-batches " + std::to_string(o.splitBatches) : "") +
                                    (o.tiny ? " --tiny" : "");
            int status = 0;
            const Json j = bench::lastJsonLine(bench::capture(cmd, status));
            Contender& k = contenders[c++];
            if (status != 0 || !j.is_object()) {
                std::cerr << "  " << k.label << ": the worker failed (exit " << status << ")\n";
                k.seconds.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            k.seconds.push_back(j.at("seconds").get<double>());
            k.peakMiB = std::max(k.peakMiB, j.at("peak_rss_mib").get<double>());
            k.meanLoss = j.at("mean_loss").get<double>();
            source = j.at("data").get<std::string>();
            if (k.deepstep) {
                kernels = j.value("blas_kernels", std::string("?"));
                wide = j.value("wide_vectors", false);
            }
            samples = j.at("samples").get<std::size_t>();
            if (withSplit) split = j;
            std::cerr << "  round " << round + 1 << "/" << o.rounds << " " << k.label << ": " << k.seconds.back()
                      << " s\n";
        }
        for (const TorchRun& r : torchRuns) {
            const std::string cmd = bench::threadEnvironment(r.threads) +
                                    (r.passive ? "OMP_WAIT_POLICY=PASSIVE " : "") + bench::quoted(o.python) + " " +
                                    bench::quoted(DEEPSTEP_BENCH_PYTORCH_LENET_SCRIPT) + " --threads " +
                                    std::to_string(r.threads) + (r.passive ? " --interop 1" : "") + common;
            int status = 0;
            const Json j = bench::lastJsonLine(bench::capture(cmd, status));
            Contender& k = contenders[c++];
            if (status != 0 || !j.is_object() || !j.value("ok", false)) {
                std::cerr << "  " << k.label << ": "
                          << (j.is_object() ? j.value("reason", std::string("failed")) : std::string("failed")) << "\n";
                k.seconds.push_back(std::numeric_limits<double>::quiet_NaN());
                continue;
            }
            k.seconds.push_back(j.at("epoch_seconds").at(0).get<double>());
            k.peakMiB = std::max(k.peakMiB, j.at("peak_rss_mib").get<double>());
            k.meanLoss = j.at("mean_loss").get<double>();
            std::cerr << "  round " << round + 1 << "/" << o.rounds << " " << k.label << ": " << k.seconds.back()
                      << " s\n";
        }
    }

    std::cout << "LeNet-5 epoch (experiments/lenet5-fashion.json: batch 64, SGD momentum 0.9), " << samples
              << " images from " << source << "\n"
              << "machine: " << bench::machineDescription() << "; best of " << o.rounds << " round(s)\n"
              << "OpenBLAS kernels of every contender: " << kernels << "; DeepStep's AVX-512 im2col and pooling: "
              << (wide ? "on" : "off (the processor has no AVX-512)") << "\n\n";

    std::cout << padded("contender", 52) << "  best s  median s  images/s  peak MiB  mean loss\n";
    Json table = Json::array();
    for (const Contender& k : contenders) {
        std::vector<double> ok;
        for (double s : k.seconds)
            if (s == s) ok.push_back(s);
        if (ok.empty()) {
            std::cout << padded(k.label, 52) << "  failed\n";
            continue;
        }
        const double b = bench::minimum(ok);
        const double m = bench::median(ok);
        std::cout << padded(k.label, 52) << "  " << fixed(b, 2) << "    " << fixed(m, 2) << "     "
                  << fixed(static_cast<double>(samples) / b, 0) << "     " << fixed(k.peakMiB, 0) << "     "
                  << fixed(k.meanLoss, 4) << "\n";
        table.push_back({{"contender", k.label},
                         {"seconds", k.seconds},
                         {"best_seconds", b},
                         {"median_seconds", m},
                         {"peak_rss_mib", k.peakMiB},
                         {"mean_loss", k.meanLoss}});
    }
    // The ratio: PyTorch's best setting over DeepStep's best, overall and round by round.
    Json report{{"samples", samples},   {"data", source},    {"contenders", table},
                {"blas_kernels", kernels}, {"wide_vectors", wide}};
    std::vector<bench::RoundTimes> times;
    for (const Contender& k : contenders)
        times.push_back({k.deepstep, &k.seconds});
    if (const bench::PeerRatio r = bench::peerOverDeepStep(times, o.rounds); r.valid) {
        std::cout << "\nPyTorch's best / DeepStep's best: " << fixed(r.overall, 2)
                  << "x (DeepStep is faster above 1; goal 1.5x); by round " << fixed(r.low, 2) << "x to "
                  << fixed(r.high, 2) << "x\n";
        report["ratio_pytorch_best_over_deepstep_best"] = r.overall;
        report["ratio_range_by_round"] = {r.low, r.high};
    }

    if (split.contains("layers")) {
        std::cout << "\nDeepStep by layer, " << split.at("threads").get<int>()
                  << " thread(s): milliseconds per batch of 64 (no optimizer step)\n";
        std::cout << padded("layer", 14) << "  forward  backward     total\n";
        double sum = 0.0;
        for (const Json& l : split.at("layers")) {
            const double f = l.at("forward").get<double>() * 1e3;
            const double b = l.at("backward").get<double>() * 1e3;
            sum += f + b;
            std::cout << padded(l.at("name").get<std::string>(), 14) << "  " << fixed(f, 3) << "    " << fixed(b, 3)
                      << "     " << fixed(f + b, 3) << "\n";
        }
        std::cout << padded("all layers", 14) << "                     " << fixed(sum, 3) << "\n";
        std::cout << "\nGEMMs of the convolutions, per image (GFLOP/s, OpenBLAS, "
                  << split.at("threads").get<int>() << " thread(s))\n";
        std::cout << padded("product", 24) << "     m     n     k   sgemm   dgemm\n";
        for (const Json& g : split.at("gemm")) {
            std::cout << padded(g.at("name").get<std::string>(), 24) << " " << padded(std::to_string(g.at("m").get<int>()), 5)
                      << " " << padded(std::to_string(g.at("n").get<int>()), 5) << " "
                      << padded(std::to_string(g.at("k").get<int>()), 5) << " " << fixed(g.at("sgemm_gflops").get<double>(), 2)
                      << "   " << fixed(g.at("dgemm_gflops").get<double>(), 2) << "\n";
        }
        report["layers"] = split.at("layers");
        report["gemm"] = split.at("gemm");
    }
    // --tiny is the smoke test: every DeepStep run must have finished with a finite,
    // falling loss (PyTorch may be missing; its runs then say why above).
    if (o.tiny) {
        for (const Contender& k : contenders) {
            for (double s : k.seconds) {
                if (k.deepstep && !(s > 0.0 && k.meanLoss > 0.0 && k.meanLoss < 2.31)) {
                    std::cerr << "deepstep_bench_lenet: " << k.label << " did not train (" << s << " s, mean loss "
                              << k.meanLoss << ")\n";
                    return 1;
                }
            }
        }
    }
    if (!o.json.empty()) {
        std::ofstream out(o.json);
        out << report.dump(2) << "\n";
        if (!out) {
            std::cerr << "deepstep_bench_lenet: cannot write " << o.json << "\n";
            return 1;
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::keepFreedMemory();
    try {
        const Options o = parse(argc, argv);
        return o.worker ? runWorker(o) : runDriver(o, bench::selfPath());
    } catch (const std::exception& e) {
        std::cerr << "deepstep_bench_lenet: " << e.what() << "\n";
        return 1;
    }
}
