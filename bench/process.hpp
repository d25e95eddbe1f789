#pragma once
// What the bench drivers share for running their workers and peers as separate
// processes: each child prints its figures as one JSON line on stdout.

#include "deepstep/options.hpp"

#include <string>
#include <vector>

namespace deepstep::bench {

/// `text` as an integer >= `least`.
/// throws std::invalid_argument "FLAG: expected an integer >= LEAST, got "TEXT"".
long long integerArgument(const std::string& flag, const std::string& text, long long least);

/// A --threads list such as "1,2". throws std::invalid_argument.
std::vector<int> threadList(const std::string& text);

/// `s` in single quotes for the shell.
std::string quoted(const std::string& s);

/// "env OPENBLAS_NUM_THREADS=n OMP_NUM_THREADS=n MKL_NUM_THREADS=n DEEPSTEP_THREADS=n " for a command line.
std::string threadEnvironment(int threads);

/// Runs a shell command, returns its stdout and sets `status` to its exit status.
std::string capture(const std::string& command, int& status);

/// The last line of `text` that parses as a JSON object (null when none does).
Json lastJsonLine(const std::string& text);

/// This program's own path, from /proc/self/exe. throws std::runtime_error.
std::string selfPath();

/// Keeps freed memory in the process as `deepstep` does (see tools/deepstep/main.cpp):
/// the bench times what the command line runs.
void keepFreedMemory();

/// The peak resident memory of this process so far, in MiB (getrusage).
double peakResidentMiB();

/// `v` with `decimals` digits after the point; `s` padded with spaces to `width`.
std::string fixed(double v, int decimals);
std::string padded(const std::string& s, std::size_t width);

/// One contender's times, one per round (NaN where the run failed).
struct RoundTimes {
    bool deepstep = false;
    const std::vector<double>* seconds = nullptr;
};
/// The peer's best time over DeepStep's best (above 1: DeepStep is faster), overall and
/// the lowest and highest of the same ratio taken round by round. valid is false when
/// either side never finished.
struct PeerRatio {
    bool valid = false;
    double overall = 0.0;
    double low = 0.0;
    double high = 0.0;
};
PeerRatio peerOverDeepStep(const std::vector<RoundTimes>& contenders, int rounds);

}  // namespace deepstep::bench
