// Stepper: one iteration revealed layer by layer, undo, reset, shown weights.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/stepper.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QtTest>

using namespace deepstep;

namespace {
const char* kXor = R"({
  "seed": 5,
  "model": {"layers": [
    {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
     "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0, 0]}},
    {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
     "parameters": {"weight": [[0.5], [0.5]], "bias": [0]}}]},
  "loss": {"type": "mse", "half": true},
  "optimizer": {"type": "momentum", "learning_rate": 2, "momentum": 0.9},
  "dataset": "xor",
  "training": {"batch_size": 2, "shuffle": true}
})";
}  // namespace

class TestStepper : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        toy::registerComponents(registry);
    }

    void revealsStageByStage() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        QCOMPARE(s.layerCount(), 2);
        QVERIFY(s.phase() == Stepper::Phase::Ready);
        QVERIFY(s.record() == nullptr);
        QVERIFY(!s.backwardLayer());  // nothing to go back from yet
        QVERIFY(!s.applyUpdate());

        QVERIFY(s.forwardLayer());
        QVERIFY(s.phase() == Stepper::Phase::Forward);
        QCOMPARE(s.activeLayer(), 0);
        QVERIFY(s.forwardShown(0) && !s.forwardShown(1));
        QCOMPARE(s.iteration(), 1LL);
        QCOMPARE(s.record()->sampleIndices.size(), std::size_t{2});
        QVERIFY(!s.backwardLayer());  // forward is not finished
        QVERIFY(s.forwardLayer());
        QVERIFY(!s.forwardLayer());   // all layers shown
        QVERIFY(s.backwardLayer());
        QCOMPARE(s.activeLayer(), 1);  // backward starts at the output
        QVERIFY(s.backwardShown(1) && !s.backwardShown(0));
        QVERIFY(!s.applyUpdate());
        QVERIFY(s.backwardLayer());
        QVERIFY(s.backwardShown(0));

        // Weights are shown as before the step until the update is revealed.
        const ParameterRecord& w = s.record()->parameters[2];
        QCOMPARE(w.name, std::string("out.weight"));
        QVERIFY(*s.shownValue("out.weight") == w.value);
        QVERIFY(s.applyUpdate());
        QVERIFY(*s.shownValue("out.weight") == w.valueAfter);
        QVERIFY(*s.shownValue("out.weight") == s.network().parameter("out.weight")->value);
    }

    void undoRestoresEverything() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        s.fullIteration();
        const Tensor afterOne = s.network().parameter("hidden.weight")->value;
        const Json optAfterOne = s.optimizer().inspect();
        s.fullIteration();
        QVERIFY(!(s.network().parameter("hidden.weight")->value == afterOne));
        QVERIFY(s.undo());
        QVERIFY(s.network().parameter("hidden.weight")->value == afterOne);
        QCOMPARE(s.optimizer().inspect(), optAfterOne);  // momentum velocity too
        QCOMPARE(s.iteration(), 1LL);
        QVERIFY(s.undo());
        QVERIFY(s.record() == nullptr);
        QVERIFY(!s.undo());
    }

    void stepsMatchTheTrainer() {
        // Two whole iterations by the stepper equal two trainer steps on the same batches.
        Stepper s(registry);
        s.load(Json::parse(kXor));
        s.runIterations(2);
        const StepRecord second = *s.record();

        BuiltExperiment ex = buildExperiment(Json::parse(kXor), registry);
        Trainer t(ex.network, *ex.loss, *ex.optimizer, ex.training);
        Stepper order(registry);
        order.load(Json::parse(kXor));
        order.forwardLayer();
        const auto first = order.record()->sampleIndices;
        t.step(ex.dataset->gather(first), first);
        t.step(ex.dataset->gather(second.sampleIndices), second.sampleIndices);
        QVERIFY(ex.network.parameter("out.weight")->value == s.network().parameter("out.weight")->value);
        QCOMPARE(second.epoch, 1);  // 4 examples, batch 2: iterations 1 and 2 are epoch 1
    }

    void resetGivesTheSameFirstStep() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        s.fullIteration();
        const StepRecord first = *s.record();
        s.runIterations(5);
        s.reset();
        QCOMPARE(s.iteration(), 0LL);
        QVERIFY(!s.canUndo());
        s.fullIteration();
        QCOMPARE(s.record()->sampleIndices, first.sampleIndices);
        QVERIFY(s.record()->parameters[0].grad == first.parameters[0].grad);
    }

    void learningRateChangeKeepsState() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        s.fullIteration();
        const Json before = s.optimizer().inspect()["parameters"];
        QVERIFY(s.setLearningRate(0.5));
        QCOMPARE(s.optimizer().learningRate(), 0.5);
        QCOMPARE(s.optimizer().inspect()["parameters"], before);
        QVERIFY(s.undo());
        QCOMPARE(s.optimizer().learningRate(), 2.0);
    }

    void evaluateUsesShownWeights() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        const double initial = s.evaluate().loss;
        s.forwardLayer();  // the engine has updated the weights, the view has not
        QCOMPARE(s.evaluate().loss, initial);
        s.fullIteration();
        QVERIFY(s.evaluate().loss != initial);
    }

    void trainEpochs() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        const TrainingResult r = s.trainEpochs(3);
        QCOMPARE(r.epochs, 3);
        QCOMPARE(s.iteration(), 6LL);
        QVERIFY(s.record() == nullptr);
        QVERIFY(s.undo());
        QCOMPARE(s.iteration(), 0LL);
    }

    // The observer sees every epoch and may stop the training (the Studio's Cancel).
    void trainEpochsObservedAndStopped() {
        Stepper s(registry);
        s.load(Json::parse(kXor));
        std::vector<int> seen;
        const TrainingResult r = s.trainEpochs(10, [&](const EpochInfo& e) {
            seen.push_back(e.epoch);
            return e.epoch < 2;
        });
        QVERIFY(r.reason == StopReason::Cancelled);
        QCOMPARE(r.epochs, 2);
        QCOMPARE(seen, (std::vector<int>{1, 2}));
        QVERIFY(s.undo());
        QCOMPARE(s.iteration(), 0LL);
    }
};

QTEST_APPLESS_MAIN(TestStepper)
#include "tst_stepper.moc"
