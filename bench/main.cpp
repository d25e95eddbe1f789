// deepstep_bench: DeepStep's MLP epoch against a hand-written Armadillo loop and
// against PyTorch, at several BLAS thread counts.
//
//   deepstep_bench [--tiny] [--threads 1,2] [--rounds R] [--reps N] [--limit N] [--json PATH]
//                  [--no-pytorch] [--python PATH] [--pytorch-script PATH]
//                  [--data-dir DIR] [--check]
//   deepstep_bench --profile [--reps R] [--limit N]
//
// --profile runs only DeepStep's epochs, in this process and with this process's
// thread settings, for perf or callgrind to look at.
//
// OpenBLAS fixes its thread count when it starts, so the driver runs itself as a
// worker (--worker) with OPENBLAS_NUM_THREADS set, and PyTorch in its own process;
// each prints JSON on stdout. This machine's speed drifts from minute to minute, so
// the contenders take turns: each round runs the worker (DeepStep and the
// hand-written loop, alternating) and then PyTorch, and every figure is the best over
// all rounds; the report also gives each ratio's range over the rounds.
#include "bench.hpp"
#include "process.hpp"
#include "report.hpp"

#include "deepstep/blas.hpp"
#include "deepstep/errors.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <limits>
#include <optional>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using deepstep::Json;
namespace bench = deepstep::bench;
using bench::capture;
using bench::lastJsonLine;
using bench::quoted;
using bench::selfPath;
using bench::threadEnvironment;

struct Options {
    bool worker = false;
    bool profile = false;
    bool tiny = false;
    bool check = false;
    bool pytorch = true;
    std::vector<int> threads{1, 2};
    int rounds = 3;
    int reps = 2;
    bool gemmTable = true;  ///< worker: measure the GEMM table (the first round's worker only)
    std::size_t limit = 0;
    double gemmSeconds = 0.3;
    std::string json;
    std::string blasKernels;  ///< OPENBLAS_CORETYPE for every contender; "": as the environment and DeepStep pick
    std::string python = "/usr/bin/python3";
    std::string pytorchScript = DEEPSTEP_BENCH_PYTORCH_SCRIPT;
    std::string dataDir = bench::defaultDataDirectory();
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "deepstep_bench: " << problem << "\n"
              << "usage: deepstep_bench [--tiny] [--threads 1,2] [--rounds R] [--reps N] [--limit N] [--json PATH]\n"
              << "                      [--no-pytorch] [--python PATH] [--pytorch-script PATH]\n"
              << "                      [--blas-kernels NAME]   (OPENBLAS_CORETYPE for every contender)\n"
              << "                      [--data-dir DIR] [--gemm-seconds S] [--check]\n"
              << "       deepstep_bench --profile [--reps R] [--limit N] [--data-dir DIR]\n";
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
    bool repsGiven = false;
    bool roundsGiven = false;
    bool limitGiven = false;
    bool gemmGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--worker") {
            o.worker = true;
        } else if (a == "--profile") {
            o.profile = true;
        } else if (a == "--blas-kernels") {
            o.blasKernels = value();
        } else if (a == "--tiny") {
            o.tiny = true;
        } else if (a == "--check") {
            o.check = true;
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
        } else if (a == "--no-gemm-table") {
            o.gemmTable = false;
        } else if (a == "--reps") {
            o.reps = static_cast<int>(integerArgument(a, value(), 1));
            repsGiven = true;
        } else if (a == "--limit") {
            o.limit = static_cast<std::size_t>(integerArgument(a, value(), 0));
            limitGiven = true;
        } else if (a == "--gemm-seconds") {
            const std::string v = value();
            char* end = nullptr;
            o.gemmSeconds = std::strtod(v.c_str(), &end);
            if (end == v.c_str() || *end != '\0' || !(o.gemmSeconds > 0.0)) {
                usage("--gemm-seconds: expected a positive number, got \"" + v + "\"");
            }
            gemmGiven = true;
        } else if (a == "--json") {
            o.json = value();
        } else if (a == "--python") {
            o.python = value();
        } else if (a == "--pytorch-script") {
            o.pytorchScript = value();
        } else if (a == "--data-dir") {
            o.dataDir = value();
        } else if (a == "--help" || a == "-h") {
            usage("runs one MLP training epoch in DeepStep, by hand with Armadillo and in PyTorch");
        } else {
            usage("unknown argument \"" + a + "\"");
        }
    }
    if (o.tiny) {
        o.check = true;
        o.limit = limitGiven ? o.limit : 1000;
        o.reps = repsGiven ? o.reps : 1;
        o.rounds = roundsGiven ? o.rounds : 1;
        o.gemmSeconds = gemmGiven ? o.gemmSeconds : 0.03;
    }
    return o;
}

