// The cnn plugin's further layers: batch_norm2d, conv_transpose2d, upsample and
// depthwise_separable, each against an independent naive reference, against PyTorch for
// one case, gradient-checked on many random shapes, traced, and refused bad options.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/cnn/reference.hpp"
#include "deepstep/conv_arithmetic.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/trace.hpp"

#include <QtTest>

#include <cmath>
#include <map>
#include <set>

using namespace deepstep;
using namespace deepstep::cnn;

namespace {

constexpr double kGradTolerance = 1e-2;

Registry makeRegistry() {
    Registry r;
    backprop::registerComponents(r);
    cnn::registerComponents(r);
    return r;
}

Tensor randomTensor(const Shape& shape, Rng& rng) {
    Tensor t(shape);
    for (float& v : t.values()) v = rng.normal();
    return t;
}

Tensor patterned(const Shape& shape, double (*f)(std::size_t)) {
    Tensor t(shape);
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<float>(f(i));
    return t;
}

Json patternedList(std::size_t count, double (*f)(std::size_t)) {
    Json list = Json::array();
    for (std::size_t i = 0; i < count; ++i) list.push_back(f(i));
    return list;
}

// The largest |a − b| relative to the larger magnitude (at least 1).
double maxDifference(const Tensor& a, const Tensor& b) {
    if (a.shape() != b.shape()) return INFINITY;
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double scale = std::max({1.0, std::fabs(double(a[i])), std::fabs(double(b[i]))});
        worst = std::max(worst, std::fabs(double(a[i]) - double(b[i])) / scale);
    }
    return worst;
}

void compareTo(const Tensor& got, const std::vector<double>& want, const char* what, double tolerance = 1e-5) {
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        QVERIFY2(std::fabs(got[i] - want[i]) < tolerance,
                 (std::string(what) + "[" + std::to_string(i) + "] = " + std::to_string(got[i]) + ", PyTorch " +
                  std::to_string(want[i]))
                     .c_str());
    }
}

double dot(const Tensor& a, const Tensor& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += double(a[i]) * double(b[i]);
    return s;
}

// One random transposed-convolution setting.
struct TransposedCase {
    Shape sample;  // C×H×W
    Json spec;
    WindowOptions window;
    std::size_t groups;
    std::size_t batch;
    std::string label;
};

std::vector<TransposedCase> randomTransposedCases(std::size_t count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<TransposedCase> cases;
    while (cases.size() < count) {
        const std::size_t groups = 1 + rng.index(3);
        const std::size_t channels = groups * (1 + rng.index(2));
        const std::size_t filters = groups * (1 + rng.index(3));
        WindowOptions w;
        w.kernel = {1 + rng.index(4), 1 + rng.index(4)};
        w.stride = {1 + rng.index(4), 1 + rng.index(3)};  // often larger than the kernel
        w.dilation = {1 + rng.index(3), 1 + rng.index(2)};
        w.padding.size = {rng.index(3), rng.index(2)};
        const Pair outputPadding{rng.index(w.stride.h), rng.index(w.stride.w)};
        const Shape sample{channels, 1 + rng.index(6), 1 + rng.index(5)};  // odd and even, down to 1
        const Json spec = {{"filters", filters},
                           {"kernel", Json::array({w.kernel.h, w.kernel.w})},
                           {"stride", Json::array({w.stride.h, w.stride.w})},
                           {"padding", Json::array({w.padding.size.h, w.padding.size.w})},
                           {"output_padding", Json::array({outputPadding.h, outputPadding.w})},
                           {"dilation", Json::array({w.dilation.h, w.dilation.w})},
                           {"groups", groups},
                           {"use_bias", rng.index(4) != 0}};
        ConvTranspose2dOptions o;
        o.filters = filters;
        o.window = w;
        o.outputPadding = outputPadding;
        o.groups = groups;
        try {
            (void)transposedGeometry(sample, o);
        } catch (const InputError&) {
            continue;  // the padding leaves no output: draw again
        }
        cases.push_back({sample, spec, w, groups, 1 + rng.index(3), spec.dump() + " on " + sample.str()});
    }
    return cases;
}

}  // namespace

class TestCnnLayersMore : public QObject {
    Q_OBJECT

private slots:
    // ---- conv_transpose2d ----

    void transposedOutputSizes_data() {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("s");
        QTest::addColumn<int>("p");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("op");
        QTest::addColumn<int>("out");
        // By hand: (in − 1)·s − 2p + d(k − 1) + op + 1.
        QTest::newRow("k3 s2 p1 op1 doubles 7") << 7 << 3 << 2 << 1 << 1 << 1 << 14;  // 12 − 2 + 2 + 1 + 1
        QTest::newRow("k4 s2 p1 doubles 14") << 14 << 4 << 2 << 1 << 1 << 0 << 28;    // 26 − 2 + 3 + 1
        QTest::newRow("k3 s1 p1 keeps 28") << 28 << 3 << 1 << 1 << 1 << 0 << 28;      // 27 − 2 + 2 + 1
        QTest::newRow("k3 s1 p0 d2 on 5") << 5 << 3 << 1 << 0 << 2 << 0 << 9;         // 4 + 4 + 1
        QTest::newRow("k2 s3 on 1") << 1 << 2 << 3 << 0 << 1 << 2 << 4;               // 0 + 1 + 2 + 1
        QTest::newRow("padding eats it") << 1 << 1 << 1 << 1 << 1 << 0 << -1;         // 0 − 2 + 0 + 1
    }
    void transposedOutputSizes() {
        QFETCH(int, in);
        QFETCH(int, k);
        QFETCH(int, s);
        QFETCH(int, p);
        QFETCH(int, d);
        QFETCH(int, op);
        QFETCH(int, out);
        const conv::Axis a = conv::axis(std::size_t(in), std::size_t(k), std::size_t(s), std::size_t(p), std::size_t(d));
        QCOMPARE(conv::transposedOutputSize(a, std::size_t(op)), static_cast<long long>(out));
        if (out >= 1) {
            // A convolution with the same settings maps the output back to the input.
            const conv::Axis back = conv::axis(std::size_t(out), std::size_t(k), std::size_t(s), std::size_t(p),
                                               std::size_t(d));
            QCOMPARE(conv::outputSize(back), static_cast<long long>(in));
        }
    }

