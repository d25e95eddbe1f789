// Each step view alone: heatmap, controls, network view, chain-rule panel, optimizer
// state and the composite page, on small experiments written inline.
#include "stepview/chain_rule_panel.hpp"
#include "stepview/matrix_heatmap.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_controls.hpp"
#include "stepview/step_view.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QTreeWidget>

#include <cmath>

using namespace deepstep;
using namespace deepstep::studio;

namespace {

// The lecture's 3-2-2 example (w1..w10), one example, plain SGD.
Json seedsExperiment() {
    return Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "name": "seeds", "seed": 1,
      "model": {"input": [3], "layers": [
        {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid", "use_bias": false,
         "parameters": {"weight": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]}},
        {"type": "dense", "name": "out", "units": 2, "activation": "sigmoid", "use_bias": false,
         "parameters": {"weight": [[0.7, 0.8], [0.9, 1.0]]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "sgd", "learning_rate": 0.5},
      "dataset": {"type": "inline", "inputs": [[1.0, 0.5, -1.0]], "targets": [[1.0, 0.0]]},
      "training": {"epochs": 1, "batch_size": 1, "shuffle": false}})");
}

Json xorExperiment(const std::string& optimizer = "sgd", int hidden = 2) {
    Json j = Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "name": "xor", "seed": 42,
      "model": {"input": [2], "layers": [
        {"type": "dense", "name": "hidden", "units": 2, "activation": "sigmoid",
         "parameters": {"weight": [[0.6, -0.5], [-0.4, 0.7]], "bias": [0.0, 0.0]}},
        {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid",
         "parameters": {"weight": [[0.5], [0.5]], "bias": [0.0]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "sgd", "learning_rate": 2.0},
      "dataset": {"type": "xor"},
      "training": {"epochs": 10, "batch_size": 4, "shuffle": false}})");
    j["optimizer"]["type"] = optimizer;
    if (hidden != 2) {
        j["model"]["layers"][0]["units"] = hidden;
        j["model"]["layers"][0].erase("parameters");
        j["model"]["layers"][1].erase("parameters");
    }
    return j;
}

Registry makeRegistry() {
    Registry r;
    backprop::registerComponents(r);
    toy::registerComponents(r);
    return r;
}

const double kSeedsO1 = 0.6707603140412121;
const double kSeedsH1 = 0.43782349911420193;
const double kSeedsDw7 = -0.03183396866738951;  // (o1 − t1) · o1(1 − o1) · h1, by hand in double

bool close(double a, double b, double rel = 1e-5) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b)); }

}  // namespace

class TestStepViews : public QObject {
    Q_OBJECT

private slots:
    void heatmapScaleAndColours();
    void heatmapTooltipsAndShapes();
    void controlsEnableTheStageThatComesNext();
    void controlsShortcutsStepTheSession();
    void controlsRunAndPause();
    void networkViewRevealsLayerByLayer();
    void networkViewClickSelectsWeight();
    void networkViewSwitchesToHeatmapsForWideLayers();
    void chainPanelFollowsTheStages();
    void chainPanelOutputWeightMatchesTheLecture();
    void chainPanelSinglePathIsWrittenToTheInput();
    void chainPanelBadParameter();
    void optimizerViewShowsMomentumVelocity();
    void stepViewWiresSelection();
    void koreanTranslationLoads();

private:
    Registry registry_ = makeRegistry();
};

void TestStepViews::heatmapScaleAndColours() {
    MatrixHeatmap m;
    m.setMatrix(2, 3, {1.0, -2.0, 0.0, 0.5, 4.0, -4.0});
    QCOMPARE(m.rows(), 2);
    QCOMPARE(m.columns(), 3);
    QCOMPARE(m.value(1, 1), 4.0);
    QCOMPARE(m.scaleMax(), 4.0);
    QCOMPARE(m.colorFor(0.0), QColor(Qt::white));
    const QColor pos = m.colorFor(4.0);
    const QColor neg = m.colorFor(-4.0);
    QVERIFY(pos.blue() > pos.red());
    QVERIFY(neg.red() > neg.blue());
    // Half the scale is halfway to the full colour.
    const QColor half = m.colorFor(2.0);
    QVERIFY(half.red() > pos.red() && half.red() < 255);
    // A wrong number of values shows nothing instead of reading past the end.
    m.setMatrix(2, 2, {1.0, 2.0, 3.0});
    QVERIFY(!m.hasData());
    m.setMatrix(1, 1, {0.0});
    QCOMPARE(m.scaleMax(), 1.0);
}

