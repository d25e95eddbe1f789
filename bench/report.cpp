#include "report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace deepstep::bench {

namespace {

// Display width of UTF-8 text: one column per code point (ᵀ and δ are one each).
std::size_t width(const std::string& s) {
    std::size_t w = 0;
    for (unsigned char c : s) {
        w += (c & 0xC0U) != 0x80U ? 1 : 0;
    }
    return w;
}

std::string padRight(const std::string& s, std::size_t w) {
    return s + std::string(w > width(s) ? w - width(s) : 0, ' ');
}

std::string padLeft(const std::string& s, std::size_t w) {
    return std::string(w > width(s) ? w - width(s) : 0, ' ') + s;
}

std::string number(double v, int decimals) {
    if (!std::isfinite(v)) {
        return "—";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, v);
    return text;
}

std::string scientific(double v) {
    if (!std::isfinite(v)) {
        return "—";
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.2e", v);
    return text;
}

// 41234.5 → "41,235"
std::string grouped(double v) {
    if (!std::isfinite(v)) {
        return "—";
    }
    std::string digits = number(v, 0);
    std::string out;
    const std::size_t start = digits.front() == '-' ? 1 : 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        out += digits[i];
        const std::size_t left = digits.size() - 1 - i;
        if (i >= start && left > 0 && left % 3 == 0) {
            out += ',';
        }
    }
    return out;
}

double at(const Json& j, const char* a, const char* b) {
    if (j.contains(a) && j[a].contains(b) && j[a][b].is_number()) {
        return j[a][b].get<double>();
    }
    return std::nan("");
}

std::string threadsLabel(const Json& run) {
    const int t = run.value("requested_threads", run.value("threads", 0));
    return std::to_string(t) + (t == 1 ? " thread" : " threads");
}

// The lowest and highest of DeepStep's speed over a peer's, round by round (each
// round's best epochs), e.g. "1.52–1.61"; "—" without rounds or that peer.
std::string roundRange(const Json& run, const char* peerSeconds) {
    const bool torch = std::string(peerSeconds) == "pytorch_seconds";
    if (!run.contains("rounds") || (torch && !run.contains("pytorch"))) {
        return "—";
    }
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (const Json& round : run["rounds"]) {
        if (!round.contains(peerSeconds) || !round.contains("deepstep_seconds")) {
            return "—";
        }
        const double ratio = round[peerSeconds].get<double>() / round["deepstep_seconds"].get<double>();
        low = std::min(low, ratio);
        high = std::max(high, ratio);
    }
    if (!std::isfinite(low)) {
        return "—";
    }
    return number(low, 2) + "–" + number(high, 2);
}

}  // namespace

