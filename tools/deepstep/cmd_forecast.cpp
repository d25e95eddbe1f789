// deepstep forecast: a saved one-series model (input [T, 1] or [T]: T values of a
// series; output [1]: the next value) run forward from the first window of an
// experiment's test data (its dataset when it has none): each forecast is appended to
// the window and the model reads its own forecasts from then on, for --steps steps.
// Beside each forecast: the model's one-step-ahead forecast from the real window of
// that step and the real value, while the data has them, and the mean squared errors
// against the naive forecast that repeats the last real value.

#include "commands.hpp"
#include "session.hpp"
#include "table.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/model_io.hpp"

#include <cmath>
#include <deque>
#include <iostream>
#include <string>
#include <vector>

namespace deepstep::cli {

/// Most steps one run forecasts.
inline constexpr long long kMaxForecastSteps = 10'000;

CommandSpec forecastSpec() {
    return {"forecast",
            "MODEL EXPERIMENT [--steps N]",
            "cmd.forecast.summary",
            "cmd.forecast.description",
            {"MODEL", "EXPERIMENT"},
            {{"steps", "N", "opt.forecastSteps"}}};
}

namespace {

/// T when `s` is one series window ([T, 1] or [T]), 0 otherwise.
std::size_t seriesWindow(const Shape& s) {
    if (s.rank() == 1 && s[0] > 0) return s[0];
    if (s.rank() == 2 && s[0] > 0 && s[1] == 1) return s[0];
    return 0;
}

}  // namespace

int runForecast(const Arguments& args) {
    const std::string modelPath = args.positional().at(0);
    const std::string experimentPath = args.positional().at(1);

    Session session;
    ModelFile model = loadModel(modelPath, session.registry());
    Network& net = model.network;
    const std::size_t window = seriesWindow(net.inputShape());
    if (window == 0 || net.outputShape().elements() != 1)
        throw InputError(modelPath, tr("forecast.notSeriesModel", {net.inputShape().str(), net.outputShape().str()}));

    BuiltExperiment ex = loadExperiment(experimentPath, session.registry());
    const bool fromTest = ex.testDataset != nullptr;
    const Dataset& data = fromTest ? *ex.testDataset : *ex.dataset;
    const std::string place = experimentPath + (fromTest ? ": test_dataset" : ": dataset");
    if (data.size() == 0) throw InputError(place, tr("eval.emptyData"));
    if (seriesWindow(data.inputShape()) != window || data.targetShape().elements() != 1)
        throw InputError(place, tr("forecast.dataMismatch", {net.inputShape().str(), data.inputShape().str(),
                                                             data.targetShape().str()}));
    const long long steps = args.integer("steps", 1, static_cast<long long>(data.size()), kMaxForecastSteps);

    // The real windows, and the real value after each.
    const Batch all = data.all();
    const auto realWindow = [&](std::size_t k) {
        Tensor x(Shape{1, window, 1});
        for (std::size_t s = 0; s < window; ++s)
            x[s] = all.inputs[k * window + s];
        return x;
    };
    std::deque<float> recent;
    for (std::size_t s = 0; s < window; ++s)
        recent.push_back(all.inputs[s]);
    const float lastKnown = recent.back();

    Table table({tr("forecast.step"), tr("forecast.own"), tr("forecast.oneStep"), tr("forecast.actual")});
    for (std::size_t c = 0; c < 4; ++c)
        table.setAlign(c, Table::Align::Right);
    double ownError = 0.0;
    double oneStepError = 0.0;
    double naiveError = 0.0;
    double naiveOneStepError = 0.0;
    std::size_t compared = 0;
    for (long long k = 0; k < steps; ++k) {
        Tensor x(Shape{1, window, 1});
        for (std::size_t s = 0; s < window; ++s)
            x[s] = recent[s];
        const float own = net.forward(x, Mode::Eval)[0];
        if (!std::isfinite(own)) throw RuntimeFailure(tr("generate.notFinite", {modelPath}));
        std::vector<std::string> row{std::to_string(k + 1), formatNumber(own, 5)};
        const auto i = static_cast<std::size_t>(k);
        if (i < data.size()) {
            const float oneStep = net.forward(realWindow(i), Mode::Eval)[0];
            const double actual = all.targets[i];
            row.push_back(formatNumber(oneStep, 5));
            row.push_back(formatNumber(actual, 5));
            ownError += (own - actual) * (own - actual);
            oneStepError += (oneStep - actual) * (oneStep - actual);
            naiveError += (lastKnown - actual) * (lastKnown - actual);
            const double previous = all.inputs[i * window + window - 1];
            naiveOneStepError += (previous - actual) * (previous - actual);
            ++compared;
        }
        table.addRow(std::move(row));
        recent.pop_front();
        recent.push_back(own);
    }
    std::cout << tr("forecast.header", {modelPath, place, std::to_string(window)}) << "\n"
              << table.render();
    if (compared > 0) {
        const auto mean = [compared](double sum) { return formatNumber(sum / static_cast<double>(compared), 4); };
        std::cout << tr("forecast.errors", {std::to_string(compared), mean(ownError), mean(naiveError),
                                            mean(oneStepError), mean(naiveOneStepError)})
                  << "\n";
    }
    return 0;
}

}  // namespace deepstep::cli