void TestStepViews::heatmapTooltipsAndShapes() {
    MatrixHeatmap m;
    m.resize(300, 260);
    m.setTensor(Tensor(Shape{2, 2, 3}, std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
    QCOMPARE(m.rows(), 2);
    QCOMPARE(m.columns(), 6);
    QCOMPARE(m.value(1, 0), 7.0);
    m.setTensor(Tensor(Shape{4}, std::vector<float>{1, -1, 2, -2}));
    QCOMPARE(m.rows(), 1);
    QCOMPARE(m.columns(), 4);
    QCOMPARE(m.cellText(0, 3), QStringLiteral("row 0, column 3: -2"));
    // The centre of the widget falls in a cell; a corner does not.
    const QPoint c = m.cellAt(QPoint(150, 130));
    QVERIFY(c.x() >= 0 && c.y() == 0);
    QCOMPARE(m.cellAt(QPoint(1, 1)), QPoint(-1, -1));
    m.clear(QStringLiteral("later"));
    QVERIFY(!m.hasData());
    QCOMPARE(m.cellAt(QPoint(150, 130)), QPoint(-1, -1));
}

void TestStepViews::controlsEnableTheStageThatComesNext() {
    StepSession s(registry_);
    StepControls c(s);
    QVERIFY(!c.forwardAction()->isEnabled());
    s.load(seedsExperiment());
    QVERIFY(c.forwardAction()->isEnabled());
    QVERIFY(!c.backwardAction()->isEnabled());
    QVERIFY(!c.updateAction()->isEnabled());
    QVERIFY(!c.undoAction()->isEnabled());
    c.forwardAction()->trigger();
    QCOMPARE(s.phase(), StepSession::Phase::Forward);
    QVERIFY(c.statusText().contains(QStringLiteral("layer 1 of 2")));
    QVERIFY(c.statusText().contains(QStringLiteral("iteration 1")));
    QVERIFY(c.undoAction()->isEnabled());
    c.forwardAction()->trigger();
    QVERIFY(!c.forwardAction()->isEnabled());
    QVERIFY(c.backwardAction()->isEnabled());
    c.backwardAction()->trigger();
    c.backwardAction()->trigger();
    QVERIFY(!c.backwardAction()->isEnabled());
    QVERIFY(c.updateAction()->isEnabled());
    c.updateAction()->trigger();
    QCOMPARE(s.phase(), StepSession::Phase::Updated);
    // The batch loss is the engine's: ½((o1 − 1)² + o2²).
    const double o2 = 0.6900653430559331;
    const double loss = 0.5 * ((kSeedsO1 - 1) * (kSeedsO1 - 1) + o2 * o2);
    QVERIFY2(c.statusText().contains(formatNumber(loss)), qPrintable(c.statusText()));
    c.undoAction()->trigger();
    QCOMPARE(s.phase(), StepSession::Phase::Backward);
    c.resetAction()->trigger();
    QCOMPARE(s.phase(), StepSession::Phase::Ready);
    QCOMPARE(s.iteration(), 0LL);
    QCOMPARE(c.stepActions().size(), 7);
}

void TestStepViews::controlsShortcutsStepTheSession() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    StepControls c(s);
    QCOMPARE(c.forwardAction()->shortcut(), QKeySequence(Qt::Key_F));
    QCOMPARE(c.backwardAction()->shortcut(), QKeySequence(Qt::Key_B));
    QCOMPARE(c.updateAction()->shortcut(), QKeySequence(Qt::Key_U));
    QCOMPARE(c.iterationAction()->shortcut(), QKeySequence(Qt::Key_Space));
    QCOMPARE(c.runAction()->shortcut(), QKeySequence(Qt::Key_R));
    QCOMPARE(c.undoAction()->shortcut(), QKeySequence(QKeySequence::Undo));
    QCOMPARE(c.resetAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_R));
    c.show();
    c.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&c));
    QTest::keyClick(&c, Qt::Key_F);
    QCOMPARE(s.phase(), StepSession::Phase::Forward);
    QCOMPARE(s.revealed(), 1);
    QTest::keyClick(&c, Qt::Key_F);
    QTest::keyClick(&c, Qt::Key_B);
    QCOMPARE(s.phase(), StepSession::Phase::Backward);
    QTest::keyClick(&c, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(s.phase(), StepSession::Phase::Forward);
    QTest::keyClick(&c, Qt::Key_Space);
    QCOMPARE(s.phase(), StepSession::Phase::Updated);
    QCOMPARE(s.iteration(), 1);
    QTest::keyClick(&c, Qt::Key_R, Qt::ControlModifier);
    QCOMPARE(s.iteration(), 0LL);
}

