// The CNN lecture's layers: output-size arithmetic, conv2d against the naive direct
// convolution and against PyTorch, pooling against hand-computed values, gradient
// checks on many random shapes, the trace of a convolution, and bad options refused.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/cnn/im2col.hpp"
#include "deepstep/cnn/reference.hpp"
#include "deepstep/cnn/vectors.hpp"
#include "deepstep/conv_arithmetic.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/gradcheck.hpp"
#include "deepstep/parallel.hpp"
#include "deepstep/trace.hpp"

#include <QtTest>

#include <cmath>
#include <cstring>

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
    for (float& v : t.values())
        v = rng.normal();
    return t;
}

// Distinct values at least 0.05 apart, shuffled: no two taps of a max-pool window are
// within the finite-difference step of each other.
Tensor distinctTensor(const Shape& shape, Rng& rng) {
    Tensor t(shape);
    const std::vector<std::size_t> order = rng.permutation(t.size());
    for (std::size_t i = 0; i < t.size(); ++i)
        t[i] = static_cast<float>(order[i]) * 0.05F - 1.0F;
    return t;
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

// One random convolution setting; the spec is the layer's JSON options.
struct ConvCase {
    Shape sample;  // C×H×W
    Json spec;
    std::size_t batch;
    std::string label;
};

std::vector<ConvCase> randomConvCases(std::size_t count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<ConvCase> cases;
    while (cases.size() < count) {
        const std::size_t groups = 1 + rng.index(3);
        const bool depthwise = rng.index(4) == 0;
        const std::size_t channels = groups * (1 + rng.index(2));
        const std::size_t filters = depthwise ? channels : groups * (1 + rng.index(3));
        const std::size_t kh = 1 + rng.index(4);
        const std::size_t kw = 1 + rng.index(4);
        const std::size_t sh = 1 + rng.index(4);  // up to 4: often larger than the kernel
        const std::size_t sw = 1 + rng.index(3);
        const std::size_t dh = 1 + rng.index(3);
        const std::size_t dw = 1 + rng.index(2);
        const std::size_t h = 3 + rng.index(7);  // odd and even sizes
        const std::size_t w = 3 + rng.index(6);
        Json padding;
        switch (rng.index(3)) {
            case 0:
                padding = "same";
                break;
            case 1:
                padding = rng.index(3);
                break;
            default:
                padding = Json::array({rng.index(3), rng.index(2)});
                break;
        }
        const Json spec = {{"filters", filters},
                           {"kernel", Json::array({kh, kw})},
                           {"stride", Json::array({sh, sw})},
                           {"padding", padding},
                           {"dilation", Json::array({dh, dw})},
                           {"groups", depthwise ? channels : groups},
                           {"use_bias", rng.index(4) != 0}};
        WindowOptions window;
        window.kernel = {kh, kw};
        window.stride = {sh, sw};
        window.dilation = {dh, dw};
        if (padding.is_string()) {
            window.padding.same = true;
        } else {
            window.padding.size = padding.is_array()
                                      ? Pair{padding[0].get<std::size_t>(), padding[1].get<std::size_t>()}
                                      : Pair{padding.get<std::size_t>(), padding.get<std::size_t>()};
        }
        const Shape sample{channels, h, w};
        try {
            (void)cnn::geometry(sample, window, filters, depthwise ? channels : groups, "conv2d");
        } catch (const InputError&) {
            continue;  // the window does not fit this input: draw again
        }
        cases.push_back({sample, spec, 1 + rng.index(3), spec.dump() + " on " + sample.str()});
    }
    return cases;
}

}  // namespace

class TestCnnLayers : public QObject {
    Q_OBJECT

private slots:
    // ---- output-size arithmetic (core/conv_arithmetic) ----

    void outputSizesOfTheLectureSettings_data() {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("s");
        QTest::addColumn<int>("p");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("out");
        // By hand: (in + 2p − d(k − 1) − 1) / s + 1, rounded down.
        QTest::newRow("k3 s1 p1 d1 keeps 28") << 28 << 3 << 1 << 1 << 1 << 28;   // 27/1 + 1
        QTest::newRow("k3 s2 p1 d1 halves 28") << 28 << 3 << 2 << 1 << 1 << 14;  // 27/2 = 13, + 1
        QTest::newRow("k3 s1 p0 d2 on 28") << 28 << 3 << 1 << 0 << 2 << 24;      // 23/1 + 1
        QTest::newRow("k3 s1 p1 d1 on 5") << 5 << 3 << 1 << 1 << 1 << 5;
        QTest::newRow("k3 s2 p1 d1 on 5") << 5 << 3 << 2 << 1 << 1 << 3;  // 4/2 + 1
        QTest::newRow("k3 s1 p0 d2 on 7") << 7 << 3 << 1 << 0 << 2 << 3;  // 2/1 + 1
        QTest::newRow("LeNet conv1 k5 on 28") << 28 << 5 << 1 << 0 << 1 << 24;
        QTest::newRow("7x7 pool on 7") << 7 << 7 << 1 << 0 << 1 << 1;
        QTest::newRow("kernel wider than input") << 2 << 5 << 1 << 0 << 1 << -2;  // ⌊−3/1⌋ + 1
        QTest::newRow("stride 2 on too narrow") << 2 << 5 << 2 << 0 << 1 << -1;   // ⌊−3/2⌋ + 1
    }
    void outputSizesOfTheLectureSettings() {
        QFETCH(int, in);
        QFETCH(int, k);
        QFETCH(int, s);
        QFETCH(int, p);
        QFETCH(int, d);
        QFETCH(int, out);
        const conv::Axis a =
            conv::axis(std::size_t(in), std::size_t(k), std::size_t(s), std::size_t(p), std::size_t(d));
        QCOMPARE(conv::outputSize(a), static_cast<long long>(out));
        // The conv2d layer gives the same size.
        if (out >= 1) {
            const Registry registry = makeRegistry();
            auto layer = registry.makeLayer(
                "conv2d", {{"filters", 2}, {"kernel", k}, {"stride", s}, {"padding", p}, {"dilation", d}});
            Rng rng(1);
            QCOMPARE(layer->build(Shape{1, std::size_t(in), std::size_t(in)}, rng),
                     (Shape{2, std::size_t(out), std::size_t(out)}));
        }
    }