std::string formatReport(const Json& results) {
    std::ostringstream os;
    const Json& runs = results["runs"];
    if (runs.empty()) {
        return "no measurements\n";
    }
    const Json& training = results["training"];
    const Json& first = runs[0];
    os << "DeepStep bench: " << results.value("network", std::string()) << "\n"
       << "  SGD, momentum " << training.value("momentum", 0.0) << ", learning rate "
       << training.value("learning_rate", 0.0) << ", batch " << training.value("batch", 0) << ", one epoch over "
       << first.value("samples", 0) << " images\n"
       << "  data: " << first.value("data", std::string()) << "\n"
       << "  machine: " << results.value("machine", std::string()) << ", " << results.value("date", std::string())
       << "\n"
       << "  figures: " << training.value("figure", std::string()) << "; " << training.value("rounds", 0)
       << " round(s) of " << training.value("repetitions_per_round", 0) << " epoch(s) per contender\n\n";

    constexpr std::size_t label = 30;
    constexpr std::size_t col = 14;
    os << padRight("samples/s (higher is better)", label);
    for (const Json& run : runs) {
        os << padLeft(threadsLabel(run), col);
    }
    os << "\n";
    auto row = [&](const std::string& name, auto value) {
        os << padRight(name, label);
        for (const Json& run : runs) {
            os << padLeft(value(run), col);
        }
        os << "\n";
    };
    row("DeepStep", [](const Json& r) { return grouped(at(r, "deepstep", "samples_per_second")); });
    row("hand-written Armadillo", [](const Json& r) { return grouped(at(r, "handwritten", "samples_per_second")); });
    std::string torchName = "PyTorch";
    for (const Json& run : runs) {
        if (run.contains("pytorch")) {
            torchName += " " + run["pytorch"].value("torch", std::string());
            break;
        }
    }
    row(torchName, [](const Json& r) { return grouped(at(r, "pytorch", "samples_per_second")); });
    row("DeepStep / hand-written", [](const Json& r) {
        return number(at(r, "deepstep", "samples_per_second") / at(r, "handwritten", "samples_per_second"), 3);
    });
    row("  each round, lowest–highest", [](const Json& r) { return roundRange(r, "handwritten_seconds"); });
    row("DeepStep / PyTorch", [](const Json& r) {
        return number(at(r, "deepstep", "samples_per_second") / at(r, "pytorch", "samples_per_second"), 3);
    });
    row("  each round, lowest–highest", [](const Json& r) { return roundRange(r, "pytorch_seconds"); });
    os << "\n";
    if (results.contains("pytorch_skipped")) {
        os << "PyTorch skipped: " << results["pytorch_skipped"].get<std::string>() << "\n";
    } else {
        os << "PyTorch's fastest setting (by median epoch):";
        for (const Json& run : runs) {
            if (run.contains("pytorch")) {
                os << " " << threadsLabel(run) << ": " << run["pytorch"].value("setting", std::string("?")) << ";";
            }
        }
        os << "\n";
    }
    os << "OpenBLAS kernels of DeepStep and the hand-written loop: " << first.value("blas_kernels", std::string("?"))
       << "\n";
    os << "DeepStep's epoch time: train accuracy "
       << first["deepstep"].value("train_accuracy", std::string("?")) << "\n";
    row("weights, max |DeepStep − hand|",
        [](const Json& r) { return scientific(r.value("weights_max_difference", std::nan(""))); });

    os << "\nGEMM GFLOP/s at batch " << training.value("batch", 0)
       << " (column form: C (m×n) = op(A)·op(B), inner size k)\n";
    constexpr std::size_t name = 24;
    os << padRight("product", name) << padLeft("m", 5) << padLeft("n", 5) << padLeft("k", 5);
    for (const Json& run : runs) {
        const std::string t = std::to_string(run.value("requested_threads", 0)) + "T";
        os << padLeft(t + " Tensor", 11) << padLeft(t + " OpenBLAS", 12);
    }
    os << "\n";
    const Json& gemms = first["gemm"];
    for (std::size_t g = 0; g < gemms.size(); ++g) {
        const Json& s = gemms[g];
        os << padRight(s.value("name", std::string()) + (s.value("unneeded", false) ? " *" : ""), name)
           << padLeft(std::to_string(s.value("m", 0)), 5) << padLeft(std::to_string(s.value("n", 0)), 5)
           << padLeft(std::to_string(s.value("k", 0)), 5);
        for (const Json& run : runs) {
            const Json& r = run["gemm"][g];
            os << padLeft(number(r.value("tensor_gflops", std::nan("")), 1), 11)
               << padLeft(number(r.value("openblas_gflops", std::nan("")), 1), 12);
        }
        os << "\n";
    }
    os << "  * dL/dX of the images: training never needs it and every contender skips it; listed for reference.\n\n";

    os << padRight("GEMM rate inside the epoch", label);
    for (const Json& run : runs) {
        os << padLeft(threadsLabel(run), col);
    }
    os << "\n";
    row("hand-written: flops/GEMM time", [](const Json& r) {
        return number(at(r, "handwritten", "gemm_gflops_in_loop"), 1) + " GF/s";
    });
    row("hand-written: GEMM share", [](const Json& r) {
        return number(100.0 * at(r, "handwritten", "gemm_share"), 1) + " %";
    });
    row("DeepStep: flops/epoch wall", [](const Json& r) {
        return number(at(r, "deepstep", "gemm_gflops_over_wall"), 1) + " GF/s";
    });
    os << "  hand-written: an epoch's GEMM flops over the time measured around its GEMM calls.\n"
          "  DeepStep: the same GEMM flops over its whole epoch time,\n"
          "  a lower bound on its GEMM rate; the gap to the line above is time outside GEMMs.\n";
    return os.str();
}

std::vector<std::string> sanityProblems(const Json& results, bool compareWeights, double weightTolerance) {
    std::vector<std::string> problems;
    auto positive = [&](const std::string& what, double v) {
        if (!std::isfinite(v) || v <= 0.0) {
            problems.push_back(what + " is " + number(v, 6) + ", expected a finite number > 0");
        }
    };
    if (!results.contains("runs") || results["runs"].empty()) {
        problems.push_back("no measurements");
        return problems;
    }
    for (const Json& run : results["runs"]) {
        const std::string t = threadsLabel(run);
        for (const char* who : {"deepstep", "handwritten", "pytorch"}) {
            if (!run.contains(who)) {
                if (std::string(who) != "pytorch") {
                    problems.push_back(t + ": no " + who + " measurement");
                }
                continue;
            }
            const std::string w = t + ", " + who;
            positive(w + " samples/s", at(run, who, "samples_per_second"));
            positive(w + " mean loss", at(run, who, "mean_loss"));
            const double before = at(run, who, "loss_before");
            const double after = at(run, who, "loss_after");
            positive(w + " loss before the epoch", before);
            positive(w + " loss after the epoch", after);
            if (std::isfinite(before) && std::isfinite(after) && !(after < before)) {
                problems.push_back(w + ": the loss did not decrease (" + number(before, 4) + " before the epoch, " +
                                   number(after, 4) + " after)");
            }
        }
        positive(t + ", hand-written GEMM rate", at(run, "handwritten", "gemm_gflops_in_loop"));
        const double share = at(run, "handwritten", "gemm_share");
        if (!(share > 0.0 && share <= 1.0)) {
            problems.push_back(t + ": hand-written GEMM share is " + number(share, 3) + ", expected in (0, 1]");
        }
        for (const Json& g : run["gemm"]) {
            positive(t + ", GEMM " + g.value("name", std::string()) + " through Tensor",
                     g.value("tensor_gflops", std::nan("")));
            positive(t + ", GEMM " + g.value("name", std::string()) + " through OpenBLAS",
                     g.value("openblas_gflops", std::nan("")));
        }
        const double diff = run.value("weights_max_difference", std::nan(""));
        if (compareWeights && !(diff <= weightTolerance)) {
            problems.push_back(t + ": DeepStep and the hand-written loop end " + scientific(diff) +
                               " apart (largest weight difference), expected at most " +
                               number(weightTolerance, 6) +
                               ": they no longer do the same arithmetic in the same batch order");
        }
    }
    return problems;
}

}  // namespace deepstep::bench
