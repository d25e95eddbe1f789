// The course's forward/backward worked example, reproduced through the Trace.
//
// Network (seeds, lecture 1): 3 inputs, 2 sigmoid hidden units, 2 sigmoid outputs,
// no biases, weights w1..w10, E = ½ Σ (o − t)².
//   zh1 = x1w1 + x2w3 + x3w5      zh2 = x1w2 + x2w4 + x3w6
//   zo1 = h1w7 + h2w9             zo2 = h1w8 + h2w10
//   dE/dw7 = (o1 − t1) · o1(1 − o1) · h1
// The golden values are computed here from those scalar formulas, independently of
// the engine's matrix code, and also pinned to literals computed with plain Python.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/experiment.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {
double sig(double z) { return 1.0 / (1.0 + std::exp(-z)); }

const double w[11] = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.1};
const double x[3] = {1.0, 0.5, 0.2};
const double t[2] = {1.0, 0.0};

Json experiment() {
    return Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "seed": 1,
      "model": {"input": [3], "layers": [
        {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid", "use_bias": false,
         "parameters": {"weight": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]}},
        {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid", "use_bias": false,
         "parameters": {"weight": [[0.7, 0.8], [0.9, 0.1]]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "sgd", "learning_rate": 0.5},
      "dataset": {"type": "inline", "inputs": [[1.0, 0.5, 0.2]], "targets": [[1.0, 0.0]]},
      "training": {"epochs": 1, "batch_size": 1, "shuffle": false}
    })");
}
}  // namespace

class TestWorkedExample : public QObject {
    Q_OBJECT

private:
    Registry registry;
    StepRecord step;

    // Scalar reference values.
    double zh1 = 0, zh2 = 0, h1 = 0, h2 = 0, zo1 = 0, zo2 = 0, o1 = 0, o2 = 0;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        zh1 = x[0] * w[1] + x[1] * w[3] + x[2] * w[5];
        zh2 = x[0] * w[2] + x[1] * w[4] + x[2] * w[6];
        h1 = sig(zh1);
        h2 = sig(zh2);
        zo1 = h1 * w[7] + h2 * w[9];
        zo2 = h1 * w[8] + h2 * w[10];
        o1 = sig(zo1);
        o2 = sig(zo2);