Json epochJson(const std::vector<bench::EpochRun>& runs, std::size_t samples) {
    std::vector<double> seconds;
    for (const auto& r : runs) {
        seconds.push_back(r.seconds);
    }
    const double best = bench::minimum(seconds);
    const double med = bench::median(seconds);
    const bench::EpochRun& last = runs.back();
    return {{"epoch_seconds", seconds},
            {"best_seconds", best},
            {"median_seconds", med},
            {"samples_per_second", static_cast<double>(samples) / best},
            {"samples_per_second_median", static_cast<double>(samples) / med},
            {"mean_loss", last.meanLoss},
            {"loss_before", last.lossBefore},
            {"loss_after", last.lossAfter}};
}

// One thread count: DeepStep and the hand-written loop alternate, repetition by
// repetition, so that a noisy neighbour hurts both alike; then the GEMM table.
int runWorker(const Options& o) {
    const bench::MlpConfig config;
    const bench::BenchData data = bench::loadBenchData(o.limit, config, o.dataDir);
    const std::size_t n = data.inputs.batch();
    std::vector<bench::EpochRun> ds;
    std::vector<bench::EpochRun> ref;
    std::vector<double> gemmSeconds;
    float maxDiff = 0.0F;
    bool running = false;
    for (int rep = 0; rep < o.reps; ++rep) {
        const bench::DeepStepEpoch d = bench::runDeepStepEpoch(data, config);
        const bench::ReferenceEpoch r = bench::runReferenceEpoch(data, config, d.initial);
        ds.push_back(d.run);
        ref.push_back(r.run);
        gemmSeconds.push_back(r.run.gemmSeconds);
        maxDiff = std::max(maxDiff, bench::maxDifference(d.final, r.final));
        running = d.trainAccuracyRunning;
        std::cerr << "  [" << bench::blasThreads() << " thread(s)] repetition " << rep + 1 << "/" << o.reps
                  << ": DeepStep " << d.run.seconds << " s, hand-written " << r.run.seconds << " s\n";
    }
    Json out;
    out["threads"] = bench::blasThreads();
    out["blas_kernels"] = deepstep::blasCoreName();
    out["data"] = data.source;
    out["samples"] = n;
    out["deepstep"] = epochJson(ds, n);
    out["deepstep"]["train_accuracy"] = running ? "running" : "full re-evaluation inside the epoch time";
    const double dsFlops = bench::epochGemmFlops(config, n);
    out["deepstep"]["gemm_flops"] = dsFlops;
    out["deepstep"]["gemm_gflops_over_wall"] = dsFlops / out["deepstep"]["best_seconds"].get<double>() / 1e9;

    out["handwritten"] = epochJson(ref, n);
    const double refFlops = bench::epochGemmFlops(config, n);
    // The GEMM time of the fastest repetition, so it matches best_seconds.
    std::size_t bestRep = 0;
    for (std::size_t i = 1; i < ref.size(); ++i) {
        bestRep = ref[i].seconds < ref[bestRep].seconds ? i : bestRep;
    }
    out["handwritten"]["gemm_flops"] = refFlops;
    out["handwritten"]["gemm_seconds"] = gemmSeconds[bestRep];
    out["handwritten"]["gemm_share"] = gemmSeconds[bestRep] / ref[bestRep].seconds;
    out["handwritten"]["gemm_gflops_in_loop"] = refFlops / gemmSeconds[bestRep] / 1e9;
    out["weights_max_difference"] = maxDiff;

    Json gemms = Json::array();
    for (const bench::GemmRate& g :
         o.gemmTable ? bench::measureGemmRates(config, o.gemmSeconds) : std::vector<bench::GemmRate>{}) {
        gemms.push_back({{"name", g.shape.name},
                         {"m", g.shape.m},
                         {"n", g.shape.n},
                         {"k", g.shape.k},
                         {"trans_a", g.shape.transA},
                         {"trans_b", g.shape.transB},
                         {"unneeded", g.shape.unneeded},
                         {"tensor_gflops", g.tensorGflops},
                         {"openblas_gflops", g.blasGflops}});
    }
    out["gemm"] = gemms;
    std::cout << out.dump() << std::endl;
    return 0;
}

