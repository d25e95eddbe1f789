#include "event_loop_latency_probe.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace deepstep::studio {

namespace {
// An hour of ticks at 5 ms; older samples are dropped rather than growing forever.
constexpr std::size_t kMaxSamples = 720000;
}  // namespace

EventLoopLatencyProbe::EventLoopLatencyProbe(int intervalMs, QObject* parent)
    : QObject(parent), intervalMs_(std::max(1, intervalMs)), timer_(this) {
    // A coarse timer may legally fire up to 5 % late; the probe must not add noise.
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(intervalMs_);
    connect(&timer_, &QTimer::timeout, this, &EventLoopLatencyProbe::tick);
}

void EventLoopLatencyProbe::start() {
    clear();
    clock_.start();
    timer_.start();
}

void EventLoopLatencyProbe::stop() {
    timer_.stop();
    lastNs_ = -1;
}

void EventLoopLatencyProbe::clear() {
    samples_.clear();
    lastNs_ = -1;
}

void EventLoopLatencyProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    if (lastNs_ >= 0) {
        const double late = static_cast<double>(now - lastNs_) / 1e6 - intervalMs_;
        const double latency = std::max(0.0, late);
        if (samples_.size() >= kMaxSamples) samples_.erase(samples_.begin(), samples_.begin() + kMaxSamples / 10);
        samples_.push_back(latency);
        emit sampled(latency);
    }
    lastNs_ = now;
}

double EventLoopLatencyProbe::maxLatencyMs() const {
    return samples_.empty() ? 0.0 : *std::max_element(samples_.begin(), samples_.end());
}

double EventLoopLatencyProbe::percentileMs(double p) const {
    if (samples_.empty()) return 0.0;
    std::vector<double> sorted = samples_;
    const double clamped = std::clamp(p, 0.0, 100.0);
    // Nearest rank: the smallest sample with at least p % of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(clamped / 100.0 * static_cast<double>(sorted.size())));
    const std::size_t index = rank == 0 ? 0 : rank - 1;
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(index), sorted.end());
    return sorted[index];
}

double EventLoopLatencyProbe::meanLatencyMs() const {
    if (samples_.empty()) return 0.0;
    return std::accumulate(samples_.begin(), samples_.end(), 0.0) / static_cast<double>(samples_.size());
}

}  // namespace deepstep::studio
