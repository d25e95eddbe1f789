// deepstep train: one experiment from file to model.json and metrics.csv.

#include "commands.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/trainer.hpp"

#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>
#include <optional>

namespace deepstep::cli {

CommandSpec trainSpec() {
    return {"train",
            "EXP.json [OPTIONS]",
            "cmd.train.summary",
            "cmd.train.description",
            {"EXP.json"},
            {{"out", "DIR", "opt.out.dir"},
             {"epochs", "N", "opt.epochs"},
             {"device", "NAME", "opt.device"},
             {"quiet", "", "opt.quiet"}}};
}

namespace {

std::string csvNumber(double v) {
    if (!std::isfinite(v)) return std::isnan(v) ? "" : (v > 0 ? "inf" : "-inf");
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.9g", v);
    return buffer;
}

std::string metricsCsv(const std::vector<EpochInfo>& history) {
    std::string csv = "epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds\n";
    for (const EpochInfo& e : history) {
        csv += std::to_string(e.epoch) + "," + csvNumber(e.trainLoss) + "," + csvNumber(e.trainAccuracy) + ",";
        if (e.hasValidation)
            csv += csvNumber(e.validationLoss) + "," + csvNumber(e.validationAccuracy);
        else
            csv += ",";
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%.6f", e.seconds);
        csv += std::string(",") + seconds + "\n";
    }
    return csv;
}

// The most memory the process has held at once (resident set), in bytes.
std::size_t peakResidentBytes() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0) return 0;
    return static_cast<std::size_t>(usage.ru_maxrss) * 1024U;  // Linux reports KiB
}

std::string formatMebibytes(std::size_t bytes) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buffer;
}

bool parametersFinite(Network& net) {
    for (const ParamRef& p : net.parameters(true))
        if (!p.value->allFinite()) return false;
    return true;
}

}  // namespace

/// The reason in words, shared with `trace`.
std::string reasonText(StopReason reason) {
    switch (reason) {
        case StopReason::Completed:
            return tr("reason.completed");
        case StopReason::TargetReached:
            return tr("reason.targetReached");
        case StopReason::TargetMissed:
            return tr("reason.targetMissed");
        case StopReason::Cancelled:
            return interrupted() ? tr("train.interrupted") : tr("reason.cancelled");
        case StopReason::Diverged:
            return tr("reason.diverged");
        case StopReason::IterationLimit:
            return tr("reason.iterationLimit");
    }
    return toString(reason);
}

/// The diverged run's explanation on stderr; when the trainer gave none, a hint
/// naming the learning rate, the usual cause.
void reportDivergence(const TrainingResult& result, const Optimizer& optimizer) {
    const std::string explanation = pick(result.explanation);
    if (!explanation.empty()) {
        std::cerr << "deepstep: " << explanation << "\n";
        return;
    }
    const double rate = optimizer.learningRate();
    std::cerr << "deepstep: " << tr("reason.diverged") << ": "
              << tr("train.learningRateHint", {formatNumber(rate), formatNumber(rate / 10.0)}) << "\n";
}