    void formulaIsWrittenOutWithTheNumbers() {
        QCOMPARE(QString::fromStdString(conv::outputSizeFormula().en),
                 QString("out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1"));
        QVERIFY(!conv::outputSizeFormula().ko.empty());
        QCOMPARE(QString::fromStdString(conv::outputSizeWorked(conv::axis(28, 3, 2, 1, 1))),
                 QString("⌊(28 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 14"));
        conv::Axis uneven = conv::axis(28, 4);
        uneven.padBefore = 1;
        uneven.padAfter = 2;
        QCOMPARE(QString::fromStdString(conv::outputSizeWorked(uneven)),
                 QString("⌊(28 + 1 + 2 − 1·(4 − 1) − 1) / 1⌋ + 1 = 28"));
    }

    void samePaddingKeepsTheSize() {
        // Stride 1: total padding d(k − 1), the odd one at the end (PyTorch's split).
        conv::Axis a = conv::samePadding(conv::axis(28, 3));
        QCOMPARE(a.padBefore, std::size_t{1});
        QCOMPARE(a.padAfter, std::size_t{1});
        a = conv::samePadding(conv::axis(10, 4));
        QCOMPARE(a.padBefore, std::size_t{1});
        QCOMPARE(a.padAfter, std::size_t{2});
        QCOMPARE(conv::outputSize(a), 10LL);
        a = conv::samePadding(conv::axis(9, 3, 1, 0, 3));  // dilated: spans 7, total 6
        QCOMPARE(a.padBefore, std::size_t{3});
        QCOMPARE(a.padAfter, std::size_t{3});
        // Stride 2: ⌈28 / 2⌉ = 14 outputs need 13·2 + 3 = 29 inputs, one zero more.
        a = conv::samePadding(conv::axis(28, 3, 2));
        QCOMPARE(a.padBefore, std::size_t{0});
        QCOMPARE(a.padAfter, std::size_t{1});
        QCOMPARE(conv::outputSize(a), 14LL);
    }

    void receptiveFieldsGrow() {
        conv::ReceptiveField rf;
        rf = conv::receptiveFieldAfter(rf, 3);
        QCOMPARE(rf.size, std::size_t{3});
        rf = conv::receptiveFieldAfter(rf, 3);
        QCOMPARE(rf.size, std::size_t{5});  // two 3×3 see 5×5
        // k3 s2, then k3: 3, then 3 + 2·2 = 7, neighbours 2 apart.
        rf = conv::receptiveFieldAfter(conv::receptiveFieldAfter({}, 3, 2), 3);
        QCOMPARE(rf.size, std::size_t{7});
        QCOMPARE(rf.jump, std::size_t{2});
        // Dilation 2: one 3×3 sees 5×5.
        QCOMPARE(conv::receptiveFieldAfter({}, 3, 1, 2).size, std::size_t{5});
    }

    void globalAveragePoolingOf7x7x1024() {
        const Registry registry = makeRegistry();
        auto gap = registry.makeLayer("global_avg_pool", Json::object());
        Rng rng(2);
        QCOMPARE(gap->build(Shape{1024, 7, 7}, rng), (Shape{1024}));
        Tensor x(Shape{2, 1024, 7, 7});
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<float>(i % 49);  // each plane 0..48
        const Tensor y = gap->forward(x, Mode::Eval);
        QCOMPARE(y.shape(), (Shape{2, 1024}));
        for (std::size_t i = 0; i < y.size(); ++i)
            QCOMPARE(y[i], 24.0F);  // mean of 0..48
    }

    // ---- conv2d: fast path against the naive reference ----

    void conv2dMatchesTheDirectConvolution() {
        const Registry registry = makeRegistry();
        Rng rng(7);
        std::size_t checked = 0;
        // The draw covers what the lecture varies.
        std::size_t depthwise = 0, grouped = 0, same = 0, dilated = 0, strideOverKernel = 0, batched = 0;
        for (const ConvCase& c : randomConvCases(60, 11)) {
            const Json& s = c.spec;
            depthwise += s["groups"] == c.sample[0] && s["filters"] == c.sample[0] && c.sample[0] > 1;
            grouped += s["groups"].get<int>() > 1;
            same += s["padding"].is_string();
            dilated += s["dilation"][0].get<int>() > 1;
            strideOverKernel += s["stride"][0].get<int>() > s["kernel"][0].get<int>();
            batched += c.batch > 1;
        }
        for (std::size_t count : {depthwise, grouped, same, dilated, strideOverKernel, batched})
            QVERIFY(count >= 3);
        for (const ConvCase& c : randomConvCases(60, 11)) {
            auto layer = registry.makeLayer("conv2d", c.spec);
            auto* conv = dynamic_cast<Conv2dLayer*>(layer.get());
            QVERIFY(conv != nullptr);
            Rng init(3);
            layer->build(c.sample, init);
            for (float& b : conv->bias().value.values())
                b = rng.normal();
            const Tensor x = randomTensor(c.sample.withBatch(c.batch), rng);
            const Tensor y = layer->forward(x, Mode::Train);
            const Tensor* bias = c.spec["use_bias"].get<bool>() ? &conv->bias().value : nullptr;
            const Tensor expected = reference::conv2d(x, conv->weight().value, bias, conv->geometry());
            QVERIFY2(maxDifference(y, expected) < 1e-5, c.label.c_str());

            const Tensor dy = randomTensor(y.shape(), rng);
            const Tensor dx = layer->backward(dy);
            const reference::Conv2dGradients ref =
                reference::conv2dBackward(x, conv->weight().value, dy, conv->geometry());
            QVERIFY2(maxDifference(dx, ref.input) < 1e-5, ("dx " + c.label).c_str());
            QVERIFY2(maxDifference(conv->weight().grad, ref.weight) < 1e-5, ("dw " + c.label).c_str());
            if (bias != nullptr) {
                QVERIFY2(maxDifference(conv->bias().grad, ref.bias) < 1e-5, ("db " + c.label).c_str());
            }
            // Parameters only (the first layer of a network): the same gradients.
            const Tensor dwBefore = conv->weight().grad;
            conv->weight().grad.fill(0.0F);
            layer->backwardParameters(dy);
            QCOMPARE(maxDifference(conv->weight().grad, dwBefore), 0.0);
            ++checked;
        }
        QCOMPARE(checked, std::size_t{60});
    }

