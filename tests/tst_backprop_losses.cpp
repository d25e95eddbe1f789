// The backprop plugin's losses: values and gradients against hand-computed numbers
// (python3 where logarithms are involved, as noted), the "mean" and "sum" reductions
// against PyTorch's, finite-difference checks, and the fused softmax/sigmoid paths
// against the unfused chain rule.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/network.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

constexpr double kGradTolerance = 1e-2;

void expectNear(const Tensor& actual, const Shape& shape, const std::vector<float>& expected, float tolerance,
                const char* what) {
    QVERIFY2(actual.shape() == shape, what);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::fabs(actual[i] - expected[i]) <= tolerance,
                 qPrintable(QString("%1[%2] = %3, expected %4").arg(what).arg(i).arg(actual[i]).arg(expected[i])));
    }
}

void expectSame(const Tensor& a, const Tensor& b, float tolerance, const char* what) {
    QVERIFY2(a.shape() == b.shape(), what);
    for (std::size_t i = 0; i < a.size(); ++i) {
        QVERIFY2(std::fabs(a[i] - b[i]) <= tolerance,
                 qPrintable(QString("%1[%2]: %3 vs %4").arg(what).arg(i).arg(a[i]).arg(b[i])));
    }
}

// Rows of probabilities in (0.05, 0.95) for binary losses.
Tensor probabilities(const Shape& shape, Rng& rng) {
    Tensor p(shape);
    init::uniform(p, rng, 0.05F, 0.95F);
    return p;
}

Tensor oneHot(std::size_t rows, std::size_t classes, Rng& rng) {
    Tensor t(Shape{rows, classes});
    for (std::size_t r = 0; r < rows; ++r) {
        t[r * classes + rng.index(classes)] = 1.0F;
    }
    return t;
}

}  // namespace

class TestBackpropLosses : public QObject {
    Q_OBJECT

private:
    Registry registry;
    const Tensor output = Tensor::rows({{0.2F, 0.7F}, {0.9F, 0.1F}});
    const Tensor target = Tensor::rows({{0.0F, 1.0F}, {1.0F, 0.0F}});

private slots:
    void initTestCase() { backprop::registerComponents(registry); }

    void mse() {
        auto loss = registry.makeLoss("mse");
        QCOMPARE(QString::fromStdString(loss->type()), QString("mse"));
        // Per sample Σ(o − t)²: 0.04 + 0.09 = 0.13 and 0.01 + 0.01 = 0.02; mean 0.075.
        QVERIFY(std::fabs(loss->value(output, target) - 0.075F) < 1e-7F);
        // 2(o − t)/N with N = 2 is just o − t.
        expectNear(loss->gradient(output, target), Shape{2, 2}, {0.2F, -0.3F, -0.1F, 0.1F}, 1e-7F, "dL/do");
        QVERIFY(!loss->fusesWith("identity"));
        QVERIFY(!loss->fusesWith("sigmoid"));
    }

    void mseHalfIsTheLecturesError() {
        auto loss = registry.makeLoss("mse", Json{{"half", true}});
        // E = ½Σ(o − t)², averaged over 2 samples: 0.0375; dE/do = (o − t)/N.
        QVERIFY(std::fabs(loss->value(output, target) - 0.0375F) < 1e-7F);
        expectNear(loss->gradient(output, target), Shape{2, 2}, {0.1F, -0.15F, -0.05F, 0.05F}, 1e-7F, "dE/do");
        // One sample: dE/do = o − t exactly, as in the lecture's dE/dw7 = (o1 − t1)·…
        const Tensor o = Tensor::rows({{0.75F, 0.25F}});
        const Tensor t = Tensor::rows({{0.0F, 1.0F}});
        expectNear(loss->gradient(o, t), Shape{1, 2}, {0.75F, -0.75F}, 0.0F, "dE/do");
        QVERIFY(std::fabs(loss->value(o, t) - 0.5625F) < 1e-7F);  // ½(0.5625 + 0.5625)
    }

    void mae() {
        auto loss = registry.makeLoss("mae");
        // Per sample Σ|o − t|: 0.5 and 0.2; mean 0.35. Gradient sign(o − t)/N.
        QVERIFY(std::fabs(loss->value(output, target) - 0.35F) < 1e-7F);
        expectNear(loss->gradient(output, target), Shape{2, 2}, {0.5F, -0.5F, -0.5F, 0.5F}, 0.0F, "dL/do");
        expectNear(loss->gradient(target, target), Shape{2, 2}, {0.0F, 0.0F, 0.0F, 0.0F}, 0.0F, "at the target");
    }

