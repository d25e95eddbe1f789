// The convolution sandbox (app/conv) on the real conv2d layer: output sizes as the
// formula gives them, the sum shown for one output against hand-computed values and the
// layer's own output, the im2col view against the engine's buffer, and bad settings
// answered with a message.
#include "conv/conv_sandbox.hpp"
#include "conv/grid_view.hpp"

#include "support/conv_test_support.hpp"

#include <QApplication>
#include <QTest>

#include <cmath>

using namespace deepstep;
using namespace deepstep::studio::conv;

namespace {

Registry& registry() { return test::cnnRegistry(); }
using test::setParameter;
using test::twoChannels;

ConvSettings settings(int k, int s, int p, int d, bool same = false) {
    ConvSettings c;
    c.kernel = k;
    c.stride = s;
    c.padding = p;
    c.samePadding = same;
    c.dilation = d;
    c.filters = 1;
    return c;
}

GridView* outputGrid(ConvSandbox& box) {
    // The output map is the grid whose title invites a click on a value.
    for (GridView* g : box.findChildren<GridView*>()) {
        if (g->rows() == box.probe().outputHeight() && g->cols() == box.probe().outputWidth() &&
            g->values() == box.probe().outputMap(box.chosenFilter()))
            return g;
    }
    return nullptr;
}

}  // namespace

class TestStudioConv : public QObject {
    Q_OBJECT
private slots:
    void outputSizeFollowsTheFormula_data();
    void outputSizeFollowsTheFormula();
    void displayedSumIsTheLayersOutput();
    void paddingAndStrideInTheSum();
    void depthwiseSumsOneChannel();
    void im2colIsTheEnginesBuffer();
    void parameterCountsSideBySide();
    void stepAndArrowKeysMoveTheWindow();
    void badSettingsGiveAMessage();
    void missingDatasetFallsBackToTheGrid();
};

void TestStudioConv::outputSizeFollowsTheFormula_data() {
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("s");
    QTest::addColumn<int>("p");
    QTest::addColumn<int>("d");
    QTest::addColumn<bool>("same");
    QTest::addColumn<int>("expected");
    // On the 8 × 8 grid: out = ⌊(8 + 2p − d(k − 1) − 1) / s⌋ + 1, worked by hand.
    QTest::newRow("k3 s1 p1 d1") << 3 << 1 << 1 << 1 << false << 8;    // ⌊7 / 1⌋ + 1
    QTest::newRow("k3 s2 p1 d1") << 3 << 2 << 1 << 1 << false << 4;    // ⌊7 / 2⌋ + 1
    QTest::newRow("k3 s1 p0 d2") << 3 << 1 << 0 << 2 << false << 4;    // ⌊3 / 1⌋ + 1
    QTest::newRow("k2 s3 p0 d1") << 2 << 3 << 0 << 1 << false << 3;    // ⌊6 / 3⌋ + 1
    QTest::newRow("k5 s1 same") << 5 << 1 << 0 << 1 << true << 8;      // = in
    QTest::newRow("k3 s3 same d2") << 3 << 3 << 0 << 2 << true << 3;   // ⌈8 / 3⌉
}

void TestStudioConv::outputSizeFollowsTheFormula() {
    QFETCH(int, k);
    QFETCH(int, s);
    QFETCH(int, p);
    QFETCH(int, d);
    QFETCH(bool, same);
    QFETCH(int, expected);
    ConvSandbox box(registry());
    box.setSettings(settings(k, s, p, d, same));
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    QCOMPARE(box.probe().inputHeight(), 8);
    QCOMPARE(box.probe().outputHeight(), expected);
    QCOMPARE(box.probe().outputWidth(), expected);
    QCOMPARE(box.probe().outputMap(0).size(), static_cast<std::size_t>(expected * expected));
    QVERIFY(outputGrid(box) != nullptr);
    QVERIFY2(box.outputSizeText().contains(QStringLiteral("= %1<br>").arg(expected)), qPrintable(box.outputSizeText()));
}