int runProfile(const Options& o) {
    const bench::MlpConfig config;
    const bench::BenchData data = bench::loadBenchData(o.limit, config, o.dataDir);
    for (int rep = 0; rep < o.reps; ++rep) {
        const bench::DeepStepEpoch d = bench::runDeepStepEpoch(data, config, false);
        std::cout << "DeepStep epoch " << rep + 1 << ": " << d.run.seconds << " s, "
                  << static_cast<double>(data.inputs.batch()) / d.run.seconds << " samples/s ("
                  << bench::blasThreads() << " BLAS thread(s))" << std::endl;
    }
    return 0;
}

// PyTorch's settings worth trying: its default inter-op pool or a single inter-op
// thread, and OpenMP's default spin-waiting or passive waiting. The Debian build runs
// its own OpenMP threads beside OpenBLAS's pthreads; at 2 threads on 2 cores the two
// pools spinning against each other can make an epoch 100 times slower.
// Every contender runs on the same OpenBLAS kernels: the driver's OPENBLAS_CORETYPE
// (the environment's, or --blas-kernels), which all workers inherit.
struct TorchSetting {
    int interop = 0;  ///< 0: PyTorch's default
    bool passiveWait = false;
    std::string label() const {
        return std::string("inter-op ") + (interop == 0 ? "default" : std::to_string(interop)) +
               (passiveWait ? ", OMP_WAIT_POLICY=PASSIVE" : "");
    }
};

// Runs the PyTorch script once; fills `p` with its JSON and the derived rates, or
// returns why it did not run.
std::string runTorchOnce(const Options& o, int threads, const TorchSetting& s, std::size_t limit, int reps, Json& p) {
    const std::string cmd = threadEnvironment(threads) + (s.passiveWait ? "OMP_WAIT_POLICY=PASSIVE " : "") +
                            quoted(o.python) + " " + quoted(o.pytorchScript) + " --threads " +
                            std::to_string(threads) + " --interop " + std::to_string(s.interop) + " --reps " +
                            std::to_string(reps) + " --limit " + std::to_string(limit) + " --data-dir " +
                            quoted(o.dataDir);
    int status = 0;
    p = lastJsonLine(capture(cmd, status));
    if (status != 0 || !p.is_object()) {
        return "the PyTorch script failed (exit status " + std::to_string(status) + ")";
    }
    if (!p.value("ok", false)) {
        return p.value("reason", std::string("unknown reason"));
    }
    const std::vector<double> seconds = p["epoch_seconds"].get<std::vector<double>>();
    const auto samples = p["samples"].get<double>();
    p["setting"] = s.label();
    p["best_seconds"] = bench::minimum(seconds);
    p["median_seconds"] = bench::median(seconds);
    p["samples_per_second"] = samples / bench::minimum(seconds);
    p["samples_per_second_median"] = samples / bench::median(seconds);
    return {};
}

// PyTorch's settings to try at one thread count. The smoke run only checks that
// PyTorch trains, with the setting that is never pathological.
std::vector<TorchSetting> torchSettings(const Options& o) {
    if (o.tiny) {
        return {{1, true}};
    }
    return {{0, false}, {1, false}, {0, true}, {1, true}};
}

// One contender's blocks from every round as one: the epochs of all rounds, the
// figures of the fastest, and the other fields of the round that had it.
Json mergeRounds(const std::vector<Json>& blocks, std::size_t samples) {
    std::size_t fastest = 0;
    std::vector<double> seconds;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        for (const double v : blocks[i]["epoch_seconds"].get<std::vector<double>>()) {
            seconds.push_back(v);
        }
        if (blocks[i]["best_seconds"].get<double>() < blocks[fastest]["best_seconds"].get<double>()) {
            fastest = i;
        }
    }
    Json merged = blocks[fastest];
    const double best = bench::minimum(seconds);
    const double med = bench::median(seconds);
    merged["epoch_seconds"] = seconds;
    merged["best_seconds"] = best;
    merged["median_seconds"] = med;
    merged["samples_per_second"] = static_cast<double>(samples) / best;
    merged["samples_per_second_median"] = static_cast<double>(samples) / med;
    if (merged.contains("gemm_flops") && merged.contains("gemm_gflops_over_wall")) {
        merged["gemm_gflops_over_wall"] = merged["gemm_flops"].get<double>() / best / 1e9;
    }
    return merged;
}

