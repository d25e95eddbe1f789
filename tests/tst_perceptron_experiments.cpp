// The ready-made experiments of lectures 1–2, loaded the way a student loads them:
// the plugins through the plugin host, the JSON through loadExperiment.
// The backprop experiments are skipped when the backprop plugin is not built.

#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/plugin_host.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace deepstep;

namespace {

std::string experimentPath(const char* file) {
    return QDir(QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR)).filePath(QString::fromUtf8(file)).toStdString();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

QString reasonOf(StopReason r) { return QString::fromStdString(deepstep::toString(r)); }

}  // namespace

class TestPerceptronExperiments : public QObject {
    Q_OBJECT

    Registry registry_;
    std::unique_ptr<PluginHost> host_;

    bool hasBackprop() const {
        return registry_.find(Kind::Layer, "dense") && registry_.find(Kind::Activation, "sigmoid") &&
               registry_.find(Kind::Loss, "mse") && registry_.find(Kind::Optimizer, "sgd");
    }

private slots:
    void initTestCase() {
        host_ = std::make_unique<PluginHost>(registry_);
        host_->load({DEEPSTEP_PLUGIN_DIR});
        for (const PluginStatus& p : host_->plugins()) {
            if (!p.loaded && (p.name == "perceptron" || p.name == "toy_datasets")) {
                QFAIL(("plugin refused: " + p.file + ": " + p.reason).c_str());
            }
        }
        QVERIFY(host_->isLoaded("perceptron"));
        QVERIFY(host_->isLoaded("toy_datasets"));
        QCOMPARE(registry_.find(Kind::Layer, "perceptron")->plugin, std::string("perceptron"));
        QCOMPARE(registry_.find(Kind::Dataset, "xor")->plugin, std::string("toy_datasets"));
    }