    void binaryCrossEntropy() {
        auto loss = registry.makeLoss("binary_cross_entropy");
        const Tensor p = Tensor::rows({{0.8F}, {0.3F}, {0.6F}});
        const Tensor t = Tensor::rows({{1.0F}, {0.0F}, {1.0F}});
        // python3: −(ln 0.8 + ln 0.7 + ln 0.6)/3; gradient (p − t)/(p(1 − p))/3.
        QVERIFY(std::fabs(loss->value(p, t) - 0.36354804F) < 1e-6F);
        expectNear(loss->gradient(p, t), Shape{3, 1}, {-0.416666667F, 0.476190476F, -0.555555556F}, 1e-6F, "dL/dp");
        QVERIFY(loss->fusesWith("sigmoid"));
        QVERIFY(!loss->fusesWith("softmax"));
        // Fused: (p − t)/N.
        expectNear(loss->fusedGradient(p, t), Shape{3, 1}, {-0.2F / 3.0F, 0.1F, -0.4F / 3.0F}, 1e-7F, "dL/dz");
    }

    void binaryCrossEntropyClampsSaturatedOutputs() {
        auto loss = registry.makeLoss("binary_cross_entropy");
        // p = 0 for a positive example: −ln(1e-7) = 16.1180957 instead of infinity;
        // p = 1 for a positive example costs −ln(1 − 1e-7) ≈ 1e-7.
        const float v = loss->value(Tensor::rows({{0.0F, 1.0F}}), Tensor::rows({{1.0F, 1.0F}}));
        QVERIFY(std::isfinite(v));
        QVERIFY(std::fabs(v - 16.1180957F) < 1e-4F);
        QVERIFY(loss->gradient(Tensor::rows({{0.0F, 1.0F}}), Tensor::rows({{1.0F, 0.0F}})).allFinite());
        auto loose = registry.makeLoss("binary_cross_entropy", Json{{"epsilon", 0.01}});
        // −ln(0.01) = 4.60517019 (python3).
        QVERIFY(std::fabs(loose->value(Tensor::rows({{0.0F}}), Tensor::rows({{1.0F}})) - 4.60517019F) < 1e-5F);
    }

    void categoricalCrossEntropy() {
        auto loss = registry.makeLoss("categorical_cross_entropy");
        const Tensor p = Tensor::rows({{0.7F, 0.2F, 0.1F}, {0.1F, 0.5F, 0.4F}});
        const Tensor t = Tensor::rows({{1.0F, 0.0F, 0.0F}, {0.0F, 0.0F, 1.0F}});
        // python3: −(ln 0.7 + ln 0.4)/2; gradient −t/(p N).
        QVERIFY(std::fabs(loss->value(p, t) - 0.636482838F) < 1e-6F);
        expectNear(loss->gradient(p, t), Shape{2, 3}, {-0.714285714F, 0.0F, 0.0F, 0.0F, 0.0F, -1.25F}, 1e-6F,
                   "dL/dp");
        QVERIFY(loss->fusesWith("softmax"));
        QVERIFY(!loss->fusesWith("sigmoid"));
        expectNear(loss->fusedGradient(p, t), Shape{2, 3}, {-0.15F, 0.1F, 0.05F, 0.05F, 0.25F, -0.3F}, 1e-7F,
                   "dL/dz");
        // A certain, wrong answer is large but finite.
        QVERIFY(std::isfinite(loss->value(Tensor::rows({{0.0F, 1.0F}}), Tensor::rows({{1.0F, 0.0F}}))));
    }