// Runs the rounds at one thread count and returns the run's JSON, or null when the
// worker failed. Sets `pytorchSkipped` when PyTorch could not run.
//
// PyTorch runs in every setting in every round: a short probe once picked a setting
// whose OpenMP threads spun against OpenBLAS's only in longer runs (1.5 s an epoch
// instead of 0.4). Its figure is that of its fastest setting, judged by the median.
Json runThreads(const Options& o, const std::string& self, int threads, std::string& pytorchSkipped) {
    const std::vector<TorchSetting> settings = torchSettings(o);
    std::vector<std::vector<Json>> torches(settings.size());  // [setting][round]
    std::vector<bool> dropped(settings.size(), false);
    std::vector<Json> workers;
    for (int round = 0; round < o.rounds; ++round) {
        const std::string where =
            "Round " + std::to_string(round + 1) + "/" + std::to_string(o.rounds) + ", " + std::to_string(threads) +
            " thread(s): ";
        std::cerr << where << "DeepStep and the hand-written loop...\n";
        const std::string args = " --worker --reps " + std::to_string(o.reps) + " --limit " +
                                 std::to_string(o.limit) + " --gemm-seconds " + std::to_string(o.gemmSeconds) +
                                 " --data-dir " + quoted(o.dataDir) + (round == 0 ? "" : " --no-gemm-table");
        int status = 0;
        const Json worker = lastJsonLine(capture(threadEnvironment(threads) + quoted(self) + args, status));
        if (status != 0 || !worker.is_object()) {
            std::cerr << "deepstep_bench: the worker for " << threads << " thread(s) failed (exit status " << status
                      << ")\n";
            return nullptr;
        }
        workers.push_back(worker);
        for (std::size_t s = 0; s < settings.size() && o.pytorch && pytorchSkipped.empty(); ++s) {
            if (dropped[s]) {
                continue;
            }
            std::cerr << where << "PyTorch, " << settings[s].label() << "...\n";
            Json p;
            pytorchSkipped = runTorchOnce(o, threads, settings[s], o.limit, o.reps, p);
            if (pytorchSkipped.empty()) {
                torches[s].push_back(p);
            }
        }
        if (round == 0 && pytorchSkipped.empty() && o.pytorch) {
            // A setting more than twice as slow as the fastest is a pathology, not a
            // contender: its later rounds would only take minutes.
            double quickest = std::numeric_limits<double>::infinity();
            for (const auto& t : torches) {
                quickest = std::min(quickest, t.front()["best_seconds"].get<double>());
            }
            for (std::size_t s = 0; s < settings.size(); ++s) {
                if (torches[s].front()["best_seconds"].get<double>() > 2.0 * quickest) {
                    std::cerr << where << "PyTorch, " << settings[s].label()
                              << ": more than twice as slow as the fastest setting; not run again\n";
                    dropped[s] = true;
                }
            }
        }
    }
    Json run = workers.front();
    const auto samples = run["samples"].get<std::size_t>();
    std::vector<Json> ds;
    std::vector<Json> hand;
    double worstDifference = 0.0;
    for (const Json& w : workers) {
        ds.push_back(w["deepstep"]);
        hand.push_back(w["handwritten"]);
        worstDifference = std::max(worstDifference, w["weights_max_difference"].get<double>());
    }
    run["deepstep"] = mergeRounds(ds, samples);
    run["handwritten"] = mergeRounds(hand, samples);
    run["weights_max_difference"] = worstDifference;
    run["requested_threads"] = threads;

    // PyTorch's figure is that of its fastest setting (by median epoch) among those
    // that ran every round; the settings dropped after round 1 are listed with their
    // one round.
    std::optional<std::size_t> fastest;
    Json fastestMerged;
    Json torchBySetting = Json::array();
    if (pytorchSkipped.empty() && o.pytorch) {
        for (std::size_t s = 0; s < settings.size(); ++s) {
            if (torches[s].empty()) {
                continue;
            }
            const Json merged = mergeRounds(torches[s], samples);
            torchBySetting.push_back({{"setting", settings[s].label()},
                                      {"rounds", torches[s].size()},
                                      {"dropped_after_round_1", static_cast<bool>(dropped[s])},
                                      {"samples_per_second", merged["samples_per_second"]},
                                      {"samples_per_second_median", merged["samples_per_second_median"]}});
            if (torches[s].size() != workers.size()) {
                continue;
            }
            // Chosen by its median: picking by the best epoch would give PyTorch four
            // draws for every one the other contenders get.
            if (!fastest ||
                merged["median_seconds"].get<double>() < fastestMerged["median_seconds"].get<double>()) {
                fastest = s;
                fastestMerged = merged;
            }
        }
    }
    Json rounds = Json::array();
    for (std::size_t r = 0; r < workers.size(); ++r) {
        Json round{{"deepstep_seconds", workers[r]["deepstep"]["best_seconds"]},
                   {"handwritten_seconds", workers[r]["handwritten"]["best_seconds"]}};
        if (fastest) {
            round["pytorch_seconds"] = torches[*fastest][r]["best_seconds"];
        }
        rounds.push_back(round);
    }
    run["rounds"] = rounds;
    if (fastest) {
        run["pytorch"] = fastestMerged;
        run["pytorch_settings"] = torchBySetting;
    }
    return run;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d", std::localtime(&now));
    return text;
}

