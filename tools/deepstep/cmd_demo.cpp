// deepstep demo: a walk through one experiment in the terminal.
//
// The first training step is shown in full — each layer's forward values, the loss,
// each layer's dE/d(output) and δ, every parameter's value, gradient and update —
// then training runs with a progress bar and the network's answers are shown next
// to the targets. Every number printed comes from the engine's Trace.

#include "commands.hpp"
#include "progress.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/experiment.hpp"
#include "deepstep/lessons/lecture_names.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/trace.hpp"
#include "deepstep/trainer.hpp"

#include <algorithm>
#include <iostream>
#include <numeric>

namespace deepstep::cli {

namespace {

constexpr std::size_t kMaxExamples = 8;  // rows of a batch shown per table
constexpr std::size_t kMaxParameterRows = 24;

void heading(const std::string& text) {
    std::cout << "\n── " << text << " ──\n";
}

void showForward(const StepRecord& step) {
    heading(tr("demo.forward", {std::to_string(step.iteration), std::to_string(step.target.batch())}));
    for (const LayerRecord& l : step.layers) {
        const std::string act = l.activation.empty() ? "" : ", " + l.activation;
        std::cout << "\n" << tr("demo.layer", {l.name, l.type + act}) << "\n";
        const bool hasZ = !l.preActivation.empty();
        std::vector<std::string> header{tr("demo.example"), tr("demo.input")};
        if (hasZ) header.push_back(tr("demo.z"));
        header.push_back(hasZ && !l.activation.empty() ? tr("demo.activationOutput", {l.activation})
                                                       : tr("demo.output"));
        Table table(header);
        const std::size_t n = std::min(l.input.batch(), kMaxExamples);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<std::string> row{std::to_string(step.sampleIndices.empty() ? i + 1 : step.sampleIndices[i] + 1),
                                         formatSample(l.input, i)};
            if (hasZ) row.push_back(formatSample(l.preActivation, i));
            row.push_back(formatSample(l.output, i));
            table.addRow(std::move(row));
        }
        std::cout << table.render(2);
    }
    std::cout << "\n" << tr("demo.loss", {formatValue(step.loss)}) << "\n";
}

void showBackward(const StepRecord& step) {
    heading(tr("demo.backward"));
    if (step.fusedLoss)
        std::cout << tr("demo.fused") << "\n";
    else if (!step.layers.empty())
        std::cout << tr("demo.gradOutputNote", {std::to_string(step.layers.back().gradOutput.batch())}) << "\n";
    for (std::size_t k = step.layers.size(); k-- > 0;) {
        const LayerRecord& l = step.layers[k];
        std::cout << "\n" << tr("demo.layer", {l.name, l.type}) << "\n";
        const bool hasDelta = !l.gradPreActivation.empty();
        std::vector<std::string> header{tr("demo.example"), tr("demo.gradOutput")};
        if (hasDelta) header.push_back(tr("demo.delta"));
        header.push_back(tr("demo.gradInput"));
        Table table(header);
        const std::size_t n = std::min(l.gradOutput.batch(), kMaxExamples);
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<std::string> row{std::to_string(step.sampleIndices.empty() ? i + 1 : step.sampleIndices[i] + 1),
                                         formatSample(l.gradOutput, i)};
            if (hasDelta) row.push_back(formatSample(l.gradPreActivation, i));
            row.push_back(formatSample(l.gradInput, i));
            table.addRow(std::move(row));
        }
        std::cout << table.render(2);
    }
}

// Each element by its lecture name where the network is small enough ("w7 (h1→o1)"),
// by the engine's name otherwise ("hidden.weight[1][0]").
void showUpdates(const StepRecord& step, double learningRate, const LectureNames& names) {
    heading(tr("demo.update", {formatNumber(learningRate)}));
    Table table({tr("demo.parameter"), tr("demo.value"), tr("demo.gradient"), tr("demo.change"), tr("demo.newValue")});
    for (int c = 1; c <= 4; ++c)
        table.setAlign(static_cast<std::size_t>(c), Table::Align::Right);
    std::size_t hidden = 0;
    for (const ParameterRecord& p : step.parameters) {
        for (std::size_t i = 0; i < p.value.size(); ++i) {
            if (table.rows() >= kMaxParameterRows) {
                ++hidden;
                continue;
            }
            table.addRow({names.elementLabel(p.name, p.value.shape(), i), formatValue(p.value[i]),
                          formatValue(p.grad[i]), formatValue(p.update[i]), formatValue(p.valueAfter[i])});
        }
    }
    std::cout << table.render(2);
    if (hidden > 0) std::cout << "  " << tr("demo.moreParameters", {std::to_string(hidden)}) << "\n";
}

