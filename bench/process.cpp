// Child processes for the bench drivers (see process.hpp).
#include "process.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace deepstep::bench {

long long integerArgument(const std::string& flag, const std::string& text, long long least) {
    std::size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (text.empty() || used != text.size() || v < least) {
        throw std::invalid_argument(flag + ": expected an integer >= " + std::to_string(least) + ", got \"" + text +
                                    "\"");
    }
    return v;
}

std::vector<int> threadList(const std::string& text) {
    std::vector<int> threads;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        threads.push_back(static_cast<int>(integerArgument("--threads", item, 1)));
    }
    if (threads.empty()) {
        throw std::invalid_argument("--threads: expected a list like 1,2");
    }
    return threads;
}

std::string quoted(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

std::string threadEnvironment(int threads) {
    const std::string n = std::to_string(threads);
    return "env OPENBLAS_NUM_THREADS=" + n + " OMP_NUM_THREADS=" + n + " MKL_NUM_THREADS=" + n + " DEEPSTEP_THREADS=" + n + " ";
}

// Runs a shell command, returns its stdout and sets `status` to its exit status.
std::string capture(const std::string& command, int& status) {
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        status = -1;
        return {};
    }
    std::string out;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, got);
    }
    const int raw = pclose(pipe);
    status = raw == -1 ? -1 : (WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw));
    return out;
}

// The last line of `text` that parses as a JSON object.
Json lastJsonLine(const std::string& text) {
    std::istringstream in(text);
    std::string line;
    Json found;
    while (std::getline(in, line)) {
        if (!line.empty() && line.front() == '{') {
            const Json j = Json::parse(line, nullptr, false);
            if (!j.is_discarded()) {
                found = j;
            }
        }
    }
    return found;
}

std::string selfPath() {
    std::vector<char> buffer(4096);
    const ssize_t n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
    if (n <= 0) {
        throw std::runtime_error("cannot find this program's own path in /proc/self/exe");
    }
    return std::string(buffer.data(), static_cast<std::size_t>(n));
}

void keepFreedMemory() {
    mallopt(M_MMAP_THRESHOLD, 256 << 20);
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

double peakResidentMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

std::string fixed(double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string padded(const std::string& s, std::size_t width) {
    return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

PeerRatio peerOverDeepStep(const std::vector<RoundTimes>& contenders, int rounds) {
    const double inf = std::numeric_limits<double>::infinity();
    double dsBest = inf, peerBest = inf, low = inf, high = 0.0;
    for (int round = 0; round < rounds; ++round) {
        double ds = inf, peer = inf;
        for (const RoundTimes& k : contenders) {
            const double s = k.seconds->at(static_cast<std::size_t>(round));
            if (s != s) continue;
            double& best = k.deepstep ? ds : peer;
            best = std::min(best, s);
        }
        dsBest = std::min(dsBest, ds);
        peerBest = std::min(peerBest, peer);
        if (ds < inf && peer < inf) {
            low = std::min(low, peer / ds);
            high = std::max(high, peer / ds);
        }
    }
    PeerRatio r;
    if (dsBest < inf && peerBest < inf) r = {true, peerBest / dsBest, low, high};
    return r;
}

}  // namespace deepstep::bench