    // Batches of several chunks of images run side by side on DeepStep's threads: the
    // same results as the direct convolution, and the same bits at every thread count.
    void conv2dSharesABatchOutTheSameAtAnyThreadCount() {
        const Registry registry = makeRegistry();
        Rng rng(17);
        std::size_t checked = 0;
        for (const ConvCase& c : randomConvCases(12, 23)) {
            const std::size_t batch = 9 + rng.index(32);  // 2 to 5 chunks of 8
            const Tensor x = randomTensor(c.sample.withBatch(batch), rng);
            Tensor dy;
            std::vector<Tensor> first;  // y, dx, dW, db at one thread
            for (std::size_t threads : {1, 2, 3}) {
                setComputeThreads(threads);
                auto layer = registry.makeLayer("conv2d", c.spec);
                auto* conv = dynamic_cast<Conv2dLayer*>(layer.get());
                QVERIFY(conv != nullptr);
                Rng init(5);
                layer->build(c.sample, init);
                for (std::size_t f = 0; f < conv->bias().value.size(); ++f)
                    conv->bias().value[f] = 0.1F * float(f);
                const Tensor y = layer->forward(x, Mode::Train);
                if (dy.empty()) dy = randomTensor(y.shape(), rng);
                const Tensor dx = layer->backward(dy);
                const std::vector<Tensor> got{y, dx, conv->weight().grad, conv->bias().grad};
                if (threads == 1) {
                    const bool useBias = c.spec["use_bias"].get<bool>();
                    const Tensor expected = reference::conv2d(
                        x, conv->weight().value, useBias ? &conv->bias().value : nullptr, conv->geometry());
                    const reference::Conv2dGradients ref =
                        reference::conv2dBackward(x, conv->weight().value, dy, conv->geometry());
                    QVERIFY2(maxDifference(y, expected) < 1e-5, c.label.c_str());
                    QVERIFY2(maxDifference(dx, ref.input) < 1e-5, ("dx " + c.label).c_str());
                    QVERIFY2(maxDifference(conv->weight().grad, ref.weight) < 1e-4, ("dw " + c.label).c_str());
                    if (useBias) QVERIFY2(maxDifference(conv->bias().grad, ref.bias) < 1e-4, ("db " + c.label).c_str());
                    first = got;
                } else {
                    for (std::size_t k = 0; k < got.size(); ++k) {
                        const auto a = got[k].values();
                        const auto b = first[k].values();
                        QVERIFY2(std::equal(a.begin(), a.end(), b.begin(), b.end()),
                                 (std::to_string(threads) + " threads, tensor " + std::to_string(k) + ": " + c.label)
                                     .c_str());
                    }
                }
            }
            ++checked;
        }
        setComputeThreads(2);
        QCOMPARE(checked, std::size_t{12});
    }

    // Max pooling on a batch of several chunks, with overlapping windows: every image
    // gets what it gets alone (a batch of one is one chunk), at every thread count.
    void maxPoolSharesABatchOutLikeOneImageAtATime() {
        const Registry registry = makeRegistry();
        Rng rng(29);
        const Shape sample{3, 10, 8};
        const std::size_t batch = 19;
        const Tensor x = distinctTensor(sample.withBatch(batch), rng);
        // Overlapping clipped windows, and LeNet's 2×2 windows side by side.
        for (const Json& spec : {Json{{"kernel", 3}, {"stride", 2}, {"padding", 1}}, Json{{"kernel", 2}}})
            for (std::size_t threads : {1, 2, 3}) {
                setComputeThreads(threads);
                auto layer = registry.makeLayer("max_pool2d", spec);
                Rng init(1);
                const Shape outSample = layer->build(sample, init);
                const Tensor y = layer->forward(x, Mode::Train);
                const Tensor dy = randomTensor(y.shape(), rng);
                const Tensor dx = layer->backward(dy);
                const std::size_t in = sample.elements();
                const std::size_t out = outSample.elements();
                for (std::size_t n = 0; n < batch; ++n) {
                    auto alone = registry.makeLayer("max_pool2d", spec);
                    (void)alone->build(sample, init);
                    Tensor xn(sample.withBatch(1));
                    std::copy(x.data() + n * in, x.data() + (n + 1) * in, xn.data());
                    const Tensor yn = alone->forward(xn, Mode::Train);
                    Tensor dyn(outSample.withBatch(1));
                    std::copy(dy.data() + n * out, dy.data() + (n + 1) * out, dyn.data());
                    const Tensor dxn = alone->backward(dyn);
                    QVERIFY2(std::equal(yn.data(), yn.data() + out, y.data() + n * out),
                             qPrintable(QString::number(n)));
                    QVERIFY2(std::equal(dxn.data(), dxn.data() + in, dx.data() + n * in),
                             qPrintable(QString::number(n)));
                }
            }
        setComputeThreads(2);
    }

