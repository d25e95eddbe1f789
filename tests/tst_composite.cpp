// Composite layers (sequential, residual) to any depth, internals in the trace, frozen
// layers, initialising layers from a saved model, and activation options — through
// experiment JSON, as students and plugin authors use them.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/stepper.hpp"
#include "deepstep/toy/toy_datasets.hpp"
#include "support/gated_recurrent_layer.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace deepstep;

namespace {

// stem → block = x + back(inner(x)) → out
Json residualMlp() {
    return Json::parse(R"({
      "seed": 11,
      "model": {"input": [3], "layers": [
        {"type": "dense", "name": "stem", "units": 4, "activation": "tanh"},
        {"type": "residual", "name": "block", "layers": [
          {"type": "dense", "name": "inner", "units": 5, "activation": "tanh"},
          {"type": "dense", "name": "back", "units": 4, "activation": "identity"}]},
        {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid"}]},
      "loss": {"type": "mse"},
      "optimizer": {"type": "adam", "learning_rate": 0.05},
      "dataset": {"type": "inline",
        "inputs": [[0.1, -0.4, 0.8], [0.9, 0.2, -0.3], [-0.6, 0.5, 0.4], [0.3, 0.3, 0.3],
                   [-0.2, -0.9, 0.1], [0.7, -0.1, -0.8], [0.0, 0.6, -0.5], [-0.8, -0.3, 0.9]],
        "targets": [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]},
      "training": {"epochs": 3, "batch_size": 3, "shuffle": true}
    })");
}

// A composite nested two levels deep: outer = [a, block = x + deep(x)], deep = [inner, proj].
Json nestedComposite() {
    Json doc = residualMlp();
    doc["model"]["layers"] = Json::parse(R"([
        {"type": "sequential", "name": "outer", "layers": [
          {"type": "dense", "name": "a", "units": 4, "activation": "tanh"},
          {"type": "residual", "name": "block", "layers": [
            {"type": "sequential", "name": "deep", "layers": [
              {"type": "dense", "name": "inner", "units": 3, "activation": "tanh"},
              {"type": "dense", "name": "proj", "units": 4, "activation": "identity"}]}]}]},
        {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid"}])");
    return doc;
}

std::vector<std::string> parameterNames(Network& net) {
    std::vector<std::string> names;
    for (const ParamRef& p : net.parameters(true)) names.push_back(p.name);
    return names;
}

// One training step on the whole dataset, recorded into `trace`; its JSON.
Json tracedStep(BuiltExperiment& ex, Trace& trace) {
    Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
    trainer.setTrace(&trace);
    trainer.step(ex.dataset->all());
    return Trace::toJson(trace.steps().at(0));
}

QString inputError(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

const Json* findNamed(const Json& list, const std::string& name) {
    for (const Json& e : list)
        if (e.at("name") == name) return &e;
    return nullptr;
}

// A flatten layer and a tiny image dataset, registered only here, so a whole
// experiment can use augmentation (which needs images) with the backprop layers.
class FlattenLayer final : public Layer {
public:
    std::string type() const override { return "test_flatten"; }
    Shape build(const Shape& in, Rng&) override {
        in_ = in;
        return Shape{in.elements()};
    }
    Tensor forward(const Tensor& x, Mode) override { return x.reshaped(Shape{in_.elements()}.withBatch(x.batch())); }
    Tensor backward(const Tensor& dy) override { return dy.reshaped(in_.withBatch(dy.batch())); }
    LayerView describe() const override {
        LayerView v;
        v.oneToOne = true;
        return v;
    }

private:
    Shape in_;
};

std::unique_ptr<Dataset> tinyImages() {
    Rng rng(3);
    Tensor x(Shape{12, 1, 4, 4});
    init::uniform(x, rng, 0.0F, 1.0F);
    Tensor y(Shape{12, 1});
    for (std::size_t i = 0; i < 12; ++i) y[i] = static_cast<float>(i % 2);
    return std::make_unique<TensorDataset>(std::move(x), std::move(y), std::vector<std::string>{"a", "b"});
}

}  // namespace

class TestComposite : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
        registry.addLayer(componentInfo(Kind::Layer, "test_flatten", {"flatten (test)", "평탄화 (시험)"}),
                          [](const Options&) { return std::make_unique<FlattenLayer>(); });
        registry.addDataset(componentInfo(Kind::Dataset, "test_images", {"4×4 images (test)", "4×4 이미지 (시험)"}),
                            [](const Options&) { return tinyImages(); });
    }

    void compositesAreCoreLayers() {
        const Registry bare;
        QVERIFY(bare.find(Kind::Layer, "sequential") != nullptr);
        QVERIFY(bare.find(Kind::Layer, "residual") != nullptr);
        QCOMPARE(bare.find(Kind::Layer, "residual")->plugin, std::string("core"));
    }

    void namesNestToAnyDepth() {
        BuiltExperiment r = buildExperiment(residualMlp(), registry);
        QCOMPARE(parameterNames(r.network),
                 (std::vector<std::string>{"stem.weight", "stem.bias", "block.inner.weight", "block.inner.bias",
                                           "block.back.weight", "block.back.bias", "out.weight", "out.bias"}));
        QCOMPARE(r.network.layerCount(), std::size_t{3});  // the network stays a list of layers
        QCOMPARE(r.network.layerOutputShape(1), (Shape{4}));

        BuiltExperiment n = buildExperiment(nestedComposite(), registry);
        const std::vector<std::string> names = parameterNames(n.network);
        QCOMPARE(names.size(), std::size_t{8});
        QCOMPARE(names[2], std::string("outer.block.deep.inner.weight"));
        QVERIFY(n.network.parameter("outer.block.deep.proj.bias") != nullptr);
        QCOMPARE(n.network.parameter("outer.block.deep.proj.bias")->value.shape(), (Shape{4}));
        QVERIFY(n.network.findLayer("outer.block.deep") != nullptr);
        QVERIFY(n.network.findLayer("outer.block.nothing") == nullptr);
    }

    void compositeSpecsAreChecked() {
        Json doc = residualMlp();
        doc["model"]["layers"][1]["layers"][1]["units"] = 3;  // f(x) is 3 wide, x is 4
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[1]"));
        doc = residualMlp();
        doc["model"]["layers"][1]["layers"][1]["name"] = "inner";
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[1].layers[1].name"));
        doc = residualMlp();
        doc["model"]["layers"][1]["layers"][1]["name"] = "a.b";
        QVERIFY(!inputError([&] { buildExperiment(doc, registry); }).isEmpty());
        doc = residualMlp();
        doc["model"]["layers"][1]["layers"] = Json::array();
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[1].layers"));
        doc = residualMlp();
        doc["model"]["layers"][1]["layers"][0]["units"] = "five";
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[1].layers[0].units"));
    }

    void gradientsCheckAtAnyDepth_data() {
        QTest::addColumn<int>("which");
        QTest::newRow("residual MLP") << 0;
        QTest::newRow("nested two levels") << 1;
    }
    void gradientsCheckAtAnyDepth() {
        QFETCH(int, which);
        BuiltExperiment ex = buildExperiment(which == 0 ? residualMlp() : nestedComposite(), registry);
        const GradCheckReport report = checkNetwork(ex.network, *ex.loss, ex.dataset->all());
        QVERIFY2(report.passed(1e-2), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{9});  // the input and 8 parameters
    }

    void residualAddsItsInput() {
        // With f's last layer all zero, y = x exactly: the block passes the stem through.
        Json doc = residualMlp();
        doc["model"]["layers"][1]["layers"][1]["parameters"] = {{"weight", Json::array({Json::array({0, 0, 0, 0}),
                                                                                         Json::array({0, 0, 0, 0}),
                                                                                         Json::array({0, 0, 0, 0}),
                                                                                         Json::array({0, 0, 0, 0}),
                                                                                         Json::array({0, 0, 0, 0})})},
                                                                {"bias", Json::array({0, 0, 0, 0})}};
        BuiltExperiment ex = buildExperiment(doc, registry);
        QCOMPARE(ex.network.parameter("block.back.weight")->value.maxAbs(), 0.0F);
        const Tensor x = ex.dataset->all().inputs;
        const Tensor stem = ex.network.layer(0).forward(x, Mode::Eval);
        QVERIFY(ex.network.layer(1).forward(stem, Mode::Eval) == stem);
        QVERIFY(ex.network.layer(1).describe().addsInput);
    }

    void traceNamesNestedParametersAndInternals() {
        BuiltExperiment ex = buildExperiment(residualMlp(), registry);
        Trace trace(1);
        const Json step = tracedStep(ex, trace);
        const Json* weight = findNamed(step.at("parameters"), "block.inner.weight");
        QVERIFY(weight != nullptr);
        QCOMPARE(weight->at("value").at("shape"), Json::parse("[4, 5]"));
        QCOMPARE(weight->at("frozen"), Json(false));
        const Json& block = step.at("layers").at(1);
        QCOMPARE(block.at("name"), Json("block"));
        QVERIFY(findNamed(block.at("internals"), "inner.output") != nullptr);
        const Json* back = findNamed(block.at("internals"), "back.output");
        QVERIFY(back != nullptr);
        // f(x) = y − x, and dL/d f(x) = dL/dy.
        const LayerRecord& rec = trace.steps()[0].layers[1];
        const InternalRecord* f = nullptr;
        for (const InternalRecord& in : rec.internals)
            if (in.name == "back.output") f = &in;
        QVERIFY(f != nullptr);
        QVERIFY(f->value + rec.input == rec.output);
        QVERIFY(f->grad == rec.gradOutput);
        QCOMPARE(back->at("grad").at("data").size(), rec.gradOutput.size());
    }

    void nestedNamesInTheTraceOfANestedComposite() {
        BuiltExperiment ex = buildExperiment(nestedComposite(), registry);
        Trace trace(1);
        const Json step = tracedStep(ex, trace);
        QVERIFY(findNamed(step.at("parameters"), "outer.block.deep.proj.weight") != nullptr);
        const Json& outer = step.at("layers").at(0).at("internals");
        for (const char* name : {"a.output", "block.deep.output", "block.deep.inner.output"}) {
            const Json* in = findNamed(outer, name);
            QVERIFY2(in != nullptr, name);
            QVERIFY2(!in->at("grad").at("data").empty(), name);
        }
    }

    void savedAndLoadedExactly() {
        QTemporaryDir dir;
        for (const Json& doc : {residualMlp(), nestedComposite()}) {
            BuiltExperiment ex = buildExperiment(doc, registry);
            ex.training.epochs = 2;
            Trainer(ex.network, *ex.loss, *ex.optimizer, ex.training).fit(*ex.dataset);
            const std::string path = dir.filePath("m.json").toStdString();
            saveModel(path, ex.network, {}, ex.optimizer->inspect());
            ModelFile back = loadModel(path, registry);
            QCOMPARE(parameterNames(back.network), parameterNames(ex.network));
            for (const ParamRef& p : ex.network.parameters(true)) QVERIFY(back.network.parameter(p.name)->value == *p.value);
            const Tensor x = ex.dataset->all().inputs;
            QVERIFY(back.network.forward(x, Mode::Eval) == ex.network.forward(x, Mode::Eval));
            // The optimizer's state is keyed by the nested names too.
            QVERIFY(back.optimizerState.dump().find("block") != std::string::npos);
        }
    }

    void steppedAndUndone() {
        Stepper s(registry);
        s.load(nestedComposite());
        QVERIFY(s.fullIteration());
        const Tensor afterOne = s.network().parameter("outer.block.deep.inner.weight")->value;
        const Json stateAfterOne = s.optimizer().inspect();
        QVERIFY(stateAfterOne.dump().find("outer.block.deep.inner.weight") != std::string::npos);
        QVERIFY(s.fullIteration());
        QVERIFY(!(s.network().parameter("outer.block.deep.inner.weight")->value == afterOne));
        QVERIFY(s.undo());
        QVERIFY(s.network().parameter("outer.block.deep.inner.weight")->value == afterOne);
        QCOMPARE(s.optimizer().inspect(), stateAfterOne);
        QVERIFY(s.shownValue("outer.block.deep.inner.weight") != nullptr);
        bool found = false;
        for (const ParameterRecord& p : s.record()->parameters) found |= p.name == "outer.block.deep.proj.bias";
        QVERIFY(found);
        // Layer by layer: the composite is one step of the walk.
        s.reset();
        QVERIFY(s.forwardLayer());
        QVERIFY(s.forwardLayer());
        QVERIFY(!s.forwardLayer());
        QCOMPARE(s.layerCount(), 2);
    }

    void gatesOfARecurrentLayerAreInternals() {
        Network net;
        net.add("rnn", std::make_unique<test::GatedRecurrentLayer>(3));
        Rng rng(5);
        net.build(Shape{4, 2}, rng);
        Tensor x(Shape{2, 4, 2});
        init::uniform(x, rng, -1.0F, 1.0F);
        // Backpropagation through time is right (every weight, and dL/dx).
        test::GatedRecurrentLayer alone(3);
        Rng r2(6);
        alone.build(Shape{4, 2}, r2);
        const GradCheckReport report = checkLayer(alone, x, r2);
        QVERIFY2(report.passed(1e-2), report.str().c_str());

        StepRecord record;
        const Tensor y = net.forward(x, Mode::Train, &record);
        net.backward(y, &record);  // L = ½‖y‖², so dL/dy = y
        const Json step = Trace::toJson(record);
        const Json& internals = step.at("layers").at(0).at("internals");
        QCOMPARE(internals.size(), std::size_t{3});
        for (const char* name : {"gate", "candidate", "hidden"}) {
            const Json* in = findNamed(internals, name);
            QVERIFY2(in != nullptr, name);
            QCOMPARE(in->at("value").at("shape"), Json::parse("[2, 4, 3]"));
            QCOMPARE(in->at("grad").at("shape"), Json::parse("[2, 4, 3]"));
        }
        // Gate values are σ(·) in (0, 1); the last hidden state is the output, and its
        // gradient is dL/dy.
        const Json& gate = *findNamed(internals, "gate");
        for (const Json& v : gate.at("value").at("data")) QVERIFY(v.get<double>() > 0.0 && v.get<double>() < 1.0);
        const InternalRecord& hidden = record.layers[0].internals[2];
        for (std::size_t s = 0; s < 2; ++s)
            for (std::size_t j = 0; j < 3; ++j) {
                QCOMPARE(hidden.value.at({s, 3, j}), y.at({s, j}));
                QCOMPARE(hidden.grad.at({s, 3, j}), y.at({s, j}));
            }
        // dL/dh_{T−1} = dL/dh_T ⊙ (1 − g_T) + (terms through the gate and the candidate):
        // checked against a finite difference of L in h_{T−1} would need the layer's
        // insides; the internal gradient of the first step is at least reached.
        QVERIFY(hidden.grad.at({0, 0, 0}) != 0.0F);
    }

    void frozenLayersGetNoUpdate() {
        Json doc = residualMlp();
        doc["model"]["layers"][1]["trainable"] = false;
        BuiltExperiment ex = buildExperiment(doc, registry);
        QVERIFY(!ex.network.layer(1).trainable());
        const Tensor before = ex.network.parameter("block.inner.weight")->value;
        const Tensor stemBefore = ex.network.parameter("stem.weight")->value;
        std::vector<std::string> trainable;
        for (const ParamRef& p : ex.network.parameters()) trainable.push_back(p.name);
        QCOMPARE(trainable, (std::vector<std::string>{"stem.weight", "stem.bias", "out.weight", "out.bias"}));
        QCOMPARE(ex.network.frozenParameters().size(), std::size_t{4});

        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        Trace trace(1);
        trainer.setTrace(&trace);
        trainer.fit(*ex.dataset);
        QVERIFY(ex.network.parameter("block.inner.weight")->value == before);
        QVERIFY(!(ex.network.parameter("stem.weight")->value == stemBefore));  // gradients flow through it
        QVERIFY(ex.optimizer->inspect().dump().find("block.") == std::string::npos);  // no optimizer state
        const Json step = Trace::toJson(trace.steps().at(0));
        const Json* frozen = findNamed(step.at("parameters"), "block.back.weight");
        QVERIFY(frozen != nullptr);
        QCOMPARE(frozen->at("frozen"), Json(true));
        QVERIFY(frozen->at("update").is_null());
        QCOMPARE(frozen->at("grad").at("shape"), Json::parse("[5, 4]"));

        // Saved with the model: the loaded layer is frozen too.
        QTemporaryDir dir;
        const std::string path = dir.filePath("frozen.json").toStdString();
        saveModel(path, ex.network);
        QVERIFY(!loadModel(path, registry).network.layer(1).trainable());

        doc["model"]["layers"][1]["trainable"] = "no";
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[1].trainable"));
    }

    void layersAreInitialisedFromASavedModel() {
        QTemporaryDir dir;
        BuiltExperiment base = buildExperiment(residualMlp(), registry);
        Trainer(base.network, *base.loss, *base.optimizer, base.training).fit(*base.dataset);
        const std::string path = dir.filePath("base.json").toStdString();
        saveModel(path, base.network);

        Json doc = residualMlp();
        doc["seed"] = 99;
        doc["initialize"] = {{"model", path}, {"layers", {"stem", "block"}}};
        BuiltExperiment ex = buildExperiment(doc, registry);
        for (const char* name : {"stem.weight", "stem.bias", "block.inner.weight", "block.back.bias"})
            QVERIFY2(ex.network.parameter(name)->value == base.network.parameter(name)->value, name);
        QVERIFY(!(ex.network.parameter("out.weight")->value == base.network.parameter("out.weight")->value));

        // One layer of the nested network takes another of the model: {target: source}.
        Json nested = nestedComposite();
        nested["initialize"] = {{"model", path}, {"layers", {{"out", "out"}}}};
        nested["model"]["layers"][1]["units"] = 2;
        BuiltExperiment n = buildExperiment(nested, registry);
        QVERIFY(n.network.parameter("out.bias")->value == base.network.parameter("out.bias")->value);

        doc["initialize"]["layers"] = {"nothing"};
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("initialize.layers[0]"));
        doc["initialize"] = {{"model", path}, {"layers", {{"block", "stem"}}}};  // shapes differ
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains(QString::fromStdString(path)));
        doc["initialize"] = {{"model", dir.filePath("missing.json").toStdString()}, {"layers", {"stem"}}};
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("missing.json"));
    }

    void activationOptionsFromAnExperiment() {
        Json doc = Json::parse(R"({
          "seed": 42,
          "model": {"input": [2], "layers": [
            {"type": "dense", "name": "hidden", "units": 2, "activation": {"type": "leaky_relu", "alpha": 0.1},
             "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0.1, -0.25]}},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
             "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
          "loss": {"type": "mse", "half": true},
          "optimizer": {"type": "sgd", "learning_rate": 2.0},
          "dataset": {"type": "xor"},
          "training": {"epochs": 2000, "batch_size": 4, "shuffle": false}
        })");
        BuiltExperiment ex = buildExperiment(doc, registry);
        // Row (1, 0): z = (0.6 + 0.1, −0.5 − 0.25) = (0.7, −0.75) → max(0.1z, z) = (0.7, −0.075).
        const Tensor h = ex.network.layer(0).forward(Tensor::rows({{1.0F, 0.0F}}), Mode::Eval);
        QCOMPARE(h.at({0, 0}), 0.7F);
        QVERIFY(std::fabs(h.at({0, 1}) - (-0.075F)) < 1e-7F);
        QCOMPARE(ex.network.layer(0).activation()->derivativeFormula(-1.0), std::string("0.1 (z ≤ 0)"));
        const GradCheckReport report = checkNetwork(ex.network, *ex.loss, ex.dataset->all());
        QVERIFY2(report.passed(1e-2), report.str().c_str());
        const TrainingResult run = Trainer(ex.network, *ex.loss, *ex.optimizer, ex.training).fit(*ex.dataset);
        QCOMPARE(run.epochs, 2000);
        const Evaluation e = Trainer(ex.network, *ex.loss, *ex.optimizer, ex.training).evaluate(*ex.dataset);
        QCOMPARE(e.accuracy, 1.0);
        QVERIFY(e.loss < 0.01);

        // The saved model keeps the option.
        QTemporaryDir dir;
        saveModel(dir.filePath("m.json").toStdString(), ex.network);
        ModelFile back = loadModel(dir.filePath("m.json").toStdString(), registry);
        QCOMPARE(back.network.layer(0).activation()->derivativeFormula(-1.0), std::string("0.1 (z ≤ 0)"));

        doc["model"]["layers"][0]["activation"]["alpha"] = 2;
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[0].activation.alpha"));
        doc["model"]["layers"][0]["activation"] = {{"type", "leaky_relu"}, {"slope", 0.1}};
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[0].activation"));
        doc["model"]["layers"][0]["activation"] = {{"type", "swish"}};
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[0].activation"));
        doc["model"]["layers"][0]["activation"] = 3;
        QVERIFY(inputError([&] { buildExperiment(doc, registry); }).contains("model.layers[0].activation"));
    }

    // Trainer::fit and the stepper draw the same batches (shuffled, with a validation
    // split and augmentation) from one seed, and stepping then training goes on where
    // the steps left off.
    void trainAndStepVisitTheSameBatches() {
        const Json doc = Json::parse(R"({
          "seed": 8,
          "model": {"input": [1, 4, 4], "layers": [
            {"type": "test_flatten", "name": "flat"},
            {"type": "dense", "name": "hidden", "units": 3, "activation": "tanh"},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
          "loss": {"type": "binary_cross_entropy"},
          "optimizer": {"type": "momentum", "learning_rate": 0.1, "momentum": 0.9},
          "dataset": {"type": "test_images"},
          "training": {"epochs": 2, "batch_size": 4, "shuffle": true, "validation_split": 0.25,
                       "augment": {"noise": 0.1, "flip": true, "shift": 1}}
        })");
        BuiltExperiment ex = buildExperiment(doc, registry);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        Trace trace;
        trainer.setTrace(&trace);
        const TrainingResult run = trainer.fit(*ex.dataset);
        QCOMPARE(run.iterations, 6LL);  // 9 training examples, batches of 4: 3 per epoch
        QCOMPARE(trace.steps().size(), std::size_t{6});

        Stepper s(registry);
        s.load(doc);
        QCOMPARE(s.trainingPart().size(), std::size_t{9});
        std::set<std::size_t> seen;
        for (int i = 0; i < 6; ++i) {
            QVERIFY(s.fullIteration());
            const StepRecord& stepped = *s.record();
            const StepRecord& trained = trace.steps()[static_cast<std::size_t>(i)];
            QCOMPARE(stepped.epoch, trained.epoch);
            QCOMPARE(stepped.sampleIndices, trained.sampleIndices);
            QVERIFY2(stepped.layers[0].input == trained.layers[0].input, "the same augmented inputs");
            QCOMPARE(stepped.loss, trained.loss);
            if (i < 3) seen.insert(stepped.sampleIndices.begin(), stepped.sampleIndices.end());
        }
        QCOMPARE(seen.size(), std::size_t{9});  // epoch 1 visits every training example once
        QVERIFY(trace.steps()[0].sampleIndices != trace.steps()[3].sampleIndices);  // reshuffled
        for (const ParamRef& p : ex.network.parameters()) QVERIFY2(s.network().parameter(p.name)->value == *p.value, p.name.c_str());

        // Two steps by hand, then the rest of the two epochs trained: the same weights.
        Stepper t(registry);
        t.load(doc);
        QVERIFY(t.runIterations(2));
        const TrainingResult rest = t.trainEpochs(2);
        QCOMPARE(rest.iterations, 6LL);
        for (const ParamRef& p : ex.network.parameters()) QVERIFY2(t.network().parameter(p.name)->value == *p.value, p.name.c_str());
    }

    void augmentationChangesTheBatches() {
        // Without augmentation the first batch's inputs are the dataset's own rows.
        Json doc = Json::parse(R"({
          "seed": 8,
          "model": {"input": [1, 4, 4], "layers": [
            {"type": "test_flatten", "name": "flat"},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
          "loss": {"type": "binary_cross_entropy"},
          "optimizer": {"type": "sgd", "learning_rate": 0.1},
          "dataset": {"type": "test_images"},
          "training": {"epochs": 1, "batch_size": 4, "augment": {"noise": 0.2}}
        })");
        Stepper s(registry);
        s.load(doc);
        QVERIFY(s.fullIteration());
        const StepRecord& r = *s.record();
        const Batch plain = s.trainingPart().gather(r.sampleIndices);
        QVERIFY(!(r.layers[0].input == plain.inputs));
        doc["training"].erase("augment");
        s.load(doc);
        QVERIFY(s.fullIteration());
        QVERIFY(s.record()->layers[0].input == s.trainingPart().gather(s.record()->sampleIndices).inputs);
    }

    void undoHistoryIsBoundedByMemory() {
        Stepper s(registry);
        s.load(residualMlp());
        QVERIFY(s.fullIteration());
        const std::size_t first = s.historyBytes();  // the weights before any step
        QVERIFY(s.fullIteration());
        const std::size_t perStep = s.historyBytes() - first;  // weights, optimizer state and a record
        QVERIFY(first > 0 && perStep > first);
        s.setHistoryLimit(perStep * 5);
        for (int i = 0; i < 40; ++i) QVERIFY(s.fullIteration());
        QVERIFY(s.historyBytes() <= perStep * 5);
        const std::size_t kept = s.historySize();
        QVERIFY(kept >= 4 && kept <= 5);
        const long long at = s.iteration();
        for (std::size_t i = 0; i < kept; ++i) QVERIFY(s.undo());
        QVERIFY(!s.undo());
        QVERIFY(s.iteration() < at);
        // Revealing a step layer by layer shares one record between its snapshots:
        // the history grows by the record once, not once per revealed layer.
        Stepper r(registry);
        r.load(residualMlp());
        QVERIFY(r.forwardLayer());  // keeps the state before the step: no record yet
        QVERIFY(r.forwardLayer());  // keeps the state after one layer: the step's record
        const std::size_t withRecord = r.historyBytes();
        QVERIFY(r.forwardLayer());
        QVERIFY(r.backwardLayer());
        QVERIFY(r.backwardLayer());
        QCOMPARE(r.historySize(), std::size_t{5});
        QCOMPARE(r.historyBytes(), withRecord);
    }
};

QTEST_GUILESS_MAIN(TestComposite)
#include "tst_composite.moc"