void TestStepViews::controlsRunAndPause() {
    StepSession s(registry_);
    s.load(xorExperiment());
    StepControls c(s);
    QSignalSpy running(&c, &StepControls::runningChanged);
    c.setInterval(10);
    QCOMPARE(c.interval(), 10);
    c.runAction()->trigger();
    QVERIFY(c.isRunning());
    QVERIFY(!c.forwardAction()->isEnabled());
    QTRY_VERIFY(s.iteration() >= 3);
    c.runAction()->trigger();
    QVERIFY(!c.isRunning());
    QCOMPARE(running.count(), 2);
    const long long stopped = s.iteration();
    QTest::qWait(60);
    QCOMPARE(s.iteration(), stopped);
    QCOMPARE(s.phase(), StepSession::Phase::Updated);
}

void TestStepViews::networkViewRevealsLayerByLayer() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    NetworkView v(s);
    v.resize(900, 600);
    QVERIFY(v.isGraphMode());
    QCOMPARE(v.nodeName(-1, 2), QStringLiteral("x3"));
    QCOMPARE(v.nodeName(0, 1), QStringLiteral("h2"));
    QCOMPARE(v.nodeName(1, 0), QStringLiteral("o1"));
    QVERIFY(v.nodeText(0, 0).isEmpty());
    QVERIFY(v.nodeText(5, 0).isEmpty());
    // The lecture's numbering: w7 joins h1 to o1, w9 h2 to o1.
    QCOMPARE(v.edgeText(1, 0, 0), QStringLiteral("w7 = 0.7"));
    QCOMPARE(v.edgeText(1, 1, 0), QStringLiteral("w9 = 0.9"));
    QCOMPARE(v.edgeText(0, 2, 1), QStringLiteral("w6 = 0.6"));
    QCOMPARE(v.highlightedLayer(), -1);

    s.forwardLayer();
    QCOMPARE(v.highlightedLayer(), 0);
    QCOMPARE(v.nodeText(-1, 2), QStringLiteral("x = -1"));
    QCOMPARE(v.nodeText(0, 0), QStringLiteral("z = -0.25\na = ") + formatNumber(kSeedsH1));
    QVERIFY(v.nodeText(1, 0).isEmpty());
    s.forwardLayer();
    QCOMPARE(v.nodeText(1, 0), QStringLiteral("z = %1\na = %2").arg(formatNumber(0.7116258517987113), formatNumber(kSeedsO1)));
    s.backwardLayer();
    QCOMPARE(v.highlightedLayer(), 1);
    const double deltaO1 = (kSeedsO1 - 1.0) * kSeedsO1 * (1 - kSeedsO1);
    QVERIFY(v.nodeText(1, 0).endsWith(QStringLiteral("δ = ") + formatNumber(deltaO1)));
    QVERIFY(!v.nodeText(0, 0).contains(QStringLiteral("δ")));
    QCOMPARE(v.edgeText(1, 0, 0), QStringLiteral("w7 = 0.7\n∂E/∂w7 = ") + formatNumber(kSeedsDw7));
    QCOMPARE(v.edgeLabel(1, 0, 0), QStringLiteral("∂E/∂w7 = ") + formatNumber(kSeedsDw7));
    QCOMPARE(v.edgeLabel(0, 0, 0), QStringLiteral("w1 = 0.1"));
    s.backwardLayer();
    s.applyUpdate();
    // After the update the edge is drawn with the new weight, w7 − 0.5 · ∂E/∂w7.
    const double w7after = 0.7 - 0.5 * kSeedsDw7;
    QVERIFY(close(v.edgeWeight(1, 0, 0), w7after));
    QCOMPARE(v.edgeLabel(1, 0, 0), QStringLiteral("Δw7 = ") + formatNumber(-0.5 * kSeedsDw7));
    QCOMPARE(v.highlightedLayer(), -1);
    v.grab();  // paints without a crash with every line present
}