    void transposedFormulaIsWrittenOut() {
        QCOMPARE(QString::fromStdString(conv::transposedOutputSizeWorked(conv::axis(7, 3, 2, 1), 1)),
                 QString("(7 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 14"));
        const Text formula = conv::transposedOutputSizeFormula();
        QCOMPARE(QString::fromStdString(formula.en), QString("out = (in − 1)·s − 2p + d(k − 1) + output_padding + 1"));
        QVERIFY(QString::fromStdString(formula.ko).startsWith("출력 = (입력 − 1)"));
    }

    void convTranspose2dMatchesTheDirectScatter() {
        const Registry registry = makeRegistry();
        Rng rng(17);
        std::size_t grouped = 0, dilated = 0, strideOverKernel = 0, batched = 0, outputPadded = 0;
        const std::vector<TransposedCase> cases = randomTransposedCases(60, 31);
        for (const TransposedCase& c : cases) {
            grouped += c.groups > 1;
            dilated += c.window.dilation.h > 1;
            strideOverKernel += c.window.stride.h > c.window.kernel.h;
            batched += c.batch > 1;
            outputPadded += c.spec["output_padding"][0].get<int>() > 0;
        }
        for (std::size_t count : {grouped, dilated, strideOverKernel, batched, outputPadded}) QVERIFY(count >= 3);
        for (const TransposedCase& c : cases) {
            auto layer = registry.makeLayer("conv_transpose2d", c.spec);
            auto* conv = dynamic_cast<ConvTranspose2dLayer*>(layer.get());
            QVERIFY(conv != nullptr);
            Rng init(3);
            const Shape out = layer->build(c.sample, init);
            QCOMPARE(conv->weight().value.shape(),
                     (Shape{c.sample[0], c.spec["filters"].get<std::size_t>() / c.groups, c.window.kernel.h,
                            c.window.kernel.w}));
            for (float& b : conv->bias().value.values()) b = rng.normal();
            const Tensor x = randomTensor(c.sample.withBatch(c.batch), rng);
            const Tensor y = layer->forward(x, Mode::Train);
            QCOMPARE(y.shape(), out.withBatch(c.batch));
            const bool bias = c.spec["use_bias"].get<bool>();
            const Tensor expected = reference::convTranspose2d(x, conv->weight().value, bias ? &conv->bias().value : nullptr,
                                                               c.groups, c.window, Pair{out[1], out[2]});
            QVERIFY2(maxDifference(y, expected) < 1e-5, c.label.c_str());

            const Tensor dy = randomTensor(y.shape(), rng);
            const Tensor dx = layer->backward(dy);
            const reference::Conv2dGradients ref =
                reference::convTranspose2dBackward(x, conv->weight().value, dy, c.groups, c.window);
            QVERIFY2(maxDifference(dx, ref.input) < 1e-5, ("dx " + c.label).c_str());
            QVERIFY2(maxDifference(conv->weight().grad, ref.weight) < 1e-5, ("dw " + c.label).c_str());
            if (bias) QVERIFY2(maxDifference(conv->bias().grad, ref.bias) < 1e-5, ("db " + c.label).c_str());
        }
    }

    void convTranspose2dIsTheAdjointOfConv2d() {
        // ⟨conv2d(u), x⟩ = ⟨u, conv_transpose2d(x)⟩ for the same weight: the transposed
        // convolution is the convolution's matrix transposed.
        const Registry registry = makeRegistry();
        Rng rng(8);
        for (const TransposedCase& c : randomTransposedCases(10, 5)) {
            Json spec = c.spec;
            spec["use_bias"] = false;
            auto layer = registry.makeLayer("conv_transpose2d", spec);
            Rng init(2);
            const Shape out = layer->build(c.sample, init);
            auto* conv = dynamic_cast<ConvTranspose2dLayer*>(layer.get());
            const Tensor x = randomTensor(c.sample.withBatch(c.batch), rng);
            const Tensor u = randomTensor(out.withBatch(c.batch), rng);
            const Tensor convU = reference::conv2d(u, conv->weight().value, nullptr, conv->geometry());
            const double lhs = dot(convU, x);
            const double rhs = dot(u, layer->forward(x, Mode::Eval));
            QVERIFY2(std::fabs(lhs - rhs) < 1e-4 * std::max(1.0, std::fabs(lhs)), c.label.c_str());
        }
    }

