// The RNN lecture's layers: simple_rnn against numbers PyTorch computed (forward and
// backward through time), against an independent loop written from the lecture's
// formula, finite-difference gradient checks on random shapes, and bad shapes refused.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/rnn/rnn.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;
using namespace deepstep::rnn;

namespace {

Registry makeRegistry() {
    Registry r;
    backprop::registerComponents(r);
    rnn::registerComponents(r);
    return r;
}

Tensor randomTensor(const Shape& shape, Rng& rng) {
    Tensor t(shape);
    for (float& v : t.values())
        v = static_cast<float>(rng.normal());
    return t;
}

double maxDifference(const Tensor& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    double worst = 0.0;
    for (std::size_t i = 0; i < b.size(); ++i)
        worst = std::max(worst, std::fabs(double(a[i]) - double(b[i])));
    return worst;
}

// h_t = f(x_t W + h_{t−1} U + b) by the formula, one number at a time, in double.
std::vector<double> referenceStates(const Tensor& x, const Tensor& w, const Tensor& u, const Tensor& b,
                                    double (*f)(double)) {
    const std::size_t n = x.dim(0), steps = x.dim(1), features = x.dim(2), hidden = b.size();
    std::vector<double> h(n * steps * hidden, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = 0; t < steps; ++t)
            for (std::size_t j = 0; j < hidden; ++j) {
                double z = b[j];
                for (std::size_t i = 0; i < features; ++i)
                    z += double(x[(s * steps + t) * features + i]) * w[i * hidden + j];
                if (t > 0)
                    for (std::size_t k = 0; k < hidden; ++k)
                        z += h[(s * steps + t - 1) * hidden + k] * u[k * hidden + j];
                h[(s * steps + t) * hidden + j] = f(z);
            }
    return h;
}

double tanhOf(double z) { return std::tanh(z); }
double sigmoidOf(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

class TestRnnLayers : public QObject {
    Q_OBJECT

private slots:
    // torch.nn.RNN(3, 4, batch_first=True, nonlinearity="tanh") with weight_ih = Wᵀ,
    // weight_hh = Uᵀ, bias_ih = b, bias_hh = 0 on the same x; backward of Σ r ⊙ output.
    void matchesPyTorch() {
        const Registry registry = makeRegistry();
        auto layer = registry.makeLayer("simple_rnn", {{"units", 4}, {"return_sequences", true}});
        Rng rng(1);
        QCOMPARE(layer->build(Shape{5, 3}, rng), (Shape{5, 4}));
        auto* rnn = dynamic_cast<SimpleRnnLayer*>(layer.get());
        QVERIFY(rnn != nullptr);
        for (std::size_t i = 0; i < 12; ++i)
            rnn->inputWeight().value[i] = 0.1F * float(int(i % 7) - 3);
        for (std::size_t i = 0; i < 16; ++i)
            rnn->recurrentWeight().value[i] = 0.05F * float(int(i % 5) - 2);
        const float bias[4] = {0.1F, -0.2F, 0.05F, 0.0F};
        for (std::size_t i = 0; i < 4; ++i)
            rnn->bias().value[i] = bias[i];
        Tensor x(Shape{2, 5, 3});
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = 0.1F * float(int(i % 9) - 4);
        Tensor r(Shape{2, 5, 4});
        for (std::size_t i = 0; i < r.size(); ++i)
            r[i] = 0.01F * float(int(i % 11) - 5);
        const Tensor y = layer->forward(x, Mode::Train);
        const Tensor dx = layer->backward(r);
        const std::vector<float> yTorch = {
            0.2260284F,   -0.1586485F, -3.72529e-09F, 0.06988589F,  0.07141055F,  -0.1799609F,  0.07478115F,
            0.01431185F,  -0.03138778F, -0.1948568F,  0.1223353F,   -0.05155397F, 0.2162987F,   -0.1285735F,
            -0.007645942F, 0.06736705F, 0.07498944F,  -0.1832599F,  0.07379558F,  0.01445952F,  -0.009999672F,
            -0.2165181F,  0.1194273F,   -0.04995837F, 0.2120525F,   -0.1277023F,  -0.006112592F, 0.06841744F,
            0.0755745F,   -0.18294F,    0.07370422F,  0.01406559F,  -0.03215515F, -0.1948859F,  0.1225638F,
            -0.05126806F, 0.21638F,     -0.1284964F,  -0.007638747F, 0.06728902F};
        const std::vector<float> dxTorch = {
            0.0248688F,    -0.01631038F,  0.01074679F,  0.004578486F, -0.007862371F, 0.007053166F,
            -0.02292751F,  0.04118427F,   -0.01611079F, 0.01968653F,  -0.01361503F,  0.009527268F,
            -0.00392194F,  -0.001097961F, 0.002032957F, -0.01759232F, 0.01108667F,   -0.01783993F,
            0.01462113F,   -0.01155744F,  0.008292532F, -0.01123861F, 0.005836986F,  -0.0005814969F,
            -0.001874891F, -0.007631394F, -0.008809797F, 0.007686056F, -0.006859753F, 0.005791679F};
        const std::vector<float> dwTorch = {0.07928293F, 0.04623067F,  0.01134732F,  -0.0266622F,
                                            0.07828905F, 0.04319875F,  0.006507109F, -0.03157952F,
                                            0.07729515F, 0.04016681F,  0.001666891F, -0.03649685F};
        const std::vector<float> duTorch = {0.005661577F, 0.008721378F, 0.015441F,     0.01530616F,
                                            0.003442361F, 0.01034403F,  -0.00283949F,  0.00147098F,
                                            -0.003879607F, -0.00885484F, -0.004076527F, -0.006617711F,
                                            0.004703829F, 0.005781759F, 0.00639577F,   0.0055216F};
        const std::vector<float> dbTorch = {-0.009938886F, -0.03031922F, -0.04840218F, -0.04917325F};
        QVERIFY2(maxDifference(y, yTorch) < 1e-6, "output");
        QVERIFY2(maxDifference(dx, dxTorch) < 1e-6, "dx");
        QVERIFY2(maxDifference(rnn->inputWeight().grad, dwTorch) < 1e-6, "dW");
        QVERIFY2(maxDifference(rnn->recurrentWeight().grad, duTorch) < 1e-6, "dU");
        QVERIFY2(maxDifference(rnn->bias().grad, dbTorch) < 1e-6, "db");
        // The internals: h_t as the output, and gradients after backward.
        const std::vector<Internal> inside = layer->internals();
        QCOMPARE(inside.size(), std::size_t{2});
        QCOMPARE(inside[1].name, std::string("hidden_states"));
        QVERIFY(maxDifference(*inside[1].value, std::vector<float>(y.values().begin(), y.values().end())) == 0.0);
        QVERIFY(inside[0].grad != nullptr && inside[1].grad != nullptr);
    }

    // The layer against the formula written out with plain loops, on random shapes, for
    // the last step alone and for every step.
    void matchesTheStepByStepLoop() {
        const Registry registry = makeRegistry();
        Rng rng(7);
        for (int round = 0; round < 16; ++round) {
            const std::size_t steps = 1 + rng.index(7), features = 1 + rng.index(4), hidden = 1 + rng.index(5),
                              n = 1 + rng.index(3);
            const bool sequences = round % 2 == 0;
            const bool sigmoid = round % 4 == 1;
            auto layer = registry.makeLayer("simple_rnn", {{"units", hidden},
                                                           {"return_sequences", sequences},
                                                           {"activation", sigmoid ? "sigmoid" : "tanh"}});
            layer->build(Shape{steps, features}, rng);
            auto* rnn = dynamic_cast<SimpleRnnLayer*>(layer.get());
            for (float& v : rnn->bias().value.values())
                v = static_cast<float>(rng.normal()) * 0.3F;
            const Tensor x = randomTensor(Shape{n, steps, features}, rng);
            const Tensor y = layer->forward(x, Mode::Train);
            const std::vector<double> h = referenceStates(x, rnn->inputWeight().value, rnn->recurrentWeight().value,
                                                          rnn->bias().value, sigmoid ? sigmoidOf : tanhOf);
            QCOMPARE(y.shape(), sequences ? (Shape{n, steps, hidden}) : (Shape{n, hidden}));
            double worst = 0.0;
            for (std::size_t s = 0; s < n; ++s)
                for (std::size_t t = sequences ? 0 : steps - 1; t < steps; ++t)
                    for (std::size_t j = 0; j < hidden; ++j) {
                        const double want = h[(s * steps + t) * hidden + j];
                        const double got = sequences ? y[(s * steps + t) * hidden + j] : y[s * hidden + j];
                        worst = std::max(worst, std::fabs(got - want));
                    }
            QVERIFY2(worst < 1e-5, qPrintable(QStringLiteral("round %1: %2").arg(round).arg(worst)));
        }
    }

    // Backpropagation through time against finite differences: input, W, U and b, on
    // random shapes, last step and every step, tanh, sigmoid and identity.
    void gradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(11);
        const char* activations[] = {"tanh", "sigmoid", "identity"};
        for (int round = 0; round < 18; ++round) {
            const std::size_t steps = 1 + rng.index(6), features = 1 + rng.index(4), hidden = 1 + rng.index(4),
                              n = 1 + rng.index(3);
            auto layer = registry.makeLayer("simple_rnn", {{"units", hidden},
                                                           {"return_sequences", round % 2 == 1},
                                                           {"activation", activations[round % 3]}});
            layer->build(Shape{steps, features}, rng);
            const Tensor x = randomTensor(Shape{n, steps, features}, rng);
            const GradCheckReport report = checkLayer(*layer, x, rng);
            QCOMPARE(report.entries.size(), std::size_t{4});  // input, W, U, b
            QVERIFY2(report.passed(1e-2), report.str().c_str());
        }
    }

    void badShapesAreRefused() {
        const Registry registry = makeRegistry();
        Rng rng(3);
        auto layer = registry.makeLayer("simple_rnn", {{"units", 2}});
        QVERIFY_THROWS_EXCEPTION(InputError, layer->build(Shape{4}, rng));
        QVERIFY_THROWS_EXCEPTION(InputError, layer->build(Shape{2, 3, 4}, rng));
        QCOMPARE(layer->build(Shape{4, 3}, rng), (Shape{2}));
        QVERIFY_THROWS_EXCEPTION(InputError, layer->forward(Tensor(Shape{2, 4, 2}), Mode::Train));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLayer("simple_rnn", {{"units", 0}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeLayer("simple_rnn", {{"units", 2}, {"activation", "nope"}}));
        layer->forward(Tensor(Shape{2, 4, 3}), Mode::Train);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, layer->backward(Tensor(Shape{2, 4, 2})));
    }
};

QTEST_APPLESS_MAIN(TestRnnLayers)
#include "tst_rnn_layers.moc"
