// Trainer: epochs, batches and iterations as the course defines them; observers,
// cancellation, validation split, weight decay, divergence and tracing.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

// y = 3x − 1 on n points: a regression set.
TensorDataset line(std::size_t n) {
    Tensor x(Shape{n, 1});
    Tensor y(Shape{n, 1});
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = -1.0F + 2.0F * static_cast<float>(i) / static_cast<float>(n);
        y[i] = 3.0F * x[i] - 1.0F;
    }
    return TensorDataset(x, y);
}

Json linearModel() {
    return Json::parse(R"({"input": [1], "layers": [{"type": "dense", "name": "lin", "units": 1}]})");
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
    Registry registry;

    struct Setup {
        Network net;
        std::unique_ptr<Loss> loss;
        std::unique_ptr<Optimizer> opt;
    };

    Setup make(double lr, const char* optimizer = "sgd") {
        Rng rng(1);
        Setup s{buildModel(linearModel(), registry, rng), registry.makeLoss("mse"),
                registry.makeOptimizer(optimizer, Json{{"learning_rate", lr}})};
        return s;
    }

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
    }

    void iterationsPerEpoch_data() {
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("perEpoch");
        QTest::newRow("1000 examples, batch 100 -> 10 iterations") << 100 << 10;
        QTest::newRow("batch 0 is gradient descent: 1 iteration") << 0 << 1;
        QTest::newRow("batch 1 is SGD: 1000 iterations") << 1 << 1000;
        QTest::newRow("partial last batch: 1000 / 300 -> 4") << 300 << 4;
        QTest::newRow("batch larger than the set") << 5000 << 1;
    }

    void iterationsPerEpoch() {
        QFETCH(int, batch);
        QFETCH(int, perEpoch);
        TensorDataset data = line(1000);
        Setup s = make(0.01);
        TrainingSettings t;
        t.epochs = 2;
        t.batchSize = static_cast<std::size_t>(batch);
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        int steps = 0;
        int epochs = 0;
        std::size_t samples = 0;
        trainer.onStep([&](const StepInfo& i) {
            ++steps;
            QCOMPARE(i.iterationsPerEpoch, static_cast<long long>(perEpoch));
        });
        trainer.onEpoch([&](const EpochInfo& e) {
            ++epochs;
            samples += e.samples;
        });
        const TrainingResult r = trainer.fit(data);
        QCOMPARE(toString(r.reason), toString(StopReason::Completed));
        QCOMPARE(steps, 2 * perEpoch);
        QCOMPARE(epochs, 2);
        QCOMPARE(r.iterations, 2LL * perEpoch);
        QCOMPARE(samples, std::size_t{2000});
        QCOMPARE(s.opt->stepCount(), 2LL * perEpoch);
    }

    void learnsALine() {
        TensorDataset data = line(200);
        Setup s = make(0.1);
        TrainingSettings t;
        t.epochs = 200;
        t.batchSize = 20;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        const TrainingResult r = trainer.fit(data);
        QVERIFY(r.history.back().trainLoss < 1e-4);
        QVERIFY(std::isnan(r.history.back().trainAccuracy));  // regression: no accuracy
        QVERIFY(std::fabs(s.net.parameter("lin.weight")->value[0] - 3.0F) < 1e-2);
        QVERIFY(std::fabs(s.net.parameter("lin.bias")->value[0] - (-1.0F)) < 1e-2);
    }

    void divergenceStopsWithExplanation() {
        TensorDataset data = line(100);
        Setup s = make(50.0);
        TrainingSettings t;
        t.epochs = 1000;
        t.batchSize = 10;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        const TrainingResult r = trainer.fit(data);
        QCOMPARE(toString(r.reason), toString(StopReason::Diverged));
        QVERIFY(r.epochs < 1000);
        QVERIFY2(r.explanation.en.find("learning rate (50)") != std::string::npos, r.explanation.en.c_str());
        QVERIFY(r.explanation.ko.find("학습률") != std::string::npos);
    }

    // Learning rate 1e30 on the sigmoid XOR: the weights jump to ~1e29, every unit
    // saturates and the loss stalls at 0.25, finite. That is divergence too.
    Json sigmoidXor(double lr, double l2 = 0.0, const Json& dataset = Json{{"type", "xor"}}) {
        Json doc = Json::parse(R"({
          "seed": 42,
          "model": {"input": [2], "layers": [
            {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
             "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0.0, 0.0]}},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
             "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
          "loss": {"type": "mse", "half": true},
          "training": {"epochs": 2000, "batch_size": 4, "shuffle": false}})");
        doc["optimizer"] = {{"type", "sgd"}, {"learning_rate", lr}};
        doc["training"]["l2"] = l2;
        doc["dataset"] = dataset;
        return doc;
    }

    void saturationIsDivergenceBlamingTheLearningRate() {
        BuiltExperiment ex = buildExperiment(sigmoidXor(1e30), registry, "xor.json");
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(toString(r.reason), toString(StopReason::Diverged));
        QCOMPARE(r.epochs, 0);  // caught within the first epoch, not after 2000
        QVERIFY2(r.explanation.en.find("saturated") != std::string::npos, r.explanation.en.c_str());
        QVERIFY2(r.explanation.en.find("the loss stalls at ") != std::string::npos, r.explanation.en.c_str());
        QVERIFY2(r.explanation.en.find("learning rate (1e+30) is too large") != std::string::npos,
                 r.explanation.en.c_str());
        QVERIFY(r.explanation.ko.find("포화") != std::string::npos);
    }

    void healthyRunIsNotFlagged() {
        BuiltExperiment ex = buildExperiment(sigmoidXor(2.0), registry, "xor.json");
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(toString(r.reason), toString(StopReason::Completed));
        QCOMPARE(r.epochs, 2000);
        QVERIFY(r.history.back().trainLoss < 0.05);
    }

    void divergenceBlamesHugeInputs() {
        // A linear network: inputs of 1e10 make the first step's gradient, and the weights, explode.
        const Json data = Json::parse(R"({"type": "inline", "inputs": [[0, 0], [0, 1e10], [1e10, 0], [1e10, 1e10]],
                                         "targets": [[0], [1], [1], [0]]})");
        Json doc = sigmoidXor(2.0, 0.0, data);
        for (Json& layer : doc["model"]["layers"]) {
            layer["activation"] = "identity";
        }
        BuiltExperiment ex = buildExperiment(doc, registry, "xor.json");
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(toString(r.reason), toString(StopReason::Diverged));
        QVERIFY2(r.explanation.en.find("The input values reach 1e+10") != std::string::npos, r.explanation.en.c_str());
        QVERIFY(r.explanation.en.find("learning rate (2) is too large") == std::string::npos);
    }

    void divergenceBlamesL2() {
        BuiltExperiment ex = buildExperiment(sigmoidXor(2.0, 10.0), registry, "xor.json");
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(toString(r.reason), toString(StopReason::Diverged));
        QVERIFY2(r.explanation.en.find("L2 weight decay l2 = 10") != std::string::npos, r.explanation.en.c_str());
        QVERIFY2(r.explanation.en.find("smaller than 2/η = 1") != std::string::npos, r.explanation.en.c_str());
    }

    void epochsBeyondIntAreRefused() {
        Json doc = sigmoidXor(2.0);
        doc["training"]["epochs"] = 2147483648LL;
        try {
            buildExperiment(doc, registry, "xor.json");
            QFAIL("epochs 2^31 accepted");
        } catch (const InputError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("xor.json: training.epochs: expected a non-negative integer, at most 2147483647, "
                                 "got 2147483648"));
        }
        doc["training"]["epochs"] = 1e308;
        QVERIFY_THROWS_EXCEPTION(InputError, buildExperiment(doc, registry, "xor.json"));
    }

    void hugeUnitsRefusedWithMemoryFigure() {
        Json doc = sigmoidXor(2.0);
        doc["model"]["layers"][0].erase("parameters");
        doc["model"]["layers"][0]["units"] = 1000000000000LL;
        try {
            buildExperiment(doc, registry, "xor.json");
            QFAIL("10^12 units accepted");
        } catch (const InputError& e) {
            const std::string m = e.what();
            QVERIFY2(m.starts_with("xor.json: model.layers[0].units: the weights of 2 inputs × 1000000000000 units, "
                                   "with their gradients, would take 22 TiB of memory; the limit is "),
                     m.c_str());
            QVERIFY2(m.find("DEEPSTEP_MEMORY_LIMIT") != std::string::npos, m.c_str());
        }
    }

    void weightBeyondFloatRefusedWithPath() {
        Json doc = sigmoidXor(2.0);
        doc["model"]["layers"][0]["parameters"]["weight"][1][0] = 1e39;
        try {
            buildExperiment(doc, registry, "xor.json");
            QFAIL("a weight of 1e39 accepted");
        } catch (const InputError& e) {
            QCOMPARE(std::string(e.what()), std::string("xor.json: model.layers[0].parameters.weight[1][0]: expected a "
                                                        "number within float range (magnitude at most 3.40282e+38), "
                                                        "got 1e+39"));
        }
    }

    void cancelFromObserver() {
        TensorDataset data = line(100);
        Setup s = make(0.01);
        TrainingSettings t;
        t.epochs = 50;
        t.batchSize = 10;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        trainer.onStep([&](const StepInfo& i) {
            if (i.iteration == 15) {
                trainer.cancel();
            }
        });
        const TrainingResult r = trainer.fit(data);
        QCOMPARE(toString(r.reason), toString(StopReason::Cancelled));
        QCOMPARE(r.iterations, 15LL);
        QCOMPARE(r.epochs, 1);
    }

    void iterationLimit() {
        TensorDataset data = line(100);
        Setup s = make(0.01);
        TrainingSettings t;
        t.epochs = 50;
        t.batchSize = 10;
        t.maxIterations = 23;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        const TrainingResult r = trainer.fit(data);
        QCOMPARE(toString(r.reason), toString(StopReason::IterationLimit));
        QCOMPARE(r.iterations, 23LL);
    }

    void validationSplit() {
        TensorDataset data = line(1000);
        Setup s = make(0.01);
        TrainingSettings t;
        t.epochs = 1;
        t.batchSize = 100;
        t.validationSplit = 0.2;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        const TrainingResult r = trainer.fit(data);
        QCOMPARE(r.history.size(), std::size_t{1});
        QCOMPARE(r.history[0].samples, std::size_t{800});
        QCOMPARE(r.iterations, 8LL);
        QVERIFY(r.history[0].hasValidation);
        QVERIFY(r.history[0].validationLoss > 0.0);
    }

    void deterministicWithSeed() {
        auto run = [&](std::uint64_t seed) {
            TensorDataset data = line(100);
            Setup s = make(0.05);
            TrainingSettings t;
            t.epochs = 3;
            t.batchSize = 7;
            t.seed = seed;
            Trainer trainer(s.net, *s.loss, *s.opt, t);
            trainer.fit(data);
            return s.net.parameter("lin.weight")->value;
        };
        QVERIFY(run(4) == run(4));
        QVERIFY(!(run(4) == run(5)));  // different shuffles, different path
    }

    void l2WeightDecayAddsToGradient() {
        // One GD step with λ2: Δw = −η (∂E/∂w + λ2 w); the bias does not decay.
        TensorDataset data = line(10);
        Setup plain = make(0.1);
        Setup decayed = make(0.1);
        TrainingSettings t;
        t.epochs = 1;
        t.batchSize = 0;
        Trace a;
        Trace b;
        Trainer ta(plain.net, *plain.loss, *plain.opt, t);
        ta.setTrace(&a);
        ta.fit(data);
        t.l2 = 0.5;
        Trainer tb(decayed.net, *decayed.loss, *decayed.opt, t);
        tb.setTrace(&b);
        tb.fit(data);
        const ParameterRecord& wa = a.steps()[0].parameters[0];
        const ParameterRecord& wb = b.steps()[0].parameters[0];
        QCOMPARE(wa.name, std::string("lin.weight"));
        QVERIFY(std::fabs(wb.grad[0] - (wa.grad[0] + 0.5F * wa.value[0])) < 1e-6);
        QCOMPARE(b.steps()[0].parameters[1].grad[0], a.steps()[0].parameters[1].grad[0]);
        QVERIFY(std::fabs(b.steps()[0].penalty - 0.25F * wa.value[0] * wa.value[0]) < 1e-6);
    }

    void traceIsOptionalAndBounded() {
        TensorDataset data = line(100);
        Setup s = make(0.01);
        TrainingSettings t;
        t.epochs = 2;
        t.batchSize = 10;
        Trainer trainer(s.net, *s.loss, *s.opt, t);
        int withRecord = 0;
        trainer.onStep([&](const StepInfo& i) { withRecord += i.record ? 1 : 0; });
        trainer.fit(data);
        QCOMPARE(withRecord, 0);

        Trace trace(3);
        Setup s2 = make(0.01);
        Trainer traced(s2.net, *s2.loss, *s2.opt, t);
        traced.setTrace(&trace);
        traced.onStep([&](const StepInfo& i) { withRecord += i.record ? 1 : 0; });
        traced.fit(data);
        QCOMPARE(trace.steps().size(), std::size_t{3});
        QCOMPARE(withRecord, 3);
        QCOMPARE(trace.steps()[2].iteration, 3LL);
        QCOMPARE(trace.steps()[0].sampleIndices.size(), std::size_t{10});
        // Tracing does not change the numbers.
        QVERIFY(s.net.parameter("lin.weight")->value == s2.net.parameter("lin.weight")->value);
    }

    void targetAccuracyOnXor() {
        Json j = Json::parse(R"({"seed": 3,
          "model": {"layers": [{"type": "dense", "units": 4, "activation": "tanh"},
                               {"type": "dense", "units": 1, "activation": "sigmoid"}]},
          "loss": "binary_cross_entropy", "optimizer": {"type": "adam", "learning_rate": 0.1},
          "dataset": "xor", "training": {"epochs": 2000, "batch_size": 4, "target_accuracy": 1.0}})");
        BuiltExperiment ex = buildExperiment(j, registry);
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(toString(r.reason), toString(StopReason::TargetReached));
        QVERIFY(r.epochs < 2000);
        QCOMPARE(r.history.back().trainAccuracy, 1.0);
        QCOMPARE(trainer.evaluate(*ex.dataset).accuracy, 1.0);
    }

    // Running accuracy is counted on each batch before its update: on the first epoch
    // of a fresh network it must equal what evaluating each batch with the weights
    // of that moment gives, which this test replays step by step.
    void runningAccuracyCountsBatchesAsTrained() {
        auto data = registry.makeDataset("circle", Json{{"samples", 200}, {"seed", 3}});
        auto build = [&] {
            Rng rng(5);
            return buildModel(Json::parse(R"({"input": [2], "layers": [
                {"type": "dense", "name": "h", "units": 4, "activation": "tanh"},
                {"type": "dense", "name": "o", "units": 1, "activation": "sigmoid"}]})"),
                              registry, rng);
        };
        auto loss = registry.makeLoss("binary_cross_entropy");
        TrainingSettings t;
        t.epochs = 1;
        t.batchSize = 50;
        t.seed = 9;
        t.trainAccuracy = TrainAccuracy::Running;

        Network net = build();
        auto opt = registry.makeOptimizer("sgd", Json{{"learning_rate", 0.5}});
        Trainer trainer(net, *loss, *opt, t);
        const TrainingResult r = trainer.fit(*data);
        QVERIFY(r.history[0].runningAccuracy);

        // Replay: same order (the trainer's shuffle stream is Rng(seed)), count before each step.
        Network replay = build();
        auto opt2 = registry.makeOptimizer("sgd", Json{{"learning_rate", 0.5}});
        TrainingSettings t2 = t;
        Trainer stepper(replay, *loss, *opt2, t2);
        Rng shuffle(t.seed);
        const auto order = shuffle.permutation(data->size());
        std::size_t correct = 0;
        for (std::size_t first = 0; first < order.size(); first += 50) {
            std::span<const std::size_t> idx(order.data() + first, 50);
            const Batch b = data->gather(idx);
            const Tensor out = replay.forward(b.inputs, Mode::Train);
            for (std::size_t i = 0; i < 50; ++i) {
                correct += (out[i] >= 0.5F) == (b.targets[i] >= 0.5F) ? 1 : 0;
            }
            stepper.step(b, idx);
        }
        QCOMPARE(r.history[0].trainAccuracy, static_cast<double>(correct) / 200.0);
        QVERIFY(replay.parameter("o.weight")->value == net.parameter("o.weight")->value);

        // Exact re-evaluates with the final weights instead.
        Network net3 = build();
        auto opt3 = registry.makeOptimizer("sgd", Json{{"learning_rate", 0.5}});
        TrainingSettings t3 = t;
        t3.trainAccuracy = TrainAccuracy::Exact;
        Trainer exact(net3, *loss, *opt3, t3);
        const TrainingResult r3 = exact.fit(*data);
        QVERIFY(!r3.history[0].runningAccuracy);
        QCOMPARE(r3.history[0].trainAccuracy, exact.evaluate(*data).accuracy);
    }

    // Training skips dL/d(input) of the first layer; the parameter gradients must be
    // exactly those of the full backward pass.
    void skippingInputGradientKeepsParameterGradients() {
        auto run = [&](bool inputGradient) {
            Rng rng(2);
            Network net = buildModel(Json::parse(R"({"input": [3], "layers": [
                {"type": "dense", "name": "a", "units": 5, "activation": "relu", "init": "he"},
                {"type": "dense", "name": "b", "units": 4, "activation": "softmax"}]})"),
                                     registry, rng);
            Tensor x(Shape{6, 3});
            Tensor y(Shape{6, 4});
            for (std::size_t i = 0; i < x.size(); ++i) x[i] = std::sin(static_cast<float>(i));
            for (std::size_t n = 0; n < 6; ++n) y[n * 4 + n % 4] = 1.0F;
            auto loss = registry.makeLoss("categorical_cross_entropy");
            const Tensor out = net.forward(x, Mode::Train);
            const Tensor dx = net.backward(*loss, out, y, nullptr, inputGradient);
            std::vector<Tensor> grads;
            for (const ParamRef& p : net.parameters()) grads.push_back(*p.grad);
            return std::make_pair(grads, dx);
        };
        const auto [full, dxFull] = run(true);
        const auto [skipped, dxSkipped] = run(false);
        QCOMPARE(full.size(), std::size_t{4});
        for (std::size_t i = 0; i < full.size(); ++i) QVERIFY(full[i] == skipped[i]);
        QCOMPARE(dxFull.shape(), (Shape{6, 3}));
        QVERIFY(dxSkipped.empty());
        QVERIFY(dxFull.maxAbs() > 0.0F);
    }

    // η·decay^(e−1): after 3 epochs with decay 0.5 the rate is a quarter of the start,
    // and the first epoch trains exactly as without a schedule.
    void learningRateDecayPerEpoch() {
        TensorDataset data = line(40);
        auto run = [&](double decay, int epochs) {
            Setup s = make(0.1);
            TrainingSettings t;
            t.epochs = epochs;
            t.batchSize = 10;
            t.seed = 2;
            t.learningRateDecay = decay;
            Trainer trainer(s.net, *s.loss, *s.opt, t);
            trainer.fit(data);
            return std::make_pair(s.opt->learningRate(), s.net.parameter("lin.weight")->value);
        };
        QCOMPARE(run(0.5, 3).first, 0.025);
        QCOMPARE(run(1.0, 3).first, 0.1);
        QVERIFY(run(0.5, 1).second == run(1.0, 1).second);
        QVERIFY(run(0.5, 2).second != run(1.0, 2).second);
    }

    // Gradient clipping by norm: the joint norm over every trained parameter, the
    // gradients scaled by clip/‖g‖ above it and left alone below, recorded in the trace,
    // and the same for any optimizer (the update follows the clipped gradient).
    void gradientClippingByNorm() {
        const Json model = Json::parse(R"({"input": [2], "layers": [
            {"type": "dense", "name": "h", "units": 3, "activation": "tanh"},
            {"type": "dense", "name": "out", "units": 1}]})");
        Tensor x(Shape{4, 2});
        Tensor y(Shape{4, 1});
        for (std::size_t i = 0; i < 8; ++i)
            x[i] = 0.5F * static_cast<float>(i) - 1.0F;
        for (std::size_t i = 0; i < 4; ++i)
            y[i] = 5.0F * static_cast<float>(i);  // far from the start: a large gradient
        TensorDataset data(x, y);
        struct Run {
            StepRecord step;
            Tensor weightAfter;
        };
        const auto oneStep = [&](double clip, const char* optimizer) {
            Rng rng(3);
            Network net = buildModel(model, registry, rng);
            auto loss = registry.makeLoss("mse");
            auto opt = registry.makeOptimizer(optimizer, Json{{"learning_rate", 0.1}});
            TrainingSettings t;
            t.epochs = 1;
            t.batchSize = 0;
            t.shuffle = false;
            t.clipNorm = clip;
            Trainer trainer(net, *loss, *opt, t);
            Trace trace;
            trainer.setTrace(&trace);
            trainer.fit(data);
            return Run{trace.steps().at(0), net.parameter("h.weight")->value};
        };
        const Run free = oneStep(0.0, "sgd");
        QVERIFY(!free.step.gradientNorm.has_value());
        QVERIFY(!Trace::toJson(free.step).contains("gradient_norm"));
        // The norm, summed here over the unclipped gradients of all four parameters.
        double squares = 0.0;
        for (const ParameterRecord& p : free.step.parameters) {
            for (const float g : p.grad.values())
                squares += static_cast<double>(g) * g;
        }
        QCOMPARE(free.step.parameters.size(), std::size_t{4});
        const double norm = std::sqrt(squares);
        QVERIFY(norm > 1.0);

        // A limit above the norm: recorded, nothing scaled, the same step.
        const Run loose = oneStep(2.0 * norm, "sgd");
        QVERIFY(loose.step.gradientNorm.has_value());
        QVERIFY(std::fabs(*loose.step.gradientNorm - norm) <= 1e-9 * norm);
        QCOMPARE(loose.step.clipScale, 1.0F);
        QVERIFY(loose.weightAfter == free.weightAfter);

        // A limit of 1: every gradient times 1/‖g‖, and sgd's Δ = −η·g with that g.
        const Run clipped = oneStep(1.0, "sgd");
        QVERIFY(std::fabs(*clipped.step.gradientNorm - norm) <= 1e-9 * norm);
        QVERIFY(std::fabs(clipped.step.clipScale - 1.0 / norm) <= 1e-6 / norm);
        double clippedSquares = 0.0;
        for (std::size_t k = 0; k < 4; ++k) {
            const ParameterRecord& c = clipped.step.parameters[k];
            const ParameterRecord& f = free.step.parameters[k];
            for (std::size_t i = 0; i < c.grad.size(); ++i) {
                const double expected = static_cast<double>(f.grad[i]) / norm;
                QVERIFY2(std::fabs(c.grad[i] - expected) <= 1e-6 * (1.0 + std::fabs(expected)), c.name.c_str());
                QVERIFY(std::fabs(c.update[i] + 0.1 * expected) <= 1e-6);
                clippedSquares += static_cast<double>(c.grad[i]) * c.grad[i];
            }
        }
        QVERIFY(std::fabs(std::sqrt(clippedSquares) - 1.0) <= 1e-5);
        const Json j = Trace::toJson(clipped.step);
        QVERIFY(std::fabs(j["gradient_norm"].get<double>() - norm) <= 1e-9 * norm);
        QVERIFY(std::fabs(j["clip_scale"].get<double>() - 1.0 / norm) <= 1e-6);

        // Adam: its first step moves each weight by about η·sign(g) whatever the scale,
        // so the clipped run still moves; what it saw is the clipped gradient.
        const Run adam = oneStep(1.0, "adam");
        QVERIFY(std::fabs(adam.step.clipScale - 1.0 / norm) <= 1e-6 / norm);
        QVERIFY(adam.step.parameters[0].grad == clipped.step.parameters[0].grad);

        // The experiment option: checked against its schema.
        Json doc = Json::parse(R"({"format": "deepstep.experiment", "version": 1,
            "model": {"input": [2], "layers": [{"type": "dense", "name": "out", "units": 1}]},
            "loss": "mse", "optimizer": {"type": "sgd", "learning_rate": 0.1}, "dataset": "xor",
            "training": {"epochs": 1, "clip_norm": 0.5}})");
        QCOMPARE(buildExperiment(doc, registry, "e.json").training.clipNorm, 0.5);
        doc["training"]["clip_norm"] = -1;
        try {
            buildExperiment(doc, registry, "e.json");
            QFAIL("a negative clip_norm was accepted");
        } catch (const InputError& e) {
            QVERIFY2(std::string(e.what()).find("training.clip_norm") != std::string::npos, e.what());
        }
    }

    // Augmentation reaches the training batches (and only them): with noise on, the
    // same seed gives a different path than without, and the same path twice.
    void augmentationAppliesToTrainingBatches() {
        Tensor x(Shape{8, 1, 4, 4});
        Tensor y(Shape{8, 2});
        for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i % 7) / 7.0F;
        for (std::size_t n = 0; n < 8; ++n) y[n * 2 + n % 2] = 1.0F;
        TensorDataset data(x, y, {"a", "b"});
        auto run = [&](float noise) {
            Rng rng(1);
            Network net = buildModel(Json::parse(R"({"input": [1, 4, 4], "layers": [
                {"type": "dense", "name": "o", "units": 2, "activation": "softmax"}]})"),
                                     registry, rng);
            auto loss = registry.makeLoss("categorical_cross_entropy");
            auto opt = registry.makeOptimizer("sgd", Json{{"learning_rate", 0.1}});
            TrainingSettings t;
            t.epochs = 2;
            t.batchSize = 4;
            t.seed = 4;
            t.augmentation.noise = noise;
            Trainer trainer(net, *loss, *opt, t);
            trainer.fit(data);
            return net.parameter("o.weight")->value;
        };
        QVERIFY(run(0.0F) != run(0.2F));
        QVERIFY(run(0.2F) == run(0.2F));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