void TestStepViews::networkViewClickSelectsWeight() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    NetworkView v(s);
    v.resize(1000, 700);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QSignalSpy spy(&v, &NetworkView::weightSelected);
    const QPoint at = v.canvas()->mapFrom(&v, v.edgePosition(1, 1, 0));
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, at);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("out.weight"));
    QCOMPARE(spy.at(0).at(1).toInt(), 1);
    QCOMPARE(spy.at(0).at(2).toInt(), 0);
    QVERIFY(v.infoText().contains(QStringLiteral("w9 = 0.9")));
    // Hovering another edge shows that one in the info box.
    QTest::mouseMove(v.canvas(), v.canvas()->mapFrom(&v, v.edgePosition(0, 0, 1)));
    QTRY_VERIFY(v.infoText().contains(QStringLiteral("w2 = 0.2")));
    // No bias here: clicking a node selects nothing; empty space neither.
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, v.canvas()->mapFrom(&v, v.nodePosition(1, 0)));
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(spy.count(), 1);

    // With biases, a node click selects the unit's bias.
    s.load(xorExperiment());
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, v.canvas()->mapFrom(&v, v.nodePosition(0, 1)));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("hidden.bias"));
    QCOMPARE(spy.at(1).at(2).toInt(), 1);
}

void TestStepViews::networkViewSwitchesToHeatmapsForWideLayers() {
    StepSession s(registry_);
    s.load(xorExperiment("sgd", 12));
    NetworkView v(s);
    QVERIFY(!v.isGraphMode());
    MatrixHeatmap* w = v.heatmap(QStringLiteral("hidden.weight"), NetworkView::HeatmapKind::Value);
    MatrixHeatmap* g = v.heatmap(QStringLiteral("hidden.weight"), NetworkView::HeatmapKind::Gradient);
    MatrixHeatmap* d = v.heatmap(QStringLiteral("hidden.weight"), NetworkView::HeatmapKind::Update);
    QVERIFY(w && g && d);
    QCOMPARE(v.heatmaps().size(), 4 * 3);
    QCOMPARE(w->rows(), 2);
    QCOMPARE(w->columns(), 12);
    QVERIFY(!g->hasData());
    s.fullIteration();
    const StepRecord* r = s.record();
    const ParameterRecord* p = findParameter(*r, "hidden.weight");
    QVERIFY(g->hasData() && d->hasData());
    for (int c = 0; c < 12; ++c) {
        QCOMPARE(g->value(1, c), static_cast<double>(p->grad[12 + static_cast<std::size_t>(c)]));
        QCOMPARE(d->value(0, c), static_cast<double>(p->update[static_cast<std::size_t>(c)]));
        QCOMPARE(w->value(0, c), static_cast<double>(p->valueAfter[static_cast<std::size_t>(c)]));
    }
    // Back to a small network: nodes and edges again.
    s.load(seedsExperiment());
    QVERIFY(v.isGraphMode());
    QCOMPARE(v.edgeText(1, 0, 0), QStringLiteral("w7 = 0.7"));
}

void TestStepViews::chainPanelFollowsTheStages() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    ChainRulePanel c(s);
    QVERIFY(c.factorValues().isEmpty());
    c.selectWeight(QStringLiteral("out.weight"), 0, 0);
    QCOMPARE(c.chain().status, GradientChain::Status::NoRecord);
    QCOMPARE(c.chain().target, QStringLiteral("∂E/∂w7"));
    s.forwardLayer();
    s.forwardLayer();
    QCOMPARE(c.chain().status, GradientChain::Status::NotYetComputed);
    QVERIFY(c.factorValues().isEmpty());
    QVERIFY(c.formulaText().isEmpty());
    s.backwardLayer();
    QCOMPARE(c.chain().status, GradientChain::Status::Ready);
    QCOMPARE(c.factorValues().size(), 3);
    // The hidden layer's weights wait for the next backward step.
    c.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    QCOMPARE(c.chain().status, GradientChain::Status::NotYetComputed);
    s.backwardLayer();
    QCOMPARE(c.chain().status, GradientChain::Status::Ready);
    QVERIFY(!c.chain().update);
    s.applyUpdate();
    QVERIFY(c.chain().update);
    QVERIFY(c.displayedText().contains(QStringLiteral("Δ = ")));
    // A new experiment clears the selection.
    s.load(xorExperiment());
    QVERIFY(c.parameter().isEmpty());
}

