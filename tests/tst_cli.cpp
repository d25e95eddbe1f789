// The `deepstep` command line, end to end: exit codes, messages on stderr, the
// files train and trace write, and the numbers eval and gradcheck print.
//
// Every test runs the built executable in a fresh temporary folder, with the
// plugins from the build tree (bin/plugins next to the executable).

#include "support/cli_runner.hpp"

#include "markdown.hpp"
#include "text.hpp"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

using Json = nlohmann::json;

namespace {

using deepstep::test::CliResult;

CliResult runCli(const QStringList& args, const QString& workDir = {}, const QMap<QString, QString>& env = {})
{
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args, {workDir, env, {}});
}

QString writeText(const QTemporaryDir& dir, const QString& name, const std::string& text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
    file.write(text.data(), static_cast<qint64>(text.size()));
    return path;
}

QString writeJson(const QTemporaryDir& dir, const QString& name, const Json& doc)
{
    return writeText(dir, name, doc.dump(2));
}

Json readJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return nullptr;
    return Json::parse(file.readAll().toStdString(), nullptr, false);
}

QStringList readLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
}

/// The course's 2-2-1 sigmoid XOR network with fixed initial weights; epoch 1 of
/// full-batch training sees exactly these weights, so its loss is known.
Json xorExperiment(int epochs)
{
    Json doc = Json::parse(R"({
      "format": "deepstep.experiment", "version": 1,
      "name": "XOR 2-2-1", "seed": 42,
      "model": {"input": [2], "layers": [
        {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
         "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0.0, 0.0]}},
        {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
         "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "sgd", "learning_rate": 2.0},
      "dataset": {"type": "xor"},
      "training": {"batch_size": 4, "shuffle": false}
    })");
    doc["training"]["epochs"] = epochs;
    return doc;
}

/// A linear regression with a learning rate far beyond stability: each full-batch
/// step multiplies the error by about 1 - lr·mean(x²) = 1 - 10·7.5, so the loss
/// overflows within a few dozen epochs.
Json divergingExperiment()
{
    return Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "name": "too fast", "seed": 1,
      "model": {"layers": [{"type": "dense", "name": "line", "units": 1, "activation": "identity"}]},
      "loss": {"type": "mse"},
      "optimizer": {"type": "sgd", "learning_rate": 10.0},
      "dataset": {"type": "inline", "inputs": [[1], [2], [3], [4]], "targets": [[3], [6], [9], [12]]},
      "training": {"epochs": 500, "batch_size": 0, "shuffle": false}
    })");
}

/// One sigmoid unit computing OR (σ(20·x1 + 20·x2 − 10)), saved as a model file.
/// On XOR it gets (0,0)→0, (0,1)→1, (1,0)→1 right and (1,1)→1 wrong.
Json orModel()
{
    return Json::parse(R"({
      "format": "deepstep.model", "version": 1,
      "model": {"input": [2], "layers": [{"type": "dense", "name": "or", "units": 1, "activation": "sigmoid"}]},
      "values": {"or.weight": {"shape": [2, 1], "data": [20, 20]}, "or.bias": {"shape": [1], "data": [-10]}}
    })");
}