    void referenceMatchesPyTorch() {
        // Made once with PyTorch 2 in float64:
        //   x = tensor([((i % 7) - 3) / 4 for i in range(40)]).reshape(1, 2, 5, 4)
        //   w = tensor([((i % 5) - 2) / 5 for i in range(36)]).reshape(3, 2, 3, 2)
        //   b = tensor([0.1, -0.2, 0.3])
        //   y = F.conv2d(x, w, b, stride=(2, 1), padding=(1, 1), dilation=(1, 2))
        //   r = tensor([((i % 5) - 2) / 2 for i in range(36)]).reshape(y.shape)
        //   (y * r).sum().backward()  → x.grad, w.grad, b.grad
        const std::vector<double> yTorch = {-0.55, -0.3,  0.1,   0.1,  -0.65, -0.15, 0.4,   -0.95, -0.15,
                                            -0.05, -0.05, 0.25,  0.2,  -0.55, 0.0,   -0.25, 0.3,   0.35,
                                            -0.3,  0.15,  0.2,   0.0,  -0.65, 0.05,  0.25,  0.5,   -0.05,
                                            0.7,   0.05,  -0.35, 1.05, 0.55,  -0.15, 0.6,   0.8,   -0.35};
        const std::vector<double> dxTorch = {0.4,  0.3,  -0.7, -0.4, 0.3,  -0.2, -0.2, 0.4, -0.2, 0.8,
                                             0.3,  -0.3, -0.4, -0.2, -0.2, -0.4, -0.3, 0.3, 0.8,  -0.2,
                                             -0.3, -0.6, 0.0,  -0.3, -0.4, -0.1, 0.6,  0.8, -0.2, 0.3,
                                             -0.6, -0.5, 0.3,  -1.3, -0.1, 0.4,  0.4,  0.2, 0.3,  -0.2};
        const std::vector<double> dwTorch = {-0.375, 0.25,   0.5,    0.0,    -0.625, 0.875, -0.75,  1.125, 0.125,
                                             0.375,  -0.25,  -0.375, 0.375,  -1.0,   -0.5,  0.0,    -0.5,  -1.0,
                                             0.875,  -0.625, -0.125, 0.0,    0.75,   0.375, 1.125,  0.875, 0.375,
                                             0.0,    -0.375, 0.25,   -0.625, -0.5,   -1.0,  -0.375, -0.75, 1.125};
        const std::vector<double> dbTorch = {-1.5, 0.5, 0.0};

        Tensor x(Shape{1, 2, 5, 4});
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = static_cast<float>((double(i % 7) - 3) / 4);
        Json weight = Json::array();
        for (std::size_t i = 0; i < 36; ++i)
            weight.push_back((double(i % 5) - 2) / 5);
        const Registry registry = makeRegistry();
        const Json model = {{"input", {2, 5, 4}},
                            {"layers",
                             {{{"type", "conv2d"},
                               {"filters", 3},
                               {"kernel", {3, 2}},
                               {"stride", {2, 1}},
                               {"padding", 1},
                               {"dilation", {1, 2}},
                               {"parameters", {{"weight", weight}, {"bias", {0.1, -0.2, 0.3}}}}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        const Tensor y = net.forward(x, Mode::Train);
        QCOMPARE(y.shape(), (Shape{1, 3, 3, 4}));
        Tensor r(y.shape());
        for (std::size_t i = 0; i < r.size(); ++i)
            r[i] = static_cast<float>((double(i % 5) - 2) / 2);
        const Tensor dx = net.backward(r);
        auto* conv = dynamic_cast<Conv2dLayer*>(&net.layer(0));
        QVERIFY(conv != nullptr);
        const auto compare = [](const Tensor& got, const std::vector<double>& want, const char* what) {
            QCOMPARE(got.size(), want.size());
            for (std::size_t i = 0; i < want.size(); ++i) {
                QVERIFY2(std::fabs(got[i] - want[i]) < 1e-5,
                         (std::string(what) + "[" + std::to_string(i) + "]").c_str());
            }
        };
        compare(y, yTorch, "y");
        compare(dx, dxTorch, "dx");
        compare(conv->weight().grad, dwTorch, "dw");
        compare(conv->bias().grad, dbTorch, "db");
        // The reference gives the same numbers.
        compare(reference::conv2d(x, conv->weight().value, &conv->bias().value, conv->geometry()), yTorch, "ref y");
        compare(reference::conv2dBackward(x, conv->weight().value, r, conv->geometry()).input, dxTorch, "ref dx");
    }

    void im2colIsTheDocumentedMatrix() {
        // One 1×3×3 image 1..9, kernel 2, stride 1, padding 0: 4 output positions.
        WindowOptions w;
        w.kernel = {2, 2};
        const Geometry g = cnn::geometry(Shape{1, 3, 3}, w, 1, 1, "conv2d");
        Tensor x(Shape{1, 1, 3, 3});
        for (std::size_t i = 0; i < 9; ++i)
            x[i] = float(i + 1);
        std::vector<float> cols(columnsSize(g, 1));
        QCOMPARE(cols.size(), std::size_t{16});
        im2col(x.data(), 1, g, cols.data());
        // Row (i, j) of the kernel holds, per output (y, x), the pixel x[y + i][x + j].
        const std::vector<float> expected = {1, 2, 4, 5, /* tap (0,0) */ 2, 3, 5, 6, /* (0,1) */
                                             4, 5, 7, 8, /* tap (1,0) */ 5, 6, 8, 9 /* (1,1) */};
        QCOMPARE(cols, expected);
        // col2im adds each entry back where it came from: the centre pixel was read 4 times.
        std::vector<float> ones(cols.size(), 1.0F);
        Tensor counts(x.shape());
        col2im(ones.data(), 1, g, counts.data());
        const std::vector<float> reads = {1, 2, 1, 2, 4, 2, 1, 2, 1};
        QCOMPARE(std::vector<float>(counts.values().begin(), counts.values().end()), reads);
    }

    // im2col and col2im against the documented element formula on random geometries
    // (rows wider than one 16-float vector, padding wider than the kernel's half,
    // dilation, groups, horizontal strides 1 and 2), in both forms where the processor
    // has AVX-512; the two must agree to the bit.
    void im2colFormsMatchTheFormula() {
        Rng rng(29);
        std::vector<bool> forms{false};
        if (hasWideVectors()) forms.push_back(true);
        std::size_t checked = 0;
        for (std::size_t round = 0; round < 40; ++round) {
            WindowOptions w;
            w.kernel = {1 + rng.index(5), 1 + rng.index(5)};
            w.stride = {1 + rng.index(2), round % 4 == 3 ? std::size_t{2} : std::size_t{1}};
            w.dilation = {1 + rng.index(2), 1 + rng.index(2)};
            w.padding.size = {rng.index(3), rng.index(4)};
            const std::size_t groups = 1 + rng.index(2);
            const std::size_t channels = groups * (1 + rng.index(2));
            const Shape sample{channels, 9 + rng.index(8), 9 + rng.index(40)};
            const Geometry g = cnn::geometry(sample, w, groups, groups, "conv2d");
            const std::size_t batch = 1 + rng.index(3);
            const Tensor x = randomTensor(sample.withBatch(batch), rng);
            // The formula of im2col.hpp, element by element.
            std::vector<float> expected(columnsSize(g, batch));
            const std::size_t cg = g.channelsPerGroup();
            const std::size_t kh = g.rows.kernel;
            const std::size_t kw = g.cols.kernel;
            const std::size_t rowLength = batch * g.positions();
            std::vector<float> adjoint(x.size(), 0.0F);
            const Tensor columnsGrad = randomTensor(Shape{expected.size()}, rng);
            for (std::size_t grp = 0; grp < g.groups; ++grp)
                for (std::size_t c = 0; c < cg; ++c)
                    for (std::size_t i = 0; i < kh; ++i)
                        for (std::size_t j = 0; j < kw; ++j)
                            for (std::size_t n = 0; n < batch; ++n)
                                for (std::size_t oy = 0; oy < g.outHeight; ++oy)
                                    for (std::size_t ox = 0; ox < g.outWidth; ++ox) {
                                        const long long iy = static_cast<long long>(oy * g.rows.stride + i * g.rows.dilation) -
                                                             static_cast<long long>(g.rows.padBefore);
                                        const long long ix = static_cast<long long>(ox * g.cols.stride + j * g.cols.dilation) -
                                                             static_cast<long long>(g.cols.padBefore);
                                        const std::size_t at = (grp * g.patch() + (c * kh + i) * kw + j) * rowLength +
                                                               n * g.positions() + oy * g.outWidth + ox;
                                        if (iy < 0 || ix < 0 || iy >= static_cast<long long>(g.height) ||
                                            ix >= static_cast<long long>(g.width))
                                            continue;
                                        const std::size_t in = ((n * g.channels + grp * cg + c) * g.height +
                                                                static_cast<std::size_t>(iy)) * g.width +
                                                               static_cast<std::size_t>(ix);
                                        expected[at] = x[in];
                                        adjoint[in] += columnsGrad[at];
                                    }
            std::vector<std::vector<float>> unfolded;
            std::vector<std::vector<float>> folded;
            for (bool wideForm : forms) {
                allowWideVectors(wideForm);
                std::vector<float> cols(expected.size(), 7.0F);  // every entry must be written
                im2col(x.data(), batch, g, cols.data());
                QVERIFY2(cols == expected, ("im2col, round " + std::to_string(round)).c_str());
                Tensor dx(x.shape());
                col2im(columnsGrad.data(), batch, g, dx.data());
                for (std::size_t k = 0; k < dx.size(); ++k)
                    QVERIFY2(std::fabs(dx[k] - adjoint[k]) <= 1e-5F * (1.0F + std::fabs(adjoint[k])),
                             ("col2im, round " + std::to_string(round)).c_str());
                folded.emplace_back(dx.values().begin(), dx.values().end());
            }
            allowWideVectors(true);
            if (folded.size() == 2) QVERIFY2(folded[0] == folded[1], ("forms differ, round " + std::to_string(round)).c_str());
            ++checked;
        }
        QCOMPARE(checked, std::size_t{40});
        if (forms.size() == 1) qInfo("this processor has no AVX-512: the portable form alone was checked");
    }

    // 2×2 max pooling in both forms on random planes (odd sizes, rows wider than 32
    // floats, ties, a NaN): the same outputs, winners and ∂E/∂x, bit for bit.
    void maxPoolFormsAgree() {
        if (!hasWideVectors()) QSKIP("this processor has no AVX-512: there is one form only");
        const Registry registry = makeRegistry();
        Rng rng(31);
        for (std::size_t round = 0; round < 20; ++round) {
            const Shape sample{1 + rng.index(3), 2 + rng.index(9), 2 + rng.index(70)};
            const std::size_t batch = 1 + rng.index(10);
            Tensor x = randomTensor(sample.withBatch(batch), rng);
            for (std::size_t k = 0; k < x.size(); k += 3)
                x[k] = std::round(x[k]);  // ties
            x[rng.index(x.size())] = std::nanf("");
            std::vector<std::vector<float>> got;
            for (bool wideForm : {false, true}) {
                allowWideVectors(wideForm);
                auto pool = registry.makeLayer("max_pool2d", {{"kernel", 2}});
                Rng init(1);
                pool->build(sample, init);
                const Tensor y = pool->forward(x, Mode::Train);
                const Tensor dx = pool->backward(randomTensor(y.shape(), init));
                const Tensor& argmax = dynamic_cast<MaxPool2dLayer&>(*pool).argmax();
                std::vector<float> all;
                for (const Tensor* t : {&y, &dx, &argmax})
                    all.insert(all.end(), t->values().begin(), t->values().end());
                got.push_back(std::move(all));
            }
            allowWideVectors(true);
            QCOMPARE(got[0].size(), got[1].size());
            QVERIFY2(std::memcmp(got[0].data(), got[1].data(), got[0].size() * sizeof(float)) == 0,
                     ("forms differ, round " + std::to_string(round) + ", input " + sample.str()).c_str());
        }
    }

    // ---- pooling, by hand ----

    void maxPoolingByHand() {
        const Registry registry = makeRegistry();
        auto pool = registry.makeLayer("max_pool2d", {{"kernel", 2}});
        Rng rng(1);
        QCOMPARE(pool->build(Shape{1, 4, 4}, rng), (Shape{1, 2, 2}));
        Tensor x(Shape{1, 1, 4, 4});
        const std::vector<float> values = {1, 9, 2, 3, 4, 5, 8, 7, 6, 0, 3, 3, 2, 1, 3, 4};
        for (std::size_t i = 0; i < 16; ++i)
            x[i] = values[i];
        const Tensor y = pool->forward(x, Mode::Train);
        // Windows {1,9,4,5} {2,3,8,7} {6,0,2,1} {3,3,3,4}.
        QCOMPARE(std::vector<float>(y.values().begin(), y.values().end()), (std::vector<float>{9, 8, 6, 4}));
        const auto internals = pool->internals();
        QCOMPARE(internals.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(internals[0].name), QString("argmax"));
        const Tensor& argmax = *internals[0].value;
        QCOMPARE(std::vector<float>(argmax.values().begin(), argmax.values().end()), (std::vector<float>{1, 6, 8, 15}));
        const Tensor dx = pool->backward(Tensor(Shape{1, 1, 2, 2}, {10, 20, 30, 40}));
        std::vector<float> expected(16, 0.0F);
        expected[1] = 10;
        expected[6] = 20;
        expected[8] = 30;
        expected[15] = 40;
        QCOMPARE(std::vector<float>(dx.values().begin(), dx.values().end()), expected);
    }

    void maxPoolingTiesGoToTheFirst() {
        const Registry registry = makeRegistry();
        auto pool = registry.makeLayer("max_pool2d", {{"kernel", 2}});
        Rng rng(1);
        pool->build(Shape{1, 2, 2}, rng);
        pool->forward(Tensor(Shape{1, 1, 2, 2}, {5, 5, 5, 5}), Mode::Train);
        const Tensor dx = pool->backward(Tensor(Shape{1, 1, 1, 1}, std::vector<float>{1}));
        QCOMPARE(std::vector<float>(dx.values().begin(), dx.values().end()), (std::vector<float>{1, 0, 0, 0}));
    }

    void averagePoolingByHand() {
        const Registry registry = makeRegistry();
        Tensor x(Shape{1, 1, 4, 4});
        for (std::size_t i = 0; i < 16; ++i)
            x[i] = float(i + 1);
        Rng rng(1);
        auto pool = registry.makeLayer("avg_pool2d", {{"kernel", 2}});
        pool->build(Shape{1, 4, 4}, rng);
        Tensor y = pool->forward(x, Mode::Train);
        QCOMPARE(std::vector<float>(y.values().begin(), y.values().end()),
                 (std::vector<float>{3.5F, 5.5F, 11.5F, 13.5F}));  // (1+2+5+6)/4, ...
        // Kernel 3, stride 2, padding 1: the zeros count (PyTorch's count_include_pad).
        auto padded = registry.makeLayer("avg_pool2d", {{"kernel", 3}, {"stride", 2}, {"padding", 1}});
        QCOMPARE(padded->build(Shape{1, 4, 4}, rng), (Shape{1, 2, 2}));
        y = padded->forward(x, Mode::Train);
        // Windows rows/cols {−1,0,1} and {1,2,3}: (1+2+5+6)/9, (2+3+4+6+7+8)/9, (5+6+9+10+13+14)/9,
        // (6+7+8+10+11+12+14+15+16)/9.
        const std::vector<float> expected = {14.0F / 9, 30.0F / 9, 57.0F / 9, 99.0F / 9};
        for (std::size_t i = 0; i < 4; ++i)
            QVERIFY(std::fabs(y[i] - expected[i]) < 1e-5F);
        const Tensor dx = padded->backward(Tensor(Shape{1, 1, 2, 2}, {9, 9, 9, 9}));
        // Each pixel gets 1 from every window that covers it: row/col 1 is in both windows.
        const std::vector<float> covered = {1, 2, 1, 1, 2, 4, 2, 2, 1, 2, 1, 1, 1, 2, 1, 1};
        QCOMPARE(std::vector<float>(dx.values().begin(), dx.values().end()), covered);
    }

    void flattenKeepsTheOrder() {
        const Registry registry = makeRegistry();
        auto flatten = registry.makeLayer("flatten", Json::object());
        Rng rng(1);
        QCOMPARE(flatten->build(Shape{2, 3, 4}, rng), (Shape{24}));
        Tensor x(Shape{2, 2, 3, 4});
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = float(i);
        const Tensor y = flatten->forward(x, Mode::Train);
        QCOMPARE(y.shape(), (Shape{2, 24}));
        QCOMPARE(y.at({1, 5}), 29.0F);
        QCOMPARE(flatten->backward(y).shape(), x.shape());
    }

    // ---- gradient checks ----

    void conv2dGradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(5);
        for (ConvCase c : randomConvCases(25, 23)) {
            // tanh keeps the activation's derivative in the check; small weights keep z where
            // tanh is not too curved for a float32 central difference.
            c.spec["activation"] = "tanh";
            c.spec["init"] = "uniform";
            c.spec["init_scale"] = 0.3;
            auto layer = registry.makeLayer("conv2d", c.spec);
            Rng init(4);
            layer->build(c.sample, init);
            const Tensor x = randomTensor(c.sample.withBatch(c.batch), rng);
            const GradCheckReport report = checkLayer(*layer, x, rng);
            QVERIFY2(report.passed(kGradTolerance), (c.label + "\n" + report.str()).c_str());
        }
    }

    void poolingGradientsOnRandomShapes() {
        const Registry registry = makeRegistry();
        Rng rng(9);
        for (int round = 0; round < 12; ++round) {
            const std::size_t k = 1 + rng.index(3);
            const std::size_t s = 1 + rng.index(4);
            const std::size_t p = rng.index(k / 2 + 1);
            const Shape sample{1 + rng.index(3), k + 1 + rng.index(6), k + 1 + rng.index(6)};
            const Json spec = {{"kernel", Json::array({k, k + (round % 2)})}, {"stride", s}, {"padding", p}};
            for (const char* type : {"max_pool2d", "avg_pool2d"}) {
                auto layer = registry.makeLayer(type, spec);
                layer->build(sample, rng);
                const Tensor x = distinctTensor(sample.withBatch(1 + rng.index(3)), rng);
                const GradCheckReport report = checkLayer(*layer, x, rng);
                QVERIFY2(report.passed(kGradTolerance),
                         (std::string(type) + spec.dump() + "\n" + report.str()).c_str());
            }
        }
        for (const char* type : {"global_avg_pool", "flatten"}) {
            auto layer = registry.makeLayer(type, Json::object());
            layer->build(Shape{3, 5, 4}, rng);
            const Tensor x = randomTensor(Shape{2, 3, 5, 4}, rng);
            const GradCheckReport report = checkLayer(*layer, x, rng);
            QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        }
    }

    void aWholeConvolutionalNetworkHasTheRightGradients() {
        // The plugin's layers in one network, under softmax + cross-entropy (fused). Max
        // pooling is checked on its own (with inputs far apart): here a nudged weight may
        // change which input wins a window, and a central difference across that switch
        // is no derivative.
        const Registry registry = makeRegistry();
        const Json model = {
            {"input", {2, 9, 8}},
            {"layers",
             {{{"type", "conv2d"}, {"filters", 4}, {"kernel", 3}, {"padding", "same"}, {"activation", "tanh"}},
              {{"type", "avg_pool2d"}, {"kernel", 2}},
              {{"type", "conv2d"}, {"filters", 4}, {"kernel", 3}, {"groups", 4}, {"dilation", 1}},
              {{"type", "avg_pool2d"}, {"kernel", Json::array({1, 2})}},
              {{"type", "conv2d"}, {"filters", 6}, {"kernel", 1}, {"activation", "tanh"}},
              {{"type", "global_avg_pool"}},
              {{"type", "dense"}, {"units", 3}, {"activation", "softmax"}}}}};
        Rng rng(3);
        Network net = buildModel(model, registry, rng);
        Batch batch{randomTensor(Shape{3, 2, 9, 8}, rng), Tensor(Shape{3, 3})};
        for (std::size_t n = 0; n < 3; ++n)
            batch.targets.at({n, n}) = 1.0F;
        auto loss = registry.makeLoss("categorical_cross_entropy");
        const GradCheckReport report = checkNetwork(net, *loss, batch);
        QVERIFY2(report.passed(kGradTolerance), report.str().c_str());
        QVERIFY(report.entries.size() >= 7);  // the weights and biases of three convolutions and the dense layer
    }

    // ---- the trace of a convolution ----

    void traceOfAConvolutionHasTheDocumentedTensors() {
        const Registry registry = makeRegistry();
        const Json model = {{"input", {1, 3, 3}},
                            {"layers",
                             {{{"type", "conv2d"},
                               {"name", "conv"},
                               {"filters", 1},
                               {"kernel", 2},
                               {"activation", "relu"},
                               {"parameters", {{"weight", {1, 0, 0, -1}}, {"bias", {0.5}}}}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        Tensor x(Shape{1, 1, 3, 3});
        for (std::size_t i = 0; i < 9; ++i)
            x[i] = float(i * i % 7);  // 0 1 4 / 2 2 4 / 1 0 1
        StepRecord record;
        const Tensor y = net.forward(x, Mode::Train, &record);
        // z = x[y][x] − x[y+1][x+1] + 0.5: 0−2, 1−4, 2−0, 2−1 (+0.5).
        QCOMPARE(std::vector<float>(y.values().begin(), y.values().end()), (std::vector<float>{0, 0, 2.5F, 1.5F}));
        net.backward(Tensor(y.shape(), {1, 1, 1, 1}), &record);
        QCOMPARE(record.layers.size(), std::size_t{1});
        const LayerRecord& conv = record.layers.front();
        QCOMPARE(QString::fromStdString(conv.type), QString("conv2d"));
        QCOMPARE(QString::fromStdString(conv.activation), QString("relu"));
        QCOMPARE(conv.input, x);
        QCOMPARE(std::vector<float>(conv.preActivation.values().begin(), conv.preActivation.values().end()),
                 (std::vector<float>{-1.5F, -2.5F, 2.5F, 1.5F}));
        QCOMPARE(conv.output, y);
        // δ = dy where z > 0; dL/dx spreads δ through the kernel (1 at the corner, −1 diagonally).
        QCOMPARE(std::vector<float>(conv.gradPreActivation.values().begin(), conv.gradPreActivation.values().end()),
                 (std::vector<float>{0, 0, 1, 1}));
        QCOMPARE(std::vector<float>(conv.gradInput.values().begin(), conv.gradInput.values().end()),
                 (std::vector<float>{0, 0, 0, 1, 1, 0, 0, -1, -1}));
        QCOMPARE(conv.internals.size(), std::size_t{1});
        const InternalRecord& columns = conv.internals.front();
        QCOMPARE(QString::fromStdString(columns.name), QString("columns"));
        QCOMPARE(columns.value.shape(), (Shape{1, 4, 4}));  // groups × (1·2·2) × (1·2·2)
        QCOMPARE(columns.value.at({0, 0, 2}), 2.0F);        // tap (0,0) at output (1,0): x[1][0]
        QCOMPARE(columns.value.at({0, 3, 2}), 0.0F);        // tap (1,1) at output (1,0): x[2][1]
        QCOMPARE(columns.grad.shape(), columns.value.shape());
        QCOMPARE(columns.grad.at({0, 3, 2}), -1.0F);  // δ 1 through the weight −1
    }

    // ---- bad options ----

    void badOptionsAreRefused_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("sample");
        QTest::addColumn<QString>("message");
        QTest::newRow("kernel larger than the padded input")
            << "conv2d"
            << R"({"filters": 2, "kernel": 5, "padding": 1})"
            << "[1, 2, 8]"
            << "conv2d.kernel: expected a kernel that fits the padded input's height: the window spans 5 "
               "(d(k − 1) + 1 = 1·(5 − 1) + 1) but the height is 2 with padding 2, so the output height would be "
               "⌊(2 + 2·1 − 1·(5 − 1) − 1) / 1⌋ + 1 = 0";
        QTest::newRow("dilated kernel too wide")
            << "conv2d"
            << R"({"filters": 2, "kernel": 3, "dilation": [1, 4]})"
            << "[1, 8, 8]"
            << "conv2d.kernel: expected a kernel that fits the padded input's width: the window spans 9";
        QTest::newRow("groups not dividing the channels")
            << "conv2d"
            << R"({"filters": 4, "kernel": 3, "groups": 2})"
            << "[3, 8, 8]"
            << "conv2d.groups: expected a divisor of the input's 3 channels, got 2";
        QTest::newRow("groups not dividing the filters") << "conv2d"
                                                         << R"({"filters": 3, "kernel": 3, "groups": 2})"
                                                         << "[4, 8, 8]"
                                                         << "conv2d.groups: expected a divisor of the 3 filters, got 2";
        QTest::newRow("flat input") << "conv2d"
                                    << R"({"filters": 4, "kernel": 3})"
                                    << "[784]"
                                    << "conv2d: expected images N·C·H·W (one sample C×H×W), got samples of shape "
                                       "[784]";
        QTest::newRow("three kernel sizes")
            << "conv2d"
            << R"({"filters": 1, "kernel": [3, 3, 3]})"
            << "[1, 8, 8]"
            << "layer.kernel: expected one integer or two, [height, width], got [3,3,3]";
        QTest::newRow("fractional kernel") << "conv2d"
                                           << R"({"filters": 1, "kernel": 2.5})"
                                           << "[1, 8, 8]"
                                           << "layer.kernel: expected whole numbers";
        QTest::newRow("zero kernel") << "conv2d"
                                     << R"({"filters": 1, "kernel": 0})"
                                     << "[1, 8, 8]"
                                     << "layer.kernel: expected a number or a list of numbers >= 1, got 0";
        QTest::newRow("padding word") << "conv2d"
                                      << R"({"filters": 1, "kernel": 3, "padding": "valid"})"
                                      << "[1, 8, 8]"
                                      << "layer.padding: expected a number or a list of numbers >= 0, or \"same\", "
                                         "got \"valid\"";
        QTest::newRow("missing kernel") << "conv2d"
                                        << R"({"filters": 1})"
                                        << "[1, 8, 8]"
                                        << "layer.kernel: required option is missing";
        QTest::newRow("pool padding over half the kernel")
            << "max_pool2d"
            << R"({"kernel": 2, "padding": 2})"
            << "[1, 8, 8]"
            << "layer.padding: expected at most half the kernel on each side (1 × 1), got 2 × 2";
        QTest::newRow("pool window too large") << "avg_pool2d"
                                               << R"({"kernel": 4})"
                                               << "[1, 3, 8]"
                                               << "avg_pool2d.kernel: expected a kernel that fits";
        QTest::newRow("pooling flat input") << "max_pool2d"
                                            << R"({"kernel": 2})"
                                            << "[10]"
                                            << "max_pool2d: expected images N·C·H·W";
        QTest::newRow("gap flat input") << "global_avg_pool"
                                        << "{}"
                                        << "[10, 3]"
                                        << "global_avg_pool: expected images N·C·H·W";
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
        for (const char* type : {"conv2d", "max_pool2d", "avg_pool2d", "global_avg_pool", "flatten"}) {
            const Json options = std::string(type) == "conv2d" ? Json{{"filters", 1}, {"kernel", 2}} : Json::object();
            auto layer = registry.makeLayer(type, options);
            Rng rng(1);
            layer->build(Shape{2, 4, 4}, rng);
            QVERIFY_THROWS_EXCEPTION(InputError, layer->forward(Tensor(Shape{1, 3, 4, 4}), Mode::Train));
        }
    }
};

QTEST_APPLESS_MAIN(TestCnnLayers)
#include "tst_cnn_layers.moc"
