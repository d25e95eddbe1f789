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
        QTest::newRow("unknown field") << "/comment=\"hi\"" << "m.json: comment: unknown field (expected one of format, version, model, values, classes, optimizer, checksum)";
        QTest::newRow("unknown value") << "/values/out.scale={\"shape\":[1],\"data\":[1]}" << "m.json: values.out.scale: this model has no such parameter";
        QTest::newRow("unknown value field") << "/values/out.bias/unit=1" << "m.json: values.out.bias.unit: unknown field (expected one of shape, data)";
        QTest::newRow("data not a list") << "/values/out.bias/data=\"abc\"" << "m.json: values.out.bias.data: expected a list of numbers, got \"abc\"";
        QTest::newRow("data text") << "/values/out.weight/data=[1,2,\"x\",4,5]" << "m.json: values.out.weight.data[2]: expected a number, got \"x\"";
        QTest::newRow("data beyond float") << "/values/out.weight/data=[1,2,3,4,1e39]" << "m.json: values.out.weight.data[4]: expected a number within float range";
        QTest::newRow("shape not sizes") << "/values/out.weight/shape=\"5x1\"" << "m.json: values.out.weight.shape: expected a list of 1 to 4 sizes, got \"5x1\"";
        QTest::newRow("value not an object") << "/values/out.bias=[0]" << "m.json: values.out.bias: expected {\"shape\": [...], \"data\": [...]}, got [0]";
        QTest::newRow("values not an object") << "/values=3" << "m.json: values: expected an object of parameter values, got 3";
        QTest::newRow("classes mismatch") << "/classes=[\"a\",\"b\",\"c\"]" << "m.json: classes: expected 2 class names (the network gives [1] per example), got 3";
        QTest::newRow("classes not names") << "/classes=[1,2]" << "m.json: classes: expected a list of class names, got [1,2]";
        QTest::newRow("format not text") << "/format=7" << "m.json: format: expected \"deepstep.model\"";
        QTest::newRow("optimizer state") << "/optimizer={\"step\":-1,\"learning_rate\":0.1,\"parameters\":{}}" << "m.json: optimizer.step: expected a non-negative integer, got -1";
    }

    void badFiles() {
        QFETCH(QString, edit);
        QFETCH(QString, message);
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        Json doc = modelToJson(ex.network);
        doc.erase("checksum");  // edited on purpose: the checksum is taken out
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

    // Every value the file holds is covered: a changed number, name or field is refused.
    void checksumMismatch() {
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        const Json saved = modelToJson(ex.network, {"no", "yes"});
        QVERIFY(saved["checksum"].get<std::string>().starts_with("fnv1a64:"));
        QCOMPARE(saved["version"].get<int>(), kModelVersion);
        QCOMPARE(kModelVersion, 2);
        (void)modelFromJson(saved, registry, "m.json");  // as saved: fine
        for (const char* edit : {"/values/out.bias/data/0", "/model/layers/0/units", "/classes/0", "/version"}) {
            Json doc = saved;
            const Json::json_pointer ptr(edit);
            doc[ptr] = doc[ptr].is_string() ? Json("maybe") : Json(doc[ptr].get<double>() + 1);
            if (std::string(edit) == "/version") doc[ptr] = 1;
            try {
                modelFromJson(doc, registry, "m.json");
                QFAIL(edit);
            } catch (const InputError& e) {
                QVERIFY2(QString(e.what()).startsWith(
                             "m.json: checksum: the file was changed or damaged after it was saved: its checksum is"),
                         e.what());
            }
        }
        Json bad = saved;
        bad["checksum"] = 12;
        QVERIFY_THROWS_EXCEPTION(InputError, modelFromJson(bad, registry, "m.json"));
        // Through a file: the spelling of numbers and the layout do not matter.
        QTemporaryDir dir;
        const std::string path = dir.filePath("model.json").toStdString();
        std::ofstream(path) << saved.dump(4);
        QCOMPARE(loadModel(path, registry).classNames, (std::vector<std::string>{"no", "yes"}));
    }

    void oldFormatStillLoads() {
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        Json doc = modelToJson(ex.network, {"no", "yes"});
        doc.erase("checksum");
        doc["version"] = 1;
        ModelFile mf = modelFromJson(doc, registry, "old.json");
        QVERIFY(mf.network.parameter("out.weight")->value == ex.network.parameter("out.weight")->value);
        QCOMPARE(mf.classNames, (std::vector<std::string>{"no", "yes"}));
    }

    void allProblemsReported() {
        BuiltExperiment ex = buildExperiment(Json::parse(kExperiment), registry);
        Json doc = modelToJson(ex.network);
        doc.erase("checksum");
        doc["comment"] = 1;
        doc["values"].erase("out.bias");
        doc["values"]["hidden.weight"]["data"][3] = "x";
        try {
            modelFromJson(doc, registry, "m.json");
            QFAIL("expected an InputError");
        } catch (const InputProblems& e) {
            QStringList places;
            for (const InputError& p : e.problems()) places << QString::fromStdString(p.where());
            QCOMPARE(places, (QStringList{"m.json: comment", "m.json: values.hidden.weight.data[3]", "m.json: values.out.bias"}));
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