void TestStudioConv::displayedSumIsTheLayersOutput() {
    ConvSandbox box(registry());
    box.setSettings(settings(2, 1, 0, 1));
    box.setInput(twoChannels());
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    QCOMPARE(box.probe().outputHeight(), 2);
    // weight [1, 2, 2, 2]: channel 1 [[1, 0], [0, −1]], channel 2 all 0.5; bias 0.25.
    setParameter(box.layer(), "weight", {1, 0, 0, -1, 0.5F, 0.5F, 0.5F, 0.5F});
    setParameter(box.layer(), "bias", {0.25F});
    box.rerun();
    box.chooseOutput(0, 1, 0);
    // Output (1, 0), window rows 1–2 and columns 0–1 (from 0): channel 1: 4·1 + 8·(−1) = −4;
    // channel 2: (1 + 0 + 0 + 1)·0.5 = 1; with the bias −2.75.
    const OutputArithmetic& a = box.displayedArithmetic();
    QCOMPARE(a.terms.size(), std::size_t{8});
    QCOMPARE(a.channelSums.size(), std::size_t{2});
    QCOMPARE(a.channelSums[0], -4.0);
    QCOMPARE(a.channelSums[1], 1.0);
    QCOMPARE(box.displayedSum(), -2.75);
    QCOMPARE(a.layerValue, -2.75);
    QVERIFY(a.agrees);
    QVERIFY(box.message().isEmpty());
    QVERIFY2(box.arithmeticText().contains(QStringLiteral("= -2.750")), qPrintable(box.arithmeticText()));
    QVERIFY(box.arithmeticText().contains(QStringLiteral("+ bias 0.250")));

    // Clicking an output value chooses it.
    box.resize(1200, 700);
    box.show();
    QVERIFY(QTest::qWaitForWindowExposed(&box));
    GridView* out = outputGrid(box);
    QVERIFY(out != nullptr);
    QTest::mouseClick(out, Qt::LeftButton, {}, out->cellRect(0, 1).center().toPoint());
    QCOMPARE(box.chosenRow(), 0);
    QCOMPARE(box.chosenCol(), 1);
    // Window rows 0–1, columns 1–2: channel 1: 2 − 6 = −4; channel 2: (1 + 0 + 0 + 1)·0.5 = 1.
    QCOMPARE(box.displayedSum(), -2.75);
    box.chooseOutput(0, 0, 0);
    // Window rows 0–1, columns 0–1: channel 1: 1 − 5 = −4; channel 2: (0 + 1 + 1 + 0)·0.5 = 1.
    QCOMPARE(box.displayedSum(), -2.75);
    box.chooseOutput(0, 1, 1);
    // Channel 1: 5 − 9 = −4; channel 2: (0 + 1 + 1 + 0)·0.5 = 1.
    QCOMPARE(box.displayedArithmetic().layerValue, -2.75);

    // A weight that makes the channels differ: channel 2's kernel [[2, 0], [0, 0]].
    setParameter(box.layer(), "weight", {1, 0, 0, -1, 2, 0, 0, 0});
    box.rerun();
    box.chooseOutput(0, 0, 1);
    // Channel 1: 2 − 6 = −4; channel 2: 2·1 = 2; + 0.25.
    QCOMPARE(box.displayedSum(), -1.75);
    QCOMPARE(box.displayedArithmetic().layerValue, -1.75);
}

void TestStudioConv::paddingAndStrideInTheSum() {
    ConvSandbox box(registry());
    box.setSettings(settings(2, 2, 1, 1));
    box.setInput(twoChannels());
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    // ⌊(3 + 2 − 1 − 1) / 2⌋ + 1 = 2.
    QCOMPARE(box.probe().outputHeight(), 2);
    QCOMPARE(box.probe().paddedHeight(), 5);
    setParameter(box.layer(), "weight", {1, 0, 0, -1, 0.5F, 0.5F, 0.5F, 0.5F});
    setParameter(box.layer(), "bias", {0.25F});
    box.rerun();
    box.chooseOutput(0, 0, 0);
    // Only the tap (1, 1) lands on the image, on pixel (0, 0): −1·1 + 0.5·0 + 0.25.
    QCOMPARE(box.displayedSum(), -0.75);
    QCOMPARE(box.displayedArithmetic().layerValue, -0.75);
    int inPadding = 0;
    for (const ConvTerm& t : box.displayedArithmetic().terms) inPadding += (t.paddedRow == 0 || t.paddedCol == 0) ? 1 : 0;
    QCOMPARE(inPadding, 6);  // three of four taps per channel fall on the zeros
}

void TestStudioConv::depthwiseSumsOneChannel() {
    ConvSandbox box(registry());
    ConvSettings s = settings(2, 1, 0, 1);
    s.groups = 2;
    s.filters = 2;
    s.bias = false;
    box.setInput(twoChannels());
    box.setSettings(s);
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    setParameter(box.layer(), "weight", {1, 1, 1, 1, 1, 1, 1, 1});
    box.rerun();
    box.chooseOutput(1, 0, 0);
    // Filter 2 sees channel 2 only: 0 + 1 + 1 + 0.
    QCOMPARE(box.displayedArithmetic().channels, std::vector<int>{1});
    QCOMPARE(box.displayedSum(), 2.0);
    QCOMPARE(box.displayedArithmetic().layerValue, 2.0);
    box.chooseOutput(0, 1, 1);
    QCOMPARE(box.displayedSum(), 5.0 + 6 + 8 + 9);
}

