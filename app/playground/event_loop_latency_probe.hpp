#pragma once
// EventLoopLatencyProbe: how responsive is the UI thread right now?
//
// A precise timer asks to fire every intervalMs (5 ms). When the event loop is free
// it fires on time; when something blocks the loop (a long paint, work that belongs
// in a worker thread) the timer fires late, and the delay is exactly how long a click
// or a key press would have waited. The probe records, for every tick, how much later
// than intervalMs after the previous tick it fired. QtCore only.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <cstddef>
#include <vector>

namespace deepstep::studio {

class EventLoopLatencyProbe : public QObject {
    Q_OBJECT

public:
    /// requires: intervalMs >= 1. Lives in (and measures) the thread it is created in.
    explicit EventLoopLatencyProbe(int intervalMs = 5, QObject* parent = nullptr);

    /// Starts measuring (clears earlier samples). The first tick only sets the clock.
    void start();
    void stop();
    bool isRunning() const { return timer_.isActive(); }
    void clear();
    int intervalMs() const { return intervalMs_; }

    /// Number of recorded ticks.
    std::size_t sampleCount() const { return samples_.size(); }
    /// The longest delay seen, in ms; 0 without samples.
    double maxLatencyMs() const;
    /// The p-th percentile delay (p in [0, 100]), in ms; 0 without samples.
    double percentileMs(double p) const;
    double meanLatencyMs() const;

signals:
    /// After every tick (cheap to connect to; views refresh at their own pace).
    void sampled(double latencyMs);

private:
    void tick();

    int intervalMs_;
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastNs_ = -1;
    std::vector<double> samples_;
};

}  // namespace deepstep::studio
