// deepstep eval: a saved model against data — loss, accuracy, confusion matrix and
// per-class precision/recall/F1.

#include "commands.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/model_io.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <numeric>

namespace deepstep::cli {

CommandSpec evalSpec() {
    return {"eval",
            "MODEL.json (--experiment EXP.json | --dataset NAME [--option K=V]...)",
            "cmd.eval.summary",
            "cmd.eval.description",
            {"MODEL.json"},
            {{"experiment", "EXP.json", "opt.experiment"},
             {"dataset", "NAME", "opt.dataset"},
             {"option", "K=V", "opt.option", true}}};
}

namespace {

/// Targets are classes when they are 0/1 in a single column or one-hot rows.
bool targetsAreClasses(const Tensor& targets) {
    const std::size_t k = targets.sampleSize();
    const std::size_t n = targets.batch();
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t ones = 0;
        for (std::size_t j = 0; j < k; ++j) {
            const float t = targets[i * k + j];
            if (t == 1.0F)
                ++ones;
            else if (t != 0.0F)
                return false;
        }
        if (k > 1 && ones != 1) return false;
    }
    return true;
}

Tensor asMatrix(const Tensor& t) {
    return t.rank() == 2 ? t : t.reshaped(Shape{t.batch(), t.sampleSize()});
}

std::vector<std::string> classLabels(std::size_t classes, const std::vector<std::string>& fromData,
                                     const std::vector<std::string>& fromModel) {
    if (fromData.size() == classes) return fromData;
    if (fromModel.size() == classes) return fromModel;
    std::vector<std::string> labels;
    for (std::size_t c = 0; c < classes; ++c)
        labels.push_back(std::to_string(c));
    return labels;
}

}  // namespace

int runEval(const Arguments& args) {
    const std::string modelPath = args.positional().at(0);
    const auto experimentPath = args.value("experiment");
    const auto datasetName = args.value("dataset");
    if (experimentPath && datasetName) throw UsageError(tr("eval.bothSources"), "eval");
    if (!experimentPath && !datasetName) throw UsageError(tr("eval.needSource"), "eval");
    if (experimentPath && args.has("option")) throw UsageError(tr("eval.optionNeedsDataset"), "eval");
    const Json options = args.keyValues("option");

    Session session;
    ModelFile model = loadModel(modelPath, session.registry());
    Network& net = model.network;

    std::unique_ptr<Dataset> data;
    std::unique_ptr<Loss> loss;
    std::string source;
    if (experimentPath) {
        BuiltExperiment ex = loadExperiment(*experimentPath, session.registry());
        data = std::move(ex.dataset);
        loss = std::move(ex.loss);
        source = *experimentPath;
    } else {
        data = session.registry().makeDataset(*datasetName, options, "--dataset " + *datasetName);
        source = *datasetName;
    }

    if (data->size() == 0) throw InputError(source, tr("eval.emptyData"));
    if (data->inputShape() != net.inputShape())
        throw InputError(source, tr("eval.inputMismatch", {net.inputShape().str(), data->inputShape().str()}));
    if (data->targetShape().elements() != net.outputShape().elements())
        throw InputError(source, tr("eval.targetMismatch", {net.outputShape().str(), data->targetShape().str()}));

    const std::size_t n = data->size();
    const std::size_t outputs = net.outputShape().elements();
    ConfusionMatrix confusion(outputs == 1 ? 2 : outputs);
    bool classes = true;
    double lossSum = 0.0;
    double squaredSum = 0.0;
    double absoluteSum = 0.0;
    constexpr std::size_t kBatch = 256;
    for (std::size_t first = 0; first < n; first += kBatch) {
        std::vector<std::size_t> indices(std::min(kBatch, n - first));
        std::iota(indices.begin(), indices.end(), first);
        const Batch batch = data->gather(indices);
        const Tensor out = net.forward(batch.inputs, Mode::Eval);
        const Tensor predicted = asMatrix(out);
        const Tensor targets = asMatrix(batch.targets);
        const auto count = static_cast<double>(indices.size());
        if (loss) lossSum += static_cast<double>(loss->value(out, batch.targets.reshaped(out.shape()))) * count;
        const auto elements = static_cast<double>(predicted.size());
        squaredSum += meanSquaredError(predicted, targets) * elements;
        absoluteSum += meanAbsoluteError(predicted, targets) * elements;
        classes = classes && targetsAreClasses(targets);
        if (classes) confusion.add(predicted, targets);
    }

    std::cout << tr("eval.header", {modelPath, source, std::to_string(n)}) << "\n";
    if (loss) std::cout << tr("eval.loss", {loss->type(), formatNumber(lossSum / static_cast<double>(n))}) << "\n";

    if (!classes) {
        const double elements = static_cast<double>(n * outputs);
        std::cout << tr("eval.mse", {formatNumber(squaredSum / elements)}) << "\n"
                  << tr("eval.mae", {formatNumber(absoluteSum / elements)}) << "\n"
                  << tr("eval.regression") << "\n";
        return 0;
    }

    std::size_t correct = 0;
    for (std::size_t c = 0; c < confusion.classes(); ++c)
        correct += confusion.count(c, c);
    std::cout << tr("eval.accuracy",
                    {formatPercent(confusion.accuracy()), std::to_string(correct), std::to_string(confusion.total())})
              << "\n\n";

    const auto labels = classLabels(confusion.classes(), data->classNames(), model.classNames);
    std::vector<std::string> header{tr("eval.trueLabel")};
    header.insert(header.end(), labels.begin(), labels.end());
    Table matrix(header);
    for (std::size_t c = 1; c < header.size(); ++c)
        matrix.setAlign(c, Table::Align::Right);
    for (std::size_t t = 0; t < confusion.classes(); ++t) {
        std::vector<std::string> row{labels[t]};
        for (std::size_t p = 0; p < confusion.classes(); ++p)
            row.push_back(std::to_string(confusion.count(t, p)));
        matrix.addRow(row);
    }
    std::cout << tr("eval.confusion") << "\n" << matrix.render(2) << "\n";

    Table perClass({tr("col.class"), tr("col.precision"), tr("col.recall"), tr("col.f1"), tr("col.support")});
    for (std::size_t c = 1; c < 5; ++c)
        perClass.setAlign(c, Table::Align::Right);
    auto fixed = [](double v) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.3f", v);
        return std::string(buffer);
    };
    for (std::size_t c = 0; c < confusion.classes(); ++c) {
        std::size_t support = 0;
        for (std::size_t p = 0; p < confusion.classes(); ++p)
            support += confusion.count(c, p);
        perClass.addRow({labels[c], fixed(confusion.precision(c)), fixed(confusion.recall(c)), fixed(confusion.f1(c)),
                         std::to_string(support)});
    }
    perClass.addRow({tr("eval.macro"), fixed(confusion.macroPrecision()), fixed(confusion.macroRecall()),
                     fixed(confusion.macroF1()), std::to_string(confusion.total())});
    std::cout << tr("eval.perClass") << "\n" << perClass.render(2);
    return 0;
}

}  // namespace deepstep::cli
