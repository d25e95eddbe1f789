// deepstep trace: the first N training steps, every value, as JSON.

#include "commands.hpp"
#include "session.hpp"
#include "text.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/trace.hpp"
#include "deepstep/trainer.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <limits>
#include <string_view>
#include <vector>

namespace deepstep::cli {

namespace {
constexpr long long kMaxTraceSteps = 100000;
}  // namespace

CommandSpec traceSpec() {
    return {"trace",
            "EXP.json [--steps N] [--out FILE.json] [OPTIONS]",
            "cmd.trace.summary",
            "cmd.trace.description",
            {"EXP.json"},
            {{"steps", "N", "opt.steps"}, {"out", "FILE.json", "opt.out.file"}}};
}

int runTrace(const Arguments& args) {
    const std::string experimentPath = args.positional().at(0);
    // Every step is recorded in full (tens of megabytes for an image network): a
    // trace is for looking at, not for training.
    const long long steps = args.integer("steps", 1, 1, kMaxTraceSteps);
    const std::string outPath =
        args.value("out").value_or((std::filesystem::path("runs") / fileStem(experimentPath) / "trace.json").string());

    Session session;
    BuiltExperiment ex = loadExperiment(experimentPath, session.registry());
    prepareOutputFile(outPath);
    refuseInputAsOutput(outPath, experimentInputs(experimentPath));

    // Exactly `steps` iterations: every epoch has at least one, so that many epochs
    // always suffice, and a reached target must not end the recording early.
    TrainingSettings settings = ex.training;
    settings.maxIterations = steps;
    settings.epochs = std::max<int>(settings.epochs, static_cast<int>(steps));
    settings.targetAccuracy.reset();

    // Each step goes to the file as soon as the next one begins: memory holds one
    // step however many are traced. The file appears only on commit (atomic).
    OutputFile file(outPath);
    TraceJsonWriter writer([&](std::string_view text) { file.write(text); });
    struct Shown {
        long long iteration;
        int epoch;
        float loss;
    };
    constexpr std::size_t kShown = 10;
    std::vector<Shown> shown;
    std::size_t recorded = 0;
    std::size_t layers = 0;
    std::size_t parameters = 0;
    Trace trace(static_cast<std::size_t>(steps));
    trace.streamTo([&](const StepRecord& step) {
        if (recorded == 0) {
            layers = step.layers.size();
            parameters = step.parameters.size();
        }
        if (shown.size() < kShown) shown.push_back({step.iteration, step.epoch, step.loss});
        ++recorded;
        writer.add(step);
    });
    Trainer trainer(ex.network, *ex.loss, *ex.optimizer, settings);
    trainer.setTrace(&trace);
    trainer.onStep([&](const StepInfo&) {
        if (interrupted()) trainer.cancel();
    });
    catchInterrupt();
    const TrainingResult result = trainer.fit(*ex.dataset);

    // Written even after divergence: the trace is what shows how it happened.
    trace.flush();
    writer.finish();
    file.commit();

    std::cout << tr("trace.summary", {std::to_string(recorded), std::to_string(layers), std::to_string(parameters)})
              << "\n";
    for (const Shown& step : shown)
        std::cout << tr("trace.step",
                        {std::to_string(step.iteration), std::to_string(step.epoch), formatNumber(step.loss)})
                  << "\n";
    if (recorded > kShown) std::cout << tr("trace.more", {std::to_string(recorded - kShown)}) << "\n";
    if (static_cast<long long>(recorded) < steps)
        std::cout << tr("trace.short", {std::to_string(recorded), std::to_string(steps), reasonText(result.reason)})
                  << "\n";
    std::cout << tr("train.saved", {outPath}) << std::endl;

    if (result.reason == StopReason::Diverged) {
        reportDivergence(result, *ex.optimizer);
        return 1;
    }
    if (result.reason == StopReason::Cancelled && interrupted()) return kExitInterrupted;
    return 0;
}

}  // namespace deepstep::cli