    void convTranspose2dMatchesPyTorch() {
        // Made once with PyTorch 1.13 in float64:
        //   x = tensor([((i % 7) - 3) / 4 for i in range(12)]).reshape(1, 2, 3, 2)
        //   w = tensor([((i % 5) - 2) / 5 for i in range(24)]).reshape(2, 2, 3, 2)
        //   b = tensor([0.1, -0.2, 0.3, 0.05])
        //   y = F.conv_transpose2d(x, w, b, stride=(2, 1), padding=(1, 0), output_padding=(1, 0),
        //                          groups=2, dilation=(1, 2))
        //   r = tensor([((i % 5) - 2) / 2 for i in range(y.numel())]).reshape(y.shape)
        //   (y * r).sum().backward()  → x.grad, w.grad, b.grad
        const std::vector<double> yTorch = {
            0.1, 0.1, -0.05, 0.0, -0.1, -0.1, 0.45, 0.3, 0.1, 0.1, 0.05, 0.1, -0.1, -0.1, 0.15, 0.0,
            0.1, 0.1, 0.15, 0.2, 0.2, 0.3, 0.0, -0.1, -0.35, -0.3, -0.5, -0.4, 0.15, 0.0, -0.05,
            -0.1, -0.25, -0.2, -0.3, -0.2, -0.15, -0.3, -0.15, -0.2, -0.15, -0.1, -0.1, 0.0, -0.3,
            -0.4, -0.25, -0.3, 0.6, -0.0, -0.0, 0.6, 0.15, 0.45, 0.2, 0.25, 0.1, 0.2, 0.5, 0.4, 0.4,
            0.35, 0.3, 0.35, 0.3, 0.4, 0.3, 0.2, 0.3, 0.25, 0.3, 0.3, -0.25, 0.35, -0.1, 0.2, -0.05,
            0.0, 0.0, -0.2, 0.25, 0.15, 0.15, 0.1, 0.05, 0.1, -0.05, 0.1, 0.05, -0.05, 0.05, 0.0,
            0.05, 0.05, 0.05, 0.1};
        const std::vector<double> dxTorch = {
            0.6, -0.8, -0.5, 0.2, -0.9, 0.3, 0.5, 0.7, 0.4, 0.0, 0.7, -1.2};
        const std::vector<double> dwTorch = {
            0.0, -0.125, 0.75, 0.625, -0.75, 0.375, -0.25, 0.875, -0.75, 0.375, -1.0, 0.75, -0.25,
            -0.125, -0.375, -0.875, 0.5, 1.25, 0.0, -0.5, 0.5, 1.25, -0.5, -0.375};
        const std::vector<double> dbTorch = {
            -1.0, -0.5, 0.0, 0.5};
        const Registry registry = makeRegistry();
        const Json model = {
            {"input", {2, 3, 2}},
            {"layers",
             {{{"type", "conv_transpose2d"},
               {"filters", 4},
               {"kernel", {3, 2}},
               {"stride", {2, 1}},
               {"padding", {1, 0}},
               {"output_padding", {1, 0}},
               {"dilation", {1, 2}},
               {"groups", 2},
               {"parameters",
                {{"weight", patternedList(24, [](std::size_t i) { return (double(i % 5) - 2) / 5; })},
                 {"bias", {0.1, -0.2, 0.3, 0.05}}}}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        const Tensor x = patterned(Shape{1, 2, 3, 2}, [](std::size_t i) { return (double(i % 7) - 3) / 4; });
        const Tensor y = net.forward(x, Mode::Train);
        QCOMPARE(y.shape(), (Shape{1, 4, 6, 4}));
        const Tensor r = patterned(y.shape(), [](std::size_t i) { return (double(i % 5) - 2) / 2; });
        const Tensor dx = net.backward(r);
        auto* conv = dynamic_cast<ConvTranspose2dLayer*>(&net.layer(0));
        QVERIFY(conv != nullptr);
        compareTo(y, yTorch, "y");
        compareTo(dx, dxTorch, "dx");
        compareTo(conv->weight().grad, dwTorch, "dw");
        compareTo(conv->bias().grad, dbTorch, "db");
        const WindowOptions& w = [] {
            static WindowOptions window;
            window.kernel = {3, 2};
            window.stride = {2, 1};
            window.padding.size = {1, 0};
            window.dilation = {1, 2};
            return window;
        }();
        compareTo(reference::convTranspose2d(x, conv->weight().value, &conv->bias().value, 2, w, Pair{6, 4}), yTorch,
                  "reference y");
    }

    // ---- batch_norm2d ----

    void batchNorm2dMatchesTheStagedDerivation() {
        const Registry registry = makeRegistry();
        Rng rng(21);
        for (int round = 0; round < 12; ++round) {
            const Shape sample{1 + rng.index(4), 1 + rng.index(5), 1 + rng.index(5)};
            const std::size_t batch = 2 + rng.index(3);
            auto layer = registry.makeLayer("batch_norm2d", Json::object());
            auto* bn = dynamic_cast<BatchNorm2dLayer*>(layer.get());
            QVERIFY(bn != nullptr);
            layer->build(sample, rng);
            for (float& g : bn->weight().value.values()) g = rng.normal();
            for (float& b : bn->bias().value.values()) b = rng.normal();
            Tensor x = randomTensor(sample.withBatch(batch), rng);
            for (float& v : x.values()) v = v * 3.0F + 2.0F;  // mean and variance far from 0 and 1
            const Tensor y = layer->forward(x, Mode::Train);
            QVERIFY(maxDifference(y, reference::batchNorm2d(x, bn->weight().value, bn->bias().value, 1e-5)) < 1e-4);
            const Tensor dy = randomTensor(y.shape(), rng);
            const Tensor dx = layer->backward(dy);
            const reference::BatchNormGradients ref = reference::batchNorm2dBackward(x, bn->weight().value, dy, 1e-5);
            QVERIFY2(maxDifference(dx, ref.input) < 1e-4, sample.str().c_str());
            QVERIFY(maxDifference(bn->weight().grad, ref.gamma) < 1e-4);
            QVERIFY(maxDifference(bn->bias().grad, ref.beta) < 1e-4);
        }
    }

    void batchNorm2dMatchesPyTorch() {
        // Made once with PyTorch 1.13 in float64:
        //   x = tensor([((i * 7) % 11 - 5) / 3 for i in range(24)]).reshape(2, 3, 2, 2)
        //   bn = nn.BatchNorm2d(3, momentum=0.1, eps=1e-5)   (its momentum 0.1 is our 0.9)
        //   bn.weight = [1.5, -0.5, 2.0]; bn.bias = [0.1, 0.2, -0.3]
        //   bn.train(); y = bn(x); r = tensor([((i % 5) - 2) / 2 for i in range(24)]).reshape(y.shape)
        //   (y * r).sum().backward()  → x.grad, bn.weight.grad, bn.bias.grad, bn.running_mean, bn.running_var
        //   bn.eval(); bn(x)
        const std::vector<double> yTorch = {
            -2.507944, 0.666944, -1.147278, 2.027611, 0.005449, 0.697186, -0.513353, 0.178383,
            -2.174077, 2.198769, -0.3, -2.798769, 0.666944, -1.147278, 2.027611, 0.213389, 0.697186,
            -0.513353, 0.178383, 0.87012, 2.198769, -0.3, -2.798769, 1.574077};
        const std::vector<double> dxTorch = {
            -0.392657, -0.787241, 0.507331, 0.112746, -0.490196, 0.560985, 0.277826, 0.032001,
            1.308424, 1.925501, -1.639817, -0.519944, -0.106908, 1.187664, 0.79308, -1.314015,
            0.301584, 0.018425, -0.2274, -0.473226, -1.822652, -0.702779, 0.417095, 1.034172};
        const std::vector<double> dgTorch = {
            2.985907, -0.151317, 0.624692};
        const std::vector<double> dbTorch = {
            -0.5, 0.5, -1.0};
        const std::vector<double> meanTorch = {
            0.025, -0.004167, -0.033333};
        const std::vector<double> varTorch = {
            1.038889, 1.006151, 1.030159};
        const std::vector<double> evalTorch = {
            -2.389542, 1.044309, -0.917891, 2.515959, 0.031767, 0.69639, -0.466699, 0.197923,
            -2.861646, 1.73618, -0.891149, -3.518479, 1.044309, -0.917891, 2.515959, 0.553759,
            0.69639, -0.466699, 0.197923, 0.862546, 1.73618, -0.891149, -3.518479, 1.079348};
        const Registry registry = makeRegistry();
        const Json model = {{"input", {3, 2, 2}},
                            {"layers",
                             {{{"type", "batch_norm2d"},
                               {"name", "bn"},
                               {"parameters", {{"weight", {1.5, -0.5, 2.0}}, {"bias", {0.1, 0.2, -0.3}}}}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        const Tensor x = patterned(Shape{2, 3, 2, 2}, [](std::size_t i) { return (double((i * 7) % 11) - 5) / 3; });
        const Tensor y = net.forward(x, Mode::Train);
        const Tensor r = patterned(y.shape(), [](std::size_t i) { return (double(i % 5) - 2) / 2; });
        const Tensor dx = net.backward(r);
        auto* bn = dynamic_cast<BatchNorm2dLayer*>(&net.layer(0));
        QVERIFY(bn != nullptr);
        compareTo(y, yTorch, "y");
        compareTo(dx, dxTorch, "dx");
        compareTo(bn->weight().grad, dgTorch, "dγ");
        compareTo(bn->bias().grad, dbTorch, "dβ");
        compareTo(bn->runningMean().value, meanTorch, "running_mean");
        compareTo(bn->runningVar().value, varTorch, "running_var");
        compareTo(net.forward(x, Mode::Eval), evalTorch, "eval y");
    }

    void batchNorm2dRunningStatisticsAreSavedAndUsedInEvaluation() {
        const Registry registry = makeRegistry();
        const Json model = {{"input", {2, 3, 3}},
                            {"layers", {{{"type", "batch_norm2d"}, {"name", "bn"}, {"momentum", 0.5}}}}};
        Rng rng(4);
        Network net = buildModel(model, registry, rng);
        const Tensor x = randomTensor(Shape{3, 2, 3, 3}, rng);
        const Tensor evalBefore = net.forward(x, Mode::Eval);
        // Running mean 0 and variance 1 at the start: evaluation is x / sqrt(1 + ε).
        QVERIFY(maxDifference(evalBefore, x) < 1e-4);
        (void)net.forward(x, Mode::Train);
        (void)net.forward(x, Mode::Train);
        auto* bn = dynamic_cast<BatchNorm2dLayer*>(&net.layer(0));
        // After two steps with momentum 0.5 the running mean is ¾ of the batch mean.
        double channelMean = 0.0;
        for (std::size_t n = 0; n < 3; ++n)
            for (std::size_t p = 0; p < 9; ++p) channelMean += x[(n * 2 + 1) * 9 + p];
        channelMean /= 27.0;
        QVERIFY(std::fabs(bn->runningMean().value[1] - 0.75 * channelMean) < 1e-5);
        const Tensor evalAfter = net.forward(x, Mode::Eval);
        QVERIFY(maxDifference(evalAfter, evalBefore) > 1e-3);
        // Non-trainable, named as in PyTorch's state_dict, and saved with the model.
        std::set<std::string> trained;
        for (const ParamRef& p : net.parameters()) trained.insert(p.name);
        QCOMPARE(trained, (std::set<std::string>{"bn.weight", "bn.bias"}));
        QVERIFY(net.parameter("bn.running_mean") != nullptr && !net.parameter("bn.running_mean")->trainable);
        QVERIFY(net.parameter("bn.running_var") != nullptr && !net.parameter("bn.running_var")->trainable);
        ModelFile loaded = modelFromJson(modelToJson(net), registry);
        QCOMPARE(loaded.network.forward(x, Mode::Eval), evalAfter);
    }

    // ---- upsample ----

    void upsampleByHand() {
        const Registry registry = makeRegistry();
        auto layer = registry.makeLayer("upsample", Json{{"scale", {2, 3}}});
        Rng rng(1);
        QCOMPARE(layer->build(Shape{1, 2, 2}, rng), (Shape{1, 4, 6}));
        const Tensor x(Shape{1, 1, 2, 2}, {1, 2, 3, 4});
        const Tensor y = layer->forward(x, Mode::Train);
        QCOMPARE(std::vector<float>(y.values().begin(), y.values().end()),
                 (std::vector<float>{1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4}));
        Tensor dy(y.shape());
        for (std::size_t i = 0; i < dy.size(); ++i) dy[i] = float(i);
        // Each input gathers its 2×3 block: 0+1+2+6+7+8, 3+4+5+9+10+11, ...
        const Tensor dx = layer->backward(dy);
        QCOMPARE(std::vector<float>(dx.values().begin(), dx.values().end()), (std::vector<float>{24, 42, 96, 114}));
        // One integer scales both axes; the reference agrees on a random batch.
        auto square = registry.makeLayer("upsample", Json{{"scale", 3}});
        square->build(Shape{2, 3, 1}, rng);
        const Tensor x2 = randomTensor(Shape{2, 2, 3, 1}, rng);
        QCOMPARE(square->forward(x2, Mode::Train), reference::upsample(x2, Pair{3, 3}));
    }

    // ---- depthwise_separable ----

    void depthwiseSeparableIsTwoVisibleConvolutions() {
        const Registry registry = makeRegistry();
        const Json model = {{"input", {32, 9, 9}},
                            {"layers",
                             {{{"type", "depthwise_separable"},
                               {"name", "block"},
                               {"filters", 64},
                               {"kernel", 3},
                               {"padding", "same"},
                               {"use_bias", false},
                               {"depthwise_activation", "relu"},
                               {"activation", "relu"}},
}}};
        Rng rng(2);
        Network net = buildModel(model, registry, rng);
        std::map<std::string, Shape> shapes;
        for (const ParamRef& p : net.parameters()) shapes[p.name] = p.value->shape();
        // The lecture's counts: depthwise C·k·k = 32·9 = 288, pointwise C·F = 32·64 = 2048,
        // against F·C·k·k = 64·32·9 = 18432 for the plain convolution.
        QCOMPARE(shapes.at("block.depthwise.weight"), (Shape{32, 1, 3, 3}));
        QCOMPARE(shapes.at("block.pointwise.weight"), (Shape{64, 32, 1, 1}));
        QCOMPARE(shapes.at("block.depthwise.weight").elements() + shapes.at("block.pointwise.weight").elements(),
                 std::size_t{2336});
        auto plain = registry.makeLayer("conv2d", Json{{"filters", 64}, {"kernel", 3}, {"use_bias", false}});
        plain->build(Shape{32, 9, 9}, rng);
        QCOMPARE(plain->parameters().front()->value.size(), std::size_t{18432});
        auto* block = dynamic_cast<DepthwiseSeparableLayer*>(&net.layer(0));
        QVERIFY(block != nullptr);
        const std::vector<ChildLayer> children = block->children();
        QCOMPARE(children.size(), std::size_t{2});
        QCOMPARE(QString::fromStdString(children[0].name), QString("depthwise"));
        QCOMPARE(QString::fromStdString(children[0].layer->type()), QString("conv2d"));
        QCOMPARE(QString::fromStdString(children[1].name), QString("pointwise"));
        QCOMPARE(QString::fromStdString(block->activation()->name()), QString("relu"));

        // Its output is relu(1×1 conv of relu(depthwise conv)), by the naive reference.
        auto* depthwise = dynamic_cast<Conv2dLayer*>(children[0].layer);
        auto* pointwise = dynamic_cast<Conv2dLayer*>(children[1].layer);
        const Tensor x = randomTensor(Shape{2, 32, 9, 9}, rng);
        const Tensor y = block->forward(x, Mode::Train);
        Tensor hidden = reference::conv2d(x, depthwise->weight().value, nullptr, depthwise->geometry());
        for (float& v : hidden.values()) v = std::max(v, 0.0F);
        Tensor expected = reference::conv2d(hidden, pointwise->weight().value, nullptr, pointwise->geometry());
        for (float& v : expected.values()) v = std::max(v, 0.0F);
        QVERIFY(maxDifference(y, expected) < 1e-4);

        // depth_multiplier m: C·m depthwise filters.
        auto doubled = registry.makeLayer("depthwise_separable",
                                          Json{{"filters", 5}, {"kernel", 3}, {"depth_multiplier", 2}});
        QCOMPARE(doubled->build(Shape{3, 6, 6}, rng), (Shape{5, 4, 4}));
        auto* d2 = dynamic_cast<Conv2dLayer*>(doubled->children()[0].layer);
        QCOMPARE(d2->weight().value.shape(), (Shape{6, 1, 3, 3}));
        QCOMPARE(d2->geometry().groups, std::size_t{3});
    }

    void aSavedModelKeepsEveryLayersValues() {
        // The block's children are made at build time: the model file still names and
        // restores their values, and a loaded network computes the same.
        const Registry registry = makeRegistry();
        const Json model = {{"input", {2, 6, 5}},
                            {"layers",
                             {{{"type", "depthwise_separable"}, {"name", "block"}, {"filters", 3}, {"kernel", 3},
                               {"depth_multiplier", 2}, {"depthwise_activation", "relu"}},
                              {{"type", "batch_norm2d"}, {"name", "bn"}},
                              {{"type", "conv_transpose2d"}, {"name", "up"}, {"filters", 2}, {"kernel", 2},
                               {"stride", 2}},
                              {{"type", "upsample"}, {"scale", Json::array({1, 2})}}}}};
        Rng rng(9);
        Network net = buildModel(model, registry, rng);
        const Tensor x = randomTensor(Shape{2, 2, 6, 5}, rng);
        (void)net.forward(x, Mode::Train);  // moves the running statistics off their start
        const Json doc = modelToJson(net);
        for (const char* name : {"block.depthwise.weight", "block.pointwise.bias", "bn.running_var", "up.weight"}) {
            QVERIFY2(doc.at("values").contains(name), name);
        }
        ModelFile loaded = modelFromJson(doc, registry);
        QCOMPARE(loaded.network.parameter("block.depthwise.weight")->value.shape(), (Shape{4, 1, 3, 3}));
        QCOMPARE(loaded.network.forward(x, Mode::Eval), net.forward(x, Mode::Eval));
    }

    // ---- gradient checks on many random shapes ----

    void convTranspose2dGradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(6);
        // The layer is linear in x and in the weight: a large step leaves the central
        // difference exact up to float32 rounding, which a small step would magnify
        // (a transposed convolution's outputs are many, so the summed loss is large).
        GradCheckSettings linear;
        linear.epsilon = 0.1;
        for (const TransposedCase& c : randomTransposedCases(25, 41)) {
            auto layer = registry.makeLayer("conv_transpose2d", c.spec);
            Rng init(4);
            layer->build(c.sample, init);
            const Tensor x = randomTensor(c.sample.withBatch(c.batch), rng);
            const GradCheckReport report = checkLayer(*layer, x, rng, Mode::Train, linear);
            QVERIFY2(report.passed(kGradTolerance), (c.label + "\n" + report.str()).c_str());
            QCOMPARE(report.entries.size(), c.spec["use_bias"].get<bool>() ? std::size_t{3} : std::size_t{2});
        }
        // With an activation (its derivative in the chain), on a small case.
        auto layer = registry.makeLayer("conv_transpose2d", Json{{"filters", 2},
                                                                 {"kernel", 3},
                                                                 {"stride", 2},
                                                                 {"padding", 1},
                                                                 {"output_padding", 1},
                                                                 {"activation", "tanh"},
                                                                 {"init", "uniform"},
                                                                 {"init_scale", 0.3}});
        layer->build(Shape{2, 3, 2}, rng);
        const GradCheckReport report = checkLayer(*layer, randomTensor(Shape{2, 2, 3, 2}, rng), rng);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
    }

    void batchNorm2dGradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(12);
        for (int round = 0; round < 16; ++round) {
            const bool affine = round % 4 != 3;
            const Mode mode = round % 3 == 2 ? Mode::Eval : Mode::Train;
            const Shape sample{1 + rng.index(3), 1 + rng.index(5), 1 + rng.index(4)};
            const std::size_t batch = 2 + rng.index(3);
            auto layer = registry.makeLayer("batch_norm2d", Json{{"affine", affine}});
            auto* bn = dynamic_cast<BatchNorm2dLayer*>(layer.get());
            layer->build(sample, rng);
            if (affine) {
                for (float& g : bn->weight().value.values()) g = 0.5F + rng.uniform();
                for (float& b : bn->bias().value.values()) b = rng.normal();
            }
            for (float& m : bn->runningMean().value.values()) m = rng.normal();
            for (float& v : bn->runningVar().value.values()) v = 0.5F + rng.uniform();
            const Tensor x = randomTensor(sample.withBatch(batch), rng);
            const GradCheckReport report = checkLayer(*layer, x, rng, mode);
            const std::string label = sample.str() + " × " + std::to_string(batch) +
                                      (mode == Mode::Train ? " train" : " eval") + (affine ? "" : " no affine");
            QVERIFY2(report.passed(kGradTolerance), (label + "\n" + report.str()).c_str());
            QCOMPARE(report.entries.size(), affine ? std::size_t{3} : std::size_t{1});  // input, γ, β
        }
    }

    void upsampleAndSeparableGradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(13);
        for (int round = 0; round < 8; ++round) {
            const Shape sample{1 + rng.index(3), 1 + rng.index(5), 1 + rng.index(4)};
            auto up = registry.makeLayer("upsample", Json{{"scale", Json::array({1 + rng.index(3), 1 + rng.index(3)})}});
            up->build(sample, rng);
            const GradCheckReport report = checkLayer(*up, randomTensor(sample.withBatch(1 + rng.index(3)), rng), rng);
            QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        }
        // The block inside a network, so that the children's parameters are checked too:
        // odd sizes, stride over the kernel, dilation, depth multiplier, "same".
        const std::vector<Json> blocks = {
            {{"filters", 3}, {"kernel", 3}, {"padding", "same"}},
            {{"filters", 2}, {"kernel", 2}, {"stride", 3}, {"depth_multiplier", 2}},
            {{"filters", 4}, {"kernel", Json::array({3, 2})}, {"dilation", 2}, {"padding", 1}, {"use_bias", false}},
            {{"filters", 1}, {"kernel", 1}, {"depth_multiplier", 3}}};
        for (Json block : blocks) {
            block["type"] = "depthwise_separable";
            block["depthwise_activation"] = "tanh";
            block["activation"] = "tanh";
            block["init"] = "uniform";
            block["init_scale"] = 0.4;
            const Json model = {{"input", {2, 7, 5}},
                                {"layers",
                                 {block,
                                  {{"type", "flatten"}},
                                  {{"type", "dense"}, {"units", 3}, {"activation", "softmax"}}}}};
            Rng init(5);
            Network net = buildModel(model, registry, init);
            Batch batch{randomTensor(Shape{3, 2, 7, 5}, rng), Tensor(Shape{3, 3})};
            for (std::size_t n = 0; n < 3; ++n) batch.targets.at({n, n}) = 1.0F;
            auto loss = registry.makeLoss("categorical_cross_entropy");
            const GradCheckReport report = checkNetwork(net, *loss, batch);
            QVERIFY2(report.passed(kGradTolerance), (block.dump() + "\n" + report.str()).c_str());
            QVERIFY(report.entries.size() >= 4);  // both convolutions' weights, the dense layer's
        }
    }

    // ---- traces with explicit weights ----

    void traceHasTheDocumentedTensors() {
        // batch_norm2d → conv_transpose2d → upsample → depthwise_separable, every weight given.
        const Registry registry = makeRegistry();
        const Json model = {{"input", {1, 2, 2}},
                            {"layers",
                             {{{"type", "batch_norm2d"},
                               {"name", "bn"},
                               {"parameters", {{"weight", {2.0}}, {"bias", {1.0}}}}},
                              {{"type", "conv_transpose2d"},
                               {"name", "up"},
                               {"filters", 1},
                               {"kernel", 2},
                               {"stride", 2},
                               {"parameters", {{"weight", {1, 0, 0, -1}}, {"bias", {0.5}}}}},
                              {{"type", "upsample"}, {"name", "nearest"}, {"scale", {1, 2}}},
                              {{"type", "depthwise_separable"},
                               {"name", "sep"},
                               {"filters", 1},
                               {"kernel", 1},
                               {"use_bias", false}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        // The block's children are made at build time, from the input's channels:
        // their explicit values are set on the built network.
        net.parameter("sep.depthwise.weight")->value[0] = 3.0F;
        net.parameter("sep.pointwise.weight")->value[0] = 0.5F;
        // One image 1 2 / 3 4: mean 2.5, variance 1.25; x̂ = (x − 2.5)/√1.25.
        const Tensor x(Shape{1, 1, 2, 2}, {1, 2, 3, 4});
        StepRecord record;
        const Tensor y = net.forward(x, Mode::Train, &record);
        QCOMPARE(y.shape(), (Shape{1, 1, 4, 8}));
        net.backward(Tensor(y.shape(), 1.0F), &record);
        QCOMPARE(record.layers.size(), std::size_t{4});
        const double sd = std::sqrt(1.25 + 1e-5);
        const LayerRecord& bn = record.layers[0];
        QCOMPARE(QString::fromStdString(bn.type), QString("batch_norm2d"));
        QCOMPARE(bn.internals.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(bn.internals[0].name), QString("x_hat"));
        QVERIFY(std::fabs(bn.internals[0].value[0] - (1 - 2.5) / sd) < 1e-5);
        QCOMPARE(bn.internals[0].grad.shape(), bn.internals[0].value.shape());
        QCOMPARE(QString::fromStdString(bn.internals[1].name), QString("mean"));
        QCOMPARE(bn.internals[1].value[0], 2.5F);
        QCOMPARE(QString::fromStdString(bn.internals[2].name), QString("var"));
        QVERIFY(std::fabs(bn.internals[2].value[0] - 1.25F) < 1e-6);
        QVERIFY(std::fabs(bn.output[3] - (2 * (4 - 2.5) / sd + 1)) < 1e-5);

        // The transposed convolution puts each value v at the corner of its 2×2 block and
        // −v at the opposite corner, plus the bias 0.5.
        const LayerRecord& up = record.layers[1];
        QCOMPARE(QString::fromStdString(up.type), QString("conv_transpose2d"));
        QCOMPARE(up.output.shape(), (Shape{1, 1, 4, 4}));
        const float v0 = bn.output[0];
        QVERIFY(std::fabs(up.output.at({0, 0, 0, 0}) - (v0 + 0.5F)) < 1e-6);
        QVERIFY(std::fabs(up.output.at({0, 0, 1, 1}) - (-v0 + 0.5F)) < 1e-6);
        QCOMPARE(up.output.at({0, 0, 0, 1}), 0.5F);
        QCOMPARE(up.internals.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(up.internals[0].name), QString("columns"));
        QCOMPARE(up.internals[0].value.shape(), (Shape{1, 4, 4}));  // groups × (1·2·2) × (1·2·2)
        QCOMPARE(up.internals[0].grad.shape(), up.internals[0].value.shape());
        QCOMPARE(up.gradInput.shape(), (Shape{1, 1, 2, 2}));

        const LayerRecord& nearest = record.layers[2];
        QCOMPARE(nearest.output.at({0, 0, 2, 5}), up.output.at({0, 0, 2, 2}));

        // The block: y = 0.5 · (3 · x); its inner output is visible.
        const LayerRecord& sep = record.layers[3];
        QCOMPARE(QString::fromStdString(sep.type), QString("depthwise_separable"));
        std::map<std::string, const InternalRecord*> inner;
        for (const InternalRecord& r : sep.internals) inner[r.name] = &r;
        QVERIFY(inner.count("depthwise.output") == 1);  // the depthwise child's output, before the 1×1 one
        QVERIFY(inner.count("depthwise.columns") == 1 && inner.count("pointwise.columns") == 1);
        QVERIFY(std::fabs(inner.at("depthwise.output")->value[7] - 3 * nearest.output[7]) < 1e-5);
        QVERIFY(std::fabs(y[7] - 1.5F * nearest.output[7]) < 1e-5);
    }

    // ---- bad options and inputs ----

    void badOptionsAreRefused_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("message");
        QTest::newRow("momentum over 1") << "batch_norm2d" << R"({"momentum": 1.5})"
                                         << "[1, 4, 4]"
                                         << "layer.momentum: expected a number in [0, 1], got 1.5";
        QTest::newRow("epsilon 0") << "batch_norm2d" << R"({"epsilon": 0})"
                                   << "[1, 4, 4]"
                                   << "layer.epsilon: expected a number in [1e-12, 1], got 0";
        QTest::newRow("batch norm on flat input") << "batch_norm2d" << "{}"
                                                  << "[10]"
                                                  << "batch_norm2d: expected images N·C·H·W";
        QTest::newRow("output padding not below the stride")
            << "conv_transpose2d" << R"({"filters": 1, "kernel": 3, "stride": 2, "output_padding": 2})"
            << "[1, 4, 4]"
            << "conv_transpose2d.output_padding: expected less than the stride on each axis (2 × 2), got 2 × 2";
        QTest::newRow("padding eats the output")
            << "conv_transpose2d" << R"({"filters": 1, "kernel": 1, "padding": 1})"
            << "[1, 1, 4]"
            << "conv_transpose2d.padding: expected padding that leaves an output: the output height would be "
               "(1 − 1)·1 − 2·1 + 1·(1 − 1) + 0 + 1 = -1";
        QTest::newRow("transposed groups not dividing the channels")
            << "conv_transpose2d" << R"({"filters": 4, "kernel": 3, "groups": 2})"
            << "[3, 4, 4]"
            << "conv_transpose2d.groups: expected a divisor of the input's 3 channels, got 2";
        QTest::newRow("transposed same padding")
            << "conv_transpose2d" << R"({"filters": 1, "kernel": 3, "padding": "same"})"
            << "[1, 4, 4]"
            << "layer.padding: expected a number or a list of numbers >= 0";
        QTest::newRow("transposed missing filters") << "conv_transpose2d" << R"({"kernel": 3})"
                                                    << "[1, 4, 4]"
                                                    << "layer.filters: required option is missing";
        QTest::newRow("upsample scale 0") << "upsample" << R"({"scale": 0})"
                                          << "[1, 4, 4]"
                                          << "layer.scale: expected a number or a list of numbers >= 1, got 0";
        QTest::newRow("upsample three factors") << "upsample" << R"({"scale": [2, 2, 2]})"
                                                << "[1, 4, 4]"
                                                << "layer.scale: expected one integer or two";
        QTest::newRow("separable depth multiplier 0")
            << "depthwise_separable" << R"({"filters": 2, "kernel": 3, "depth_multiplier": 0})"
            << "[1, 4, 4]"
            << "layer.depth_multiplier: expected";
        QTest::newRow("separable kernel too large")
            << "depthwise_separable" << R"({"filters": 2, "kernel": 5})"
            << "[2, 4, 4]"
            << "depthwise: conv2d.kernel: expected a kernel that fits the padded input's height";
        QTest::newRow("separable flat input") << "depthwise_separable" << R"({"filters": 2, "kernel": 3})"
                                              << "[16]"
                                              << "depthwise_separable: expected images N·C·H·W";
    }
    void badOptionsAreRefused() {
        QFETCH(QString, type);
        QFETCH(QString, options);
        QFETCH(QString, sample);
        QFETCH(QString, message);
        const Registry registry = makeRegistry();
        std::string error;
        try {
            auto layer = registry.makeLayer(type.toStdString(), Json::parse(options.toStdString()));
            Rng rng(1);
            layer->build(Shape(Json::parse(sample.toStdString()).get<std::vector<std::size_t>>()), rng);
        } catch (const InputError& e) {
            error = e.what();
        }
        QVERIFY2(QString::fromStdString(error).startsWith(message), error.c_str());
    }

    void aBatchOfTheWrongShapeIsRefused() {
        const Registry registry = makeRegistry();
        for (const char* type : {"batch_norm2d", "conv_transpose2d", "upsample", "depthwise_separable"}) {
            const std::string t = type;
            const Json options = t == "conv_transpose2d" || t == "depthwise_separable"
                                     ? Json{{"filters", 1}, {"kernel", 2}}
                                     : Json::object();
            auto layer = registry.makeLayer(type, options);
            Rng rng(1);
            layer->build(Shape{2, 4, 4}, rng);
            QVERIFY_THROWS_EXCEPTION(InputError, layer->forward(Tensor(Shape{1, 3, 4, 4}), Mode::Train));
        }
        // Training statistics need more than one value per channel.
        auto bn = registry.makeLayer("batch_norm2d", Json::object());
        Rng rng(1);
        bn->build(Shape{2, 1, 1}, rng);
        QVERIFY_THROWS_EXCEPTION(InputError, bn->forward(Tensor(Shape{1, 2, 1, 1}), Mode::Train));
        QCOMPARE(bn->forward(Tensor(Shape{1, 2, 1, 1}), Mode::Eval).shape(), (Shape{1, 2, 1, 1}));
    }
};

QTEST_APPLESS_MAIN(TestCnnLayersMore)
#include "tst_cnn_layers_more.moc"