void TestStepViews::chainPanelOutputWeightMatchesTheLecture() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    ChainRulePanel c(s);
    s.forwardLayer();
    s.forwardLayer();
    s.backwardLayer();
    c.selectWeight(QStringLiteral("out.weight"), 0, 0);
    const QVector<double> f = c.factorValues();
    QCOMPARE(f.size(), 3);
    QVERIFY(close(f[0], kSeedsO1 - 1.0));
    QVERIFY(close(f[1], kSeedsO1 * (1 - kSeedsO1)));
    QVERIFY(close(f[2], kSeedsH1));
    QVERIFY(close(f[0] * f[1] * f[2], kSeedsDw7));
    const QStringList lines = c.formulaText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QStringLiteral("∂E/∂w7 = ∂E/∂o1 · ∂o1/∂z_o1 · ∂z_o1/∂w7"));
    QVERIFY(lines[1].endsWith(QStringLiteral("= (o1 − t1) · o1(1 − o1) · h1")));
    QVERIFY(lines[3].endsWith(QStringLiteral("= ") + formatNumber(kSeedsDw7)));

    // w1 sits behind both outputs: ∂E/∂h1 is a sum written out with w7 and w8.
    s.backwardLayer();
    c.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    const QVector<double> g = c.factorValues();
    QCOMPARE(g.size(), 3);
    QVERIFY(close(g[0], 0.06717355600396836));
    QVERIFY(close(g[1], kSeedsH1 * (1 - kSeedsH1)));
    QCOMPARE(g[2], 1.0);
    QVERIFY(close(g[0] * g[1] * g[2], 0.016533701591259446));
    QVERIFY(c.chain().derivation.join(QLatin1Char('\n')).contains(QStringLiteral("∂E/∂h1 = δ_o1 · w7 + δ_o2 · w8")));
    QVERIFY(c.formulaText().contains(QStringLiteral("∂E/∂h1 · ∂h1/∂z_h1 · ∂z_h1/∂w1")));
}

void TestStepViews::chainPanelSinglePathIsWrittenToTheInput() {
    // XOR 2-2-1: one output, so ∂E/∂w of a hidden weight is the lecture's five factors.
    StepSession s(registry_);
    s.load(xorExperiment());
    ChainRulePanel c(s);
    s.fullIteration();
    c.setExample(2);  // inputs (1, 0), target 1
    c.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    const QVector<double> f = c.factorValues();
    QCOMPARE(f.size(), 5);
    const double o = 0.625181122433578;
    const double h1 = 0.6456563062257954;
    QVERIFY(close(f[0], (o - 1.0) / 4));
    QVERIFY(close(f[1], o * (1 - o)));
    QCOMPARE(f[2], 0.5);
    QVERIFY(close(f[3], h1 * (1 - h1)));
    QCOMPARE(f[4], 1.0);
    QVERIFY(close(c.chain().product(), -0.0025117990146223345));
    QVERIFY(c.formulaText().contains(QStringLiteral("(o1 − t1) / 4 · o1(1 − o1) · w5 · h1(1 − h1) · x1")));
    // The engine's gradient is the batch total.
    QVERIFY(close(*c.chain().recordGradient, 0.0020400901318571737));
    QVERIFY(c.displayedText().contains(QStringLiteral("example 3 of the batch of 4")));
    // A bias: δ times 1.
    c.selectWeight(QStringLiteral("out.bias"), 0, 0);
    QCOMPARE(c.factorValues().size(), 3);
    QCOMPARE(c.factorValues().back(), 1.0);
    QCOMPARE(c.chain().target, QStringLiteral("∂E/∂b_o1"));
}