    void gradientChecks_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::newRow("mse") << "mse" << "{}";
        QTest::newRow("mse half") << "mse" << R"({"half": true})";
        QTest::newRow("mae") << "mae" << "{}";
        QTest::newRow("binary_cross_entropy") << "binary_cross_entropy" << "{}";
        QTest::newRow("categorical_cross_entropy") << "categorical_cross_entropy" << "{}";
        QTest::newRow("mse mean") << "mse" << R"({"reduction": "mean"})";
        QTest::newRow("mae sum") << "mae" << R"({"reduction": "sum"})";
        QTest::newRow("binary_cross_entropy mean") << "binary_cross_entropy" << R"({"reduction": "mean"})";
        QTest::newRow("categorical_cross_entropy sum") << "categorical_cross_entropy" << R"({"reduction": "sum"})";
    }

    void gradientChecks() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        auto loss = registry.makeLoss(name.toStdString(), Json::parse(options.toStdString()));
        Rng rng(3);
        const Tensor p = probabilities(Shape{5, 3}, rng);
        Tensor t = name == "categorical_cross_entropy" ? oneHot(5, 3, rng) : Tensor(Shape{5, 3});
        if (name == "binary_cross_entropy") {
            for (float& v : t.values()) {
                v = rng.uniform() < 0.5F ? 0.0F : 1.0F;
            }
        } else if (name == "mse" || name == "mae") {
            // |p − t| >= 0.05 keeps mae's kink out of reach of the ε = 0.01 steps.
            for (std::size_t i = 0; i < t.size(); ++i) {
                t[i] = p[i] + (rng.uniform() < 0.5F ? -1.0F : 1.0F) * rng.uniform(0.05F, 1.0F);
            }
        }
        const GradCheckReport report = checkLoss(*loss, p, t);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    // ---- reductions: PyTorch's "mean" and "sum" ----

    void reductionsMatchPyTorch_data() {
        // Golden values from PyTorch 1.13 in float64 (torch.nn.functional.mse_loss,
        // l1_loss, binary_cross_entropy with reduction=...; categorical cross-entropy as
        // nll_loss(log p, class)) for o = [[.2 .7 .1] [.6 .3 .1]], t = [[0 1 0] [1 0 0]],
        // with their gradients with respect to o.
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("reduction");
        QTest::addColumn<double>("value");
        QTest::addColumn<QList<double>>("gradient");
        QTest::newRow("mse mean") << "mse" << "mean" << 0.4 / 6.0
                                  << QList<double>{0.4 / 6, -0.6 / 6, 0.2 / 6, -0.8 / 6, 0.6 / 6, 0.2 / 6};
        QTest::newRow("mse sum") << "mse" << "sum" << 0.4 << QList<double>{0.4, -0.6, 0.2, -0.8, 0.6, 0.2};
        QTest::newRow("mae mean") << "mae" << "mean" << 1.4 / 6.0
                                  << QList<double>{1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6, 1.0 / 6, 1.0 / 6};
        QTest::newRow("mae sum") << "mae" << "sum" << 1.4 << QList<double>{1, -1, 1, -1, 1, 1};
        QTest::newRow("bce mean") << "binary_cross_entropy" << "mean" << 0.27634001571221967
                                  << QList<double>{0.208333333333, -0.238095238095, 0.185185185185, -0.277777777778,
                                                   0.238095238095, 0.185185185185};
        QTest::newRow("bce sum") << "binary_cross_entropy" << "sum" << 1.658040094273318
                                 << QList<double>{1.25, -1.428571428571, 1.111111111111, -1.666666666667,
                                                  1.428571428571, 1.111111111111};
        QTest::newRow("cce mean") << "categorical_cross_entropy" << "mean" << 0.4337502838523616
                                  << QList<double>{0, -0.714285714286, 0, -0.833333333333, 0, 0};
        QTest::newRow("cce sum") << "categorical_cross_entropy" << "sum" << 0.8675005677047232
                                 << QList<double>{0, -1.428571428571, 0, -1.666666666667, 0, 0};
    }

    void reductionsMatchPyTorch() {
        QFETCH(QString, name);
        QFETCH(QString, reduction);
        QFETCH(double, value);
        QFETCH(QList<double>, gradient);
        auto loss = registry.makeLoss(name.toStdString(), Json{{"reduction", reduction.toStdString()}});
        const Tensor o = Tensor::rows({{0.2F, 0.7F, 0.1F}, {0.6F, 0.3F, 0.1F}});
        const Tensor t = Tensor::rows({{0.0F, 1.0F, 0.0F}, {1.0F, 0.0F, 0.0F}});
        QVERIFY2(std::fabs(loss->value(o, t) - value) <= 1e-6 * std::max(1.0, std::fabs(value)),
                 qPrintable(QString("value %1, PyTorch %2").arg(loss->value(o, t)).arg(value)));
        const std::vector<float> expected(gradient.begin(), gradient.end());
        expectNear(loss->gradient(o, t), Shape{2, 3}, expected, 1e-5F, "gradient");
    }

    void batchMeanIsTheDefault_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"mse", "mae", "binary_cross_entropy", "categorical_cross_entropy"}) {
            QTest::newRow(n) << n;
        }
    }

    void batchMeanIsTheDefault() {
        // batch_mean = sum / N; mean = sum / (N·K) except for categorical
        // cross-entropy, whose mean is over the samples; sum = N · batch_mean.
        QFETCH(QString, name);
        const std::string n = name.toStdString();
        auto byDefault = registry.makeLoss(n);
        auto batchMean = registry.makeLoss(n, Json{{"reduction", "batch_mean"}});
        auto mean = registry.makeLoss(n, Json{{"reduction", "mean"}});
        auto sum = registry.makeLoss(n, Json{{"reduction", "sum"}});
        const Tensor o = Tensor::rows({{0.2F, 0.7F, 0.1F}, {0.6F, 0.3F, 0.1F}});
        const Tensor t = Tensor::rows({{0.0F, 1.0F, 0.0F}, {1.0F, 0.0F, 0.0F}});
        const float bm = batchMean->value(o, t);
        QCOMPARE(byDefault->value(o, t), bm);
        QVERIFY(std::fabs(sum->value(o, t) - 2.0F * bm) <= 1e-6F);
        const float meanFactor = n == "categorical_cross_entropy" ? 1.0F : 1.0F / 3.0F;
        QVERIFY(std::fabs(mean->value(o, t) - meanFactor * bm) <= 1e-6F);
        expectSame(byDefault->gradient(o, t), batchMean->gradient(o, t), 0.0F, "default gradient");
    }

    void reducedFusedGradients_data() {
        QTest::addColumn<QString>("reduction");
        QTest::newRow("mean") << "mean";
        QTest::newRow("sum") << "sum";
    }

    void reducedFusedGradients() {
        // The fused dL/dz carries the same reduction as the unfused chain.
        QFETCH(QString, reduction);
        const Json options{{"reduction", reduction.toStdString()}};
        Rng rng(12);
        Tensor z(Shape{4, 3});
        init::uniform(z, rng, -3.0F, 3.0F);
        auto bce = registry.makeLoss("binary_cross_entropy", options);
        backprop::SigmoidActivation sigmoid;
        Tensor t(Shape{4, 3});
        for (float& v : t.values()) {
            v = rng.uniform() < 0.5F ? 0.0F : 1.0F;
        }
        const Tensor p = sigmoid.forward(z);
        expectSame(bce->fusedGradient(p, t), sigmoid.backward(z, p, bce->gradient(p, t)), 1e-5F, "sigmoid + bce");
        auto cce = registry.makeLoss("categorical_cross_entropy", options);
        backprop::SoftmaxActivation softmax;
        const Tensor oneHotTargets = oneHot(4, 3, rng);
        const Tensor q = softmax.forward(z);
        expectSame(cce->fusedGradient(q, oneHotTargets), softmax.backward(z, q, cce->gradient(q, oneHotTargets)), 1e-5F,
                   "softmax + cce");
    }

    // ---- fused gradient == unfused composed gradient ----

    void fusedSigmoidBinaryCrossEntropy() {
        auto loss = registry.makeLoss("binary_cross_entropy");
        backprop::SigmoidActivation sigmoid;
        Rng rng(5);
        Tensor z(Shape{6, 2});
        init::uniform(z, rng, -4.0F, 4.0F);
        Tensor t(Shape{6, 2});
        for (float& v : t.values()) {
            v = rng.uniform() < 0.5F ? 0.0F : 1.0F;
        }
        const Tensor p = sigmoid.forward(z);
        const Tensor composed = sigmoid.backward(z, p, loss->gradient(p, t));
        expectSame(loss->fusedGradient(p, t), composed, 1e-5F, "sigmoid + bce");
    }

    void fusedSoftmaxCategoricalCrossEntropy() {
        auto loss = registry.makeLoss("categorical_cross_entropy");
        backprop::SoftmaxActivation softmax;
        Rng rng(6);
        Tensor z(Shape{5, 4});
        init::uniform(z, rng, -3.0F, 3.0F);
        const Tensor t = oneHot(5, 4, rng);
        const Tensor p = softmax.forward(z);
        const Tensor composed = softmax.backward(z, p, loss->gradient(p, t));
        expectSame(loss->fusedGradient(p, t), composed, 1e-5F, "softmax + cce");
    }

    void fusedThroughDenseLayer() {
        // The dense layer's backwardFromPreActivation, fed the fused dL/dz, gives the
        // same parameter gradients as its ordinary backward fed dL/dy.
        auto loss = registry.makeLoss("categorical_cross_entropy");
        auto layer = registry.makeLayer("dense", Json{{"units", 3}, {"activation", "softmax"}});
        Rng rng(7);
        layer->build(Shape{4}, rng);
        Tensor x(Shape{5, 4});
        init::uniform(x, rng, -1.0F, 1.0F);
        const Tensor t = oneHot(5, 3, rng);
        const Tensor p = layer->forward(x, Mode::Train);
        const Tensor dxUnfused = layer->backward(loss->gradient(p, t));
        const Tensor dwUnfused = layer->parameters()[0]->grad;
        const Tensor dbUnfused = layer->parameters()[1]->grad;
        const Tensor dxFused = layer->backwardFromPreActivation(loss->fusedGradient(p, t));
        expectSame(dxFused, dxUnfused, 1e-5F, "dx");
        expectSame(layer->parameters()[0]->grad, dwUnfused, 1e-5F, "dW");
        expectSame(layer->parameters()[1]->grad, dbUnfused, 1e-5F, "db");
        expectSame(*layer->preActivationGradient(), loss->fusedGradient(p, t), 0.0F, "delta");
    }

    void fusedNetworkGradientCheck_data() {
        QTest::addColumn<QString>("activation");
        QTest::addColumn<QString>("lossName");
        QTest::newRow("softmax + categorical_cross_entropy") << "softmax" << "categorical_cross_entropy";
        QTest::newRow("sigmoid + binary_cross_entropy") << "sigmoid" << "binary_cross_entropy";
        QTest::newRow("sigmoid + mse (unfused)") << "sigmoid" << "mse";
    }

    void fusedNetworkGradientCheck() {
        QFETCH(QString, activation);
        QFETCH(QString, lossName);
        auto loss = registry.makeLoss(lossName.toStdString());
        Network net;
        net.add("hidden", registry.makeLayer("dense", Json{{"units", 4}, {"activation", "tanh"}}));
        net.add("out", registry.makeLayer("dense", Json{{"units", 3}, {"activation", activation.toStdString()}}));
        Rng rng(9);
        net.build(Shape{2}, rng);
        Batch batch;
        batch.inputs = Tensor(Shape{6, 2});
        init::uniform(batch.inputs, rng, -1.0F, 1.0F);
        if (activation == "softmax") {
            batch.targets = oneHot(6, 3, rng);
        } else {
            batch.targets = Tensor(Shape{6, 3});
            for (float& v : batch.targets.values()) {
                v = rng.uniform() < 0.5F ? 0.0F : 1.0F;
            }
        }
        const GradCheckReport report = checkNetwork(net, *loss, batch);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    // ---- bad input ----

    void shapeMismatch_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"mse", "mae", "binary_cross_entropy", "categorical_cross_entropy"}) {
            QTest::newRow(n) << n;
        }
    }

    void shapeMismatch() {
        QFETCH(QString, name);
        auto loss = registry.makeLoss(name.toStdString());
        const Tensor o(Shape{2, 3}, 0.5F);
        const Tensor t(Shape{2, 2}, 0.5F);
        QVERIFY_THROWS_EXCEPTION(InputError, loss->value(o, t));
        QVERIFY_THROWS_EXCEPTION(InputError, loss->gradient(o, t));
    }

    void badOptions() {
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("mse", Json{{"half", "yes"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("mae", Json{{"half", true}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("binary_cross_entropy", Json{{"epsilon", -1}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("categorical_cross_entropy", Json{{"epsilon", 2}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("hinge"));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("mse", Json{{"reduction", "none"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("mse", Json{{"reduction", "Mean"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLoss("categorical_cross_entropy", Json{{"reduction", 1}}));
    }
};

QTEST_APPLESS_MAIN(TestBackpropLosses)
#include "tst_backprop_losses.moc"
