#pragma once
// The training progress display on stderr.
//
// On a terminal it is a line redrawn in place ("\r"), at most ten times a second, also
// within long epochs. A short run (up to 20 epochs, like a real-data lab) keeps one
// line per epoch, its bar filling as the epoch goes, with the running loss and the
// samples per second; a long run (XOR for 2000 epochs) shares one line for the whole
// run. Into a file or a pipe it writes plain lines: the first epoch, about every tenth
// of the run, and the last, so that logs stay short.

#include "deepstep/trainer.hpp"

#include <chrono>
#include <cstdio>
#include <string>

namespace deepstep::cli {

class ProgressBar {
public:
    /// `interactive`: redraw one line in place (a terminal); otherwise plain lines.
    ProgressBar(std::FILE* out, int totalEpochs, bool interactive, std::size_t columns);

    /// stderr's terminal state and width ($COLUMNS or the terminal's, 80 by default).
    static bool stderrIsTerminal();
    static std::size_t terminalColumns();

    /// Within an epoch: refreshes the bar on a terminal (throttled); no output otherwise.
    void step(const StepInfo& info);
    /// After an epoch.
    void epoch(const EpochInfo& info);
    /// Ends the display: the final state is shown and the line ended.
    void finish();

    /// The text of one status line (without bar), for tests and plain output.
    std::string status(double epochsDone) const;

    /// Epochs up to which a terminal keeps one line per epoch.
    static constexpr int kLinePerEpochLimit = 20;

private:
    using Clock = std::chrono::steady_clock;
    void draw(double epochsDone, bool force);
    void printLine(double epochsDone);
    double elapsed() const;

    std::FILE* out_;
    int total_;
    bool interactive_;
    std::size_t columns_;
    Clock::time_point start_ = Clock::now();
    Clock::time_point lastDraw_{};
    bool drawn_ = false;       ///< a line is on screen that finish() must end
    bool lastPrinted_ = true;  ///< plain mode: the latest epoch has been printed
    int stride_ = 1;
    EpochInfo last_{};
    bool haveEpoch_ = false;
    std::size_t samples_ = 0;      ///< over the run
    double trainedSeconds_ = 0.0;  ///< sum of epoch times, for samples/s
    bool linePerEpoch_ = false;
    // The epoch in progress (line-per-epoch mode), from the step reports.
    int currentEpoch_ = 0;
    double currentLossSum_ = 0.0;
    std::size_t currentLossSamples_ = 0;
    std::size_t currentSamples_ = 0;  ///< trained since currentStart_, for the live rate
    Clock::time_point currentStart_{};
};

}  // namespace deepstep::cli
