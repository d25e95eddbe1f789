// The convolution sandbox's backward page (app/conv/backward_page, conv_backward) on the
// real conv2d layer: ∂E/∂K, ∂E/∂b and ∂E/∂x as computed by the page against values worked
// out by hand for tiny inputs (stride 2 with padding, dilation 2, groups 2, several
// channels, δ from a loss), against the layer's own backward() on many settings, against
// central differences of E, and the clicks and the chain-rule breakdown.
#include "conv/backward_page.hpp"
#include "conv/conv_sandbox.hpp"
#include "conv/grid_view.hpp"

#include "support/conv_test_support.hpp"

#include <QApplication>
#include <QComboBox>
#include <QTabWidget>
#include <QTest>
#include <QTextBrowser>
#include <QTranslator>
#include <QUrl>

#include <cmath>
#include <numeric>

using namespace deepstep;
using namespace deepstep::studio::conv;

namespace {

Registry& registry() { return test::cnnRegistry(); }
using test::setParameter;
using test::twoChannels;

// One channel of h × w holding 1, 2, 3, … row by row.
Tensor counting(std::size_t h, std::size_t w) {
    std::vector<float> v(h * w);
    std::iota(v.begin(), v.end(), 1.0F);
    return Tensor(Shape{1, h, w}, v);
}

ConvSettings settings(int k, int s, int p, int d, int filters = 1, int groups = 1, bool bias = true) {
    ConvSettings c;
    c.kernel = k;
    c.stride = s;
    c.padding = p;
    c.dilation = d;
    c.filters = filters;
    c.groups = groups;
    c.bias = bias;
    return c;
}

// The sandbox set up on `input` with `s`, its weights replaced and the layer rerun.
void setUp(ConvSandbox& box, const Tensor& input, const ConvSettings& s, const std::vector<float>& weight,
           const std::vector<float>& bias) {
    box.setInput(input);
    box.setSettings(s);
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    setParameter(box.layer(), "weight", weight);
    if (!bias.empty()) setParameter(box.layer(), "bias", bias);
    box.rerun();
}

double dx(const BackwardPage& page, int c, int y, int x) { return page.backward().inputGradient(c, y, x).total; }
double dw(const BackwardPage& page, int f, int local, int i, int j) {
    return page.backward().kernelGradient(f, local, i, j).total;
}

}  // namespace

class TestStudioConvBackward : public QObject {
    Q_OBJECT
private slots:
    void tinyCaseByHand();
    void strideTwoWithPadding();
    void oneHotDeltaAtTheChosenOutput();
    void dilationTwo();
    void groupsTwoKeepChannelsApart();
    void severalChannelsSumOverFilters();
    void deltaFromTheLoss();
    void agreesWithTheLayerAndCentralDifferences_data();
    void agreesWithTheLayerAndCentralDifferences();
    void disagreementGivesAWarning();
    void clicksChooseAndExplain();
    void badSettingsClearThePage();
    void koreanThroughout();
};