int runTrain(const Arguments& args) {
    const std::string experimentPath = args.positional().at(0);
    const long long epochs = args.integer("epochs", 1, 0);
    if (epochs > std::numeric_limits<int>::max())
        throw UsageError(tr("err.badInteger", {"--epochs", "1", std::to_string(epochs)}), "train");
    const bool quiet = args.has("quiet");
    const std::string outDir =
        args.value("out").value_or((std::filesystem::path("runs") / fileStem(experimentPath)).string());

    const std::optional<std::string> deviceOption = args.value("device");
    if (deviceOption) checkDeviceName(*deviceOption, "--device");

    Session session;
    BuiltExperiment ex = loadExperiment(experimentPath, session.registry());
    if (epochs > 0) ex.training.epochs = static_cast<int>(epochs);
    // The document once more, for what BuiltExperiment does not carry: the device and
    // the files it names.
    const Json document = readJsonFile(experimentPath);
    const DeviceChoice device = deviceOption ? chooseDevice(*deviceOption, "--device")
                                             : chooseDevice(experimentDevice(document), experimentPath + ": device");
    // Fail before a long run, not after it, when the results cannot be written or
    // would replace a file the run reads.
    const std::string metricsPath = (std::filesystem::path(outDir) / "metrics.csv").string();
    const std::string modelPath = (std::filesystem::path(outDir) / "model.json").string();
    prepareOutputFolder(outDir);
    const std::vector<std::string> inputs = experimentInputs(experimentPath, document);
    for (const std::string& output : {modelPath, metricsPath}) {
        prepareOutputFile(output);
        refuseInputAsOutput(output, inputs);
    }

    std::cout << tr("train.header", {experimentTitle(ex.name, experimentPath), experimentPath}) << "\n";
    const std::size_t examples = ex.dataset->size();
    const std::string batch = ex.training.batchSize == 0 ? std::to_string(examples) + " (" + tr("train.wholeSet") + ")"
                                                         : std::to_string(ex.training.batchSize);
    std::cout << "  "
              << tr("train.setup",
                    {std::to_string(ex.network.layerCount()), std::to_string(ex.network.parameterCount()),
                     std::to_string(examples), batch, std::to_string(ex.training.epochs)});
    if (ex.training.validationSplit > 0.0)
        std::cout << "; " << tr("train.validationSplit", {formatPercent(ex.training.validationSplit)});
    std::cout << std::endl;

    Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
    std::cout << "  " << deviceNotice(device, &trainer) << std::endl;
    ProgressBar progress(stderr, ex.training.epochs, ProgressBar::stderrIsTerminal(), ProgressBar::terminalColumns());
    trainer.onStep([&](const StepInfo& info) {
        if (interrupted()) trainer.cancel();
        if (!quiet) progress.step(info);
    });
    trainer.onEpoch([&](const EpochInfo& info) {
        if (!quiet) progress.epoch(info);
    });

    catchInterrupt();
    const auto start = std::chrono::steady_clock::now();
    const TrainingResult result = trainer.fit(*ex.dataset);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!quiet) progress.finish();

    std::cout << tr("train.result", {std::to_string(result.epochs), std::to_string(result.iterations),
                                     formatDuration(seconds), reasonText(result.reason)})
              << "\n";
    if (!result.history.empty()) {
        const EpochInfo& last = result.history.back();
        std::cout << tr("train.trainLine", {formatNumber(last.trainLoss), formatPercent(last.trainAccuracy)}) << "\n";
        if (last.hasValidation)
            std::cout << tr("train.validationLine",
                            {formatNumber(last.validationLoss), formatPercent(last.validationAccuracy)})
                      << "\n";
    }
    const bool usable = result.reason != StopReason::Diverged && parametersFinite(ex.network);
    if (ex.testDataset && usable && !interrupted()) {
        // Examples the network never trained on: the figure to report.
        const Evaluation test = trainer.evaluate(*ex.testDataset);
        std::cout << tr("train.testLine", {formatNumber(test.loss), formatPercent(test.accuracy),
                                           std::to_string(test.samples)})
                  << "\n";
    }
    std::cout << tr("train.peakMemory", {formatMebibytes(peakResidentBytes())}) << "\n";
    const bool diverged = result.reason == StopReason::Diverged;
    // "Completed N epochs" would only repeat the result line.
    if (!diverged && result.reason != StopReason::Completed && !pick(result.explanation).empty())
        std::cout << pick(result.explanation) << "\n";

    if (usable) {
        saveModel(modelPath, ex.network, ex.dataset->classNames(), ex.optimizer->saveState());
        std::cout << tr("train.saved", {modelPath}) << "\n";
    } else {
        std::cout << tr("train.modelNotSaved") << "\n";
    }
    writeFileAtomically(metricsPath, metricsCsv(result.history));
    std::cout << tr("train.saved", {metricsPath}) << std::endl;

    if (diverged) {
        reportDivergence(result, *ex.optimizer);
        return 1;
    }
    if (result.reason == StopReason::Cancelled && interrupted()) return kExitInterrupted;
    return 0;
}

}  // namespace deepstep::cli
