#include "progress.hpp"

#include "text.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace deepstep::cli {

ProgressBar::ProgressBar(std::FILE* out, int totalEpochs, bool interactive, std::size_t columns)
    : out_(out), total_(std::max(totalEpochs, 1)), interactive_(interactive), columns_(columns) {
    stride_ = std::max(1, total_ / 10);
    linePerEpoch_ = interactive_ && total_ <= kLinePerEpochLimit;
}

bool ProgressBar::stderrIsTerminal() {
    return isatty(fileno(stderr)) != 0;
}

std::size_t ProgressBar::terminalColumns() {
    winsize ws{};
    if (ioctl(fileno(stderr), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
    if (const char* env = std::getenv("COLUMNS")) {
        const long v = std::strtol(env, nullptr, 10);
        if (v > 0) return static_cast<std::size_t>(v);
    }
    return 80;
}

double ProgressBar::elapsed() const {
    return std::chrono::duration<double>(Clock::now() - start_).count();
}

std::string ProgressBar::status(double epochsDone) const {
    const bool inEpoch = linePerEpoch_ && currentEpoch_ > 0 && (!haveEpoch_ || last_.epoch < currentEpoch_);
    if (inEpoch) {
        // The epoch in progress: its running mean loss and live rate.
        std::string s = tr("progress.epoch") + " " + std::to_string(currentEpoch_) + "/" + std::to_string(total_);
        if (currentLossSamples_ > 0)
            s += "  " + tr("progress.loss") + " " +
                 formatNumber(currentLossSum_ / static_cast<double>(currentLossSamples_), 4);
        const double seconds = std::chrono::duration<double>(Clock::now() - currentStart_).count();
        if (currentSamples_ > 0 && seconds > 0.0)
            s += "  " + tr("progress.rate", {formatRate(static_cast<double>(currentSamples_) / seconds)});
        if (epochsDone > 0.0 && epochsDone < total_) {
            const double remaining = elapsed() / epochsDone * (total_ - epochsDone);
            s += "  " + tr("progress.eta", {formatDuration(remaining)});
        }
        return s;
    }
    std::string s =
        tr("progress.epoch") + " " + std::to_string(haveEpoch_ ? last_.epoch : 0) + "/" + std::to_string(total_);
    if (haveEpoch_) {
        s += "  " + tr("progress.loss") + " " + formatNumber(last_.trainLoss, 4);
        if (std::isfinite(last_.trainAccuracy))
            s += "  " + tr("progress.accuracy") + " " + formatPercent(last_.trainAccuracy);
        if (last_.hasValidation) {
            s += "  " + tr("progress.validation") + " " + formatNumber(last_.validationLoss, 4);
            if (std::isfinite(last_.validationAccuracy)) s += " " + formatPercent(last_.validationAccuracy);
        }
        // One epoch's own rate on its own line; the run's mean on a shared line.
        if (linePerEpoch_ && last_.seconds > 0.0)
            s += "  " + tr("progress.rate", {formatRate(static_cast<double>(last_.samples) / last_.seconds)});
        else if (trainedSeconds_ > 0.0)
            s += "  " + tr("progress.rate", {formatRate(static_cast<double>(samples_) / trainedSeconds_)});
    }
    if (epochsDone > 0.0 && epochsDone < total_) {
        const double remaining = elapsed() / epochsDone * (total_ - epochsDone);
        s += "  " + tr("progress.eta", {formatDuration(remaining)});
    }
    return s;
}

void ProgressBar::draw(double epochsDone, bool force) {
    const auto now = Clock::now();
    if (!force && drawn_ && now - lastDraw_ < std::chrono::milliseconds(100)) return;
    lastDraw_ = now;

    // Line per epoch: the bar is this epoch's; otherwise the whole run's.
    const double fraction = linePerEpoch_ ? std::clamp(epochsDone - std::ceil(epochsDone) + 1.0, 0.0, 1.0)
                                          : std::clamp(epochsDone / total_, 0.0, 1.0);
    char percent[16];
    std::snprintf(percent, sizeof percent, "%3d%% ", static_cast<int>(fraction * 100.0));
    std::string line;
    // A fixed-width bar (it would jitter if it took what the status leaves), only
    // where the terminal has room for it beside a typical status.
    constexpr std::size_t kStatusRoom = 80;
    if (columns_ >= kStatusRoom + 12) {
        const std::size_t width = std::min<std::size_t>(columns_ - kStatusRoom, 30);
        const auto filled = static_cast<std::size_t>(std::lround(fraction * static_cast<double>(width)));
        line = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    }
    line += percent + status(epochsDone);
    // Never wider than the terminal: a wrapped line cannot be redrawn in place.
    line = truncateToWidth(line, columns_ > 1 ? columns_ - 1 : columns_);
    std::fprintf(out_, "\r%s\x1b[K", line.c_str());
    std::fflush(out_);
    drawn_ = true;
}

void ProgressBar::printLine(double epochsDone) {
    std::fprintf(out_, "%s\n", status(epochsDone).c_str());
    std::fflush(out_);
    lastPrinted_ = true;
}

void ProgressBar::step(const StepInfo& info) {
    if (!interactive_) return;
    if (info.epoch != currentEpoch_) {
        currentEpoch_ = info.epoch;
        currentLossSum_ = 0.0;
        currentLossSamples_ = 0;
        // The clock starts at this first report, so the rate counts the batches after it.
        currentSamples_ = 0;
        currentStart_ = Clock::now();
    } else {
        currentSamples_ += info.batchSize;
    }
    currentLossSum_ += static_cast<double>(info.loss) * static_cast<double>(info.batchSize);
    currentLossSamples_ += info.batchSize;
    if (info.iterationsPerEpoch <= 1) return;
    const double done =
        (info.epoch - 1) + static_cast<double>(info.iterationInEpoch) / static_cast<double>(info.iterationsPerEpoch);
    draw(done, false);
}

void ProgressBar::epoch(const EpochInfo& info) {
    last_ = info;
    haveEpoch_ = true;
    samples_ += info.samples;
    trainedSeconds_ += info.seconds;
    if (interactive_) {
        draw(info.epoch, linePerEpoch_);
        if (linePerEpoch_) {
            // This epoch's line stays; the next epoch draws below it.
            std::fputc('\n', out_);
            drawn_ = false;
        }
        return;
    }
    lastPrinted_ = false;
    if (info.epoch == 1 || info.epoch % stride_ == 0 || info.epoch >= total_) printLine(info.epoch);
}

void ProgressBar::finish() {
    if (interactive_) {
        if (haveEpoch_ && !linePerEpoch_) draw(last_.epoch, true);
        if (drawn_) std::fputc('\n', out_);
        drawn_ = false;
    } else if (haveEpoch_ && !lastPrinted_) {
        printLine(last_.epoch);
    }
    std::fflush(out_);
}

}  // namespace deepstep::cli