QSet<QString> placeholders(const std::string& text)
{
    QSet<QString> found;
    static const QRegularExpression pattern(QStringLiteral("\\{[0-9]\\}"));
    auto it = pattern.globalMatch(QString::fromStdString(text));
    while (it.hasNext()) found.insert(it.next().captured());
    return found;
}

}  // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void help()
    {
        const CliResult r = runCli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("Usage: deepstep")));
        for (const char* command : {"plugins", "describe", "train", "eval", "trace", "gradcheck"})
            QVERIFY2(r.out.contains(QStringLiteral("\n  %1 ").arg(QLatin1String(command))), command);
        QVERIFY(r.err.isEmpty());
    }

    void version()
    {
        const CliResult r = runCli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("deepstep ")));
        QVERIFY(r.out.contains(QStringLiteral("ABI 7")));
    }

    void commandHelp_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("option");
        QTest::newRow("plugins") << "plugins" << "--lang";
        QTest::newRow("describe") << "describe" << "--kind";
        QTest::newRow("train") << "train" << "--epochs";
        QTest::newRow("eval") << "eval" << "--experiment";
        QTest::newRow("trace") << "trace" << "--steps";
        QTest::newRow("gradcheck") << "gradcheck" << "--tolerance";
    }
    void commandHelp()
    {
        QFETCH(QString, command);
        QFETCH(QString, option);
        // --help wins over missing arguments, before or after the command.
        for (const QStringList& args : {QStringList{command, QStringLiteral("--help")},
                                        QStringList{QStringLiteral("--help"), command}}) {
            const CliResult r = runCli(args);
            QCOMPARE(r.exitCode, 0);
            QVERIFY(r.out.startsWith(QStringLiteral("Usage: deepstep ") + command));
            QVERIFY(r.out.contains(option));
        }
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentioned");
        QTest::newRow("no command") << QStringList{} << "no command";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "'frobnicate'";
        QTest::newRow("unknown global option") << QStringList{"--frob"} << "'--frob'";
        QTest::newRow("unknown option") << QStringList{"train", "x.json", "--frob"} << "'--frob'";
        QTest::newRow("missing argument") << QStringList{"train"} << "EXP.json";
        QTest::newRow("extra argument") << QStringList{"gradcheck", "a.json", "b.json"} << "'b.json'";
        QTest::newRow("missing value") << QStringList{"train", "x.json", "--epochs"} << "--epochs";
        QTest::newRow("bad integer") << QStringList{"train", "x.json", "--epochs", "ten"} << "'ten'";
        QTest::newRow("zero epochs") << QStringList{"train", "x.json", "--epochs=0"} << "--epochs";
        QTest::newRow("flag with value") << QStringList{"train", "x.json", "--quiet=yes"} << "--quiet";
        QTest::newRow("bad tolerance") << QStringList{"gradcheck", "x.json", "--tolerance", "-1"} << "--tolerance";
        QTest::newRow("bad kind") << QStringList{"describe", "dense", "--kind", "widget"} << "'widget'";
        QTest::newRow("bad language") << QStringList{"--lang", "fr", "--help"} << "'fr'";
        QTest::newRow("eval without data") << QStringList{"eval", "m.json"} << "--dataset";
        QTest::newRow("eval with both") << QStringList{"eval", "m.json", "--experiment", "e.json", "--dataset", "xor"}
                                        << "--experiment";
        QTest::newRow("eval option without =") << QStringList{"eval", "m.json", "--dataset", "xor", "--option", "n"}
                                               << "NAME=VALUE";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentioned);
        const CliResult r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(mentioned), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Usage:")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void missingExperimentFile()
    {
        QTemporaryDir dir;
        const CliResult r = runCli({QStringLiteral("train"), dir.filePath(QStringLiteral("nope.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("nope.json")), qPrintable(r.err));
    }

    void validationErrorNamesJsonPath()
    {
        QTemporaryDir dir;
        Json doc = xorExperiment(10);
        doc["model"]["layers"][0]["units"] = "ten";
        const QString path = writeJson(dir, QStringLiteral("bad.json"), doc);
        for (const char* command : {"train", "trace", "gradcheck"}) {
            const CliResult r = runCli({QLatin1String(command), path}, dir.path());
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("bad.json")), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("model.layers[0].units")), qPrintable(r.err));
        }
        QVERIFY(!QDir(dir.filePath(QStringLiteral("runs"))).exists());
    }

    // An experiment's name in the CLI's language; a malformed name is refused with its place.
    void experimentNameInTheCliLanguage()
    {
        QTemporaryDir dir;
        Json doc = xorExperiment(1);
        doc["name"] = Json::parse(R"({"en": "XOR by backpropagation", "ko": "역전파로 배우는 XOR"})");
        const QString path = writeJson(dir, QStringLiteral("xor.json"), doc);
        CliResult r = runCli({QStringLiteral("demo"), path, QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.section('\n', 0, 0).contains(QStringLiteral("역전파로 배우는 XOR")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("XOR by backpropagation")), qPrintable(r.out));
        r = runCli({QStringLiteral("demo"), path, QStringLiteral("--lang"), QStringLiteral("en")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.section('\n', 0, 0).contains(QStringLiteral("XOR by backpropagation")), qPrintable(r.out));

        doc["name"] = Json::parse(R"({"ko": "이름뿐"})");
        const QString bad = writeJson(dir, QStringLiteral("bad.json"), doc);
        for (const char* command : {"train", "demo"}) {
            r = runCli({QLatin1String(command), bad}, dir.path());
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QStringLiteral("bad.json: name.en: required field is missing")), qPrintable(r.err));
        }
    }

    // Rosenblatt's rule on a network trained by gradients is refused before any run.
    void unsuitableOptimizerRefused()
    {
        QTemporaryDir dir;
        Json doc = xorExperiment(1);
        doc["optimizer"] = Json{{"type", "rosenblatt"}, {"learning_rate", 1.0}};
        const QString path = writeJson(dir, QStringLiteral("rule.json"), doc);
        for (const char* command : {"train", "demo", "trace"}) {
            const CliResult r = runCli({QLatin1String(command), path}, dir.path());
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(QStringLiteral("rule.json: optimizer.type: \"rosenblatt\" is written for networks of "
                                                   "error-driven layers")),
                     qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("layer \"hidden\" (dense) is trained by gradients")), qPrintable(r.err));
        }
        QVERIFY(!QDir(dir.filePath(QStringLiteral("runs"))).exists());
        // describe says what an error-driven component is for; a gradient one says nothing.
        CliResult d = runCli({QStringLiteral("describe"), QStringLiteral("rosenblatt")});
        QCOMPARE(d.exitCode, 0);
        QVERIFY2(d.out.contains(QStringLiteral("Written for networks of error-driven layers")), qPrintable(d.out));
        d = runCli({QStringLiteral("describe"), QStringLiteral("perceptron"), QStringLiteral("--lang"),
                    QStringLiteral("ko")});
        QVERIFY2(d.out.contains(QStringLiteral("오차 기반 층입니다")), qPrintable(d.out));
        d = runCli({QStringLiteral("describe"), QStringLiteral("sgd")});
        QVERIFY2(!d.out.contains(QStringLiteral("error-driven")), qPrintable(d.out));
    }

    // demo's dE/d(output) of the last layer is (o - t)/batch for mse with half, and says so.
    void demoExplainsTheOutputGradient()
    {
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("xor.json"), xorExperiment(1));
        const CliResult r = runCli({QStringLiteral("demo"), exp});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("The last layer's dE/d(output) is the loss's derivative for each "
                                               "example, already divided by the batch size 4")),
                 qPrintable(r.out));
        // Example 1 is (0, 0) with target 0: h = (0.5, 0.5), z = 0.5, o = sigmoid(0.5).
        const double o = 1.0 / (1.0 + std::exp(-0.5));
        const QString expected = QString::number((o - 0.0) / 4.0, 'g', 4);
        const int backward = r.out.indexOf(QStringLiteral("Layer \"out\" (dense)"), r.out.indexOf(QStringLiteral("Backward")));
        QVERIFY(backward > 0);
        QVERIFY2(r.out.indexOf(QRegularExpression(QStringLiteral("\\n  1 +") + QRegularExpression::escape(expected) + " "),
                               backward) > 0,
                 qPrintable(expected + "\n" + r.out.mid(backward, 300)));
        // The update table names the weights as the lectures do: w1..w4 into the hidden
        // units row by row, w5 and w6 into the output.
        QVERIFY2(r.out.contains(QStringLiteral("w3 (x2→h1)")) && r.out.contains(QStringLiteral("w6 (h2→o1)")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("out.weight[0][0]")), qPrintable(r.out));
    }

    void trainWritesModelAndMetrics()
    {
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("xor.json"), xorExperiment(500));
        const QString out = dir.filePath(QStringLiteral("run"));
        const CliResult r = runCli({QStringLiteral("train"), exp, QStringLiteral("--epochs"), QStringLiteral("25"),
                                    QStringLiteral("--out"), out, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));  // --quiet: no progress
        QVERIFY(r.out.contains(QStringLiteral("Stopped after 25 epochs (25 iterations")));

        const QStringList lines = readLines(out + QStringLiteral("/metrics.csv"));
        QCOMPARE(lines.size(), 26);
        QCOMPARE(lines.front(), QStringLiteral("epoch,train_loss,train_accuracy,val_loss,val_accuracy,seconds"));
        std::vector<double> losses;
        for (int i = 1; i < lines.size(); ++i) {
            const QStringList fields = lines[i].split(',');
            QCOMPARE(fields.size(), 6);
            QCOMPARE(fields[0].toInt(), i);
            bool ok = false;
            losses.push_back(fields[1].toDouble(&ok));
            QVERIFY(ok);
            const double accuracy = fields[2].toDouble(&ok);
            QVERIFY(ok && accuracy >= 0.0 && accuracy <= 1.0);
            QVERIFY(fields[3].isEmpty() && fields[4].isEmpty());  // no validation split
            QVERIFY(fields[5].toDouble(&ok) >= 0.0 && ok);
        }
        // Epoch 1 (one full batch) sees the initial weights: ½ Σ (o − t)² / 4 computed
        // by hand from the weights above is 0.1333109.
        QVERIFY2(std::abs(losses.front() - 0.1333109294) < 1e-5, qPrintable(lines[1]));
        QVERIFY(losses.back() < losses.front());

        const Json model = readJson(out + QStringLiteral("/model.json"));
        QCOMPARE(QString::fromStdString(model.value("format", "")), QStringLiteral("deepstep.model"));
        QVERIFY(model["values"].contains("hidden.weight"));
        QCOMPARE(model["values"]["hidden.weight"]["shape"], Json({2, 2}));
        QCOMPARE(model["values"]["out.weight"]["shape"], Json({2, 1}));
        // Training moved the weights away from their initial values.
        QVERIFY(model["values"]["out.weight"]["data"][0].get<double>() != 0.5);
        // Nothing else left behind (no temporary files from the atomic writes).
        QCOMPARE(QDir(out).entryList(QDir::Files, QDir::Name),
                 QStringList({QStringLiteral("metrics.csv"), QStringLiteral("model.json")}));
    }

    void trainDefaultFolderAndPlainProgress()
    {
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("xor_small.json"), xorExperiment(20));
        const CliResult r = runCli({QStringLiteral("train"), exp}, dir.path());
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("runs/xor_small/model.json"))));
        QCOMPARE(readLines(dir.filePath(QStringLiteral("runs/xor_small/metrics.csv"))).size(), 21);
        // Not a terminal: plain lines, never carriage returns; the first and last epoch shown.
        QVERIFY(!r.err.contains('\r'));
        QVERIFY2(r.err.contains(QStringLiteral("epoch 1/20 ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("epoch 20/20 ")), qPrintable(r.err));
        QVERIFY(r.err.split('\n', Qt::SkipEmptyParts).size() <= 12);
        QVERIFY(r.err.contains(QStringLiteral("loss ")));
    }

    void divergingRunExitsOne()
    {
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("fast.json"), divergingExperiment());
        const QString out = dir.filePath(QStringLiteral("run"));
        const CliResult r =
            runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("learning rate")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("diverged")));
        // The weights are no longer numbers: no model, but the metrics up to the failure.
        QVERIFY(!QFile::exists(out + QStringLiteral("/model.json")));
        QVERIFY(QFile::exists(out + QStringLiteral("/metrics.csv")));
    }

    void perceptronTargetMissedIsNotAnError()
    {
        QTemporaryDir dir;
        const Json doc = Json::parse(R"({
          "format": "deepstep.experiment", "version": 1, "name": "perceptron on XOR", "seed": 1,
          "model": {"input": [2], "layers": [{"type": "perceptron", "name": "p", "units": 1, "init": "zeros"}]},
          "loss": {"type": "perceptron_error"},
          "optimizer": {"type": "rosenblatt", "learning_rate": 1.0},
          "dataset": {"type": "xor"},
          "training": {"epochs": 20, "batch_size": 1, "shuffle": false, "target_accuracy": 1.0}
        })");
        const QString exp = writeJson(dir, QStringLiteral("p.json"), doc);
        const CliResult r = runCli({QStringLiteral("train"), exp, QStringLiteral("--quiet"), QStringLiteral("--out"),
                                    dir.filePath(QStringLiteral("run"))});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("target accuracy not reached")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("linearly separable")), qPrintable(r.out));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("run/model.json"))));
    }

    void traceWritesRequestedSteps()
    {
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("xor.json"), xorExperiment(1));
        const QString out = dir.filePath(QStringLiteral("deep/er/trace.json"));
        // The experiment has one epoch of one iteration; the trace still gets 3 steps.
        const CliResult r = runCli({QStringLiteral("trace"), exp, QStringLiteral("--steps"), QStringLiteral("3"),
                                    QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Recorded 3 step(s), each with 2 layer(s) and 4 parameter tensor(s)")), qPrintable(r.out));

        const Json trace = readJson(out);
        QCOMPARE(QString::fromStdString(trace.value("format", "")), QStringLiteral("deepstep.trace"));
        const Json& steps = trace["steps"];
        QCOMPARE(steps.size(), std::size_t{3});
        for (std::size_t i = 0; i < 3; ++i) QCOMPARE(steps[i]["iteration"].get<int>(), int(i) + 1);
        QVERIFY(std::abs(steps[0]["loss"].get<double>() - 0.1333109294) < 1e-6);

        // Every recorded update satisfies value_after = value + update, and the next
        // step starts from the values the previous one left.
        for (std::size_t s = 0; s < 3; ++s) {
            for (const Json& p : steps[s]["parameters"]) {
                const auto& before = p["value"]["data"];
                const auto& update = p["update"]["data"];
                const auto& after = p["value_after"]["data"];
                QCOMPARE(after.size(), before.size());
                for (std::size_t k = 0; k < before.size(); ++k)
                    QVERIFY(std::abs(before[k].get<double>() + update[k].get<double>() - after[k].get<double>()) <
                            1e-6);
                if (s + 1 < 3) {
                    for (const Json& q : steps[s + 1]["parameters"])
                        if (q["name"] == p["name"]) QCOMPARE(q["value"]["data"], after);
                }
            }
        }
        QCOMPARE(steps[0]["parameters"].size(), std::size_t{4});
        QCOMPARE(steps[0]["layers"].size(), std::size_t{2});
    }

    void gradcheckPasses()
    {
        QTemporaryDir dir;
        Json doc = xorExperiment(10);
        doc["model"]["layers"][0]["activation"] = "tanh";
        const QString exp = writeJson(dir, QStringLiteral("small.json"), doc);
        const CliResult r = runCli({QStringLiteral("gradcheck"), exp});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"hidden.weight", "hidden.bias", "out.weight", "out.bias"})
            QVERIFY2(r.out.contains(QLatin1String(name)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("Passed")));
        QVERIFY(!r.out.contains(QStringLiteral("FAIL")));
    }

    void gradcheckFailsAboveTolerance()
    {
        // Float32 finite differences are never exact, so a tolerance of 1e-30 must fail.
        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("small.json"), xorExperiment(10));
        const CliResult r = runCli({QStringLiteral("gradcheck"), exp, QStringLiteral("--tolerance=1e-30")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("FAIL")));
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: gradient check failed")), qPrintable(r.err));
    }

    // deepstep devices: the CPU, and the GPUs or why none is usable; a backend that cannot
    // be loaded is named with the loader's words; train says where it runs, once, and
    // falls back to the CPU when the GPU asked for is not usable.
    void devicesListedAndChosen()
    {
        CliResult r = runCli({QStringLiteral("devices")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("cpu")) && r.out.contains(QStringLiteral("usable")), qPrintable(r.out));
        r = runCli({QStringLiteral("devices"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const Json list = Json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY2(list.is_array() && list.size() >= 2, qPrintable(r.out));
        QCOMPARE(list[0]["id"], Json("cpu"));
        QCOMPARE(list[0]["usable"], Json(true));
        QVERIFY(list[1]["usable"] == Json(true) || list[1].contains("why_not"));

        const QMap<QString, QString> noBackend{{QStringLiteral("DEEPSTEP_CUDA_BACKEND"), QStringLiteral("/nonexistent/libdeepstep_cuda.so")}};
        r = runCli({QStringLiteral("devices")}, {}, noBackend);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("not usable: the CUDA backend could not be loaded (/nonexistent/libdeepstep_cuda.so")),
                 qPrintable(r.out));
        r = runCli({QStringLiteral("devices"), QStringLiteral("--lang"), QStringLiteral("ko")}, {}, noBackend);
        QVERIFY2(r.out.contains(QStringLiteral("사용 불가: CUDA 백엔드를 불러올 수 없습니다")), qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("usable")), qPrintable(r.out));

        QTemporaryDir dir;
        const QString exp = writeJson(dir, QStringLiteral("xor.json"), xorExperiment(5));
        const QString out = dir.filePath(QStringLiteral("run"));
        r = runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--quiet"),
                    QStringLiteral("--device"), QStringLiteral("cuda")},
                   {}, noBackend);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.count(QStringLiteral("device: ")), 1);
        QVERIFY2(r.out.contains(QStringLiteral("device: cuda was asked for, but the CUDA backend could not be loaded")),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("training on the CPU")), qPrintable(r.out));
        r = runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("device: cpu (")), qPrintable(r.out));
        r = runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--device"),
                    QStringLiteral("gpu")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--device: expected cpu, cuda or cuda:N")), qPrintable(r.err));
        // A usable GPU (the stand-in backend that computes on the CPU): listed, chosen,
        // and the run says what runs on it; a GPU number past the last one is refused.
        const QMap<QString, QString> stand_in{{QStringLiteral("DEEPSTEP_CUDA_BACKEND"),
                                               QStringLiteral(DEEPSTEP_REFERENCE_BACKEND)}};
        r = runCli({QStringLiteral("devices")}, {}, stand_in);
        QVERIFY2(r.out.contains(QStringLiteral("cuda:0")) && r.out.contains(QStringLiteral("DeepStep reference backend")),
                 qPrintable(r.out));
        r = runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--quiet"),
                    QStringLiteral("--device"), QStringLiteral("cuda")},
                   {}, stand_in);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("device: cuda:0 (DeepStep reference backend (CPU)): dense ×2, mse, sgd "
                                               "on cuda:0\n")),
                 qPrintable(r.out));
        QCOMPARE(r.out.count(QStringLiteral("device: ")), 1);
        r = runCli({QStringLiteral("train"), exp, QStringLiteral("--out"), out, QStringLiteral("--device"),
                    QStringLiteral("cuda:1")},
                   {}, stand_in);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--device: asked for GPU 1, but there is only 1 GPU (cuda:0)")),
                 qPrintable(r.err));

        Json doc = xorExperiment(5);
        doc["device"] = "cuda:x";
        r = runCli({QStringLiteral("train"), writeJson(dir, QStringLiteral("bad.json"), doc), QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bad.json: device: expected cpu, cuda or cuda:N")), qPrintable(r.err));
    }

    void pluginsListed()
    {
        const CliResult r = runCli({QStringLiteral("plugins")});
        QCOMPARE(r.exitCode, 0);
        for (const char* name : {"backprop", "perceptron", "toy_datasets"}) {
            const QRegularExpression loaded(QStringLiteral("\\n%1 \\S+ - loaded\\n").arg(QLatin1String(name)));
            QVERIFY2(loaded.match(r.out).hasMatch(), qPrintable(r.out));
        }
        QVERIFY(r.out.contains(QStringLiteral("file: ")));
        // What they provide, grouped by kind.
        QVERIFY(QRegularExpression(QStringLiteral("layers:\\s+[^\\n]*\\bdense\\b")).match(r.out).hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral("optimizers:\\s+[^\\n]*\\bsgd\\b")).match(r.out).hasMatch());
        QVERIFY(QRegularExpression(QStringLiteral("datasets:\\s+[^\\n]*\\bxor\\b")).match(r.out).hasMatch());
    }

    void pluginsFromEnvironmentAndRefusals()
    {
        // A folder named in DEEPSTEP_PLUGIN_PATH is searched; a file there that is not
        // a plugin is listed as refused, with its file and a reason, and nothing else breaks.
        QTemporaryDir dir;
        const QString fake = writeText(dir, QStringLiteral("libnot_a_plugin.so"), "not a library");
        const CliResult r = runCli({QStringLiteral("plugins")}, {}, {{QStringLiteral("DEEPSTEP_PLUGIN_PATH"), dir.path()}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(dir.path()), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nlibnot_a_plugin.so - refused\n")), qPrintable(r.out));
        const qsizetype at = r.out.indexOf(QStringLiteral("file: ") + fake);
        QVERIFY(at > 0);
        QVERIFY(r.out.indexOf(QStringLiteral("reason: "), at) > at);
        // The summary counts the plugins listed as loaded (however many this build has).
        const qsizetype loaded = r.out.count(QRegularExpression(QStringLiteral("\\n\\S+ \\S+ - loaded\\n")));
        QVERIFY(loaded >= 3);
        QVERIFY2(r.out.contains(QStringLiteral("Plugins: %1 loaded, 1 refused").arg(loaded)), qPrintable(r.out));
        // Other commands warn about the refusal on stderr and go on.
        const CliResult d =
            runCli({QStringLiteral("describe"), QStringLiteral("xor")}, {}, {{QStringLiteral("DEEPSTEP_PLUGIN_PATH"), dir.path()}});
        QCOMPARE(d.exitCode, 0);
        QVERIFY2(d.err.startsWith(QStringLiteral("deepstep: warning: plugin ")) && d.err.contains(fake), qPrintable(d.err));
    }

    void describeDense()
    {
        const CliResult r = runCli({QStringLiteral("describe"), QStringLiteral("dense")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("dense (layer, plugin backprop)")), qPrintable(r.out));
        const QRegularExpression units(QStringLiteral("\\n  units\\s+integer\\s"));
        QVERIFY2(units.match(r.out).hasMatch(), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("default")));
    }

    void describeOptimizerShowsRange()
    {
        const CliResult r = runCli({QStringLiteral("describe"), QStringLiteral("sgd"), QStringLiteral("--kind"),
                                    QStringLiteral("optimizer")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("\\n  learning_rate\\s+number\\s")).match(r.out).hasMatch(),
                 qPrintable(r.out));
    }

    void describeAmbiguousAndUnknown()
    {
        // backprop registers "softmax" both as a layer and as an activation.
        CliResult r = runCli({QStringLiteral("describe"), QStringLiteral("softmax")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--kind")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("layer")) && r.err.contains(QStringLiteral("activation")));

        r = runCli({QStringLiteral("describe"), QStringLiteral("softmax"), QStringLiteral("--kind=activation")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("softmax (activation")));

        r = runCli({QStringLiteral("describe"), QStringLiteral("densse")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'densse'")) && r.err.contains(QStringLiteral("'dense'")),
                 qPrintable(r.err));
    }

    void evalConfusionMatrix()
    {
        QTemporaryDir dir;
        const QString model = writeJson(dir, QStringLiteral("or.json"), orModel());
        const CliResult r = runCli({QStringLiteral("eval"), model, QStringLiteral("--dataset"), QStringLiteral("xor")});
        QCOMPARE(r.exitCode, 0);
        // Predictions 0,1,1,1 against XOR's 0,1,1,0: class 0 has TP 1, FN 1; class 1
        // has TP 2, FP 1. Precision/recall/F1: class 0 1, 1/2, 2/3; class 1 2/3, 1, 4/5.
        QVERIFY2(r.out.contains(QStringLiteral("accuracy: 75.0% (3 of 4 correct)")), qPrintable(r.out));
        const auto row = [&](const QString& pattern) {
            return QRegularExpression(pattern).match(r.out).hasMatch();
        };
        QVERIFY2(row(QStringLiteral("\\n  0\\s+1\\s+1\\n")), qPrintable(r.out));  // confusion row, true 0
        QVERIFY(row(QStringLiteral("\\n  1\\s+0\\s+2\\n")));                      // confusion row, true 1
        QVERIFY(row(QStringLiteral("\\n  0\\s+1\\.000\\s+0\\.500\\s+0\\.667\\s+2\\n")));
        QVERIFY(row(QStringLiteral("\\n  1\\s+0\\.667\\s+1\\.000\\s+0\\.800\\s+2\\n")));
        QVERIFY(row(QStringLiteral("macro average\\s+0\\.833\\s+0\\.750\\s+0\\.733\\s+4\\n")));
        QVERIFY(!r.out.contains(QStringLiteral("loss (")));  // no loss without an experiment
    }

    void evalWithExperimentShowsLoss()
    {
        QTemporaryDir dir;
        const QString model = writeJson(dir, QStringLiteral("or.json"), orModel());
        const QString exp = writeJson(dir, QStringLiteral("xor.json"), xorExperiment(1));
        const CliResult r = runCli({QStringLiteral("eval"), model, QStringLiteral("--experiment"), exp});
        QCOMPARE(r.exitCode, 0);
        // ½ (o − t)² averaged over the four points is 0.1250000008 (σ(±10), σ(30)).
        QVERIFY2(r.out.contains(QStringLiteral("loss (mse): 0.125\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("accuracy: 75.0%")));
    }

    void evalRejectsMismatchedData()
    {
        // A model for 2 inputs against a dataset with 1 input: bad input, exit 2.
        QTemporaryDir dir;
        const QString model = writeJson(dir, QStringLiteral("or.json"), orModel());
        const QString exp = writeJson(dir, QStringLiteral("line.json"), divergingExperiment());
        const CliResult r = runCli({QStringLiteral("eval"), model, QStringLiteral("--experiment"), exp});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("line.json")) && r.err.contains(QStringLiteral("[2]")), qPrintable(r.err));
    }

    void koreanMessages()
    {
        CliResult r = runCli({QStringLiteral("--lang"), QStringLiteral("ko"), QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("사용법: deepstep")));

        r = runCli({QStringLiteral("--help")}, {}, {{QStringLiteral("LANG"), QStringLiteral("ko_KR.UTF-8")}});
        QVERIFY(r.out.startsWith(QStringLiteral("사용법:")));
        // --lang overrides LANG.
        r = runCli({QStringLiteral("--help"), QStringLiteral("--lang=en")}, {},
                   {{QStringLiteral("LANG"), QStringLiteral("ko_KR.UTF-8")}});
        QVERIFY(r.out.startsWith(QStringLiteral("Usage:")));

        r = runCli({QStringLiteral("frobnicate"), QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: 알 수 없는 명령 'frobnicate'")), qPrintable(r.err));

        r = runCli({QStringLiteral("describe"), QStringLiteral("dense"), QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("정수")), qPrintable(r.out));
    }

    void stringTableHasBothLanguages()
    {
        const auto ids = deepstep::cli::textIds();
        QVERIFY(ids.size() > 100);
        for (const std::string& id : ids) {
            const deepstep::Text* text = deepstep::cli::textEntry(id);
            QVERIFY(text != nullptr);
            QVERIFY2(!text->en.empty() && !text->ko.empty(), id.c_str());
            // Both languages fill in the same arguments.
            QVERIFY2(placeholders(text->en) == placeholders(text->ko), id.c_str());
        }
        deepstep::cli::setLanguage("ko");
        QCOMPARE(deepstep::cli::tr("err.unknownCommand", {"x"}), std::string("알 수 없는 명령 'x'"));
        deepstep::cli::setLanguage("en");
        QCOMPARE(deepstep::cli::tr("eval.accuracy", {"75.0%", "3", "4"}), std::string("accuracy: 75.0% (3 of 4 correct)"));
        QCOMPARE(deepstep::cli::tr("no.such.id"), std::string("no.such.id"));
        QCOMPARE(deepstep::cli::displayWidth("abc"), std::size_t{3});
        QCOMPARE(deepstep::cli::displayWidth("정수"), std::size_t{4});
        QCOMPARE(deepstep::cli::padRight("정수", 6), std::string("정수  "));
    }

    // Text for the terminal: wrapping by display width, Markdown reflowed, no "-0".
    void terminalText()
    {
        using deepstep::cli::wrapText;
        QCOMPARE(wrapText("one two three four", 9), (std::vector<std::string>{"one two", "three", "four"}));
        // Hangul takes two columns: "가나다 라마" is 11 wide; a word wider than the line breaks between syllables.
        QCOMPARE(wrapText("가나다 라마", 8), (std::vector<std::string>{"가나다", "라마"}));
        QCOMPARE(wrapText("가나다라마바", 5), (std::vector<std::string>{"가나", "다라", "마바"}));
        QCOMPARE(wrapText("abcdefgh", 3), (std::vector<std::string>{"abc", "def", "gh"}));

        QCOMPARE(deepstep::cli::formatNumber(-0.0), std::string("0"));
        QCOMPARE(deepstep::cli::formatValue(-0.0), std::string("0"));
        QCOMPARE(deepstep::cli::formatValue(-0.25), std::string("-0.25"));

        using deepstep::cli::markdownForTerminal;
        // A paragraph over several source lines is joined, wrapped, and loses its emphasis
        // markers, also where they close next to Hangul after punctuation.
        QCOMPARE(markdownForTerminal("The **first\nrow** is (0, 0).\n\n지금은 **(1, 1)**의 차례입니다.", 20),
                 std::string("The first row is (0,\n0).\n\n지금은 (1, 1)의\n차례입니다.\n"));
        // Lists keep their marker, continuation lines go under the text.
        QCOMPARE(markdownForTerminal("- alpha beta gamma delta", 20), std::string("- alpha beta gamma\n  delta\n"));
        // A table as columns under a rule; cells wrap when it is too wide, rows then set apart.
        QCOMPARE(markdownForTerminal("| a | b |\n| --- | ---: |\n| x | 10 |\n| yy | 2 |", 20),
                 std::string("a    b\n--  --\nx   10\nyy   2\n"));
        QCOMPARE(markdownForTerminal("| year | what happened |\n| --- | --- |\n| 1958 | the perceptron learns |", 20),
                 std::string("year  what happened\n----  --------------\n1958  the perceptron\n      learns\n"));
    }
};

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
