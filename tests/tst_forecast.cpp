// `deepstep forecast` as a separate process. The model is a linear recurrence with
// explicit weights, h_t = x_t + ½·h_{t−1} and y = h_T, so that its forecast of a window
// is x_T + ½·x_{T−1} + ¼·x_{T−2}; the test computes every forecast (fed back into the
// window), every one-step-ahead forecast and the errors from that formula and the
// airline series itself, and checks the refusals.
#include "support/cli_runner.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/rnn/rnn.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <deque>
#include <fstream>

using namespace deepstep;

namespace {

test::CliResult runCli(const QStringList& args) {
    return test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args);
}

void saveModelDoc(const std::string& path, const Json& model) {
    Registry registry;
    backprop::registerComponents(registry);
    rnn::registerComponents(registry);
    Rng rng(1);
    Network net = buildModel(model, registry, rng);
    saveModel(path, net, {});
}

void writeText(const QString& path, const std::string& text) {
    std::ofstream(path.toStdString()) << text;
}

double forecastOf(const std::deque<double>& w) { return w[2] + 0.5 * w[1] + 0.25 * w[0]; }

}  // namespace

class TestForecast : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString model_;
    QString experiment_;

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        model_ = dir_.filePath(QStringLiteral("linear.json"));
        saveModelDoc(model_.toStdString(), Json::parse(R"({"input": [3, 1], "layers": [
            {"type": "simple_rnn", "name": "rnn", "units": 1, "activation": "identity",
             "parameters": {"input_weight": [[1]], "recurrent_weight": [[0.5]], "bias": [0]}},
            {"type": "dense", "name": "out", "units": 1, "parameters": {"weight": [[1]], "bias": [0]}}]})"));
        experiment_ = dir_.filePath(QStringLiteral("airline.json"));
        writeText(experiment_, R"({"format": "deepstep.experiment", "version": 1,
            "model": {"layers": [{"type": "simple_rnn", "name": "rnn", "units": 1}, {"type": "dense", "name": "out", "units": 1}]},
            "loss": "mse", "optimizer": "sgd",
            "dataset": {"type": "airline_passengers", "scale": "none", "window": 3, "split": "train"},
            "test_dataset": {"type": "airline_passengers", "scale": "none", "window": 3, "split": "test"}})");
    }

    // From the last three months of 1958 on: its own forecasts fed back, the one-step
    // forecasts from the real windows, the real months, and the mean squared errors.
    void forecastsFollowTheModel() {
        const test::CliResult r = runCli({QStringLiteral("forecast"), model_, experiment_, QStringLiteral("--steps"),
                                          QStringLiteral("26")});
        QCOMPARE(r.exitCode, 0);
        const auto& series = sequences::airlinePassengers();
        std::deque<double> window{series[117], series[118], series[119]};  // October – December 1958
        const double lastKnown = series[119];
        QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 3 + 26 + 1);
        QVERIFY(lines[0].contains(QStringLiteral("test_dataset (T = 3)")));
        double own = 0, oneStepSum = 0, naive = 0, naiveOneStep = 0;
        for (int k = 0; k < 26; ++k) {
            const QStringList cells = lines[3 + k].split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QCOMPARE(cells[0].toInt(), k + 1);
            const double forecast = forecastOf(window);
            QVERIFY2(std::abs(cells[1].toDouble() - forecast) <= 1e-4 * std::abs(forecast),
                     qPrintable(lines[3 + k]));
            if (k < 24) {
                QCOMPARE(cells.size(), 4);
                const std::size_t month = 120 + static_cast<std::size_t>(k);
                const double oneStep = forecastOf({series[month - 3], series[month - 2], series[month - 1]});
                QVERIFY2(std::abs(cells[2].toDouble() - oneStep) <= 1e-4 * std::abs(oneStep), qPrintable(lines[3 + k]));
                QCOMPARE(cells[3].toDouble(), static_cast<double>(series[month]));
                own += (forecast - series[month]) * (forecast - series[month]);
                oneStepSum += (oneStep - series[month]) * (oneStep - series[month]);
                naive += (lastKnown - series[month]) * (lastKnown - series[month]);
                naiveOneStep += (series[month - 1] - series[month]) * (series[month - 1] - series[month]);
            } else {
                QCOMPARE(cells.size(), 2);  // past the data: the forecast alone
            }
            window.pop_front();
            window.push_back(forecast);
        }
        const QRegularExpression errors(
            QStringLiteral("over 24 steps: forecast ([0-9.e+]+) \\(repeating the last known value: ([0-9.e+]+)\\); "
                           "one step ahead ([0-9.e+]+) \\(repeating each window's last value: ([0-9.e+]+)\\)"));
        const QRegularExpressionMatch m = errors.match(r.out);
        QVERIFY2(m.hasMatch(), qPrintable(r.out));
        const double expected[4] = {own / 24, naive / 24, oneStepSum / 24, naiveOneStep / 24};
        for (int i = 0; i < 4; ++i)
            QVERIFY2(std::abs(m.captured(i + 1).toDouble() - expected[i]) <= 1e-3 * expected[i],
                     qPrintable(QStringLiteral("%1 against %2").arg(m.captured(i + 1)).arg(expected[i])));
        // By default, as many steps as the test data has windows.
        const test::CliResult all = runCli({QStringLiteral("forecast"), model_, experiment_});
        QCOMPARE(all.exitCode, 0);
        QVERIFY(all.out.contains(QStringLiteral("over 24 steps")));
        QVERIFY(!all.out.contains(QRegularExpression(QStringLiteral("\\n +25 "))));
    }

    void badInputIsRefused() {
        // A model that does not read one series.
        const QString wide = dir_.filePath(QStringLiteral("wide.json"));
        saveModelDoc(wide.toStdString(), Json::parse(R"({"input": [3, 2], "layers": [
            {"type": "simple_rnn", "name": "rnn", "units": 1}, {"type": "dense", "name": "out", "units": 1}]})"));
        test::CliResult r = runCli({QStringLiteral("forecast"), wide, experiment_});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("wide.json: expected a model of one series: input [T, 1] or [T] and one "
                                               "output; this model takes [3, 2]")),
                 qPrintable(r.err));
        // Windows of another length.
        const QString longer = dir_.filePath(QStringLiteral("longer.json"));
        QString text = QString::fromStdString(
            R"({"format": "deepstep.experiment", "version": 1,
            "model": {"layers": [{"type": "simple_rnn", "name": "rnn", "units": 1}, {"type": "dense", "name": "out", "units": 1}]},
            "loss": "mse", "optimizer": "sgd",
            "dataset": {"type": "airline_passengers", "scale": "none", "window": 5}})");
        writeText(longer, text.toStdString());
        r = runCli({QStringLiteral("forecast"), model_, longer});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("longer.json: dataset: expected windows of the model's input [3, 1]")),
                 qPrintable(r.err));
        // Steps out of range, and no experiment file.
        for (const char* steps : {"0", "10001", "many"}) {
            r = runCli({QStringLiteral("forecast"), model_, experiment_, QStringLiteral("--steps"),
                        QString::fromLatin1(steps)});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QStringLiteral("--steps")), qPrintable(r.err));
        }
        r = runCli({QStringLiteral("forecast"), model_, dir_.filePath(QStringLiteral("none.json"))});
        QCOMPARE(r.exitCode, 2);
        r = runCli({QStringLiteral("forecast"), model_});
        QCOMPARE(r.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestForecast)
#include "tst_forecast.moc"
