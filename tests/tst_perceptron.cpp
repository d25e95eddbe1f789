// The perceptron lecture: the step activation, the perceptron layer and its learning
// rule (golden values worked out by hand), training on the logic gates, the XOR
// failure with its explanation, and XOR built from two perceptrons plus one.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/network.hpp"
#include "deepstep/perceptron/perceptron.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/toy/toy_datasets.hpp"
#include "deepstep/trainer.hpp"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace deepstep;
using deepstep::perceptron::PerceptronLayer;
using deepstep::toy::Gate;

Q_DECLARE_METATYPE(deepstep::toy::Gate)

namespace {

Registry makeRegistry() {
    Registry r;
    perceptron::registerComponents(r);
    return r;
}

// A one-layer network "perceptron" with `units` units over 2 inputs, from the registry.
Network singlePerceptron(const Registry& registry, const Json& options = Json{{"units", 1}}) {
    Network net;
    net.add("perceptron", registry.makeLayer("perceptron", options));
    Rng rng(1);
    net.build(Shape{2}, rng);
    return net;
}

void setValues(Tensor& t, std::initializer_list<float> values) {
    QCOMPARE(t.size(), values.size());
    std::size_t i = 0;
    for (float v : values) {
        t[i++] = v;
    }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

QString reasonOf(StopReason r) { return QString::fromStdString(deepstep::toString(r)); }

}  // namespace

class TestPerceptron : public QObject {
    Q_OBJECT

private slots:
    // ---- step activation ----

    void stepForwardIsOneFromZeroUp() {
        const perceptron::StepActivation step;
        const Tensor z = Tensor::rows({{-2.0F, -1e-6F, 0.0F, 1e-6F, 3.0F}});
        QCOMPARE(step.forward(z), Tensor::rows({{0, 0, 1, 1, 1}}));
        const Tensor nan = Tensor::rows({{std::numeric_limits<float>::quiet_NaN()}});
        QCOMPARE(step.forward(nan)[0], 0.0F);
    }

    void stepBackwardIsZero() {
        // The true derivative: whatever flows in, nothing flows back — gradient
        // descent through a step cannot move a weight.
        const perceptron::StepActivation step;
        const Tensor z = Tensor::rows({{-2.0F, 0.0F, 0.5F}, {1.0F, -0.1F, 4.0F}});
        const Tensor da = Tensor::rows({{1.0F, -3.0F, 2.0F}, {0.5F, 7.0F, -1.0F}});
        const Tensor dz = step.backward(z, step.forward(z), da);
        QCOMPARE(dz.shape(), z.shape());
        QCOMPARE(dz.maxAbs(), 0.0F);

        const Registry registry = makeRegistry();
        auto fromRegistry = registry.makeActivation("step");
        QCOMPARE(fromRegistry->name(), std::string("step"));
        QCOMPARE(fromRegistry->forward(z), step.forward(z));
    }

    // ---- perceptron layer ----

