// A whole network end to end: the lecture's 2-2-1 sigmoid network learns XOR with
// E = ½Σ(o − t)² and plain gradient descent (all four examples in every batch).
//
// The seed fixes the initial weights (xavier from Rng); with seed 1 and η = 2 the run
// reaches a loss near 4e-4 in 5000 epochs. XOR with two hidden sigmoid units has local
// minima, and about one seed in four gets stuck in one: a failure after a change to the
// initialisers or the Rng may mean a bad seed rather than a broken gradient.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/trainer.hpp"

#include <QtTest>

using namespace deepstep;

namespace {

TensorDataset xorData() {
    return TensorDataset(Tensor::rows({{0.0F, 0.0F}, {0.0F, 1.0F}, {1.0F, 0.0F}, {1.0F, 1.0F}}),
                         Tensor::rows({{0.0F}, {1.0F}, {1.0F}, {0.0F}}), {"0", "1"}, {"x1", "x2"});
}

Network xorNetwork(const Registry& registry, std::uint64_t seed) {
    Network net;
    net.add("hidden", registry.makeLayer("dense", Json{{"units", 2}, {"activation", "sigmoid"}}));
    net.add("out", registry.makeLayer("dense", Json{{"units", 1}, {"activation", "sigmoid"}}));
    Rng rng(seed);
    net.build(Shape{2}, rng);
    return net;
}

struct Run {
    TrainingResult result;
    Tensor outputs;
    std::vector<float> finalWeights;
};

Run train(const Registry& registry, std::uint64_t seed) {
    const TensorDataset data = xorData();
    Network net = xorNetwork(registry, seed);
    auto loss = registry.makeLoss("mse", Json{{"half", true}});
    auto opt = registry.makeOptimizer("sgd", Json{{"learning_rate", 2.0}});
    TrainingSettings settings;
    settings.epochs = 5000;
    settings.batchSize = 0;
    settings.shuffle = false;
    settings.seed = seed;
    Trainer trainer(net, *loss, *opt, settings);
    Run run;
    run.result = trainer.fit(data);
    run.outputs = net.forward(data.inputs(), Mode::Eval);
    for (const ParamRef& p : net.parameters()) {
        run.finalWeights.insert(run.finalWeights.end(), p.value->values().begin(), p.value->values().end());
    }
    return run;
}

}  // namespace

class TestBackpropXor : public QObject {
    Q_OBJECT

private:
    Registry registry;

private slots:
    void initTestCase() { backprop::registerComponents(registry); }

    void learnsXor() {
        const Run run = train(registry, 1);
        QCOMPARE(QString::fromStdString(toString(run.result.reason)), QString("completed"));
        QCOMPARE(run.result.epochs, 5000);
        // One iteration per epoch: the whole set is one batch (gradient descent).
        QCOMPARE(run.result.iterations, 5000LL);

        const TensorDataset data = xorData();
        QCOMPARE(accuracy(run.outputs, data.targets()), 1.0);
        for (std::size_t i = 0; i < 4; ++i) {
            const float t = data.targets()[i];
            QVERIFY2(std::fabs(run.outputs[i] - t) < 0.1F,
                     qPrintable(QString("example %1: output %2, target %3").arg(i).arg(run.outputs[i]).arg(t)));
        }
        QCOMPARE(run.result.history.size(), std::size_t{5000});
        const double first = run.result.history.front().trainLoss;
        const double last = run.result.history.back().trainLoss;
        QVERIFY2(last < 0.01 && last < first / 10.0,
                 qPrintable(QString("loss went from %1 to %2").arg(first).arg(last)));
    }

    void sameSeedSameRun() {
        const Run a = train(registry, 1);
        const Run b = train(registry, 1);
        QCOMPARE(a.finalWeights, b.finalWeights);
        const Run c = train(registry, 2);
        QVERIFY(a.finalWeights != c.finalWeights);
    }
};

QTEST_APPLESS_MAIN(TestBackpropXor)
#include "tst_backprop_xor.moc"