void TestStudioConv::im2colIsTheEnginesBuffer() {
    ConvSandbox box(registry());
    box.setSettings(settings(2, 1, 0, 1));
    box.setInput(twoChannels());
    const ConvProbe& p = box.probe();
    QCOMPARE(p.patch(), 8);
    const std::vector<float> engine = p.engineColumns(0);
    QVERIFY(!engine.empty());
    QCOMPARE(engine, p.unfold(0));
    // Column of output (1, 0) = position 2: channel 1 taps 4, 5, 7, 8; channel 2 1, 0, 0, 1.
    const std::vector<float> expected{4, 5, 7, 8, 1, 0, 0, 1};
    for (int r = 0; r < 8; ++r) QCOMPARE(engine[static_cast<std::size_t>(r * 4 + 2)], expected[static_cast<std::size_t>(r)]);
    box.chooseOutput(0, 1, 0);
    QVERIFY(box.im2colText().contains(QString::number(box.displayedArithmetic().layerValue, 'f', 3)));
}

void TestStudioConv::parameterCountsSideBySide() {
    ConvSandbox box(registry());
    box.setChannels(3);
    ConvSettings s = settings(3, 1, 1, 1);
    s.filters = 6;
    box.setSettings(s);
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    // plain 6·3·9 + 6 = 168; depthwise 3·9 + 3 = 30; separable 30 + 6·3 + 6 = 54.
    const QString t = box.parameterText();
    for (const char* n : {">168<", ">30<", ">54<"}) QVERIFY2(t.contains(QLatin1String(n)), qPrintable(t));
    QCOMPARE(box.probe().parameterCount(), std::size_t{168});
    s.groups = 3;
    box.setSettings(s);
    QCOMPARE(box.probe().parameterCount(), std::size_t{6 * 9 + 6});
}

void TestStudioConv::stepAndArrowKeysMoveTheWindow() {
    ConvSandbox box(registry());
    box.setSettings(settings(3, 2, 1, 1));  // 4 × 4 outputs
    box.chooseOutput(0, 0, 3);
    box.step();
    QCOMPARE(box.chosenRow(), 1);
    QCOMPARE(box.chosenCol(), 0);
    QTest::keyClick(&box, Qt::Key_Right);
    QTest::keyClick(&box, Qt::Key_Down);
    QCOMPARE(box.chosenRow(), 2);
    QCOMPARE(box.chosenCol(), 1);
    for (int i = 0; i < 6; ++i) QTest::keyClick(&box, Qt::Key_Down);
    QCOMPARE(box.chosenRow(), 3);  // stays inside the map
}

void TestStudioConv::badSettingsGiveAMessage() {
    ConvSandbox box(registry());
    box.setInput(twoChannels());
    box.setSettings(settings(5, 1, 0, 1));  // a 5 × 5 window on 3 × 3
    QVERIFY(!box.probe().ok());
    QVERIFY(box.message().contains(QStringLiteral("3 × 3")));
    QVERIFY(box.arithmeticText().isEmpty());
    box.setSettings(settings(3, 1, 0, 2));  // dilated: spans 5
    QVERIFY(!box.probe().ok());
    QVERIFY(box.message().contains(QStringLiteral("5 × 5")));
    box.step();  // nothing to step, nothing breaks
    box.chooseOutput(0, 1, 1);
    ConvSettings grouped = settings(1, 1, 0, 1);
    grouped.groups = 3;  // 2 channels
    box.setSettings(grouped);
    QVERIFY(!box.probe().ok());
    QVERIFY(box.message().contains(QStringLiteral("Groups")));
    box.setSettings(settings(5, 1, 1, 1));  // with padding, 5 fits 5
    QVERIFY2(box.probe().ok(), qPrintable(box.message()));
    QCOMPARE(box.probe().outputHeight(), 1);
    QVERIFY(box.message().isEmpty());
}

void TestStudioConv::missingDatasetFallsBackToTheGrid() {
    ConvSandbox box(registry());  // this registry offers no datasets
    box.setSource(ConvSandbox::Source::Digit);
    QVERIFY(box.message().contains(QStringLiteral("MNIST")));
    QVERIFY(box.probe().ok());
    QCOMPARE(box.probe().inputHeight(), 8);
}

QTEST_MAIN(TestStudioConv)
#include "tst_studio_conv.moc"