    void layerForwardGolden() {
        // Two perceptrons side by side: OR (w = 1, 1; b = −0.5) and NAND (w = −1, −1; b = 1.5).
        PerceptronLayer layer({.units = 2, .init = "zeros", .initScale = 0.5F});
        Rng rng(0);
        QCOMPARE(layer.build(Shape{2}, rng), (Shape{2}));
        auto params = layer.parameters();
        QCOMPARE(params.size(), std::size_t{2});
        QCOMPARE(params[0]->name, std::string("weight"));
        QCOMPARE(params[0]->value.shape(), (Shape{2, 2}));  // in × out
        QCOMPARE(params[1]->name, std::string("bias"));
        QVERIFY(params[0]->decays);
        QVERIFY(!params[1]->decays);
        setValues(params[0]->value, {1, -1, 1, -1});
        setValues(params[1]->value, {-0.5F, 1.5F});

        QVERIFY(layer.preActivation() == nullptr);
        const Tensor x = Tensor::rows({{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        const Tensor y = layer.forward(x, Mode::Eval);
        QCOMPARE(*layer.preActivation(), Tensor::rows({{-0.5F, 1.5F}, {0.5F, 0.5F}, {0.5F, 0.5F}, {1.5F, -0.5F}}));
        QCOMPARE(y, Tensor::rows({{0, 1}, {1, 1}, {1, 1}, {1, 0}}));
        QVERIFY(layer.activation() != nullptr);
        QCOMPARE(layer.activation()->name(), std::string("step"));
    }

    void layerBackwardIsThePerceptronRule() {
        PerceptronLayer layer({.units = 1, .init = "zeros", .initScale = 0.5F});
        Rng rng(0);
        layer.build(Shape{2}, rng);
        setValues(layer.parameters()[0]->value, {2.0F, 3.0F});
        setValues(layer.parameters()[1]->value, {-4.0F});
        const Tensor x = Tensor::rows({{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        layer.forward(x, Mode::Train);
        // dy is passed straight through the step: δ = dy.
        const Tensor dy = Tensor::rows({{0.25F}, {-0.5F}, {0.0F}, {1.0F}});
        const Tensor dx = layer.backward(dy);
        QCOMPARE(*layer.preActivationGradient(), dy);
        // dW = Xᵀ δ = (0·.25 + 0·−.5 + 1·0 + 1·1, 0·.25 + 1·−.5 + 0·0 + 1·1) = (1, 0.5)
        QCOMPARE(layer.parameters()[0]->grad, Tensor(Shape{2, 1}, {1.0F, 0.5F}));
        // db = Σ δ = 0.75
        QCOMPARE(layer.parameters()[1]->grad, Tensor(Shape{1}, 0.75F));
        // dX = δ Wᵀ: each row is δ_i · (2, 3)
        QCOMPARE(dx, Tensor::rows({{0.5F, 0.75F}, {-1.0F, -1.5F}, {0.0F, 0.0F}, {2.0F, 3.0F}}));
        // The fused entry point is the same rule.
        QCOMPARE(layer.backwardFromPreActivation(dy), dx);
    }

    void layerRejectsBadShapes() {
        Rng rng(0);
        PerceptronLayer image({.units = 1, .init = "zeros", .initScale = 0.5F});
        QVERIFY_THROWS_EXCEPTION(InputError, image.build(Shape{1, 28, 28}, rng));

        PerceptronLayer layer({.units = 1, .init = "zeros", .initScale = 0.5F});
        layer.build(Shape{2}, rng);
        QVERIFY_THROWS_EXCEPTION(InputError, layer.forward(Tensor(Shape{4, 3}), Mode::Train));
        layer.forward(Tensor(Shape{4, 2}), Mode::Train);
        QVERIFY_THROWS_EXCEPTION(InputError, layer.backward(Tensor(Shape{3, 1})));
    }

    void layerInitFromRegistry() {
        const Registry registry = makeRegistry();
        auto layer = registry.makeLayer("perceptron", Json{{"units", 3}, {"init", "uniform"}, {"init_scale", 0.25}});
        Rng rng(5);
        QCOMPARE(layer->build(Shape{4}, rng), (Shape{3}));
        const Tensor& w = layer->parameters()[0]->value;
        QCOMPARE(w.shape(), (Shape{4, 3}));
        QVERIFY(w.maxAbs() > 0.0F && w.maxAbs() <= 0.25F);
        QCOMPARE(layer->parameters()[1]->value.maxAbs(), 0.0F);

        // Default: zeros, as in Rosenblatt's rule.
        auto plain = registry.makeLayer("perceptron", Json::object());
        plain->build(Shape{2}, rng);
        QCOMPARE(plain->parameters()[0]->value.maxAbs(), 0.0F);
        QCOMPARE(plain->parameters()[0]->value.shape(), (Shape{2, 1}));
    }

    // ---- loss and optimizer ----

    void perceptronErrorGolden() {
        const perceptron::PerceptronErrorLoss loss;
        const Tensor y = Tensor::rows({{1, 0}, {0, 0}});
        const Tensor t = Tensor::rows({{1, 1}, {0, 1}});
        // Two of four outputs wrong over a batch of 2: one mistake per example.
        QCOMPARE(loss.value(y, t), 1.0F);
        QCOMPARE(loss.gradient(y, t), Tensor::rows({{0.0F, -0.5F}, {0.0F, -0.5F}}));
        QCOMPARE(loss.value(t, t), 0.0F);
        const Tensor bad = Tensor::rows({{std::numeric_limits<float>::infinity(), 0}, {0, 0}});
        QVERIFY(std::isnan(loss.value(bad, t)));
        QVERIFY_THROWS_EXCEPTION(InputError, loss.value(Tensor::rows({{1}}), t));
        QVERIFY_THROWS_EXCEPTION(InputError, loss.gradient(Tensor::rows({{1}}), t));
    }

    void rosenblattStepIsMinusEtaGrad() {
        perceptron::RosenblattOptimizer opt(0.5);
        Tensor w(Shape{2}, {1.0F, -2.0F});
        const Tensor g(Shape{2}, {4.0F, -1.0F});
        const ParamRef ref{"p.weight", &w, &g};
        opt.step(std::span<const ParamRef>(&ref, 1));
        QCOMPARE(opt.stepCount(), 1LL);
        QCOMPARE(opt.updates().at(0), Tensor(Shape{2}, {-2.0F, 0.5F}));
        QCOMPARE(w, Tensor(Shape{2}, {-1.0F, -1.5F}));
    }

    // Rosenblatt's rule is declared for error-driven layers: accepted on perceptron
    // networks, refused with its place on a network that has a layer trained by
    // gradients. Gradient optimizers suit both.
    void optimizerSuitsTheNetwork() {
        Registry r;
        perceptron::registerComponents(r);
        backprop::registerComponents(r);
        toy::registerComponents(r);
        QVERIFY(r.find(Kind::Optimizer, "rosenblatt")->signal == LearningSignal::ErrorDriven);
        QVERIFY(r.find(Kind::Layer, "perceptron")->signal == LearningSignal::ErrorDriven);
        for (const char* name : {"sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"})
            QVERIFY(r.find(Kind::Optimizer, name)->signal == LearningSignal::Gradient);
        QVERIFY(r.find(Kind::Layer, "dense")->signal == LearningSignal::Gradient);
        const ComponentInfo& rosenblatt = *r.find(Kind::Optimizer, "rosenblatt");
        const ComponentInfo& sgd = *r.find(Kind::Optimizer, "sgd");
        QVERIFY(optimizerSuits(rosenblatt, LearningSignal::ErrorDriven));
        QVERIFY(!optimizerSuits(rosenblatt, LearningSignal::Gradient));
        QVERIFY(optimizerSuits(sgd, LearningSignal::ErrorDriven));
        QVERIFY(optimizerSuits(sgd, LearningSignal::Gradient));

        auto experiment = [](const Json& layers, const Json& optimizer) {
            return Json{{"model", {{"input", {2}}, {"layers", layers}}},
                        {"loss", "mse"},
                        {"optimizer", optimizer},
                        {"dataset", "xor"}};
        };
        const Json perceptrons = Json::parse(R"([{"type": "perceptron", "name": "p", "units": 1}])");
        const Json dense = Json::parse(R"([{"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid"},
                                           {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}])");
        const Json mixed = Json::parse(R"([{"type": "perceptron", "name": "p", "units": 2},
                                           {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}])");
        BuiltExperiment ok = buildExperiment(experiment(perceptrons, "rosenblatt"), r);
        QVERIFY(networkSignal(ok.network, r) == LearningSignal::ErrorDriven);
        BuiltExperiment sgdOnPerceptrons = buildExperiment(experiment(perceptrons, "sgd"), r);
        QCOMPARE(sgdOnPerceptrons.optimizer->type(), std::string("sgd"));
        BuiltExperiment gradient = buildExperiment(experiment(mixed, "adam"), r);
        QVERIFY(networkSignal(gradient.network, r) == LearningSignal::Gradient);

        struct Refused {
            Json layers;
            Json optimizer;
            const char* where;
            const char* layer;
        };
        for (const Refused& c : {Refused{dense, "rosenblatt", "x.json: optimizer", "\"hidden\" (dense)"},
                                 Refused{dense, Json{{"type", "rosenblatt"}}, "x.json: optimizer.type", "\"hidden\" (dense)"},
                                 Refused{mixed, "rosenblatt", "x.json: optimizer", "\"out\" (dense)"}}) {
            try {
                (void)buildExperiment(experiment(c.layers, c.optimizer), r, "x.json");
                QFAIL("rosenblatt was accepted on a network trained by gradients");
            } catch (const InputError& e) {
                const QString what = QString::fromStdString(e.what());
                QVERIFY2(what.startsWith(QLatin1String(c.where) + QLatin1String(": \"rosenblatt\" is written for")),
                         qPrintable(what));
                QVERIFY2(what.contains(QLatin1String("layer ") + QLatin1String(c.layer) + " is trained by gradients"),
                         qPrintable(what));
                QVERIFY2(what.endsWith(QLatin1String("(adagrad, adam, momentum, nesterov, rmsprop, sgd)")), qPrintable(what));
            }
        }
    }

    void registryComponentsAndBadOptions() {
        const Registry registry = makeRegistry();
        QVERIFY(registry.find(Kind::Activation, "step"));
        QVERIFY(registry.find(Kind::Layer, "perceptron"));
        QVERIFY(registry.find(Kind::Loss, "perceptron_error"));
        QVERIFY(registry.find(Kind::Optimizer, "rosenblatt"));
        for (Kind kind : allKinds()) {
            for (const ComponentInfo* info : registry.list(kind)) {
                QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
                for (const OptionSpec& spec : info->schema.specs()) {
                    QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), spec.name.c_str());
                }
            }
        }
        QCOMPARE(registry.makeOptimizer("rosenblatt")->learningRate(), 1.0);
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLayer("perceptron", Json{{"units", 0}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLayer("perceptron", Json{{"init", "magic"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeOptimizer("rosenblatt", Json{{"learning_rate", -1}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("perceptron_error", Json{{"half", true}}));
    }

    // ---- the perceptron rule, step by step ----

    void errorReductions() {
        // Two mistakes in a batch of two samples with two outputs each.
        const Registry registry = makeRegistry();
        const Tensor y = Tensor::rows({{1.0F, 0.0F}, {1.0F, 1.0F}});
        const Tensor t = Tensor::rows({{1.0F, 1.0F}, {0.0F, 1.0F}});
        const struct {
            const char* reduction;
            float value;
            float scale;
        } cases[] = {{"batch_mean", 1.0F, 0.5F}, {"mean", 0.5F, 0.25F}, {"sum", 2.0F, 1.0F}};
        for (const auto& c : cases) {
            auto loss = registry.makeLoss("perceptron_error", Json{{"reduction", c.reduction}});
            QCOMPARE(loss->value(y, t), c.value);
            QCOMPARE(loss->gradient(y, t), Tensor(Shape{2, 2}, std::vector<float>{0.0F, -c.scale, c.scale, 0.0F}));
        }
        QCOMPARE(registry.makeLoss("perceptron_error")->value(y, t), 1.0F);
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("perceptron_error", Json{{"reduction", "avg"}}));
    }

    void ruleGoldenOnAnd_data() {
        QTest::addColumn<double>("eta");
        QTest::newRow("eta=1") << 1.0;
        // From zero weights the rate only scales the weights: same mistakes, same order.
        QTest::newRow("eta=0.5") << 0.5;
    }

    void ruleGoldenOnAnd() {
        QFETCH(double, eta);
        const auto e = static_cast<float>(eta);
        const Registry registry = makeRegistry();
        Network net = singlePerceptron(registry);
        auto loss = registry.makeLoss("perceptron_error");
        auto opt = registry.makeOptimizer("rosenblatt", Json{{"learning_rate", eta}});
        const TensorDataset data = toy::truthTable(Gate::And, 2);

        // Worked by hand with w ← w + η(t − y)x, b ← b + η(t − y), step(0) = 1,
        // from w = (0, 0), b = 0, visiting the rows 00, 01, 10, 11 in order.
        struct Expected {
            float y, w1, w2, b;
        };
        const Expected table[8] = {
            {1, 0, 0, -1},  // 00: z = 0 → y = 1, t = 0: b −= η
            {0, 0, 0, -1},  // 01: z = −1 → 0, right
            {0, 0, 0, -1},  // 10: z = −1 → 0, right
            {0, 1, 1, 0},   // 11: z = −1 → 0, t = 1: w += η(1, 1), b += η
            {1, 1, 1, -1},  // 00: z = 0 → 1, wrong
            {1, 1, 0, -2},  // 01: z = 1 − 1 = 0 → 1, wrong: w2 −= η, b −= η
            {0, 1, 0, -2},  // 10: z = 1 − 2 → 0, right
            {0, 2, 1, -1},  // 11: z = 1 + 0 − 2 → 0, t = 1: w += η(1, 1), b += η
        };
        for (std::size_t i = 0; i < 8; ++i) {
            const std::size_t index[1] = {i};
            const Batch b = data.gather(index);
            const Tensor y = net.forward(b.inputs, Mode::Train);
            QCOMPARE(y[0], table[i].y);
            const float mistakes = loss->value(y, b.targets);
            QCOMPARE(mistakes, y[0] == b.targets[0] ? 0.0F : 1.0F);
            net.backward(*loss, y, b.targets);
            opt->step(net.parameters());
            const Tensor& w = net.parameter("perceptron.weight")->value;
            const Tensor& bias = net.parameter("perceptron.bias")->value;
            QCOMPARE(w, Tensor(Shape{2, 1}, {e * table[i].w1, e * table[i].w2}));
            QCOMPARE(bias, Tensor(Shape{1}, e * table[i].b));
            // The hooks a lesson shows: z and δ = y − t of this example.
            QCOMPARE(net.layer(0).preActivationGradient()->at({0, 0}), y[0] - b.targets[0]);
        }
        QCOMPARE(opt->stepCount(), 8LL);
    }

    void batchUpdateIsTheMeanOfTheRule() {
        // Whole truth table at once from zero weights: every z = 0, so y = 1 and
        // t − y = (−1, −1, −1, 0). Mean of η(t − y)x = (−1/4, −1/4), of η(t − y) = −3/4.
        const Registry registry = makeRegistry();
        Network net = singlePerceptron(registry);
        auto loss = registry.makeLoss("perceptron_error");
        auto opt = registry.makeOptimizer("rosenblatt");
        const Batch b = toy::truthTable(Gate::And).all();
        const Tensor y = net.forward(b.inputs, Mode::Train);
        QCOMPARE(loss->value(y, b.targets), 0.75F);
        net.backward(*loss, y, b.targets);
        opt->step(net.parameters());
        QCOMPARE(net.parameter("perceptron.weight")->value, Tensor(Shape{2, 1}, {-0.25F, -0.25F}));
        QCOMPARE(net.parameter("perceptron.bias")->value, Tensor(Shape{1}, -0.75F));
    }

    // ---- training with the Trainer ----

    void learnsLinearlySeparableGates_data() {
        QTest::addColumn<Gate>("gate");
        QTest::addColumn<int>("epochsInOrder");  // by hand, rows in order, η = 1, from zeros
        QTest::newRow("and") << Gate::And << 5;
        QTest::newRow("or") << Gate::Or << 3;
        QTest::newRow("nand") << Gate::Nand << 5;
        QTest::newRow("nor") << Gate::Nor << 3;
    }

    void learnsLinearlySeparableGates() {
        QFETCH(Gate, gate);
        QFETCH(int, epochsInOrder);
        const Registry registry = makeRegistry();
        const TensorDataset data = toy::truthTable(gate);
        auto loss = registry.makeLoss("perceptron_error");

        for (bool shuffle : {false, true}) {
            Network net = singlePerceptron(registry);
            auto opt = registry.makeOptimizer("rosenblatt");
            TrainingSettings settings;
            settings.epochs = 50;
            settings.batchSize = 1;
            settings.shuffle = shuffle;
            settings.seed = 3;
            settings.targetAccuracy = 1.0;
            Trainer trainer(net, *loss, *opt, settings);
            const TrainingResult result = trainer.fit(data);
            QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetReached));
            if (!shuffle) {
                QCOMPARE(result.epochs, epochsInOrder);
            }
            QCOMPARE(trainer.evaluate(data).accuracy, 1.0);
            const Tensor y = net.forward(data.inputs(), Mode::Eval);
            QCOMPARE(y, data.targets());
        }
    }

    void xorRunsOutOfEpochsWithAdvice() {
        const Registry registry = makeRegistry();
        const TensorDataset data = toy::truthTable(Gate::Xor);
        Network net = singlePerceptron(registry);
        auto loss = registry.makeLoss("perceptron_error");
        auto opt = registry.makeOptimizer("rosenblatt");
        TrainingSettings settings;
        settings.epochs = 50;
        settings.batchSize = 1;
        settings.shuffle = true;
        settings.seed = 7;
        settings.targetAccuracy = 1.0;
        Trainer trainer(net, *loss, *opt, settings);
        const TrainingResult result = trainer.fit(data);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetMissed));
        QCOMPARE(result.epochs, 50);
        for (const EpochInfo& e : result.history) {
            QVERIFY(e.trainAccuracy <= 0.75);  // a line gets at most 3 of the 4 right
        }
        QVERIFY2(contains(result.explanation.en, "linearly separable"), result.explanation.en.c_str());
        QVERIFY2(contains(result.explanation.ko, "선형 분리"), result.explanation.ko.c_str());
        QVERIFY(contains(result.explanation.en, "XOR"));
    }

    void adviceNamesTheConvergenceTheorem() {
        PerceptronLayer layer({.units = 1, .init = "zeros", .initScale = 0.5F});
        const auto advice = layer.adviceWhenTargetMissed();
        QVERIFY(advice.has_value());
        QVERIFY(contains(advice->en, "perceptron convergence theorem"));
        QVERIFY(contains(advice->en, "straight line"));
        QVERIFY(contains(advice->ko, "퍼셉트론 수렴 정리"));
        QVERIFY(contains(advice->ko, "직선"));
    }

    // ---- XOR from three perceptrons ----

    void twoPerceptronsAndOneSolveXor() {
        const Registry registry = makeRegistry();
        Network net;
        net.add("hidden", registry.makeLayer("perceptron", Json{{"units", 2}}));
        net.add("out", registry.makeLayer("perceptron", Json{{"units", 1}}));
        Rng rng(1);
        net.build(Shape{2}, rng);
        QCOMPARE(net.outputShape(), (Shape{1}));
        // hidden: OR and NAND side by side; out: AND of the two.
        setValues(net.parameter("hidden.weight")->value, {1, -1, 1, -1});
        setValues(net.parameter("hidden.bias")->value, {-0.5F, 1.5F});
        setValues(net.parameter("out.weight")->value, {1, 1});
        setValues(net.parameter("out.bias")->value, {-1.5F});

        const TensorDataset data = toy::truthTable(Gate::Xor);
        const Tensor y = net.forward(data.inputs(), Mode::Eval);
        QCOMPARE(y, data.targets());
        // The new feature space: (OR, NAND) per row.
        QCOMPARE(net.layer(0).forward(data.inputs(), Mode::Eval), Tensor::rows({{0, 1}, {1, 1}, {1, 1}, {1, 0}}));

        // Training a network that is already right changes nothing: every t − y is 0.
        auto loss = registry.makeLoss("perceptron_error");
        auto opt = registry.makeOptimizer("rosenblatt");
        TrainingSettings settings;
        settings.epochs = 3;
        settings.batchSize = 1;
        settings.targetAccuracy = 1.0;
        const Tensor before = net.parameter("hidden.weight")->value;
        Trainer trainer(net, *loss, *opt, settings);
        const TrainingResult result = trainer.fit(data);
        QCOMPARE(reasonOf(result.reason), reasonOf(StopReason::TargetReached));
        QCOMPARE(trainer.evaluate(data).accuracy, 1.0);
        QCOMPARE(net.parameter("hidden.weight")->value, before);
    }
};

QTEST_APPLESS_MAIN(TestPerceptron)
#include "tst_perceptron.moc"