    void gatesAreLearned_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("epochs");  // rows in order, η = 1, from zeros: worked by hand
        QTest::newRow("and") << "perceptron_and.json" << 5;
        QTest::newRow("or") << "perceptron_or.json" << 3;
        QTest::newRow("nand") << "perceptron_nand.json" << 5;
    }

    void gatesAreLearned() {
        QFETCH(QString, file);
        QFETCH(int, epochs);
        BuiltExperiment ex = loadExperiment(experimentPath(file.toUtf8().constData()), registry_);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult result = trainer.fit(*ex.dataset);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetReached));
        QCOMPARE(result.epochs, epochs);
        QCOMPARE(trainer.evaluate(*ex.dataset).accuracy, 1.0);
    }

    void xorFailsWithAdvice() {
        BuiltExperiment ex = loadExperiment(experimentPath("perceptron_xor.json"), registry_);
        QVERIFY(ex.training.targetAccuracy.has_value());
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult result = trainer.fit(*ex.dataset);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetMissed));
        QCOMPARE(result.epochs, ex.training.epochs);
        QVERIFY(contains(result.explanation.en, "linearly separable"));
        QVERIFY(contains(result.explanation.ko, "선형 분리"));
    }

    void xorFromTwoPerceptronsAndOne() {
        BuiltExperiment ex = loadExperiment(experimentPath("xor_two_perceptrons.json"), registry_);
        QCOMPARE(ex.network.layerCount(), std::size_t{2});
        const Batch all = ex.dataset->all();
        QCOMPARE(ex.network.forward(all.inputs, Mode::Eval), all.targets);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult result = trainer.fit(*ex.dataset);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetReached));
        QCOMPARE(result.epochs, 0);
    }

    void xorByBackpropagation() {
        if (!hasBackprop()) {
            QSKIP("the backprop plugin (dense, sigmoid, mse, sgd) is not available");
        }
        BuiltExperiment ex = loadExperiment(experimentPath("xor_2_2_1_sigmoid.json"), registry_);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult result = trainer.fit(*ex.dataset);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::Completed));
        const Batch all = ex.dataset->all();
        const Tensor o = ex.network.forward(all.inputs, Mode::Eval);
        QCOMPARE(accuracy(o, all.targets), 1.0);
        // Full-batch gradient descent from the file's weights, computed independently
        // in double precision: o ≈ (0.058, 0.950, 0.949, 0.052) after 2000 epochs.
        const float expected[4] = {0.058F, 0.950F, 0.949F, 0.052F};
        for (std::size_t i = 0; i < 4; ++i) {
            QVERIFY2(std::abs(o[i] - expected[i]) < 0.005F, QByteArray::number(o[i]));
        }
    }

    void seedsForwardExample() {
        if (!hasBackprop()) {
            QSKIP("the backprop plugin (dense, sigmoid, mse, sgd) is not available");
        }
        BuiltExperiment ex = loadExperiment(experimentPath("seeds_forward_example.json"), registry_);
        const Batch b = ex.dataset->all();
        QCOMPARE(b.inputs, Tensor::rows({{1.0F, 0.5F, -1.0F}}));
        // Worked by hand (double precision): zh = (−0.25, −0.2), h = σ(zh),
        // zo1 = h1·w7 + h2·w9, zo2 = h1·w8 + h2·w10, E = ½Σ(o − t)².
        const Tensor o = ex.network.forward(b.inputs, Mode::Train);
        const Tensor* zh = ex.network.layer(0).preActivation();
        QVERIFY(zh);
        QVERIFY(std::abs((*zh)[0] + 0.25F) < 1e-6F && std::abs((*zh)[1] + 0.2F) < 1e-6F);
        QVERIFY(std::abs(o[0] - 0.6707603F) < 1e-5F);
        QVERIFY(std::abs(o[1] - 0.6900653F) < 1e-5F);
        QVERIFY(std::abs(ex.loss->value(o, b.targets) - 0.2922945F) < 1e-5F);

        // One SGD step with η = 0.5: dE/dw7 = (o1 − t1)·o1(1 − o1)·h1 = −0.0318340.
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        trainer.fit(*ex.dataset);
        const Tensor& out = ex.network.parameter("out.weight")->value;     // [[w7, w8], [w9, w10]]
        const Tensor& hidden = ex.network.parameter("hidden.weight")->value;  // [[w1, w2], [w3, w4], [w5, w6]]
        QVERIFY(std::abs(out[0] - 0.7159170F) < 1e-5F);
        QVERIFY(std::abs(out[1] - (0.8F - 0.5F * 0.0646174F)) < 1e-5F);
        QVERIFY(std::abs(hidden[0] - 0.0917331F) < 1e-5F);
        QVERIFY(ex.network.parameter("hidden.bias") == nullptr);
    }

    // Every shipped experiment, in experiments/ and in the lesson packs, is named in
    // English and in Korean, so that the Korean UI shows no English name.
    void everyShippedExperimentHasAKoreanName() {
        QStringList files;
        const QDir experiments(QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR));
        for (const QString& f : experiments.entryList({QStringLiteral("*.json")}, QDir::Files))
            files << experiments.filePath(f);
        QDirIterator packs(experiments.filePath(QStringLiteral("../lessons")), {QStringLiteral("*.json")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (packs.hasNext()) {
            const QString f = packs.next();
            if (QFileInfo(f).dir().dirName() == QLatin1String("experiments")) files << f;
        }
        QVERIFY(files.size() >= 30);
        for (const QString& f : files) {
            const Json doc = readJsonFile(f.toStdString());
            QVERIFY2(doc.contains("name"), qPrintable(f));
            const Text name = readLocalizedText(doc.at("name"), "name");
            QVERIFY2(!name.en.empty() && !name.ko.empty() && name.ko != name.en, qPrintable(f));
        }
    }

    void everyExperimentParses() {
        for (const char* file : {"perceptron_and.json", "perceptron_or.json", "perceptron_nand.json",
                                 "perceptron_xor.json", "xor_two_perceptrons.json", "xor_2_2_1_sigmoid.json",
                                 "seeds_forward_example.json"}) {
            const Json doc = readJsonFile(experimentPath(file));
            QCOMPARE(doc.at("format").get<std::string>(), std::string("deepstep.experiment"));
            const Text name = readLocalizedText(doc.at("name"), "name");
            QVERIFY2(!name.en.empty() && !name.ko.empty(), file);
            if (!hasBackprop() && doc.at("model").dump().find("\"dense\"") != std::string::npos) {
                continue;
            }
            try {
                buildExperiment(doc, registry_, file);
            } catch (const InputError& e) {
                QFAIL(e.what());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPerceptronExperiments)
#include "tst_perceptron_experiments.moc"