        BuiltExperiment ex = buildExperiment(experiment(), registry, "worked-example");
        Trace trace;
        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        trainer.setTrace(&trace);
        const TrainingResult r = trainer.fit(*ex.dataset);
        QCOMPARE(r.iterations, 1LL);
        QCOMPARE(trace.steps().size(), std::size_t{1});
        step = trace.steps().front();
    }

    void forwardPass() {
        QCOMPARE(step.layers.size(), std::size_t{2});
        const LayerRecord& hidden = step.layers[0];
        const LayerRecord& out = step.layers[1];
        QCOMPARE(hidden.name, std::string("hidden"));
        QCOMPARE(hidden.activation, std::string("sigmoid"));
        QVERIFY(std::fabs(hidden.preActivation[0] - zh1) < 1e-6);
        QVERIFY(std::fabs(hidden.preActivation[1] - zh2) < 1e-6);
        QVERIFY(std::fabs(hidden.output[0] - h1) < 1e-6);
        QVERIFY(std::fabs(hidden.output[1] - h2) < 1e-6);
        QVERIFY(std::fabs(out.preActivation[0] - zo1) < 1e-6);
        QVERIFY(std::fabs(out.output[0] - o1) < 1e-6);
        QVERIFY(std::fabs(out.output[1] - o2) < 1e-6);
        // Literals from plain Python: zh1 = 0.35, h1 = 0.586618, o1 = 0.726128.
        QVERIFY(std::fabs(hidden.preActivation[0] - 0.35) < 1e-6);
        QVERIFY(std::fabs(hidden.output[0] - 0.5866176) < 1e-6);
        QVERIFY(std::fabs(out.output[0] - 0.7261280) < 1e-6);
    }

    void lossValue() {
        const double e = 0.5 * ((o1 - t[0]) * (o1 - t[0]) + (o2 - t[1]) * (o2 - t[1]));
        QVERIFY(std::fabs(step.loss - e) < 1e-6);
        QVERIFY(std::fabs(step.loss - 0.2359224) < 1e-6);
    }

    void outputDeltas() {
        // dE/do = o − t; δo = (o − t) · o(1 − o).
        const LayerRecord& out = step.layers[1];
        QVERIFY(std::fabs(out.gradOutput[0] - (o1 - t[0])) < 1e-6);
        QVERIFY(std::fabs(out.gradOutput[1] - (o2 - t[1])) < 1e-6);
        QVERIFY(std::fabs(out.gradPreActivation[0] - (o1 - t[0]) * o1 * (1 - o1)) < 1e-6);
        QVERIFY(std::fabs(out.gradPreActivation[1] - (o2 - t[1]) * o2 * (1 - o2)) < 1e-6);
    }

    void outputWeightGradients_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("col");
        QTest::addColumn<double>("expected");
        // out.weight = [[w7, w8], [w9, w10]]: row = hidden unit, column = output unit.
        QTest::newRow("dE/dw7") << 0 << 0 << (o1 - t[0]) * o1 * (1 - o1) * h1;
        QTest::newRow("dE/dw8") << 0 << 1 << (o2 - t[1]) * o2 * (1 - o2) * h1;
        QTest::newRow("dE/dw9") << 1 << 0 << (o1 - t[0]) * o1 * (1 - o1) * h2;
        QTest::newRow("dE/dw10") << 1 << 1 << (o2 - t[1]) * o2 * (1 - o2) * h2;
    }

    void outputWeightGradients() {
        QFETCH(int, row);
        QFETCH(int, col);
        QFETCH(double, expected);
        const ParameterRecord& p = step.parameters.at(1);
        QCOMPARE(p.name, std::string("out.weight"));
        const float g = p.grad.at({static_cast<std::size_t>(row), static_cast<std::size_t>(col)});
        QVERIFY2(std::fabs(g - expected) < 1e-6, qPrintable(QString("got %1, expected %2").arg(g).arg(expected)));
    }

    void dEdw7Literal() {
        // −0.2738720 × 0.1988661 × 0.5866176 = −0.0319495 (plain Python).
        const ParameterRecord& p = step.parameters.at(1);
        QVERIFY(std::fabs(p.grad.at({0, 0}) - (-0.0319495)) < 1e-6);
    }

    void hiddenWeightGradients_data() {
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("col");
        QTest::addColumn<double>("expected");
        const double do1 = (o1 - t[0]) * o1 * (1 - o1);
        const double do2 = (o2 - t[1]) * o2 * (1 - o2);
        // The whole chain back to the input: δh1 = (δo1 w7 + δo2 w8) h1(1 − h1).
        const double dh1 = (do1 * w[7] + do2 * w[8]) * h1 * (1 - h1);
        const double dh2 = (do1 * w[9] + do2 * w[10]) * h2 * (1 - h2);
        // hidden.weight = [[w1, w2], [w3, w4], [w5, w6]]: row = input, column = hidden unit.
        QTest::newRow("dE/dw1") << 0 << 0 << dh1 * x[0];
        QTest::newRow("dE/dw2") << 0 << 1 << dh2 * x[0];
        QTest::newRow("dE/dw3") << 1 << 0 << dh1 * x[1];
        QTest::newRow("dE/dw4") << 1 << 1 << dh2 * x[1];
        QTest::newRow("dE/dw5") << 2 << 0 << dh1 * x[2];
        QTest::newRow("dE/dw6") << 2 << 1 << dh2 * x[2];
    }

    void hiddenWeightGradients() {
        QFETCH(int, row);
        QFETCH(int, col);
        QFETCH(double, expected);
        const ParameterRecord& p = step.parameters.at(0);
        QCOMPARE(p.name, std::string("hidden.weight"));
        const float g = p.grad.at({static_cast<std::size_t>(row), static_cast<std::size_t>(col)});
        QVERIFY2(std::fabs(g - expected) < 1e-6, qPrintable(QString("got %1, expected %2").arg(g).arg(expected)));
    }

    void dEdw1Literal() { QVERIFY(std::fabs(step.parameters.at(0).grad.at({0, 0}) - 0.0192434) < 1e-6); }

    void updatesAreMinusLearningRateTimesGradient() {
        for (const ParameterRecord& p : step.parameters) {
            for (std::size_t i = 0; i < p.grad.size(); ++i) {
                QVERIFY(std::fabs(p.update[i] - (-0.5F * p.grad[i])) < 1e-7);
                QVERIFY(std::fabs(p.valueAfter[i] - (p.value[i] + p.update[i])) < 1e-7);
            }
        }
        QVERIFY(std::fabs(step.parameters.at(1).value.at({0, 0}) - 0.7F) < 1e-7);
    }

    void traceExportsJson() {
        const Json j = Trace::toJson(step);
        QCOMPARE(j["layers"][1]["name"].get<std::string>(), std::string("out"));
        QCOMPARE(j["parameters"][1]["grad"]["shape"], Json::parse("[2, 2]"));
        QVERIFY(std::fabs(j["parameters"][1]["grad"]["data"][0].get<double>() - (-0.0319495)) < 1e-6);
    }
};

QTEST_APPLESS_MAIN(TestWorkedExample)
#include "tst_worked_example.moc"