void showAnswers(Network& net, const Dataset& data) {
    heading(tr("demo.answers"));
    const std::size_t n = std::min<std::size_t>(data.size(), 16);
    std::vector<std::size_t> idx(n);
    std::iota(idx.begin(), idx.end(), std::size_t{0});
    const Batch b = data.gather(idx);
    const Tensor out = net.forward(b.inputs, Mode::Eval);
    const bool classify = !data.classNames().empty();
    Table table({tr("demo.example"), tr("demo.input"), tr("demo.output"), tr("demo.target"), ""});
    const auto predicted = classify ? predictedClasses(out) : std::vector<std::size_t>{};
    const auto truth = classify ? predictedClasses(b.targets) : std::vector<std::size_t>{};
    for (std::size_t i = 0; i < n; ++i) {
        const std::string mark = classify ? (predicted[i] == truth[i] ? "✓" : "✗") : "";
        table.addRow({std::to_string(i + 1), formatSample(b.inputs, i), formatSample(out, i), formatSample(b.targets, i), mark});
    }
    std::cout << table.render(2);
    if (data.size() > n) std::cout << "  " << tr("demo.moreExamples", {std::to_string(data.size() - n)}) << "\n";
}

}  // namespace

namespace {
// A demonstration prints as it goes; more epochs than this is a run for `train`.
constexpr long long kMaxDemoEpochs = 1'000'000;
}  // namespace

CommandSpec demoSpec() {
    return {"demo",       "EXP.json [--epochs N] [OPTIONS]", "cmd.demo.summary", "cmd.demo.description",
            {"EXP.json"}, {{"epochs", "N", "opt.epochs"}}};
}

int runDemo(const Arguments& args) {
    const std::string experimentPath = args.positional().at(0);
    const long long epochs = args.integer("epochs", 0, -1, kMaxDemoEpochs);

    Session session;
    BuiltExperiment ex = loadExperiment(experimentPath, session.registry());
    if (epochs >= 0) ex.training.epochs = static_cast<int>(epochs);

    std::cout << tr("demo.title", {experimentTitle(ex.name, experimentPath)}) << "\n";
    std::vector<std::string> layers{tr("demo.inputShape", {ex.network.inputShape().str()})};
    for (std::size_t i = 0; i < ex.network.layerCount(); ++i)
        layers.push_back(ex.network.layerName(i));
    std::cout << "  " << tr("demo.network", {join(layers, " → "), std::to_string(ex.network.parameterCount())})
              << "\n  "
              << tr("demo.setup",
                    {ex.loss->type(), ex.optimizer->type(), formatNumber(ex.optimizer->learningRate()),
                     std::to_string(ex.dataset->size()),
                     ex.training.batchSize == 0 ? tr("train.wholeSet") : std::to_string(ex.training.batchSize)})
              << "\n";

    Trace trace(1);
    Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
    trainer.setTrace(&trace);
    ProgressBar progress(stderr, std::max(1, ex.training.epochs), ProgressBar::stderrIsTerminal(),
                         ProgressBar::terminalColumns());
    bool trainingShown = false;
    trainer.onStep([&](const StepInfo& info) {
        if (interrupted()) trainer.cancel();
        if (info.record) {
            showForward(*info.record);
            showBackward(*info.record);
            showUpdates(*info.record, ex.optimizer->learningRate(), LectureNames(ex.network));
            return;
        }
        if (!trainingShown) {
            heading(tr("demo.training", {std::to_string(ex.training.epochs)}));
            std::cout.flush();
            trainingShown = true;
        }
        progress.step(info);
    });
    trainer.onEpoch([&](const EpochInfo& info) {
        if (trainingShown) progress.epoch(info);
    });
    catchInterrupt();
    const TrainingResult result = trainer.fit(*ex.dataset);
    if (trainingShown) progress.finish();

    if (result.reason == StopReason::Diverged) {
        reportDivergence(result, *ex.optimizer);
        return 1;
    }
    std::cout << "\n" << pick(result.explanation) << "\n";
    showAnswers(ex.network, *ex.dataset);
    const Evaluation ev = trainer.evaluate(*ex.dataset);
    std::cout << "\n" << tr("demo.summary", {formatNumber(ev.loss), formatPercent(ev.accuracy)}) << std::endl;
    if (result.reason == StopReason::Cancelled && interrupted()) return kExitInterrupted;
    return 0;
}

}  // namespace deepstep::cli
