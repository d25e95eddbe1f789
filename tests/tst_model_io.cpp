// Model files: exact round trip, versioning, and errors for bad files.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace deepstep;

namespace {
const char* kExperiment = R"({
  "seed": 3,
  "model": {"input": [2], "layers": [
    {"type": "dense", "name": "hidden", "units": 5, "activation": "tanh"},
    {"type": "batch_norm", "name": "norm"},
    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
  "loss": "binary_cross_entropy",
  "optimizer": {"type": "adam", "learning_rate": 0.05},
  "dataset": {"type": "circle", "samples": 64, "seed": 2},
  "training": {"epochs": 3, "batch_size": 16}
})";
}  // namespace

class TestModelIo : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
    }

    void exactRoundTrip() {
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        trainer.fit(*ex.dataset);

        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        saveModel(path, ex.network, ex.dataset->classNames(), ex.optimizer->saveState());
        ModelFile loaded = loadModel(path, registry);

        // Every value, trainable or not (batch-norm running statistics), bit for bit.
        const auto before = ex.network.parameters(true);
        const auto after = loaded.network.parameters(true);
        QCOMPARE(after.size(), before.size());
        for (std::size_t i = 0; i < before.size(); ++i) {
            QCOMPARE(after[i].name, before[i].name);
            QVERIFY2(*after[i].value == *before[i].value, before[i].name.c_str());
        }
        QCOMPARE(loaded.classNames, ex.dataset->classNames());

        // Same predictions.
        const Batch all = ex.dataset->all();
        QVERIFY(ex.network.forward(all.inputs, Mode::Eval) == loaded.network.forward(all.inputs, Mode::Eval));

        // The optimizer state comes back too and continues identically.
        auto opt2 = registry.makeOptimizer("adam", Json{{"learning_rate", 0.05}});
        opt2->loadState(loaded.optimizerState);
        QCOMPARE(opt2->stepCount(), ex.optimizer->stepCount());
        QCOMPARE(opt2->inspect(), ex.optimizer->inspect());

        // Saving the loaded model again gives the same document.
        QCOMPARE(modelToJson(loaded.network, loaded.classNames, loaded.optimizerState),
                 modelToJson(ex.network, ex.dataset->classNames(), ex.optimizer->saveState()));
    }

    void badFiles_data() {
        QTest::addColumn<QString>("edit");     // JSON pointer=value, or "" for none
        QTest::addColumn<QString>("message");
        QTest::newRow("not a model") << "/format=\"deepstep.experiment\"" << "m.json: format: expected \"deepstep.model\"";
        QTest::newRow("newer version") << "/version=9" << "m.json: version: this model is format version 9";
        QTest::newRow("missing value") << "/values/out.bias=DELETE" << "m.json: values.out.bias: missing";
        QTest::newRow("wrong shape") << "/values/out.weight/shape=[5,2]" << "m.json: values.out.weight.shape: expected [5, 1], got [5, 2]";
        QTest::newRow("short data") << "/values/out.weight/data=[1,2]" << "m.json: values.out.weight.data: expected 5 numbers, got 2";
        QTest::newRow("bad layer") << "/model/layers/0/units=-2" << "m.json: model.layers[0].units: expected a positive integer, got -2";
    }

    void badFiles() {
        QFETCH(QString, edit);
        QFETCH(QString, message);
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        Json doc = modelToJson(ex.network);
        const auto eq = edit.indexOf('=');
        const Json::json_pointer ptr(edit.left(eq).toStdString());
        const QString value = edit.mid(eq + 1);
        if (value == "DELETE") {
            doc[ptr.parent_pointer()].erase(ptr.back());
        } else {
            doc[ptr] = Json::parse(value.toStdString());
        }
        try {
            modelFromJson(doc, registry, "m.json");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(message), e.what());
        }
    }

    void truncatedFile() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("cut.json").toStdString();
        std::ofstream(path) << R"({"format": "deepstep.model", "version": 1, "values": {)";
        QVERIFY_THROWS_EXCEPTION(InputError, loadModel(path, registry));
    }
};

QTEST_APPLESS_MAIN(TestModelIo)
#include "tst_model_io.moc"