void TestStepViews::chainPanelBadParameter() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    ChainRulePanel c(s);
    s.fullIteration();
    c.selectWeight(QStringLiteral("nowhere.weight"), 0, 0);
    QCOMPARE(c.chain().status, GradientChain::Status::Invalid);
    c.selectWeight(QStringLiteral("out.weight"), 5, 0);
    QCOMPARE(c.chain().status, GradientChain::Status::Invalid);
    QVERIFY(c.factorValues().isEmpty());
}

void TestStepViews::optimizerViewShowsMomentumVelocity() {
    StepSession s(registry_);
    s.load(xorExperiment("momentum"));
    OptimizerStateView v(s);
    QCOMPARE(v.stepCount(), 0LL);
    QCOMPARE(v.learningRate(), 2.0);
    QVERIFY(v.parameterNames().isEmpty());
    s.forwardLayer();
    // The engine stepped already, but the view keeps the state before the update.
    QCOMPARE(v.stepCount(), 0LL);
    s.fullIteration();
    QCOMPARE(v.stepCount(), 1LL);
    QVERIFY(v.caption().contains(QStringLiteral("iteration 1")));
    QVERIFY(v.parameterNames().contains(QStringLiteral("hidden.weight")));
    QCOMPARE(v.slotNames(QStringLiteral("hidden.weight")), QStringList{QStringLiteral("velocity")});
    const Json& state = s.record()->optimizerState["parameters"]["hidden.weight"]["velocity"]["data"];
    const QVector<double> vel = v.slotValues(QStringLiteral("hidden.weight"), QStringLiteral("velocity"));
    QCOMPARE(vel.size(), 4);
    for (int i = 0; i < 4; ++i) QCOMPARE(vel[i], static_cast<double>(state[static_cast<std::size_t>(i)].get<float>()));
    // The tree lists the numbers of small slots.
    QTreeWidgetItem* hw = v.tree()->findItems(QStringLiteral("hidden.weight"), Qt::MatchExactly).value(0);
    QVERIFY(hw && hw->childCount() == 1);
    QVERIFY(hw->child(0)->text(1).contains(formatNumber(vel[0])));
    // Next iteration, forward: still the state after step 1.
    s.forwardLayer();
    QCOMPARE(v.stepCount(), 1LL);
    // Undo from the update back into the backward pass: the state before is not known.
    s.fullIteration();
    s.undo();
    QCOMPARE(s.phase(), StepSession::Phase::Forward);
    QVERIFY(v.shownState().is_null() || v.stepCount() == 1);
    s.reset();
    QCOMPARE(v.stepCount(), 0LL);
}

void TestStepViews::stepViewWiresSelection() {
    StepSession s(registry_);
    s.load(seedsExperiment());
    StepView view(s);
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.stepActions().size(), 7);
    QVERIFY(view.controls() && view.networkView() && view.chainRulePanel() && view.optimizerView());
    view.controls()->iterationAction()->trigger();
    NetworkView* nv = view.networkView();
    QTest::mouseClick(nv->canvas(), Qt::LeftButton, {}, nv->canvas()->mapFrom(nv, nv->edgePosition(1, 0, 0)));
    QCOMPARE(view.chainRulePanel()->parameter(), QStringLiteral("out.weight"));
    QCOMPARE(view.chainRulePanel()->factorValues().size(), 3);
    view.selectWeight(QStringLiteral("hidden.weight"), 2, 1);
    QCOMPARE(view.chainRulePanel()->chain().target, QStringLiteral("∂E/∂w6"));
    QVERIFY(nv->infoText().contains(QStringLiteral("w6")));
}

void TestStepViews::koreanTranslationLoads() {
    QTranslator ko;
    QVERIFY(ko.load(QStringLiteral(":/i18n/stepview_ko.qm")));
    StepSession s(registry_);
    s.load(seedsExperiment());
    StepControls c(s);
    ChainRulePanel panel(s);
    const QString english = c.forwardAction()->text();
    QCoreApplication::installTranslator(&ko);
    QCoreApplication::processEvents();  // LanguageChange is posted to the windows
    QVERIFY(c.forwardAction()->text() != english);
    QVERIFY(c.statusText().contains(QStringLiteral("반복")));
    QCoreApplication::removeTranslator(&ko);
    QCoreApplication::processEvents();
    QCOMPARE(c.forwardAction()->text(), english);
}

QTEST_MAIN(TestStepViews)
#include "tst_studio_stepview.moc"
