// Experiment files: building from JSON, and errors that name the place and the expectation.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace deepstep;

namespace {
const char* kBase = R"({
  "format": "deepstep.experiment", "version": 1, "name": "xor", "seed": 7,
  "model": {"input": [2], "layers": [
    {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid"},
    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
  "loss": {"type": "mse", "half": true},
  "optimizer": {"type": "sgd", "learning_rate": 0.5},
  "dataset": {"type": "xor"},
  "training": {"epochs": 10, "batch_size": 4}
})";

Json base() { return Json::parse(kBase); }
}  // namespace

class TestExperiment : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
    }

    void buildsEverything() {
        BuiltExperiment ex = buildExperiment(base(), registry, "xor.json");
        QCOMPARE(ex.name.en, std::string("xor"));
        QCOMPARE(ex.name.in("ko"), std::string("xor"));  // one string: the same in every language
        QCOMPARE(ex.seed, std::uint64_t{7});
        QCOMPARE(ex.network.layerCount(), std::size_t{2});
        QCOMPARE(ex.network.layerName(0), std::string("hidden"));
        QCOMPARE(ex.network.outputShape(), (Shape{1}));
        QCOMPARE(ex.loss->type(), std::string("mse"));
        QCOMPARE(ex.optimizer->type(), std::string("sgd"));
        QCOMPARE(ex.optimizer->learningRate(), 0.5);
        QCOMPARE(ex.dataset->size(), std::size_t{4});
        QCOMPARE(ex.training.epochs, 10);
        QCOMPARE(ex.training.batchSize, std::size_t{4});
        QCOMPARE(ex.training.seed, std::uint64_t{7});
        QVERIFY(!ex.training.targetAccuracy.has_value());
    }

    void sameSeedSameWeights() {
        BuiltExperiment a = buildExperiment(base(), registry);
        BuiltExperiment b = buildExperiment(base(), registry);
        Json other = base();
        other["seed"] = 8;
        BuiltExperiment c = buildExperiment(other, registry);
        QVERIFY(a.network.parameter("hidden.weight")->value == b.network.parameter("hidden.weight")->value);
        QVERIFY(!(a.network.parameter("hidden.weight")->value == c.network.parameter("hidden.weight")->value));
    }

    void explicitParameters() {
        Json j = base();
        j["model"]["layers"][0]["parameters"] = Json::parse(R"({"weight": [[1, 2], [3, 4]], "bias": [0.5, -0.5]})");
        BuiltExperiment ex = buildExperiment(j, registry);
        const Parameter* w = ex.network.parameter("hidden.weight");
        QCOMPARE(w->value.at({0, 1}), 2.0F);
        QCOMPARE(w->value.at({1, 0}), 3.0F);
        QCOMPARE(ex.network.parameter("hidden.bias")->value[1], -0.5F);
    }

    void inputShapeFromDataset() {
        Json j = base();
        j["model"].erase("input");
        BuiltExperiment ex = buildExperiment(j, registry);
        QCOMPARE(ex.network.inputShape(), (Shape{2}));
    }

    void inlineDataset() {
        Json j = base();
        j["dataset"] = Json::parse(R"({"type": "inline", "inputs": [[0,0],[1,1]], "targets": [[0],[1]]})");
        BuiltExperiment ex = buildExperiment(j, registry);
        QCOMPARE(ex.dataset->size(), std::size_t{2});
        QCOMPARE(ex.dataset->classNames().size(), std::size_t{2});
        j["dataset"]["targets"] = Json::parse("[[0.5],[2.5]]");
        QVERIFY(buildExperiment(j, registry).dataset->classNames().empty());  // regression
        // Sequences: rows of T·F values read as T steps of F.
        j["model"]["input"] = Json::parse("[3, 2]");
        j["dataset"] = Json::parse(R"({"type": "inline", "steps": 3, "inputs": [[1, 2, 3, 4, 5, 6]],
                                       "targets": [[0.5]], "features": ["a", "b"]})");
        BuiltExperiment seq = buildExperiment(j, registry);
        QCOMPARE(seq.dataset->inputShape(), (Shape{3, 2}));
        QCOMPARE(seq.dataset->all().inputs.shape(), (Shape{1, 3, 2}));
        QCOMPARE(seq.dataset->all().inputs[3], 4.0F);  // step 1, feature b
    }

    void errors_data() {
        QTest::addColumn<QString>("pointer");   // JSON pointer to replace ("" = none)
        QTest::addColumn<QString>("value");     // JSON text; "DELETE" removes the field
        QTest::addColumn<QString>("message");   // the whole message expected

        QTest::newRow("units not a number")
            << "/model/layers/1/units" << R"("ten")"
            << R"(xor.json: model.layers[1].units: expected a positive integer, got "ten")";
        QTest::newRow("units zero") << "/model/layers/0/units" << "0"
                                    << "xor.json: model.layers[0].units: expected a positive integer, got 0";
        QTest::newRow("unknown layer")
            << "/model/layers/0/type" << R"("dens")"
            << "xor.json: model.layers[0]: unknown layer \"dens\" (known: ";
        QTest::newRow("unknown activation")
            << "/model/layers/0/activation" << R"("sigmod")"
            << "xor.json: model.layers[0].activation: ";
        QTest::newRow("unknown option")
            << "/model/layers/0/unit" << "3" << "xor.json: model.layers[0].unit: unknown option (known: ";
        QTest::newRow("model missing") << "/model" << "DELETE" << "xor.json: model: required field is missing";
        QTest::newRow("layers empty") << "/model/layers" << "[]"
                                      << "xor.json: model.layers: expected a non-empty list of layers, got []";
        QTest::newRow("unknown top-level field")
            << "/optimiser" << "{}" << "xor.json: optimiser: unknown field (expected one of ";
        QTest::newRow("unknown loss") << "/loss/type" << R"("mse2")" << "xor.json: loss: unknown loss \"mse2\"";
        QTest::newRow("negative learning rate")
            << "/optimizer/learning_rate" << "-1" << "xor.json: optimizer.learning_rate: expected a number";
        QTest::newRow("epochs negative") << "/training/epochs" << "-1"
                                         << "xor.json: training.epochs: expected a non-negative integer, got -1";
        QTest::newRow("batch size text") << "/training/batch_size" << R"("all")"
                                         << R"(xor.json: training.batch_size: expected a non-negative integer, got "all")";
        QTest::newRow("weights wrong shape")
            << "/model/layers/0/parameters" << R"({"weight": [[1, 2, 3], [4, 5, 6]]})"
            << "xor.json: model.layers[0].parameters.weight[0]: expected a row of 2 numbers, got [1,2,3]";
        QTest::newRow("weights not numbers")
            << "/model/layers/0/parameters" << R"({"weight": [[1, "a"], [3, 4]]})"
            << R"(xor.json: model.layers[0].parameters.weight[0][1]: expected a number, got "a")";
        QTest::newRow("unknown parameter")
            << "/model/layers/0/parameters" << R"({"kernel": [1]})"
            << "xor.json: model.layers[0].parameters.kernel: this layer has no such parameter (it has ";
        QTest::newRow("output does not match targets")
            << "/model/layers/1/units" << "3" << "xor.json: model.layers[1]: the network gives [3] per example but the dataset's targets are [1]";
        QTest::newRow("input does not match")
            << "/model/input" << "[3]" << "xor.json: model.input: expected [2] (the shape of one example";
        QTest::newRow("ragged inline rows")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1]], "targets": [[0], [1]]})"
            << "xor.json: dataset.inputs[1]: expected 2 numbers like the first row, got 1";
        QTest::newRow("inline targets count")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0]]})"
            << "xor.json: dataset.targets: expected 2 rows (one per input), got 1";
        QTest::newRow("newer version") << "/version" << "2" << "xor.json: version: this experiment is format version 2";
        QTest::newRow("wrong format") << "/format" << R"("deepstep.model")"
                                      << R"(xor.json: format: expected "deepstep.experiment", got "deepstep.model")";
        QTest::newRow("duplicate layer names")
            << "/model/layers/1/name" << R"("hidden")"
            << "xor.json: model.layers[1].name: expected a unique layer name, \"hidden\" is used twice";
        QTest::newRow("seed negative") << "/seed" << "-3" << "xor.json: seed: expected a non-negative integer, got -3";
        QTest::newRow("dataset option") << "/dataset/repeat" << "0" << "xor.json: dataset.repeat: expected";
        QTest::newRow("test dataset unknown") << "/test_dataset" << R"({"type": "xro"})"
                                              << "xor.json: test_dataset: unknown dataset \"xro\"";
        QTest::newRow("test dataset shape")
            << "/test_dataset" << R"({"type": "inline", "inputs": [[0, 0, 1]], "targets": [[0]]})"
            << "xor.json: test_dataset: expected examples shaped like the training set's (input [2], target [1]), "
               "got input [3], target [1]";
        QTest::newRow("train accuracy choice")
            << "/training/train_accuracy" << R"("sometimes")" << "xor.json: training.train_accuracy: expected one of";
        QTest::newRow("augment not an object") << "/training/augment" << "true"
                                               << "xor.json: training.augment: expected an object like";
        QTest::newRow("augment unknown option") << "/training/augment" << R"({"rotate": 10})"
                                                << "xor.json: training.augment.rotate: unknown option";
        QTest::newRow("augment on points") << "/training/augment" << R"({"shift": 1})"
                                           << "xor.json: training.augment: expected a dataset of images";
        QTest::newRow("description a number")
            << "/description" << "5" << R"(xor.json: description: expected a string or an object {"en": "...", "ko": "..."}, got 5)";
        QTest::newRow("description a list") << "/description" << R"(["a"])"
                                            << "xor.json: description: expected a string or an object";
        QTest::newRow("description text not a string")
            << "/description" << R"({"en": 1})" << "xor.json: description.en: expected a string, got 1";
        QTest::newRow("description unknown language")
            << "/description" << R"({"en": "x", "fr": "y"})" << "xor.json: description.fr: unknown field (expected one of en, ko)";
        QTest::newRow("name a number")
            << "/name" << "5" << R"(xor.json: name: expected a string or an object {"en": "...", "ko": "..."}, got 5)";
        QTest::newRow("name Korean not a string")
            << "/name" << R"({"en": "x", "ko": ["y"]})" << R"(xor.json: name.ko: expected a string, got ["y"])";
        QTest::newRow("name unknown language")
            << "/name" << R"({"en": "x", "jp": "y"})" << "xor.json: name.jp: unknown field (expected one of en, ko)";
        QTest::newRow("name without English")
            << "/name" << R"({"ko": "이름"})" << "xor.json: name.en: required field is missing (the English text)";
        QTest::newRow("description without English")
            << "/description" << R"({"ko": "x"})" << "xor.json: description.en: required field is missing";
        QTest::newRow("class names for one column")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0], [1]], "classes": ["a", "b", "c"]})"
            << "xor.json: dataset.classes: expected 2 class names (the targets are [1], one 0/1 column: 2 classes), got 3";
        QTest::newRow("class names for one-hot rows")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0, 0, 1], [1, 0, 0]], "classes": ["a", "b"]})"
            << "xor.json: dataset.classes: expected 3 class names (the targets are [3], one-hot rows of 3), got 2";
        QTest::newRow("class names with real targets")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0], [0.5]], "classes": ["a", "b"]})"
            << "xor.json: dataset.targets[1][0]: expected 0 or 1 (the targets of named classes), got 0.5";
        QTest::newRow("feature names count")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0], [1]], "features": ["x"]})"
            << "xor.json: dataset.features: expected 2 feature names (one per input column), got 1";
        QTest::newRow("steps that do not divide the row")
            << "/dataset" << R"({"type": "inline", "steps": 3, "inputs": [[0, 0], [1, 1]], "targets": [[0], [1]]})"
            << "xor.json: dataset.steps: expected a whole number of steps that divides the 2 values of each input row, got 3";
        QTest::newRow("feature names of a step")
            << "/dataset" << R"({"type": "inline", "steps": 1, "inputs": [[0, 0], [1, 1]], "targets": [[0], [1]], "features": ["x"]})"
            << "xor.json: dataset.features: expected 2 feature names (one per value of a step), got 1";
        QTest::newRow("feature names not text")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 0], [1, 1]], "targets": [[0], [1]], "features": 7})"
            << "xor.json: dataset.features: expected a list of feature names, got 7";
        QTest::newRow("inline input beyond float")
            << "/dataset" << R"({"type": "inline", "inputs": [[0, 1e39], [1, 1]], "targets": [[0], [1]]})"
            << "xor.json: dataset.inputs[0][1]: expected a number within float range";
        QTest::newRow("validation split leaves nothing")
            << "/training/validation_split" << "0.1"
            << "xor.json: training.validation_split: holding out 0.1 of 4 examples leaves no training or no validation examples";
    }

    // Every independent problem is reported, each on its own line with file and path.
    void allProblemsReported() {
        Json j = base();
        j["model"]["layers"][1]["units"] = "ten";
        j["loss"]["type"] = "mse2";
        j["training"]["epochs"] = -1;
        try {
            buildExperiment(j, registry, "xor.json");
            QFAIL("expected an InputError");
        } catch (const InputProblems& e) {
            QCOMPARE(e.problems().size(), std::size_t{3});
            const QStringList lines = QString::fromUtf8(e.what()).split('\n');
            QCOMPARE(lines.size(), 3);
            QCOMPARE(lines[0], QStringLiteral(R"(xor.json: model.layers[1].units: expected a positive integer, got "ten")"));
            QVERIFY2(lines[1].startsWith(QStringLiteral(R"(xor.json: loss: unknown loss "mse2")")), qPrintable(lines[1]));
            QCOMPARE(lines[2], QStringLiteral("xor.json: training.epochs: expected a non-negative integer, got -1"));
            QCOMPARE(QString::fromStdString(e.problems()[2].where()), QStringLiteral("xor.json: training.epochs"));
        }
    }

    // Problems inside one layer and in several layers, and a dataset that failed: the
    // layers are still checked, and nothing is blamed on the missing input shape.
    void problemsInLayersAndOptions() {
        Json j = base();
        j["model"].erase("input");
        j["dataset"] = Json::parse(R"({"type": "xor", "repeat": 0})");
        j["model"]["layers"][0]["units"] = 0;
        j["model"]["layers"][0]["init"] = "sometimes";
        j["model"]["layers"][1]["unit"] = 3;
        j["training"]["batch_size"] = "all";
        j["training"]["shuffle"] = 2;
        j["optimiser"] = Json::object();
        try {
            buildExperiment(j, registry, "x.json");
            QFAIL("expected an InputError");
        } catch (const InputProblems& e) {
            QStringList places;
            for (const InputError& p : e.problems()) places << QString::fromStdString(p.where());
            QCOMPARE(places, (QStringList{"x.json: optimiser", "x.json: dataset.repeat", "x.json: model.layers[0].init",
                                          "x.json: model.layers[0].units", "x.json: model.layers[1].unit",
                                          "x.json: training.batch_size", "x.json: training.shuffle"}));
        }
    }

    void manyProblemsCapped() {
        Json j = base();
        Json layers = Json::array();
        for (int i = 0; i < 60; ++i) layers.push_back(Json{{"type", "dense"}, {"units", -1}});
        j["model"]["layers"] = layers;
        try {
            buildExperiment(j, registry, "big.json");
            QFAIL("expected an InputError");
        } catch (const InputProblems& e) {
            QCOMPARE(e.problems().size(), std::size_t{60});
            const QStringList lines = QString::fromUtf8(e.what()).split('\n');
            QCOMPARE(lines.size(), 51);
            QCOMPARE(lines.last(), QStringLiteral("... and 10 more problems"));
            QCOMPARE(lines[49], QStringLiteral("big.json: model.layers[49].units: expected a positive integer, got -1"));
        }
    }

    void descriptionForms() {
        Json j = base();
        j["description"] = "text";
        QCOMPARE(buildExperiment(j, registry).description.in("ko"), std::string("text"));
        j["description"] = Json::parse(R"({"en": "text", "ko": "글"})");
        const BuiltExperiment ex = buildExperiment(j, registry);
        QCOMPARE(ex.description.in("en"), std::string("text"));
        QCOMPARE(ex.description.in("ko"), std::string("글"));
    }

    void nameForms() {
        Json j = base();
        j["name"] = Json::parse(R"({"en": "XOR learned by backpropagation", "ko": "역전파로 배우는 XOR"})");
        const BuiltExperiment both = buildExperiment(j, registry);
        QCOMPARE(both.name.in("en"), std::string("XOR learned by backpropagation"));
        QCOMPARE(both.name.in("ko"), std::string("역전파로 배우는 XOR"));
        // Korean is optional: the Korean UI then shows the English name.
        j["name"] = Json::parse(R"({"en": "XOR"})");
        QCOMPARE(buildExperiment(j, registry).name.in("ko"), std::string("XOR"));
        // No name at all: empty, so that callers show the file name.
        j.erase("name");
        QVERIFY(buildExperiment(j, registry).name.en.empty());
    }

    void readLocalizedTextAlone() {
        QCOMPARE(readLocalizedText(Json("x"), "name").ko, std::string());
        QCOMPARE(readLocalizedText(Json::parse(R"({"en": "a", "ko": "가"})"), "name").ko, std::string("가"));
        try {
            (void)readLocalizedText(Json::parse(R"({"en": 1, "de": "b"})"), "lessons[2].name");
            QFAIL("a malformed name was accepted");
        } catch (const InputProblems& e) {
            QCOMPARE(e.problems().size(), std::size_t{2});
            QCOMPARE(QString::fromStdString(e.problems()[0].where()), QStringLiteral("lessons[2].name.de"));
            QCOMPARE(QString::fromStdString(e.problems()[1].where()), QStringLiteral("lessons[2].name.en"));
        }
    }

    void testDatasetAndTrainingOptions() {
        Json j = base();
        j["test_dataset"] = Json::parse(R"({"type": "inline", "inputs": [[1, 1], [0, 1]], "targets": [[0], [1]]})");
        j["training"]["train_accuracy"] = "running";
        j["training"]["augment"] = Json::parse(R"({"shift": 0, "flip": false, "noise": 0})");
        BuiltExperiment ex = buildExperiment(j, registry, "xor.json");
        QVERIFY(ex.testDataset != nullptr);
        QCOMPARE(ex.testDataset->size(), std::size_t{2});
        QVERIFY(ex.training.trainAccuracy == TrainAccuracy::Running);
        QVERIFY(!ex.training.augmentation.any());
        QVERIFY(buildExperiment(base(), registry, "xor.json").testDataset == nullptr);
        QVERIFY(buildExperiment(base(), registry, "xor.json").training.trainAccuracy == TrainAccuracy::Auto);
    }

    void errors() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, message);
        Json j = base();
        const Json::json_pointer ptr(pointer.toStdString());
        if (value == "DELETE") {
            j[ptr.parent_pointer()].erase(ptr.back());
        } else {
            j[ptr] = Json::parse(value.toStdString());
        }
        try {
            buildExperiment(j, registry, "xor.json");
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            const QString got = QString::fromUtf8(e.what());
            QVERIFY2(got.startsWith(message), qPrintable("got: " + got));
        }
    }

    void fileErrors() {
        try {
            loadExperiment("/nonexistent/exp.json", registry);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY(QString(e.what()).startsWith("/nonexistent/exp.json: cannot open the file"));
        }
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.json").toStdString();
        std::ofstream(path) << "{\n  \"seed\": 1,\n  \"model\": [1, 2,\n}\n";
        try {
            loadExperiment(path, registry);
            QFAIL("expected an InputError");
        } catch (const InputError& e) {
            QVERIFY2(QString(e.what()).startsWith(QString::fromStdString(path + " line 4 column 1: not valid JSON")),
                     e.what());
        }
    }

    void atomicWrite() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("out.txt").toStdString();
        writeFileAtomically(path, "first");
        writeFileAtomically(path, "second");
        std::ifstream in(path);
        std::string s;
        in >> s;
        QCOMPARE(s, std::string("second"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);  // no temporary left behind
        QVERIFY_THROWS_EXCEPTION(RuntimeFailure, writeFileAtomically("/nonexistent-dir/x.txt", "x"));
    }
};

QTEST_APPLESS_MAIN(TestExperiment)
#include "tst_experiment.moc"
