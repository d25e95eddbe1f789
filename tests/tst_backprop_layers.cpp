// The backprop plugin's layers and activations: golden forward/backward values
// computed by hand (or with plain python3, as noted), and finite-difference checks
// of every gradient.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/gradcheck.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

constexpr double kGradTolerance = 1e-2;

void expectNear(const Tensor& actual, const Shape& shape, const std::vector<float>& expected, float tolerance,
                const char* what) {
    QVERIFY2(actual.shape() == shape, qPrintable(QString("%1: shape %2, expected %3")
                                                     .arg(what, QString::fromStdString(actual.shape().str()),
                                                          QString::fromStdString(shape.str()))));
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY2(std::fabs(actual[i] - expected[i]) <= tolerance,
                 qPrintable(QString("%1[%2] = %3, expected %4").arg(what).arg(i).arg(actual[i]).arg(expected[i])));
    }
}

void setValues(Parameter& p, std::vector<float> values) { p.value = Tensor(p.value.shape(), std::move(values)); }

Parameter* findParameter(Layer& layer, const std::string& name) {
    for (Parameter* p : layer.parameters()) {
        if (p->name == name) {
            return p;
        }
    }
    return nullptr;
}

// Random inputs with |x| in [0.2, 2]: far enough from 0 that the ε = 0.01 steps of
// the gradient check never cross the kink of relu-like functions.
Tensor awayFromZero(const Shape& shape, Rng& rng) {
    Tensor x(shape);
    for (float& v : x.values()) {
        v = rng.uniform(0.2F, 2.0F) * (rng.uniform() < 0.5F ? -1.0F : 1.0F);
    }
    return x;
}

float minAbs(const Tensor& t) {
    float m = INFINITY;
    for (float v : t.values()) {
        m = std::min(m, std::fabs(v));
    }
    return m;
}

// f(z) = z², registered by the test as if by another plugin.
class SquareActivation final : public Activation {
public:
    std::string name() const override { return "square"; }
    Tensor forward(const Tensor& z) const override { return z.hadamard(z); }
    Tensor backward(const Tensor& z, const Tensor& /*a*/, const Tensor& da) const override {
        return da.hadamard(z) * 2.0F;
    }
};

}  // namespace

class TestBackpropLayers : public QObject {
    Q_OBJECT

private:
    Registry registry;

    std::unique_ptr<Layer> built(const std::string& type, const Json& options, const Shape& input,
                                 std::uint64_t seed = 1) {
        auto layer = registry.makeLayer(type, options);
        Rng rng(seed);
        layer->build(input, rng);
        return layer;
    }

private slots:
    void initTestCase() { backprop::registerComponents(registry); }

    // ---- activations, golden values ----

