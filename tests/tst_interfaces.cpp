// The core interfaces carry the later lectures. Two test-only layers written
// against the public SDK alone — a naive 2-D convolution (N·C·H·W) and a plain
// recurrent layer (N·T·F → N·H with BPTT inside) — are checked against golden
// values, finite differences, the Network's step record and a whole Trainer run
// with a test-only loss and optimizer. No plugin is loaded.
//
// Golden values: the single-channel convolution and the one-unit recurrence are
// worked out by hand below; the larger examples come from a plain-Python
// implementation of the formulas in row form, with gradients taken by central
// differences in double precision (independent of the layers' backward code).
#include "deepstep/errors.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/network.hpp"
#include "deepstep/trace.hpp"
#include "deepstep/trainer.hpp"
#include "support/naive_conv2d_layer.hpp"
#include "support/plain_gradient_step.hpp"
#include "support/simple_recurrent_layer.hpp"
#include "support/sum_of_squares_loss.hpp"

#include <QtTest>

#include <cmath>
#include <memory>

using namespace deepstep;
using deepstep::test::NaiveConv2dLayer;
using deepstep::test::PlainGradientStep;
using deepstep::test::SimpleRecurrentLayer;
using deepstep::test::SumOfSquaresLoss;

namespace {

constexpr double kGradTolerance = 1e-2;

QString describe(const Tensor& t) { return QString::fromStdString(t.shape().str()); }

// Compares shape and every value; reports the first mismatch.
bool near(const Tensor& actual, const Shape& shape, const std::vector<float>& expected, float tolerance,
          QString* why) {
    if (actual.shape() != shape) {
        *why = QString("shape %1, expected %2").arg(describe(actual), QString::fromStdString(shape.str()));
        return false;
    }
    for (std::size_t i = 0; i < expected.size(); ++i) {
        if (!(std::fabs(actual[i] - expected[i]) <= tolerance)) {
            *why = QString("[%1] = %2, expected %3").arg(i).arg(actual[i], 0, 'g', 9).arg(expected[i], 0, 'g', 9);
            return false;
        }
    }
    return true;
}

#define EXPECT_TENSOR(actual, shape, expected, tolerance)                                     \
    do {                                                                                      \
        QString why_;                                                                         \
        QVERIFY2(near((actual), (shape), (expected), (tolerance), &why_),                     \
                 qPrintable(QStringLiteral(#actual ": ") + why_));                            \
    } while (false)

Tensor randomTensor(const Shape& shape, Rng& rng, float halfWidth = 1.0F) {
    Tensor t(shape);
    init::uniform(t, rng, -halfWidth, halfWidth);
    return t;
}

void setValues(Parameter& p, std::vector<float> values) { p.value = Tensor(p.value.shape(), std::move(values)); }

std::vector<float> sequence(std::size_t n, int modulus, float offset, float scale, std::size_t stride = 1) {
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = scale * static_cast<float>(static_cast<int>((i * stride) % static_cast<std::size_t>(modulus))) + offset;
    }
    return v;
}

// One layer in a Network: the step record must hold exactly what the layer itself
// computes for the same input and the same dL/dy.
void checkRecordedSingleLayer(std::unique_ptr<Layer> layer, const std::string& name, const Shape& inputSample,
                              std::size_t batch, const std::vector<std::string>& parameterNames) {
    const std::string type = layer->type();
    Network net;
    net.add(name, std::move(layer));
    Rng rng(21);
    net.build(inputSample, rng);
    QVERIFY(net.built());

    std::vector<std::string> names;
    for (const ParamRef& p : net.parameters()) {
        names.push_back(p.name);
    }
    QVERIFY(names == parameterNames);

    const Tensor x = randomTensor(inputSample.withBatch(batch), rng);
    const Tensor xBefore = x;
    StepRecord record;
    const Tensor y = net.forward(x, Mode::Train, &record);
    QVERIFY2(x == xBefore, "forward() wrote into its input");
    QVERIFY(y.shape() == net.outputShape().withBatch(batch));
    QCOMPARE(record.layers.size(), std::size_t{1});
    const LayerRecord& r = record.layers[0];
    QCOMPARE(r.name, name);
    QCOMPARE(r.type, type);
    QVERIFY(r.activation.empty());
    QVERIFY(r.preActivation.empty());
    QVERIFY(r.input == x);
    QVERIFY(r.output == y);

    const Tensor dy = randomTensor(y.shape(), rng);
    const Tensor dyBefore = dy;
    const Tensor dx = net.backward(dy, &record);
    QVERIFY2(dy == dyBefore, "backward() wrote into dL/dy");
    QCOMPARE(record.layers.size(), std::size_t{1});
    QVERIFY2(dx.shape() == x.shape(), qPrintable(describe(dx)));
    QVERIFY(record.layers[0].gradOutput == dy);
    QVERIFY(record.layers[0].gradInput == dx);
    QVERIFY(record.layers[0].gradPreActivation.empty());
    std::vector<Tensor> networkGrads;
    for (const ParamRef& p : net.parameters()) {
        QVERIFY(p.grad->shape() == p.value->shape());
        QVERIFY(p.grad->maxAbs() > 0.0F);
        networkGrads.push_back(*p.grad);
    }

    // The layer on its own, same input and same dL/dy: identical results, and the
    // gradients are overwritten (not accumulated) by the second backward.
    Layer& own = net.layer(0);
    QVERIFY(own.forward(x, Mode::Train) == record.layers[0].output);
    QVERIFY(own.backward(dy) == record.layers[0].gradInput);
    const auto params = net.parameters();
    for (std::size_t i = 0; i < params.size(); ++i) {
        QVERIFY2(*params[i].grad == networkGrads[i], params[i].name.c_str());
    }
}


// Δ = −η g for every parameter; "fast.*" parameters take the in-place path, the
// others computeUpdate. Records what computeUpdate saw of the fast parameter.
class HalfInPlaceStep final : public Optimizer {
public:
    explicit HalfInPlaceStep(double learningRate) : Optimizer(learningRate) {}
    std::string type() const override { return "test_half_in_place"; }
    std::vector<std::string> inPlace;
    std::vector<std::string> computed;

protected:
    void computeUpdate(const std::string& name, const Tensor& /*value*/, const Tensor& grad, long long /*t*/,
                       Tensor& delta) override {
        computed.push_back(name);
        delta = grad * static_cast<float>(-learningRate());
    }
    bool updateInPlace(const std::string& name, Tensor& value, const Tensor& grad, long long /*t*/,
                       Tensor* delta) override {
        if (name.rfind("fast.", 0) != 0) {
            return false;
        }
        inPlace.push_back(name);
        const Tensor d = grad * static_cast<float>(-learningRate());
        value += d;
        if (delta != nullptr) {
            *delta = d;
        }
        return true;
    }
};

// A TensorDataset that counts the prefetch hints gather() gives it.
class CountingDataset final : public TensorDataset {
public:
    using TensorDataset::TensorDataset;
    mutable std::vector<std::size_t> hinted;
    void prefetchExample(std::size_t i) const override {
        hinted.push_back(i);
        TensorDataset::prefetchExample(i);
    }
};
}  // namespace

class InterfacesTest : public QObject {
    Q_OBJECT

private slots:
    // Convolution
    void convBuildsShapesAndRejectsBadInput();
    void convHandExample();
    void convGoldenTwoChannelsTwoFilters();
    void convGradientCheck();
    void convRecordedInNetwork();
    void convChainRecordsFlowBetweenLayers();
    void convTrainerReducesLoss();
    // Recurrence
    void recurrentBuildsShapesAndRejectsBadInput();
    void recurrentHandExample();
    void recurrentGoldenSequence();
    void recurrentGradientCheck();
    void recurrentRecordedInNetwork();
    void recurrentTrainerReducesLoss();
    // The test-only training parts themselves
    void sumOfSquaresLossValueAndGradient();
    void plainGradientStepUpdates();
    void optimizerInPlaceAndComputedTogether();
    void gatherHintsEveryExampleAndCopiesThem();
};

void InterfacesTest::convBuildsShapesAndRejectsBadInput() {
    NaiveConv2dLayer conv(3, 2);
    Rng rng(1);
    QVERIFY((conv.build(Shape{2, 5, 4}, rng) == Shape{3, 4, 3}));
    QVERIFY((conv.weight().value.shape() == Shape{3, 2, 2, 2}));
    QVERIFY((conv.bias().value.shape() == Shape{3}));
    QVERIFY(conv.weight().value.maxAbs() > 0.0F);
    QCOMPARE(conv.bias().value.maxAbs(), 0.0F);
    QCOMPARE(conv.parameters().size(), std::size_t{2});

    NaiveConv2dLayer flat(1, 2);
    QVERIFY_THROWS_EXCEPTION(InputError, flat.build(Shape{5, 4}, rng));
    NaiveConv2dLayer tooSmall(1, 3);
    QVERIFY_THROWS_EXCEPTION(InputError, tooSmall.build(Shape{1, 2, 5}, rng));
    QVERIFY_THROWS_EXCEPTION(InputError, conv.forward(Tensor(Shape{1, 2, 4, 5}), Mode::Train));

    // A Network reports the misfit when it builds.
    Network net;
    net.add("conv", std::make_unique<NaiveConv2dLayer>(2, 3));
    QVERIFY_THROWS_EXCEPTION(InputError, net.build(Shape{1, 2, 2}, rng));
}

void InterfacesTest::convHandExample() {
    // x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel [[1, 2], [−1, 0]], bias 0.5:
    //   y[i][j] = x[i][j] + 2·x[i][j+1] − x[i+1][j] + 0.5
    //   y = [[1 + 4 − 4, 2 + 6 − 5], [4 + 10 − 7, 5 + 12 − 8]] + 0.5 = [[1.5, 3.5], [7.5, 9.5]]
    NaiveConv2dLayer conv(1, 2);
    Rng rng(1);
    conv.build(Shape{1, 3, 3}, rng);
    setValues(conv.weight(), {1, 2, -1, 0});
    setValues(conv.bias(), {0.5F});
    const Tensor x(Shape{1, 1, 3, 3}, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    const Tensor y = conv.forward(x, Mode::Eval);
    EXPECT_TENSOR(y, (Shape{1, 1, 2, 2}), (std::vector<float>{1.5F, 3.5F, 7.5F, 9.5F}), 0.0F);

    // dL/dy = 1 everywhere:
    //   db = 4 (four outputs)
    //   dW[p][q] = Σ_ij x[i+p][j+q]: 1+2+4+5 = 12, 2+3+5+6 = 16, 4+5+7+8 = 24, 5+6+8+9 = 28
    //   dx[a][b] = Σ of the kernel entries that touch (a, b):
    //     [[1, 1+2, 2], [1−1, 1+2−1+0, 2+0], [−1, −1+0, 0]]
    const Tensor dx = conv.backward(Tensor(y.shape(), 1.0F));
    EXPECT_TENSOR(conv.bias().grad, (Shape{1}), (std::vector<float>{4}), 0.0F);
    EXPECT_TENSOR(conv.weight().grad, (Shape{1, 1, 2, 2}), (std::vector<float>{12, 16, 24, 28}), 0.0F);
    EXPECT_TENSOR(dx, (Shape{1, 1, 3, 3}), (std::vector<float>{1, 3, 2, 0, 2, 2, -1, -1, 0}), 0.0F);
}

void InterfacesTest::convGoldenTwoChannelsTwoFilters() {
    // N = 2, C = 2, 3×3 images, K = 2 filters of 2×2.
    //   x[n][c][i][j] = (18n + 9c + 3i + j) mod 7 − 3
    //   w[o][c][p][q] = (8o + 4c + 2p + q) mod 5 − 2,  b = [0.5, −1]
    //   dy[n][o][i][j] = (8n + 4o + 2i + j) mod 5 − 1.5
    NaiveConv2dLayer conv(2, 2);
    Rng rng(1);
    QVERIFY((conv.build(Shape{2, 3, 3}, rng) == Shape{2, 2, 2}));
    setValues(conv.weight(), sequence(16, 5, -2.0F, 1.0F));
    setValues(conv.bias(), {0.5F, -1.0F});
    const Tensor x(Shape{2, 2, 3, 3}, sequence(36, 7, -3.0F, 1.0F));
    const Tensor y = conv.forward(x, Mode::Train);
    EXPECT_TENSOR(y, (Shape{2, 2, 2, 2}),
                  (std::vector<float>{5.5F, 2.5F, -3.5F, 7.5F, -11, 4, -1, 7, 7.5F, -9.5F, 5.5F, 2.5F, 7, 8, -11, 4}),
                  1e-5F);

    const Tensor dy(y.shape(), sequence(16, 5, -1.5F, 1.0F));
    const Tensor dx = conv.backward(dy);
    EXPECT_TENSOR(dx, x.shape(),
                  (std::vector<float>{5.5F, 6,  -2.5F, -6.5F, -5,   0.5F, 1,    0,  1,    -3, 4.5F,  -0.5F,
                                      7.5F, -6, 0.5F,  -1.5F, 0.5F, -1,   -2.5F, -4, 0.5F, 4.5F, 4,    -1.5F,
                                      -5,   -1, 1,     3,     2.5F, -3.5F, -3.5F, 4,  -3.5F, 6.5F, -7.5F, 3}),
                  1e-5F);
    EXPECT_TENSOR(conv.weight().grad, (Shape{2, 2, 2, 2}),
                  (std::vector<float>{19, 21, -13.5F, -15, 5.5F, -13.5F, -13, -4, -5, -1, -10.5F, -3, -7.5F, -10.5F,
                                      1, 26}),
                  1e-5F);
    EXPECT_TENSOR(conv.bias().grad, (Shape{2}), (std::vector<float>{2, 4}), 1e-5F);
}

void InterfacesTest::convGradientCheck() {
    NaiveConv2dLayer conv(3, 3);
    Rng rng(5);
    conv.build(Shape{2, 4, 5}, rng);
    init::uniform(conv.bias().value, rng, -0.5F, 0.5F);
    const Tensor x = randomTensor(Shape{2, 2, 4, 5}, rng);
    const GradCheckReport report = checkLayer(conv, x, rng);
    QCOMPARE(report.entries.size(), std::size_t{3});  // input, weight, bias
    for (const auto& e : report.entries) {
        QVERIFY2(e.checked > 0, e.name.c_str());
    }
    QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
}

void InterfacesTest::convRecordedInNetwork() {
    checkRecordedSingleLayer(std::make_unique<NaiveConv2dLayer>(2, 2), "conv", Shape{3, 4, 4}, 2,
                             {"conv.weight", "conv.bias"});
}

void InterfacesTest::convChainRecordsFlowBetweenLayers() {
    // Two convolutions: 1×5×5 → 2×4×4 → 1×3×3. What one layer passes on is what the
    // next one receives, forwards and backwards.
    Network net;
    net.add("conv1", std::make_unique<NaiveConv2dLayer>(2, 2));
    net.add("conv2", std::make_unique<NaiveConv2dLayer>(1, 2));
    Rng rng(8);
    net.build(Shape{1, 5, 5}, rng);
    QVERIFY((net.outputShape() == Shape{1, 3, 3}));
    QCOMPARE(net.parameterCount(), std::size_t{2 * 1 * 2 * 2 + 2 + 1 * 2 * 2 * 2 + 1});

    const Tensor x = randomTensor(Shape{3, 1, 5, 5}, rng);
    StepRecord record;
    const Tensor y = net.forward(x, Mode::Train, &record);
    QCOMPARE(record.layers.size(), std::size_t{2});
    QVERIFY((record.layers[0].output.shape() == Shape{3, 2, 4, 4}));
    QVERIFY(record.layers[1].input == record.layers[0].output);
    QVERIFY(record.layers[1].output == y);

    const Tensor dy = randomTensor(y.shape(), rng);
    const Tensor dx = net.backward(dy, &record);
    QVERIFY(record.layers[1].gradOutput == dy);
    QVERIFY(record.layers[0].gradOutput == record.layers[1].gradInput);
    QVERIFY((record.layers[0].gradOutput.shape() == Shape{3, 2, 4, 4}));
    QVERIFY(record.layers[0].gradInput == dx);

    // The whole chain agrees with finite differences under the sum-of-squares loss.
    const Batch batch{x, randomTensor(y.shape(), rng)};
    const GradCheckReport report = checkNetwork(net, SumOfSquaresLoss(), batch);
    QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
}

void InterfacesTest::convTrainerReducesLoss() {
    // A student convolution learns the filters of a teacher convolution.
    Rng rng(11);
    NaiveConv2dLayer teacher(2, 2);
    teacher.build(Shape{1, 4, 4}, rng);
    init::uniform(teacher.bias().value, rng, -0.5F, 0.5F);
    const Tensor inputs = randomTensor(Shape{16, 1, 4, 4}, rng);
    const TensorDataset data(inputs, teacher.forward(inputs, Mode::Eval));

    Network net;
    net.add("conv", std::make_unique<NaiveConv2dLayer>(2, 2));
    Rng init(12);
    net.build(Shape{1, 4, 4}, init);
    const SumOfSquaresLoss loss;
    constexpr double learningRate = 0.02;
    PlainGradientStep optimizer(learningRate);
    TrainingSettings settings;
    settings.epochs = 40;
    settings.batchSize = 4;
    settings.seed = 3;
    Trainer trainer(net, loss, optimizer, settings);
    Trace trace(1);
    trainer.setTrace(&trace);

    const double before = trainer.evaluate(data).loss;
    const TrainingResult result = trainer.fit(data);
    const double after = trainer.evaluate(data).loss;

    QVERIFY2(result.reason == StopReason::Completed, result.explanation.en.c_str());
    QCOMPARE(result.epochs, 40);
    QCOMPARE(result.iterations, 40LL * 4);  // 16 examples in batches of 4
    QCOMPARE(optimizer.stepCount(), 160LL);
    QVERIFY2(after < 0.01 * before, qPrintable(QString("loss %1 → %2").arg(before).arg(after)));
    QVERIFY(result.history.back().trainLoss < result.history.front().trainLoss);

    // The first step was traced: Δ = −η·g for every parameter, value + Δ after.
    QCOMPARE(trace.steps().size(), std::size_t{1});
    const StepRecord& step = trace.steps().front();
    QCOMPARE(step.layers.size(), std::size_t{1});
    QVERIFY((step.layers[0].input.shape() == Shape{4, 1, 4, 4}));
    QCOMPARE(step.parameters.size(), std::size_t{2});
    QCOMPARE(step.parameters[0].name, std::string("conv.weight"));
    QCOMPARE(step.parameters[1].name, std::string("conv.bias"));
    for (const ParameterRecord& p : step.parameters) {
        QVERIFY2(p.update == p.grad * static_cast<float>(-learningRate), p.name.c_str());
        QVERIFY2(p.valueAfter == p.value + p.update, p.name.c_str());
        QVERIFY2(p.update.maxAbs() > 0.0F, p.name.c_str());
    }
}

void InterfacesTest::recurrentBuildsShapesAndRejectsBadInput() {
    SimpleRecurrentLayer rnn(4);
    Rng rng(1);
    QVERIFY((rnn.build(Shape{6, 3}, rng) == Shape{4}));
    QVERIFY((rnn.inputWeight().value.shape() == Shape{3, 4}));
    QVERIFY((rnn.recurrentWeight().value.shape() == Shape{4, 4}));
    QVERIFY((rnn.bias().value.shape() == Shape{4}));
    QCOMPARE(rnn.parameters().size(), std::size_t{3});

    SimpleRecurrentLayer notASequence(2);
    QVERIFY_THROWS_EXCEPTION(InputError, notASequence.build(Shape{5}, rng));
    QVERIFY_THROWS_EXCEPTION(InputError, notASequence.build(Shape{1, 5, 5}, rng));
    // A sequence of the wrong length is refused, not silently truncated.
    QVERIFY_THROWS_EXCEPTION(InputError, rnn.forward(Tensor(Shape{2, 5, 3}), Mode::Train));
}

void InterfacesTest::recurrentHandExample() {
    // One unit, two steps: x = (1, 2), W = 0.5, U = −1, b = 0.1.
    //   h1 = tanh(1·0.5 + 0.1) = tanh(0.6) = 0.537049567
    //   h2 = tanh(2·0.5 − h1 + 0.1) = tanh(0.562950433) = 0.510163251
    // With dL/dh2 = 1: δ2 = 1 − h2², δ1 = δ2·U·(1 − h1²), and
    //   dW = x1δ1 + x2δ2 = 0.953089037, dU = h0δ1 + h1δ2 = 0.397273533,
    //   db = δ1 + δ2 = 0.213355579, dx1 = δ1·W = −0.263188939, dx2 = δ2·W = 0.369866729
    SimpleRecurrentLayer rnn(1);
    Rng rng(1);
    rnn.build(Shape{2, 1}, rng);
    setValues(rnn.inputWeight(), {0.5F});
    setValues(rnn.recurrentWeight(), {-1.0F});
    setValues(rnn.bias(), {0.1F});
    const Tensor x(Shape{1, 2, 1}, std::vector<float>{1, 2});
    const Tensor h = rnn.forward(x, Mode::Eval);
    EXPECT_TENSOR(h, (Shape{1, 1}), (std::vector<float>{0.510163251F}), 1e-6F);
    const Tensor dx = rnn.backward(Tensor(Shape{1, 1}, 1.0F));
    EXPECT_TENSOR(rnn.inputWeight().grad, (Shape{1, 1}), (std::vector<float>{0.953089037F}), 1e-6F);
    EXPECT_TENSOR(rnn.recurrentWeight().grad, (Shape{1, 1}), (std::vector<float>{0.397273533F}), 1e-6F);
    EXPECT_TENSOR(rnn.bias().grad, (Shape{1}), (std::vector<float>{0.213355579F}), 1e-6F);
    EXPECT_TENSOR(dx, (Shape{1, 2, 1}), (std::vector<float>{-0.263188939F, 0.369866729F}), 1e-6F);
}

void InterfacesTest::recurrentGoldenSequence() {
    // N = 2, T = 3, F = 2, H = 2; x[n][t][f] = 0.5·((6n + 2t + f) mod 4) − 0.75,
    // W = [[0.3, −0.2], [0.1, 0.4]], U = [[0.5, −0.3], [0.2, 0.1]], b = [0.05, −0.1],
    // dL/dh3 = [[1, −0.5], [0.25, 2]].
    SimpleRecurrentLayer rnn(2);
    Rng rng(1);
    rnn.build(Shape{3, 2}, rng);
    setValues(rnn.inputWeight(), {0.3F, -0.2F, 0.1F, 0.4F});
    setValues(rnn.recurrentWeight(), {0.5F, -0.3F, 0.2F, 0.1F});
    setValues(rnn.bias(), {0.05F, -0.1F});
    const Tensor x(Shape{2, 3, 2}, sequence(12, 4, -0.75F, 0.5F));
    const Tensor h = rnn.forward(x, Mode::Train);
    EXPECT_TENSOR(h, (Shape{2, 2}), (std::vector<float>{-0.113687657F, -0.057115626F, 0.144466345F, 0.160616574F}),
                  1e-6F);
    const Tensor dx = rnn.backward(Tensor::rows({{1.0F, -0.5F}, {0.25F, 2.0F}}));
    EXPECT_TENSOR(dx, x.shape(),
                  (std::vector<float>{0.0514144F, 0.0831007F, 0.1629964F, 0.1204078F, 0.3957963F, -0.1006400F,
                                      -0.0739222F, -0.0555751F, -0.1862602F, 0.0506789F, -0.3162462F, 0.8038401F}),
                  1e-5F);
    EXPECT_TENSOR(rnn.inputWeight().grad, (Shape{2, 2}),
                  (std::vector<float>{-0.4467118F, 0.5924617F, 0.2456951F, 1.5466255F}), 1e-5F);
    EXPECT_TENSOR(rnn.recurrentWeight().grad, (Shape{2, 2}),
                  (std::vector<float>{-0.1442073F, -0.1647804F, 0.0754878F, -0.2547190F}), 1e-5F);
    EXPECT_TENSOR(rnn.bias().grad, (Shape{2}), (std::vector<float>{1.3848137F, 1.9083276F}), 1e-5F);
}

void InterfacesTest::recurrentGradientCheck() {
    SimpleRecurrentLayer rnn(5);
    Rng rng(9);
    rnn.build(Shape{4, 3}, rng);
    init::uniform(rnn.bias().value, rng, -0.3F, 0.3F);
    const Tensor x = randomTensor(Shape{3, 4, 3}, rng);
    const GradCheckReport report = checkLayer(rnn, x, rng);
    QCOMPARE(report.entries.size(), std::size_t{4});  // input, W, U, b
    QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
}

void InterfacesTest::recurrentRecordedInNetwork() {
    checkRecordedSingleLayer(std::make_unique<SimpleRecurrentLayer>(3), "rnn", Shape{5, 2}, 4,
                             {"rnn.W", "rnn.U", "rnn.b"});
}

void InterfacesTest::recurrentTrainerReducesLoss() {
    // A student recurrent layer learns to reproduce a teacher's last hidden state.
    Rng rng(13);
    SimpleRecurrentLayer teacher(3);
    teacher.build(Shape{4, 2}, rng);
    init::uniform(teacher.bias().value, rng, -0.3F, 0.3F);
    const Tensor inputs = randomTensor(Shape{32, 4, 2}, rng);
    const TensorDataset data(inputs, teacher.forward(inputs, Mode::Eval));

    Network net;
    net.add("rnn", std::make_unique<SimpleRecurrentLayer>(3));
    Rng init(14);
    net.build(Shape{4, 2}, init);
    const SumOfSquaresLoss loss;
    PlainGradientStep optimizer(0.1);
    TrainingSettings settings;
    settings.epochs = 300;
    settings.batchSize = 0;  // gradient descent on all 32 sequences
    settings.seed = 5;
    Trainer trainer(net, loss, optimizer, settings);

    const double before = trainer.evaluate(data).loss;
    const TrainingResult result = trainer.fit(data);
    const double after = trainer.evaluate(data).loss;

    QVERIFY2(result.reason == StopReason::Completed, result.explanation.en.c_str());
    QCOMPARE(result.iterations, 300LL);
    QVERIFY2(after < 0.1 * before, qPrintable(QString("loss %1 → %2").arg(before).arg(after)));
    QVERIFY(std::isnan(result.history.back().trainAccuracy));  // regression data
}

void InterfacesTest::sumOfSquaresLossValueAndGradient() {
    // Two samples: ((1 − 0)² + (2 − 4)²) + ((−1 − 1)² + (0.5 − 0)²) = 5 + 4.25, mean 4.625;
    // gradient 2(o − t)/N = [[1, −2], [−2, 0.5]].
    const SumOfSquaresLoss loss;
    const Tensor out = Tensor::rows({{1, 2}, {-1, 0.5F}});
    const Tensor target = Tensor::rows({{0, 4}, {1, 0}});
    QCOMPARE(loss.value(out, target), 4.625F);
    QVERIFY(loss.gradient(out, target) == Tensor::rows({{1, -2}, {-2, 0.5F}}));
    QVERIFY(checkLoss(loss, out, target).passed(kGradTolerance));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, loss.value(out, Tensor(Shape{2, 3})));
}

void InterfacesTest::plainGradientStepUpdates() {
    Tensor w = Tensor::rows({{1, 2}});
    const Tensor g = Tensor::rows({{0.5F, -1}});
    PlainGradientStep opt(0.5);
    const ParamRef ref{"layer.weight", &w, &g};
    opt.step(std::span<const ParamRef>(&ref, 1));
    QVERIFY(w == Tensor::rows({{0.75F, 2.5F}}));
    QVERIFY(opt.updates().at(0) == Tensor::rows({{-0.25F, 0.5F}}));
    QCOMPARE(opt.stepCount(), 1LL);
}

void InterfacesTest::optimizerInPlaceAndComputedTogether() {
    Tensor fast = Tensor::rows({{1, 2}});
    Tensor slow = Tensor::rows({{3, 4}});
    const Tensor gFast = Tensor::rows({{1, -1}});
    const Tensor gSlow = Tensor::rows({{2, 0}});
    HalfInPlaceStep opt(0.5);
    const std::vector<ParamRef> refs{{"fast.weight", &fast, &gFast}, {"slow.weight", &slow, &gSlow}};

    opt.step(refs, true);
    QVERIFY(fast == Tensor::rows({{0.5F, 2.5F}}));
    QVERIFY(slow == Tensor::rows({{2, 4}}));
    QCOMPARE(opt.inPlace, std::vector<std::string>{"fast.weight"});
    QCOMPARE(opt.computed, std::vector<std::string>{"slow.weight"});
    QCOMPARE(opt.updates().size(), std::size_t{2});
    QVERIFY(opt.updates()[0] == Tensor::rows({{-0.5F, 0.5F}}));
    QVERIFY(opt.updates()[1] == Tensor::rows({{-1, 0}}));

    // Not kept: the weights move the same way, and no Δ of step 1 is shown as step 2's.
    opt.step(refs, false);
    QVERIFY(fast == Tensor::rows({{0, 3}}));
    QVERIFY(slow == Tensor::rows({{1, 4}}));
    QVERIFY(opt.updates().empty());
    QCOMPARE(opt.stepCount(), 2LL);

    // An optimizer with only computeUpdate keeps its Δs either way.
    Tensor w = Tensor::rows({{1, 2}});
    PlainGradientStep plain(0.5);
    const ParamRef ref{"layer.weight", &w, &gFast};
    plain.step(std::span<const ParamRef>(&ref, 1), false);
    QVERIFY(w == Tensor::rows({{0.5F, 2.5F}}));
    QVERIFY(plain.updates().at(0) == Tensor::rows({{-0.5F, 0.5F}}));
}

void InterfacesTest::gatherHintsEveryExampleAndCopiesThem() {
    const Tensor x = Tensor::rows({{0, 1}, {10, 11}, {20, 21}, {30, 31}, {40, 41}});
    const Tensor y = Tensor::rows({{0}, {1}, {2}, {3}, {4}});
    const CountingDataset data(x, y);
    const std::vector<std::size_t> order{3, 0, 4, 1};
    Batch b;
    data.gather(order, b);
    QVERIFY(b.inputs == Tensor::rows({{30, 31}, {0, 1}, {40, 41}, {10, 11}}));
    QVERIFY(b.targets == Tensor::rows({{3}, {0}, {4}, {1}}));
    // Each example is hinted once, before it is copied, in the order of the batch.
    QCOMPARE(data.hinted, order);

    // Through a subset the hint reaches the base with the base's index; hints out of
    // range are ignored, never read.
    data.hinted.clear();
    const SubsetDataset subset(data, {4, 2});
    const std::vector<std::size_t> both{1, 0};
    subset.gather(both, b);
    QVERIFY(b.inputs == Tensor::rows({{20, 21}, {40, 41}}));
    QCOMPARE(data.hinted, (std::vector<std::size_t>{2, 4}));
    subset.prefetchExample(2);
    data.prefetchExample(5);
    data.prefetchExample(static_cast<std::size_t>(-1));
    // 2 and 4 from the gather, 5 and −1 asked directly; the subset's 2 is outside it.
    QCOMPARE(data.hinted.size(), std::size_t{4});
}

QTEST_APPLESS_MAIN(InterfacesTest)
#include "tst_interfaces.moc"