// 3 × 3 input 1 … 9, kernel [[1, 2], [3, 4]], stride 1, no padding: 2 × 2 outputs, δ = 1.
void TestStudioConvBackward::tinyCaseByHand() {
    ConvSandbox box(registry());
    setUp(box, counting(3, 3), settings(2, 1, 0, 1), {1, 2, 3, 4}, {0.5F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Ones);
    // ∂E/∂K[i][j] = the sum of the 2 × 2 block of the input starting at (i, j).
    QCOMPARE(page.backward().kernelGradientMap(0, 0), (std::vector<float>{12, 16, 24, 28}));
    QCOMPARE(page.biasGradient().total, 4.0);  // four outputs, δ = 1 each
    // ∂E/∂x: every kernel element whose tap reaches the pixel, once.
    QCOMPARE(page.backward().inputGradientMap(0), (std::vector<float>{1, 3, 2, 4, 10, 6, 3, 7, 4}));
    QCOMPARE(page.backward().layerInputGradientMap(0), page.backward().inputGradientMap(0));
    QVERIFY(page.backward().agrees());
    QVERIFY(page.warning().isEmpty());

    page.chooseKernelElement(0, 1, 0);
    const KernelGradient& g = page.kernelGradient();
    QCOMPARE(g.terms.size(), std::size_t{4});
    QCOMPARE(g.terms[3].input, 8.0F);  // output (1, 1) meets pixel (2, 1) with tap (1, 0)
    QCOMPARE(g.total, 24.0);
    QCOMPARE(g.layerValue, 24.0);
    page.chooseInputPixel(0, 1, 1);
    const InputGradient& x = page.inputGradient();
    QCOMPARE(x.taps, 4);
    QCOMPARE(x.terms.size(), std::size_t{4});
    QCOMPARE(x.total, 10.0);
    page.chooseInputPixel(0, 0, 0);
    QCOMPARE(page.inputGradient().terms.size(), std::size_t{1});  // only K[0][0] of output (0, 0)
    QCOMPARE(page.inputGradient().terms[0].weight, 1.0F);
    QCOMPARE(page.inputGradient().terms[0].flipRow, 1);  // K[0][0] is the flipped kernel's last
    QVERIFY(page.termsText().contains(QStringLiteral("= 1.000; the layer's backward(): 1.000 ✓")));
}

// 4 × 4 input 1 … 16, kernel 1 … 9, stride 2, padding 1: 2 × 2 outputs, δ = 1.
void TestStudioConvBackward::strideTwoWithPadding() {
    ConvSandbox box(registry());
    setUp(box, counting(4, 4), settings(3, 2, 1, 1), {1, 2, 3, 4, 5, 6, 7, 8, 9}, {0.0F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Ones);
    QCOMPARE(box.probe().outputHeight(), 2);
    // ∂E/∂K[i][j] = Σ over outputs of padded x[2y + i][2x + j]: K[0][0] meets only pixel
    // (1, 1) = 6 (the rest is padding); K[1][1] meets 1, 3, 9, 11; K[2][2] 6, 8, 14, 16.
    QCOMPARE(dw(page, 0, 0, 0, 0), 6.0);
    QCOMPARE(dw(page, 0, 0, 1, 1), 24.0);
    QCOMPARE(dw(page, 0, 0, 2, 2), 44.0);
    // ∂E/∂x[y][x] = Σ K[y + 1 − 2·oy][x + 1 − 2·ox] over the outputs that reach it.
    QCOMPARE(dx(page, 0, 0, 0), 5.0);              // K[1][1]
    QCOMPARE(dx(page, 0, 1, 1), 1.0 + 3 + 7 + 9);  // K[2][2], K[2][0], K[0][2], K[0][0]
    QCOMPARE(dx(page, 0, 2, 1), 6.0 + 4);          // K[1][2], K[1][0]
    QCOMPARE(dx(page, 0, 3, 3), 9.0);              // K[2][2]
    // The spread map: 6 padded rows + d·(k − 1) = 8; δ values at 2 and 4, a hole between.
    const ConvBackward& b = page.backward();
    QCOMPARE(b.fullPadding(), 2);
    QCOMPARE(b.spreadHeight(), 8);
    QCOMPARE(b.spreadInnerHeight(), 3);
    const std::vector<float> spread = b.spreadMap(0);
    QCOMPARE(spread.size(), std::size_t{64});
    QCOMPARE(spread[2 * 8 + 2], 1.0F);
    QCOMPARE(spread[2 * 8 + 3], 0.0F);  // the stride's hole
    QCOMPARE(spread[4 * 8 + 4], 1.0F);
    QCOMPARE(std::accumulate(spread.begin(), spread.end(), 0.0F), 4.0F);
    // Pixel (1, 1): 4 of the flipped kernel's 9 taps land on δ values.
    page.chooseInputPixel(0, 1, 1);
    QCOMPARE(page.inputGradient().taps, 9);
    QCOMPARE(page.inputGradient().terms.size(), std::size_t{4});
    for (const InputGradientTerm& t : page.inputGradient().terms) {
        QCOMPARE(spread[static_cast<std::size_t>(t.spreadRow * 8 + t.spreadCol)], 1.0F);
        QCOMPARE(t.weight, static_cast<float>(t.tapRow * 3 + t.tapCol + 1));
    }
    QVERIFY(b.agrees());
}

void TestStudioConvBackward::oneHotDeltaAtTheChosenOutput() {
    ConvSandbox box(registry());
    setUp(box, counting(4, 4), settings(3, 2, 1, 1), {1, 2, 3, 4, 5, 6, 7, 8, 9}, {0.0F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::OneHot);
    box.chooseOutput(0, 1, 1);
    QCOMPARE(page.backward().delta(), (std::vector<float>{0, 0, 0, 1}));
    // Output (1, 1)'s window starts at padded (2, 2) = pixel (1, 1): ∂E/∂K is that window.
    QCOMPARE(page.backward().kernelGradientMap(0, 0), (std::vector<float>{6, 7, 8, 10, 11, 12, 14, 15, 16}));
    QCOMPARE(page.biasGradient().total, 1.0);
    // ∂E/∂x is the kernel itself, placed on the window.
    const std::vector<float> expected{0, 0, 0, 0,  //
                                      0, 1, 2, 3,  //
                                      0, 4, 5, 6,  //
                                      0, 7, 8, 9};
    QCOMPARE(page.backward().inputGradientMap(0), expected);
    QVERIFY(page.backward().agrees());
    box.chooseOutput(0, 0, 0);  // δ follows the chosen output
    QCOMPARE(page.backward().delta(), (std::vector<float>{1, 0, 0, 0}));
    QCOMPARE(dx(page, 0, 0, 0), 5.0);
}

// 5 × 5 input 1 … 25, kernel [[1, 2], [3, 4]] with dilation 2: taps 2 apart, 3 × 3 outputs.
void TestStudioConvBackward::dilationTwo() {
    ConvSandbox box(registry());
    setUp(box, counting(5, 5), settings(2, 1, 0, 2), {1, 2, 3, 4}, {0.0F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Ones);
    QCOMPARE(box.probe().outputHeight(), 3);
    QCOMPARE(dw(page, 0, 0, 0, 0), 1.0 + 2 + 3 + 6 + 7 + 8 + 11 + 12 + 13);
    QCOMPARE(dw(page, 0, 0, 0, 1), 3.0 + 4 + 5 + 8 + 9 + 10 + 13 + 14 + 15);
    QCOMPARE(dw(page, 0, 0, 1, 1), 13.0 + 14 + 15 + 18 + 19 + 20 + 23 + 24 + 25);
    QCOMPARE(dx(page, 0, 2, 2), 10.0);  // every tap reaches the centre
    QCOMPARE(dx(page, 0, 0, 0), 1.0);
    QCOMPARE(dx(page, 0, 1, 1), 1.0);  // K[1][1] would need output (−1, −1)
    QCOMPARE(dx(page, 0, 0, 3), 2.0);  // K[0][1] from output (0, 1); K[0][0] would need column 3
    QCOMPARE(dx(page, 0, 4, 4), 4.0);
    QCOMPARE(page.backward().fullPadding(), 2);
    QCOMPARE(page.backward().flippedKernel(0, 0), (std::vector<float>{4, 3, 2, 1}));
    QVERIFY(page.backward().agrees());
}

// Two channels, two filters in two groups: filter 1 sees channel 1 only, filter 2 channel 2.
void TestStudioConvBackward::groupsTwoKeepChannelsApart() {
    ConvSandbox box(registry());
    setUp(box, twoChannels(), settings(2, 1, 0, 1, 2, 2), {-1, 0, 0, 0, 1, 2, 3, 4}, {0.0F, 0.0F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Ones);
    QCOMPARE(page.backward().kernelGradientMap(0, 0), (std::vector<float>{12, 16, 24, 28}));
    QCOMPARE(page.backward().kernelGradientMap(1, 0), (std::vector<float>{2, 2, 2, 2}));  // the checkerboard
    QCOMPARE(dx(page, 0, 1, 1), -1.0);
    QCOMPARE(dx(page, 1, 1, 1), 10.0);
    QCOMPARE(dx(page, 1, 0, 0), 1.0);
    box.chooseOutput(1, 0, 0);
    page.chooseInputPixel(0, 1, 1);
    QCOMPARE(page.channel(), 1);  // channel 1 is not in filter 2's group
    QCOMPARE(page.inputGradient().terms.size(), std::size_t{4});
    for (const InputGradientTerm& t : page.inputGradient().terms) QCOMPARE(t.filter, 1);
    QVERIFY(page.backward().agrees());
}

// Two channels, two filters, one group: ∂E/∂x of a channel sums over both filters.
void TestStudioConvBackward::severalChannelsSumOverFilters() {
    ConvSandbox box(registry());
    // weight[f][c]: f1: c1 [[1, 0], [0, 0]], c2 [[0, 0], [0, 1]]; f2: c1 [[0, 1], [0, 0]], c2 [[2, 0], [0, 0]].
    setUp(box, twoChannels(), settings(2, 1, 0, 1, 2, 1, false), {1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 0, 0, 0}, {});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Ones);
    QVERIFY(!page.biasGradient().present);
    QCOMPARE(dx(page, 0, 1, 1), 2.0);  // 1 + 1: every tap reaches the centre
    QCOMPARE(dx(page, 0, 0, 0), 1.0);  // K[·][1][0][0]: 1 + 0
    QCOMPARE(dx(page, 1, 0, 0), 2.0);  // 0 + 2
    QCOMPARE(dx(page, 1, 2, 2), 1.0);  // K[·][2][1][1]: 1 + 0
    QCOMPARE(dw(page, 1, 1, 0, 0), 2.0);
    QCOMPARE(dw(page, 0, 0, 1, 1), 5.0 + 6 + 8 + 9);
    page.chooseInputPixel(0, 1, 1);
    QCOMPARE(page.inputGradient().taps, 8);
    QCOMPARE(page.inputGradient().terms.size(), std::size_t{8});
    QVERIFY(page.backward().agrees());
    QVERIFY(page.termsText().contains(QStringLiteral("no bias")));
}

// E = ½‖Y − T‖² on the tiny case: Y = 37.5, 47.5, 67.5, 77.5 (kernel [[1, 2], [3, 4]], bias
// 0.5), T = 0.5, so δ = 37, 47, 67, 77.
void TestStudioConvBackward::deltaFromTheLoss() {
    ConvSandbox box(registry());
    setUp(box, counting(3, 3), settings(2, 1, 0, 1), {1, 2, 3, 4}, {0.5F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::Loss);
    page.setTarget(0.5);
    QCOMPARE(page.backward().delta(), (std::vector<float>{37, 47, 67, 77}));
    QCOMPARE(page.biasGradient().total, 228.0);
    QCOMPARE(page.biasGradient().layerValue, 228.0);
    QCOMPARE(dw(page, 0, 0, 0, 0), 1.0 * 37 + 2 * 47 + 4 * 67 + 5 * 77);
    QCOMPARE(dx(page, 0, 0, 0), 37.0);
    QCOMPARE(dx(page, 0, 1, 1), 37.0 * 4 + 47 * 3 + 67 * 2 + 77 * 1);
    QVERIFY(page.backward().agrees());
    page.chooseKernelElement(0, 0, 0);
    page.showTerm(BackwardPage::Terms::Kernel, 1);
    const QString b = page.breakdownText();
    QVERIFY2(b.contains(QStringLiteral("47.000 × 2.000 = 94.000")), qPrintable(b));
    QVERIFY2(b.contains(QStringLiteral("Y − T = 47.500 − 0.500 = 47.000")), qPrintable(b));
}

void TestStudioConvBackward::agreesWithTheLayerAndCentralDifferences_data() {
    QTest::addColumn<int>("channels");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("s");
    QTest::addColumn<int>("p");
    QTest::addColumn<int>("d");
    QTest::addColumn<int>("filters");
    QTest::addColumn<int>("groups");
    QTest::newRow("k3 s1 p1") << 1 << 3 << 1 << 1 << 1 << 2 << 1;
    QTest::newRow("k3 s2 p1, 2 channels") << 2 << 3 << 2 << 1 << 1 << 2 << 1;
    QTest::newRow("k2 s3 p0") << 1 << 2 << 3 << 0 << 1 << 1 << 1;
    QTest::newRow("k3 s1 p2 d2, 3 channels") << 3 << 3 << 1 << 2 << 2 << 3 << 1;
    QTest::newRow("k3 s2 p1 d2, groups 2") << 2 << 3 << 2 << 1 << 2 << 4 << 2;
    QTest::newRow("k2 s2 p1, depthwise 3") << 3 << 2 << 2 << 1 << 1 << 3 << 3;
}

// The 8 × 8 grid in several channels with the layer's own random weights and δ = Y − T:
// every number of the page equals the layer's backward(), and one kernel element's and
// one pixel's gradient equal central differences of E = ½‖Y − T‖² (exact for a quadratic
// E up to float rounding).
void TestStudioConvBackward::agreesWithTheLayerAndCentralDifferences() {
    QFETCH(int, channels);
    QFETCH(int, k);
    QFETCH(int, s);
    QFETCH(int, p);
    QFETCH(int, d);
    QFETCH(int, filters);
    QFETCH(int, groups);
    ConvSandbox box(registry());
    box.setChannels(channels);
    box.setSettings(settings(k, s, p, d, filters, groups));
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    BackwardPage& page = *box.backwardPage();
    const double target = 0.25;
    page.setTarget(target);
    page.setDeltaKind(DeltaKind::Loss);
    const ConvBackward& b = page.backward();
    QVERIFY(b.agrees());
    QVERIFY(page.warning().isEmpty());
    QVERIFY(box.message().isEmpty());
    double nonZero = 0.0;
    for (float v : b.inputGradientMap(channels - 1)) nonZero += std::abs(v);
    QVERIFY(nonZero > 0.0);

    const auto energy = [&] {
        double e = 0.0;
        for (int f = 0; f < filters; ++f)
            for (float y : box.probe().outputMap(f)) e += 0.5 * (y - target) * (y - target);
        return e;
    };
    // Kernel element K[last filter][last local channel][k − 1][0].
    const int f = filters - 1;
    const int local = channels / groups - 1;
    const double dwAnalytic = b.kernelGradient(f, local, k - 1, 0).total;
    Parameter* weight = box.layer()->parameters()[0];
    QCOMPARE(weight->name, std::string("weight"));
    const std::size_t at = static_cast<std::size_t>(((f * (channels / groups) + local) * k + k - 1) * k);
    const float w0 = weight->value[at];
    const float h = 0.05F;
    weight->value[at] = w0 + h;
    box.rerun();
    const double ePlus = energy();
    weight->value[at] = w0 - h;
    box.rerun();
    const double eMinus = energy();
    weight->value[at] = w0;
    box.rerun();
    const double dwNumeric = (ePlus - eMinus) / (2.0 * static_cast<double>(h));
    QVERIFY2(std::abs(dwNumeric - dwAnalytic) <= 1e-3 * (1.0 + std::abs(dwAnalytic)),
             qPrintable(QStringLiteral("%1 vs %2").arg(dwNumeric).arg(dwAnalytic)));

    // Pixel (3, 4) of the last channel.
    const double dxAnalytic = page.backward().inputGradient(channels - 1, 3, 4).total;
    Tensor input(Shape{static_cast<std::size_t>(channels), 8, 8});
    for (int c = 0; c < channels; ++c) {
        const std::vector<float> pc = box.probe().paddedChannel(c);
        for (std::size_t y = 0; y < 8; ++y)
            for (std::size_t x = 0; x < 8; ++x)
                input.at({static_cast<std::size_t>(c), y, x}) =
                    pc[(y + static_cast<std::size_t>(box.probe().padTop())) * static_cast<std::size_t>(box.probe().paddedWidth()) +
                       x + static_cast<std::size_t>(box.probe().padLeft())];
    }
    const auto last = static_cast<std::size_t>(channels - 1);
    const float x0 = input.at({last, 3, 4});
    input.at({last, 3, 4}) = x0 + h;
    box.setInput(input);
    const double xPlus = energy();
    input.at({last, 3, 4}) = x0 - h;
    box.setInput(input);
    const double xMinus = energy();
    const double dxNumeric = (xPlus - xMinus) / (2.0 * static_cast<double>(h));
    QVERIFY2(std::abs(dxNumeric - dxAnalytic) <= 1e-3 * (1.0 + std::abs(dxAnalytic)),
             qPrintable(QStringLiteral("%1 vs %2").arg(dxNumeric).arg(dxAnalytic)));
}

void TestStudioConvBackward::disagreementGivesAWarning() {
    ConvSandbox box(registry());
    setUp(box, counting(3, 3), settings(2, 1, 0, 1), {1, 2, 3, 4}, {0.5F});
    ConvBackward b;
    b.run(box.probe(), std::vector<float>(4, 1.0F));
    QVERIFY(b.agrees());
    QVERIFY(BackwardPage::warningFor(b).isEmpty());
    // The layer's numbers as if its ∂E/∂x at pixel (1, 1) and its ∂E/∂b were off.
    b.check({1, 3, 2, 4, 10.5F, 6, 3, 7, 4}, {12, 16, 24, 28}, {5});
    QVERIFY(!b.agrees());
    QCOMPARE(b.inputDisagreements(), 1);
    QCOMPARE(b.biasDisagreements(), 1);
    QCOMPARE(b.kernelDisagreements(), 0);
    QVERIFY(!b.inputGradient(0, 1, 1).agrees);
    QVERIFY(b.inputGradient(0, 1, 0).agrees);
    const QString w = BackwardPage::warningFor(b);
    QVERIFY2(w.contains(QStringLiteral("1 of ∂E/∂x")) && w.contains(QStringLiteral("1 of ∂E/∂b")) &&
                 !w.contains(QStringLiteral("∂E/∂K")),
             qPrintable(w));
    // The sandbox's own page agrees, and says nothing.
    QVERIFY(box.message().isEmpty());
}

void TestStudioConvBackward::clicksChooseAndExplain() {
    ConvSandbox box(registry());
    setUp(box, counting(4, 4), settings(3, 2, 1, 1), {1, 2, 3, 4, 5, 6, 7, 8, 9}, {0.0F});
    BackwardPage& page = *box.backwardPage();
    page.setDeltaKind(DeltaKind::OneHot);
    box.resize(1300, 700);
    box.showPage(ConvSandbox::Page::Backward);
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    // The grids by their sizes: δ 2 × 2, ∂E/∂x 4 × 4, ∂E/∂K 3 × 3 (the first of two 3 × 3).
    GridView* delta = nullptr;
    GridView* inputGradient = nullptr;
    GridView* kernelGradient = nullptr;
    for (GridView* g : page.findChildren<GridView*>()) {
        if (g->rows() == 2 && delta == nullptr) delta = g;
        if (g->rows() == 4 && g->cols() == 4) inputGradient = g;
        if (g->rows() == 3 && kernelGradient == nullptr) kernelGradient = g;
    }
    QVERIFY(delta && inputGradient && kernelGradient);
    QTest::mouseClick(delta, Qt::LeftButton, {}, delta->cellRect(1, 0).center().toPoint());
    QCOMPARE(box.chosenRow(), 1);
    QCOMPARE(box.chosenCol(), 0);
    QCOMPARE(page.backward().delta(), (std::vector<float>{0, 0, 1, 0}));
    QTest::mouseClick(inputGradient, Qt::LeftButton, {}, inputGradient->cellRect(3, 1).center().toPoint());
    QCOMPARE(page.inputGradient().row, 3);
    QCOMPARE(page.inputGradient().col, 1);
    // Pixel (3, 1) is padded (4, 2): under tap (2, 2) of output (1, 0) (window from padded
    // (2, 0)), where δ = 1, and tap (2, 0) of output (1, 1), where δ = 0.
    QCOMPARE(page.inputGradient().terms.size(), std::size_t{2});
    QCOMPARE(page.inputGradient().total, 9.0);
    QTest::mouseClick(kernelGradient, Qt::LeftButton, {}, kernelGradient->cellRect(0, 2).center().toPoint());
    QCOMPARE(page.kernelGradient().tapRow, 0);
    QCOMPARE(page.kernelGradient().tapCol, 2);
    // Output (1, 0) meets padded (2, 2) = pixel (1, 1) = 6 with tap (0, 2).
    QCOMPARE(page.kernelGradient().total, 6.0);

    // A click on a term's link explains it.
    auto* terms = page.findChild<QTextBrowser*>(QStringLiteral("backwardTerms"));
    QVERIFY(terms != nullptr);
    QVERIFY(page.breakdownText().isEmpty());
    emit terms->anchorClicked(QUrl(QStringLiteral("x:0")));
    QString b = page.breakdownText();
    QVERIFY2(b.contains(QStringLiteral("1.000 × 9.000 = 9.000")), qPrintable(b));
    QVERIFY2(b.contains(QStringLiteral("K[1, 1, 3, 3] = 9.000")), qPrintable(b));
    QVERIFY2(b.contains(QStringLiteral("Y[1, 2, 1]")), qPrintable(b));
    emit terms->anchorClicked(QUrl(QStringLiteral("b:0")));
    QVERIFY2(page.breakdownText().contains(QStringLiteral("Σ δ · 1 = 1.000")), qPrintable(page.breakdownText()));
    emit terms->anchorClicked(QUrl(QStringLiteral("k:2")));  // the third output, (1, 0): δ = 1
    b = page.breakdownText();
    QVERIFY2(b.contains(QStringLiteral("1.000 × 6.000 = 6.000")), qPrintable(b));
    QVERIFY2(b.contains(QStringLiteral("x[1, 2, 2] = 6.000")), qPrintable(b));
    emit terms->anchorClicked(QUrl(QStringLiteral("k:0")));  // output (0, 0): δ = 0
    QVERIFY2(page.breakdownText().contains(QStringLiteral("does not depend on this output")),
             qPrintable(page.breakdownText()));
}

void TestStudioConvBackward::badSettingsClearThePage() {
    ConvSandbox box(registry());
    box.setInput(twoChannels());
    box.setSettings(settings(5, 1, 0, 1));  // no window fits
    QVERIFY(!box.probe().ok());
    QVERIFY(!box.backwardPage()->backward().ran());
    QVERIFY(box.backwardPage()->termsText().isEmpty());
    box.backwardPage()->setDeltaKind(DeltaKind::Loss);  // nothing to run, nothing breaks
    box.backwardPage()->chooseInputPixel(0, 9, 9);
    box.setSettings(settings(3, 1, 1, 1));
    QVERIFY(box.probe().ok());
    QVERIFY(box.backwardPage()->backward().ran());
    QVERIFY(box.backwardPage()->backward().agrees());
    QCOMPARE(box.backwardPage()->inputGradient().row, 2);  // clamped into the 3 × 3 image
}

// With the Korean translation the page's words are Korean: the listed sums, the chain-rule
// breakdown, the page's tab and the δ choices.
void TestStudioConvBackward::koreanThroughout() {
    QTranslator korean;
    QVERIFY(korean.load(QStringLiteral(":/i18n/conv_ko.qm")));
    QCoreApplication::installTranslator(&korean);
    {
        ConvSandbox box(registry());
        setUp(box, counting(3, 3), settings(2, 1, 0, 1), {1, 2, 3, 4}, {0.5F});
        BackwardPage& page = *box.backwardPage();
        page.setDeltaKind(DeltaKind::Loss);
        page.showTerm(BackwardPage::Terms::Input, 0);
        const QString text = page.termsText() + page.breakdownText();
        QVERIFY2(text.contains(QStringLiteral("층의 backward()")) && text.contains(QStringLiteral("항")), qPrintable(text));
        for (const char* english : {"the ", "term", "output", "sum", "layer"})
            QVERIFY2(!text.contains(QLatin1String(english)), english);
        auto* pages = box.findChild<QTabWidget*>();
        QVERIFY(pages != nullptr);
        QCOMPARE(pages->tabText(2), QStringLiteral("역전파: 기울기"));
        auto* choices = page.findChild<QComboBox*>();
        QVERIFY(choices != nullptr);
        QCOMPARE(choices->itemText(0), QStringLiteral("모두 1 (E = ΣY)"));
    }
    QCoreApplication::removeTranslator(&korean);
}

QTEST_MAIN(TestStudioConvBackward)
#include "tst_studio_conv_backward.moc"