    void activationValues_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::addColumn<std::vector<float>>("expected");
        // f at z = -2, -0.5, 0, 0.5, 2 (python3: math.tanh, math.expm1, 1/(1+math.exp(-z))).
        QTest::newRow("identity") << "identity" << "{}" << std::vector<float>{-2.0F, -0.5F, 0.0F, 0.5F, 2.0F};
        QTest::newRow("sigmoid") << "sigmoid" << "{}"
                                 << std::vector<float>{0.119202922F, 0.377540669F, 0.5F, 0.622459331F, 0.880797078F};
        QTest::newRow("tanh") << "tanh" << "{}"
                              << std::vector<float>{-0.96402758F, -0.462117157F, 0.0F, 0.462117157F, 0.96402758F};
        QTest::newRow("relu") << "relu" << "{}" << std::vector<float>{0.0F, 0.0F, 0.0F, 0.5F, 2.0F};
        QTest::newRow("leaky_relu default") << "leaky_relu" << "{}"
                                            << std::vector<float>{-0.02F, -0.005F, 0.0F, 0.5F, 2.0F};
        // The lecture's max(0.1x, x).
        QTest::newRow("leaky_relu 0.1") << "leaky_relu" << R"({"alpha": 0.1})"
                                        << std::vector<float>{-0.2F, -0.05F, 0.0F, 0.5F, 2.0F};
        QTest::newRow("elu") << "elu" << "{}" << std::vector<float>{-0.864664717F, -0.39346934F, 0.0F, 0.5F, 2.0F};
    }

    void activationValues() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        QFETCH(std::vector<float>, expected);
        auto f = registry.makeActivation(name.toStdString(), Json::parse(options.toStdString()));
        QCOMPARE(QString::fromStdString(f->name()), name);
        const Tensor z = Tensor::rows({{-2.0F, -0.5F, 0.0F, 0.5F, 2.0F}});
        expectNear(f->forward(z), Shape{1, 5}, expected, 1e-6F, "f(z)");
    }

    void sigmoidDerivativePeaksAtQuarter() {
        backprop::SigmoidActivation s;
        const Tensor z = Tensor::rows({{0.0F, 3.0F}});
        const Tensor dz = s.backward(z, s.forward(z), Tensor::rows({{1.0F, 1.0F}}));
        // σ'(0) = 0.25, σ'(3) = σ(3)(1 − σ(3)) = 0.0451766597 (python3).
        expectNear(dz, Shape{1, 2}, {0.25F, 0.0451766597F}, 1e-6F, "sigmoid'");
    }

    void sigmoidSaturatesWithoutOverflow() {
        backprop::SigmoidActivation s;
        const Tensor a = s.forward(Tensor::rows({{-1000.0F, 1000.0F}}));
        QVERIFY(a.allFinite());
        expectNear(a, Shape{1, 2}, {0.0F, 1.0F}, 0.0F, "sigmoid");
    }

    void softmaxRowsAndJacobian() {
        backprop::SoftmaxActivation s;
        // Row 2 is row 1 shifted by 1000: the same probabilities, and no overflow.
        const Tensor z = Tensor::rows({{1.0F, 2.0F, 3.0F}, {1001.0F, 1002.0F, 1003.0F}});
        const Tensor a = s.forward(z);
        // python3: e = [exp(1), exp(2), exp(3)]; e / sum(e).
        const std::vector<float> p{0.0900305732F, 0.244728471F, 0.665240956F};
        expectNear(a, Shape{2, 3}, {p[0], p[1], p[2], p[0], p[1], p[2]}, 1e-6F, "softmax");
        // Jacobian–vector product with da = e1: p_i (δ_i1 − p_1) (python3).
        const Tensor dz = s.backward(z, a, Tensor::rows({{1.0F, 0.0F, 0.0F}, {0.0F, 0.0F, 0.0F}}));
        expectNear(dz, Shape{2, 3}, {0.0819250691F, -0.0220330445F, -0.0598920245F, 0.0F, 0.0F, 0.0F}, 1e-6F,
                   "softmax vjp");
    }

    // ---- every activation, gradient-checked through the activation layer ----

    void activationGradients_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        for (const char* n : {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softmax"}) {
            QTest::newRow(n) << n << "{}";
        }
        QTest::newRow("leaky_relu 0.1") << "leaky_relu" << R"({"alpha": 0.1})";
        QTest::newRow("elu 0.5") << "elu" << R"({"alpha": 0.5})";
    }

    void activationGradients() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        auto f = registry.makeActivation(name.toStdString(), Json::parse(options.toStdString()));
        backprop::ActivationLayer layer(std::move(f));
        Rng rng(11);
        layer.build(Shape{5}, rng);
        const Tensor x = awayFromZero(Shape{4, 5}, rng);
        const GradCheckReport report = checkLayer(layer, x, rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{1});  // no parameters
    }

    // The buffer-reusing forms give exactly what forward() and backward() give, into a
    // buffer of another shape, and into one of the right shape holding old numbers.
    void intoBuffersMatch_data() { activationGradients_data(); }

    void intoBuffersMatch() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        auto f = registry.makeActivation(name.toStdString(), Json::parse(options.toStdString()));
        Rng rng(5);
        Tensor a = Tensor::rows({{9.0F}});  // wrong shape
        Tensor dz(Shape{2, 2}, 7.0F);       // wrong shape
        for (int round = 0; round < 2; ++round) {
            const Tensor z = awayFromZero(Shape{3, 7}, rng);
            const Tensor da = awayFromZero(Shape{3, 7}, rng);
            f->forwardInto(z, a);
            QCOMPARE(a, f->forward(z));
            f->backwardInto(z, a, da, dz);
            QCOMPARE(dz, f->backward(z, a, da));
            // Round 2 reuses the buffers, now the right shape and full of round 1.
        }
    }

    // The slice forms (a layer applies them chunk by chunk): every elementwise
    // activation offers them and gives exactly forward()'s and backward()'s numbers on
    // any slice; softmax, which is not elementwise, declines and writes nothing.
    void sliceFormsMatch_data() { activationGradients_data(); }

    void sliceFormsMatch() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        auto f = registry.makeActivation(name.toStdString(), Json::parse(options.toStdString()));
        Rng rng(9);
        const Tensor z = awayFromZero(Shape{4, 9}, rng);
        const Tensor da = awayFromZero(Shape{4, 9}, rng);
        const Tensor a = f->forward(z);
        const Tensor dz = f->backward(z, a, da);
        const bool offered = f->forwardValues(nullptr, nullptr, 0);
        QCOMPARE(f->backwardValues(nullptr, nullptr, nullptr, nullptr, 0), offered);
        QCOMPARE(offered, name != QStringLiteral("softmax"));
        Tensor aSlices(z.shape(), -99.0F);
        Tensor dzSlices(z.shape(), -99.0F);
        // Slices of 0, 5, 13 and the rest: not aligned to rows or to vector widths.
        std::size_t begin = 0;
        for (const std::size_t length : {std::size_t{0}, std::size_t{5}, std::size_t{13}, z.size() - 18}) {
            QCOMPARE(f->forwardValues(z.data() + begin, aSlices.data() + begin, length), offered);
            QCOMPARE(f->backwardValues(z.data() + begin, a.data() + begin, da.data() + begin, dzSlices.data() + begin,
                                       length),
                     offered);
            begin += length;
        }
        if (offered) {
            QCOMPARE(aSlices, a);
            QCOMPARE(dzSlices, dz);
        } else {
            QCOMPARE(aSlices, Tensor(z.shape(), -99.0F));  // nothing written
            QCOMPARE(dzSlices, Tensor(z.shape(), -99.0F));
        }
    }

    // A dense layer keeps its buffers between steps; a batch of another size must
    // neither read nor keep stale numbers.
    void denseBuffersFollowTheBatch() {
        auto layer = built("dense", Json{{"units", 3}, {"activation", "relu"}}, Shape{4}, 7);
        auto fresh = built("dense", Json{{"units", 3}, {"activation", "relu"}}, Shape{4}, 7);
        Rng rng(3);
        for (const std::size_t n : {5, 2, 5}) {
            const Tensor x = awayFromZero(Shape{n, 4}, rng);
            const Tensor dy = awayFromZero(Shape{n, 3}, rng);
            const Tensor y = layer->forward(x, Mode::Train);
            const Tensor dx = layer->backward(dy);
            QCOMPARE(y, fresh->forward(x, Mode::Train));
            QCOMPARE(dx, fresh->backward(dy));
            fresh = built("dense", Json{{"units", 3}, {"activation", "relu"}}, Shape{4}, 7);
        }
    }

    void activationLayerByOption() {
        auto layer = built("activation", Json{{"function", "tanh"}}, Shape{2});
        QCOMPARE(QString::fromStdString(layer->type()), QString("activation"));
        QVERIFY(layer->activation() != nullptr);
        QCOMPARE(QString::fromStdString(layer->activation()->name()), QString("tanh"));
        const Tensor y = layer->forward(Tensor::rows({{0.5F, -2.0F}}), Mode::Train);
        expectNear(y, Shape{1, 2}, {0.462117157F, -0.96402758F}, 1e-6F, "tanh layer");
        // Its pre-activation is its input, so a fused loss may start there.
        const Tensor dz = Tensor::rows({{0.3F, -0.1F}});
        QCOMPARE(layer->backwardFromPreActivation(dz), dz);
    }

    // ---- dense ----

    void denseGoldenForwardBackward() {
        auto layer = built("dense", Json{{"units", 2}, {"activation", "sigmoid"}}, Shape{3});
        setValues(*findParameter(*layer, "weight"), {0.1F, 0.2F, 0.3F, 0.4F, 0.5F, 0.6F});  // 3 × 2
        setValues(*findParameter(*layer, "bias"), {0.01F, -0.02F});
        const Tensor x = Tensor::rows({{1.0F, 2.0F, 3.0F}, {0.0F, -1.0F, 0.5F}});
        const Tensor y = layer->forward(x, Mode::Train);
        // By hand: z = xW + b = [[0.1+0.6+1.5+0.01, 0.2+0.8+1.8−0.02], [−0.3+0.25+0.01, −0.4+0.3−0.02]].
        QVERIFY(layer->preActivation() != nullptr);
        expectNear(*layer->preActivation(), Shape{2, 2}, {2.21F, 2.78F, -0.04F, -0.12F}, 1e-6F, "z");
        // σ(z), python3.
        expectNear(y, Shape{2, 2}, {0.901143927F, 0.941585444F, 0.490001333F, 0.470035948F}, 1e-6F, "y");

        const Tensor dx = layer->backward(Tensor::rows({{1.0F, 0.0F}, {0.0F, 1.0F}}));
        // python3: δ = dy ⊙ σ(z)(1 − σ(z)); dW = xᵀδ; db = Σ_n δ; dx = δWᵀ.
        expectNear(*layer->preActivationGradient(), Shape{2, 2}, {0.08908355F, 0.0F, 0.0F, 0.249102156F}, 1e-6F,
                   "delta");
        expectNear(findParameter(*layer, "weight")->grad, Shape{3, 2},
                   {0.08908355F, 0.0F, 0.1781671F, -0.249102156F, 0.26725065F, 0.124551078F}, 1e-6F, "dW");
        expectNear(findParameter(*layer, "bias")->grad, Shape{2}, {0.08908355F, 0.249102156F}, 1e-6F, "db");
        expectNear(dx, Shape{2, 3},
                   {0.008908355F, 0.026725065F, 0.044541775F, 0.0498204311F, 0.0996408622F, 0.149461293F}, 1e-6F,
                   "dx");
    }

    void denseLinearByHand() {
        auto layer = built("dense", Json{{"units", 2}}, Shape{3});
        QCOMPARE(QString::fromStdString(layer->activation()->name()), QString("identity"));
        setValues(*findParameter(*layer, "weight"), {0.1F, 0.2F, 0.3F, 0.4F, 0.5F, 0.6F});
        layer->forward(Tensor::rows({{1.0F, 2.0F, 3.0F}, {0.0F, -1.0F, 0.5F}}), Mode::Eval);
        const Tensor dx = layer->backward(Tensor::rows({{1.0F, 0.0F}, {0.0F, 1.0F}}));
        // Identity: δ = dy. dW = xᵀ dy = [[1, 0], [2, −1], [3, 0.5]]; db = [1, 1];
        // dx = dy Wᵀ = rows of W's columns: [[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]].
        expectNear(findParameter(*layer, "weight")->grad, Shape{3, 2}, {1.0F, 0.0F, 2.0F, -1.0F, 3.0F, 0.5F}, 1e-6F,
                   "dW");
        expectNear(findParameter(*layer, "bias")->grad, Shape{2}, {1.0F, 1.0F}, 1e-6F, "db");
        expectNear(dx, Shape{2, 3}, {0.1F, 0.3F, 0.5F, 0.2F, 0.4F, 0.6F}, 1e-6F, "dx");
    }

    void denseParametersAndShapes() {
        auto layer = built("dense", Json{{"units", 4}}, Shape{3});
        const auto params = layer->parameters();
        QCOMPARE(params.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(params[0]->name), QString("weight"));
        QVERIFY(params[0]->value.shape() == (Shape{3, 4}));
        QVERIFY(params[0]->trainable && params[0]->decays);
        QCOMPARE(QString::fromStdString(params[1]->name), QString("bias"));
        QVERIFY(params[1]->value.shape() == (Shape{4}));
        QVERIFY(params[1]->trainable && !params[1]->decays);
        QCOMPARE(params[1]->value.maxAbs(), 0.0F);

        auto noBias = built("dense", Json{{"units", 2}, {"use_bias", false}}, Shape{2});
        QCOMPARE(noBias->parameters().size(), std::size_t{1});
        setValues(*findParameter(*noBias, "weight"), {1.0F, 2.0F, 3.0F, 4.0F});
        expectNear(noBias->forward(Tensor::rows({{1.0F, 1.0F}}), Mode::Eval), Shape{1, 2}, {4.0F, 6.0F}, 0.0F,
                   "xW");

        // A multi-dimensional sample is read as one flat feature vector.
        auto flat = registry.makeLayer("dense", Json{{"units", 2}});
        Rng rng(3);
        QVERIFY(flat->build(Shape{2, 3}, rng) == (Shape{2}));
        QVERIFY(findParameter(*flat, "weight")->value.shape() == (Shape{6, 2}));
        QVERIFY(flat->forward(Tensor(Shape{5, 2, 3}, 1.0F), Mode::Eval).shape() == (Shape{5, 2}));
        QVERIFY_THROWS_EXCEPTION(InputError, flat->forward(Tensor(Shape{5, 4}, 1.0F), Mode::Eval));
    }

    void denseInitialisers() {
        // Xavier: |w| <= sqrt(6 / (in + out)); the same seed gives the same weights.
        auto a = built("dense", Json{{"units", 20}}, Shape{30}, 5);
        auto b = built("dense", Json{{"units", 20}}, Shape{30}, 5);
        const Tensor& wa = findParameter(*a, "weight")->value;
        QCOMPARE(wa, findParameter(*b, "weight")->value);
        QVERIFY(wa.maxAbs() <= std::sqrt(6.0F / 50.0F));
        QVERIFY(wa.maxAbs() > 0.5F * std::sqrt(6.0F / 50.0F));
        auto c = built("dense", Json{{"units", 20}}, Shape{30}, 6);
        QVERIFY(!(findParameter(*c, "weight")->value == wa));

        auto zeros = built("dense", Json{{"units", 3}, {"init", "zeros"}}, Shape{4});
        QCOMPARE(findParameter(*zeros, "weight")->value.maxAbs(), 0.0F);
        auto uniform = built("dense", Json{{"units", 30}, {"init", "uniform"}, {"init_scale", 0.01}}, Shape{30});
        QVERIFY(findParameter(*uniform, "weight")->value.maxAbs() <= 0.01F);
        QVERIFY(findParameter(*uniform, "weight")->value.maxAbs() > 0.005F);
        // He: standard deviation sqrt(2 / in) = 0.2 for 50 inputs, checked over 5000 draws.
        auto he = built("dense", Json{{"units", 100}, {"init", "he"}}, Shape{50});
        const Tensor& w = findParameter(*he, "weight")->value;
        double sq = 0.0;
        for (float v : w.values()) {
            sq += static_cast<double>(v) * v;
        }
        QVERIFY(std::fabs(std::sqrt(sq / static_cast<double>(w.size())) - 0.2) < 0.01);
    }

    void denseGradients_data() {
        QTest::addColumn<QString>("activation");
        for (const char* n : {"identity", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softmax"}) {
            QTest::newRow(n) << n;
        }
    }

    void denseGradients() {
        QFETCH(QString, activation);
        auto layer = built("dense", Json{{"units", 3}, {"activation", activation.toStdString()}}, Shape{4}, 21);
        Rng rng(22);
        init::uniform(findParameter(*layer, "bias")->value, rng, -0.5F, 0.5F);
        // The check steps x and W by 0.01, moving z by less than 0.05 here; z must stay
        // clear of the kinks of relu and leaky_relu for the comparison to be fair, so
        // inputs are drawn until every z is (a deterministic search: the rng is seeded).
        Tensor x;
        for (int attempt = 0; attempt < 1000; ++attempt) {
            x = awayFromZero(Shape{5, 4}, rng);
            layer->forward(x, Mode::Train);
            if (minAbs(*layer->preActivation()) > 0.05F) {
                break;
            }
        }
        QVERIFY(minAbs(*layer->preActivation()) > 0.05F);
        const GradCheckReport report = checkLayer(*layer, x, rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{3});  // input, weight, bias
    }

    void denseUsesActivationsRegisteredLater() {
        Registry local;
        backprop::registerComponents(local);
        local.addActivation(ComponentInfo{Kind::Activation, "square", {"z²", "z²"}, {}, {}},
                            [](const Options&) { return std::make_unique<SquareActivation>(); });
        auto layer = local.makeLayer("dense", Json{{"units", 1}, {"activation", "square"}});
        Rng rng(1);
        layer->build(Shape{2}, rng);
        setValues(*findParameter(*layer, "weight"), {1.0F, 2.0F});
        // z = 1·1 + 2·1 = 3, y = 9.
        expectNear(layer->forward(Tensor::rows({{1.0F, 1.0F}}), Mode::Eval), Shape{1, 1}, {9.0F}, 0.0F, "y");
        auto act = local.makeLayer("activation", Json{{"function", "square"}});
        QCOMPARE(QString::fromStdString(act->activation()->name()), QString("square"));
    }

    // ---- softmax, prelu, maxout ----

    void softmaxLayer() {
        auto layer = built("softmax", Json::object(), Shape{3});
        QCOMPARE(QString::fromStdString(layer->type()), QString("softmax"));
        QCOMPARE(QString::fromStdString(layer->activation()->name()), QString("softmax"));
        const Tensor y = layer->forward(Tensor::rows({{1.0F, 2.0F, 3.0F}}), Mode::Eval);
        expectNear(y, Shape{1, 3}, {0.0900305732F, 0.244728471F, 0.665240956F}, 1e-6F, "softmax");
        Rng rng(4);
        Tensor x(Shape{4, 3});
        init::uniform(x, rng, -3.0F, 3.0F);
        const GradCheckReport report = checkLayer(*layer, x, rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    void preluGoldenAndGradients() {
        auto layer = built("prelu", Json{{"alpha", 0.25}}, Shape{2});
        Parameter* alpha = findParameter(*layer, "alpha");
        QVERIFY(alpha != nullptr);
        QVERIFY(alpha->trainable && !alpha->decays);
        expectNear(alpha->value, Shape{2}, {0.25F, 0.25F}, 0.0F, "alpha");
        setValues(*alpha, {0.25F, 0.5F});
        const Tensor x = Tensor::rows({{-2.0F, 3.0F}, {1.0F, -4.0F}});
        // By hand: [[0.25·−2, 3], [1, 0.5·−4]].
        expectNear(layer->forward(x, Mode::Train), Shape{2, 2}, {-0.5F, 3.0F, 1.0F, -2.0F}, 0.0F, "y");
        const Tensor dx = layer->backward(Tensor::rows({{1.0F, 1.0F}, {2.0F, 3.0F}}));
        // dx = dy where x > 0, α dy elsewhere; dα_f = Σ_n dy·x over negative x.
        expectNear(dx, Shape{2, 2}, {0.25F, 1.0F, 2.0F, 1.5F}, 0.0F, "dx");
        expectNear(alpha->grad, Shape{2}, {-2.0F, -12.0F}, 0.0F, "dalpha");

        Rng rng(8);
        const GradCheckReport report = checkLayer(*layer, awayFromZero(Shape{6, 2}, rng), rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{2});  // input, alpha
    }

    void standardizeGoldenAndGradients() {
        auto layer = built("standardize", Json{{"mean", 0.5}, {"std", 0.25}}, Shape{1, 2, 2});
        QVERIFY(layer->parameters().empty());
        const Tensor x(Shape{1, 1, 2, 2}, {0.0F, 0.5F, 1.0F, 0.75F});
        // By hand: (x − 0.5) / 0.25 = [−2, 0, 2, 1]; dx = dy / 0.25.
        expectNear(layer->forward(x, Mode::Train), Shape{1, 1, 2, 2}, {-2.0F, 0.0F, 2.0F, 1.0F}, 0.0F, "y");
        expectNear(layer->backward(Tensor(Shape{1, 1, 2, 2}, {1.0F, -1.0F, 0.5F, 0.0F})), Shape{1, 1, 2, 2},
                   {4.0F, -4.0F, 2.0F, 0.0F}, 0.0F, "dx");
        Rng rng(3);
        const GradCheckReport report = checkLayer(*layer, awayFromZero(Shape{3, 1, 2, 2}, rng), rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    void maxoutGoldenAndGradients() {
        auto layer = built("maxout", Json{{"units", 2}, {"pieces", 2}}, Shape{2});
        QVERIFY(findParameter(*layer, "weight")->value.shape() == (Shape{2, 4}));
        setValues(*findParameter(*layer, "weight"), {1.0F, -1.0F, 0.5F, 0.2F, 0.5F, 0.3F, -0.4F, 0.1F});
        setValues(*findParameter(*layer, "bias"), {0.0F, 0.1F, -0.1F, 0.2F});
        const Tensor x = Tensor::rows({{1.0F, -1.0F}, {0.5F, 2.0F}});
        // python3: z = xW + b = [[0.5, −1.2, 0.8, 0.3], [1.5, 0.2, −0.65, 0.5]];
        // unit u takes the larger of columns 2u and 2u+1.
        expectNear(layer->forward(x, Mode::Train), Shape{2, 2}, {0.5F, 0.8F, 1.5F, 0.5F}, 1e-6F, "y");
        layer->backward(Tensor::rows({{1.0F, 10.0F}, {100.0F, 1000.0F}}));
        // Winners: (0,col0), (0,col2), (1,col0), (1,col3): db = [1 + 100, 0, 10, 1000].
        expectNear(findParameter(*layer, "bias")->grad, Shape{4}, {101.0F, 0.0F, 10.0F, 1000.0F}, 0.0F, "db");

        // Gradient check on random inputs whose two pieces stay well apart.
        auto random = built("maxout", Json{{"units", 3}, {"pieces", 3}}, Shape{4}, 31);
        Rng rng(32);
        const Tensor xr = awayFromZero(Shape{5, 4}, rng);
        const GradCheckReport report = checkLayer(*random, xr, rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{3});
    }

    // ---- dropout ----

    void dropoutMask() {
        auto layer = built("dropout", Json{{"rate", 0.25}, {"seed", 7}}, Shape{100});
        const Tensor x(Shape{100, 100}, 3.0F);
        const Tensor y = layer->forward(x, Mode::Train);
        const auto& mask = dynamic_cast<backprop::DropoutLayer&>(*layer).mask();
        QVERIFY(mask.shape() == x.shape());
        std::size_t kept = 0;
        for (std::size_t i = 0; i < mask.size(); ++i) {
            // Inverted dropout: kept elements are scaled by 1/(1 − 0.25).
            QVERIFY(mask[i] == 0.0F || std::fabs(mask[i] - 4.0F / 3.0F) < 1e-6F);
            QCOMPARE(y[i], x[i] * mask[i]);
            kept += mask[i] != 0.0F ? 1 : 0;
        }
        // 10 000 draws: the kept fraction is 0.75 ± 0.02 (over 4 standard deviations).
        QVERIFY(std::fabs(static_cast<double>(kept) / 10000.0 - 0.75) < 0.02);
        // The expected output is unchanged by dropout.
        QVERIFY(std::fabs(y.sum() / 10000.0F - 3.0F) < 0.1F);
        // Backward passes the gradient through the same mask.
        const Tensor dy(Shape{100, 100}, 1.0F);
        QCOMPARE(layer->backward(dy), mask);

        // The same seed repeats the same masks; a new forward draws a new mask.
        auto twin = built("dropout", Json{{"rate", 0.25}, {"seed", 7}}, Shape{100});
        QCOMPARE(twin->forward(x, Mode::Train), y);
        QVERIFY(!(layer->forward(x, Mode::Train) == y));
    }

    void dropoutSeedFromNetwork() {
        // seed 0 draws from the build generator: reproducible, but different per layer.
        auto a = built("dropout", Json{{"rate", 0.5}}, Shape{50}, 100);
        auto b = built("dropout", Json{{"rate", 0.5}}, Shape{50}, 100);
        auto c = built("dropout", Json{{"rate", 0.5}}, Shape{50}, 101);
        const Tensor x(Shape{2, 50}, 1.0F);
        const Tensor ya = a->forward(x, Mode::Train);
        QCOMPARE(b->forward(x, Mode::Train), ya);
        QVERIFY(!(c->forward(x, Mode::Train) == ya));
    }

    void dropoutEvalAndZeroRate() {
        auto layer = built("dropout", Json{{"rate", 0.9}, {"seed", 3}}, Shape{4});
        Rng rng(5);
        Tensor x(Shape{3, 4});
        init::uniform(x, rng, -1.0F, 1.0F);
        QCOMPARE(layer->forward(x, Mode::Eval), x);
        QCOMPARE(layer->backward(x), x);
        GradCheckReport report = checkLayer(*layer, x, rng, Mode::Eval);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());

        // Rate 0 keeps everything, so Train mode is deterministic and checkable.
        auto keepAll = built("dropout", Json{{"rate", 0.0}}, Shape{4});
        QCOMPARE(keepAll->forward(x, Mode::Train), x);
        report = checkLayer(*keepAll, x, rng, Mode::Train);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    // ---- batch_norm ----

    void batchNormGolden() {
        auto layer = built("batch_norm", Json::object(), Shape{2});
        const auto params = layer->parameters();
        QCOMPARE(params.size(), std::size_t{4});
        Parameter* gamma = findParameter(*layer, "gamma");
        Parameter* beta = findParameter(*layer, "beta");
        Parameter* mean = findParameter(*layer, "running_mean");
        Parameter* var = findParameter(*layer, "running_var");
        QVERIFY(gamma && beta && mean && var);
        QVERIFY(gamma->trainable && !gamma->decays && beta->trainable && !beta->decays);
        QVERIFY(!mean->trainable && !var->trainable);
        expectNear(gamma->value, Shape{2}, {1.0F, 1.0F}, 0.0F, "gamma");
        expectNear(var->value, Shape{2}, {1.0F, 1.0F}, 0.0F, "running_var");

        // Feature means [2, 4], biased variances [1, 4]; x̂ = (x − μ)/sqrt(σ² + 1e-5) (python3).
        const Tensor y = layer->forward(Tensor::rows({{1.0F, 2.0F}, {3.0F, 6.0F}}), Mode::Train);
        expectNear(y, Shape{2, 2}, {-0.999995F, -0.99999875F, 0.999995F, 0.99999875F}, 1e-6F, "y");
        // running = 0.9 · running + 0.1 · batch.
        expectNear(mean->value, Shape{2}, {0.2F, 0.4F}, 1e-6F, "running_mean");
        expectNear(var->value, Shape{2}, {1.0F, 1.3F}, 1e-6F, "running_var");

        // Eval uses the running statistics: γ (x − 0.2 | 0.4)/sqrt(1 | 1.3 + 1e-5) + β (python3).
        setValues(*gamma, {2.0F, 1.0F});
        setValues(*beta, {0.5F, 0.0F});
        const Tensor e = layer->forward(Tensor::rows({{1.0F, 2.0F}}), Mode::Eval);
        expectNear(e, Shape{1, 2}, {2.099992F, 1.40328743F}, 1e-5F, "eval y");
        expectNear(mean->value, Shape{2}, {0.2F, 0.4F}, 1e-6F, "running_mean after eval");
    }

    void batchNormGradients_data() {
        QTest::addColumn<bool>("train");
        QTest::newRow("train") << true;
        QTest::newRow("eval") << false;
    }

    void batchNormGradients() {
        QFETCH(bool, train);
        auto layer = built("batch_norm", Json{{"momentum", 0.5}}, Shape{3});
        Rng rng(13);
        init::uniform(findParameter(*layer, "gamma")->value, rng, 0.5F, 1.5F);
        init::uniform(findParameter(*layer, "beta")->value, rng, -0.5F, 0.5F);
        Tensor x(Shape{6, 3});
        init::uniform(x, rng, -2.0F, 2.0F);
        layer->forward(x, Mode::Train);  // moves the running statistics away from 0 and 1
        const GradCheckReport report = checkLayer(*layer, x, rng, train ? Mode::Train : Mode::Eval);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QCOMPARE(report.entries.size(), std::size_t{3});  // input, gamma, beta
    }

    void batchNormTrainOutputIsNormalised() {
        auto layer = built("batch_norm", Json::object(), Shape{4});
        Rng rng(17);
        Tensor x(Shape{32, 4});
        init::normal(x, rng, 5.0F, 3.0F);
        const Tensor y = layer->forward(x, Mode::Train);
        for (std::size_t f = 0; f < 4; ++f) {
            double m = 0.0;
            double s = 0.0;
            for (std::size_t n = 0; n < 32; ++n) {
                m += y[n * 4 + f];
                s += static_cast<double>(y[n * 4 + f]) * y[n * 4 + f];
            }
            QVERIFY(std::fabs(m / 32.0) < 1e-5);
            QVERIFY(std::fabs(s / 32.0 - 1.0) < 1e-3);
        }
    }

    // ---- bad options ----

    void badOptions_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("options");
        QTest::newRow("dense units 0") << "dense" << R"({"units": 0})";
        QTest::newRow("dense units missing") << "dense" << R"({})";
        QTest::newRow("dense units text") << "dense" << R"({"units": "ten"})";
        QTest::newRow("dense unknown activation") << "dense" << R"({"units": 2, "activation": "swishy"})";
        QTest::newRow("dense unknown init") << "dense" << R"({"units": 2, "init": "ones"})";
        QTest::newRow("dense unknown option") << "dense" << R"({"units": 2, "neurons": 3})";
        QTest::newRow("activation missing function") << "activation" << R"({})";
        QTest::newRow("activation unknown function") << "activation" << R"({"function": "nope"})";
        QTest::newRow("maxout pieces 0") << "maxout" << R"({"units": 2, "pieces": 0})";
        QTest::newRow("maxout units 0") << "maxout" << R"({"units": 0})";
        QTest::newRow("dropout rate 1") << "dropout" << R"({"rate": 1.0})";
        QTest::newRow("dropout rate negative") << "dropout" << R"({"rate": -0.1})";
        QTest::newRow("dropout seed negative") << "dropout" << R"({"seed": -1})";
        QTest::newRow("batch_norm momentum 2") << "batch_norm" << R"({"momentum": 2})";
        QTest::newRow("batch_norm epsilon 0") << "batch_norm" << R"({"epsilon": 0})";
        QTest::newRow("softmax takes no options") << "softmax" << R"({"axis": 1})";
        QTest::newRow("standardize std 0") << "standardize" << R"({"std": 0})";
        QTest::newRow("standardize std negative") << "standardize" << R"({"std": -1})";
        QTest::newRow("standardize mean text") << "standardize" << R"({"mean": "grey"})";
    }

    void badOptions() {
        QFETCH(QString, type);
        QFETCH(QString, options);
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLayer(type.toStdString(), Json::parse(options.toStdString())));
    }

    void badActivationOptions() {
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeActivation("leaky_relu", Json{{"alpha", -1}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeActivation("elu", Json{{"alpha", "one"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeActivation("relu", Json{{"alpha", 0.1}}));
    }

    void badInputShapes() {
        auto dense = built("dense", Json{{"units", 2}}, Shape{3});
        QVERIFY_THROWS_EXCEPTION(InputError, dense->forward(Tensor(Shape{2, 4}), Mode::Train));
        auto bn = built("batch_norm", Json::object(), Shape{3});
        QVERIFY_THROWS_EXCEPTION(InputError, bn->forward(Tensor(Shape{2, 2}), Mode::Train));
    }
};

QTEST_APPLESS_MAIN(TestBackpropLayers)
#include "tst_backprop_layers.moc"