int runDriver(const Options& o) {
    // The workers run DeepStep as the deepstep command does, with the kernels it
    // picks; PyTorch and the hand-written loop inherit the same choice.
    if (!o.blasKernels.empty()) {
        ::setenv("OPENBLAS_CORETYPE", o.blasKernels.c_str(), 1);
    }
    deepstep::preferBlasDefaults();
    const std::string self = selfPath();
    const bench::MlpConfig config;
    Json results;
    results["date"] = today();
    results["machine"] = bench::machineDescription();
    results["network"] = "MLP 784-128-64-10, ReLU, ReLU, softmax + cross-entropy";
    results["training"] = {{"batch", config.batchSize},
                           {"learning_rate", config.learningRate},
                           {"momentum", config.momentum},
                           {"seed", config.seed},
                           {"epochs_per_repetition", 1},
                           {"rounds", o.rounds},
                           {"repetitions_per_round", o.reps},
                           {"figure", "best over all rounds (lowest epoch time); medians in the JSON"}};
    results["runs"] = Json::array();
    std::string pytorchSkipped;

    for (int t : o.threads) {
        Json run = runThreads(o, self, t, pytorchSkipped);
        if (run.is_null()) {
            return 1;
        }
        results["runs"].push_back(run);
    }
    if (!o.pytorch) {
        pytorchSkipped = "--no-pytorch was given";
    }
    if (!pytorchSkipped.empty()) {
        results["pytorch_skipped"] = pytorchSkipped;
    }

    std::cout << bench::formatReport(results);
    if (!o.json.empty()) {
        std::ofstream file(o.json);
        file << results.dump(2) << "\n";
        if (!file) {
            std::cerr << "deepstep_bench: cannot write " << o.json << "\n";
            return 1;
        }
        std::cout << "\nJSON written to " << o.json << "\n";
    }
    if (o.check) {
        // Small data keeps DeepStep and the hand-written loop in lockstep; over a
        // full epoch float rounding may drift further, so only report it there.
        const bool small = o.limit != 0 && o.limit <= 5000;
        const auto problems = bench::sanityProblems(results, small, 1e-3);
        if (!problems.empty()) {
            std::cerr << "\ndeepstep_bench: the numbers are not sane:\n";
            for (const auto& p : problems) {
                std::cerr << "  - " << p << "\n";
            }
            return 1;
        }
        std::cout << "\nSanity checks passed.\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    bench::keepFreedMemory();
    const Options o = parse(argc, argv);
    try {
        if (o.profile) {
            return runProfile(o);
        }
        return o.worker ? runWorker(o) : runDriver(o);
    } catch (const deepstep::InputError& e) {
        std::cerr << "deepstep_bench: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "deepstep_bench: " << e.what() << "\n";
        return 1;
    }
}
