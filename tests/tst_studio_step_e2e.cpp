// End to end: the lecture's experiments opened from their files, stepped forward and
// backward through the whole step page, and every number the network view and the
// chain-rule panel show compared with the engine's StepRecord (and with values worked
// out independently by hand).
#include "stepview/chain_rule_panel.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_controls.hpp"
#include "stepview/step_view.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QAction>
#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

#include <cmath>

using namespace deepstep;
using namespace deepstep::studio;

namespace {

Registry makeRegistry() {
    Registry r;
    backprop::registerComponents(r);
    toy::registerComponents(r);
    return r;
}

std::string experimentFile(const char* name) { return std::string(DEEPSTEP_SOURCE_EXPERIMENTS) + "/" + name; }

bool close(double a, double b, double rel = 1e-5) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b)); }

double value(const Tensor& t, int example, int unit) { return sampleValue(t, example, unit).value(); }

/// Checks every node and edge text of the view against the record, for the stages
/// the session has revealed. Returns the number of texts checked.
int checkNetworkAgainstRecord(StepSession& s, const NetworkView& v, int example) {
    const StepRecord* r = s.record();
    int checked = 0;
    if (!r) return checked;
    const NetworkLayout layout(s);
    for (int i = 0; i < layout.width(-1); ++i) {
        const QString expected = QStringLiteral("x = ") + formatNumber(value(r->layers[0].input, example, i));
        if (v.nodeText(-1, i) != expected) qWarning() << "input" << i << v.nodeText(-1, i) << expected;
        checked += v.nodeText(-1, i) == expected ? 1 : -1000;
    }
    for (int l = 0; l < s.layerCount(); ++l) {
        const LayerRecord& lr = r->layers[static_cast<std::size_t>(l)];
        for (int u = 0; u < layout.width(l); ++u) {
            QStringList lines;
            if (s.forwardShown(l)) {
                lines << QStringLiteral("z = ") + formatNumber(value(lr.preActivation, example, u));
                lines << QStringLiteral("a = ") + formatNumber(value(lr.output, example, u));
            }
            if (s.backwardShown(l)) lines << QStringLiteral("δ = ") + formatNumber(value(lr.gradPreActivation, example, u));
            if (!layout.biasParameter(l).empty()) {
                const ParameterRecord* b = findParameter(*r, layout.biasParameter(l));
                const Tensor& shown = s.updateShown() ? b->valueAfter : b->value;
                lines << QStringLiteral("b = ") + formatNumber(shown[static_cast<std::size_t>(u)]);
            }
            const QString expected = lines.join(QLatin1Char('\n'));
            if (v.nodeText(l, u) != expected) qWarning() << "node" << l << u << v.nodeText(l, u) << expected;
            checked += v.nodeText(l, u) == expected ? 1 : -1000;
        }
        const std::string& w = layout.weightParameter(l);
        const ParameterRecord* p = findParameter(*r, w);
        for (int i = 0; i < layout.width(l - 1); ++i) {
            for (int j = 0; j < layout.width(l); ++j) {
                const QString name = layout.weightName(w, i, j);
                const Tensor& shown = s.updateShown() ? p->valueAfter : p->value;
                QStringList lines{QStringLiteral("%1 = %2").arg(name, formatNumber(*matrixValue(shown, i, j)))};
                if (s.backwardShown(l)) lines << QStringLiteral("∂E/∂%1 = %2").arg(name, formatNumber(*matrixValue(p->grad, i, j)));
                if (s.updateShown()) lines << QStringLiteral("Δ%1 = %2").arg(name, formatNumber(*matrixValue(p->update, i, j)));
                const QString expected = lines.join(QLatin1Char('\n'));
                if (v.edgeText(l, i, j) != expected) qWarning() << "edge" << l << i << j << v.edgeText(l, i, j) << expected;
                checked += v.edgeText(l, i, j) == expected ? 1 : -1000;
            }
        }
    }
    return checked;
}

}  // namespace

class TestStepEndToEnd : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void xorForwardBackwardMatchesTheTrace();
    void xorChainOfEveryWeightSumsToTheEngineGradient();
    void seedsDw7IsTheLectureChain();
    void undoRestoresAndResetRepeats();
    void renderViews();

private:
    Registry registry_ = makeRegistry();
    QString shots_;
};

void TestStepEndToEnd::initTestCase() {
    shots_ = qEnvironmentVariable("DEEPSTEP_STEPVIEW_SHOTS");
    if (!shots_.isEmpty()) QDir().mkpath(shots_);
}

void TestStepEndToEnd::xorForwardBackwardMatchesTheTrace() {
    StepSession s(registry_);
    s.load(readJsonFile(experimentFile("xor_2_2_1_sigmoid.json")), QStringLiteral("xor"));
    StepView view(s);
    view.resize(1280, 800);
    NetworkView* nv = view.networkView();
    StepControls* c = view.controls();
    QCOMPARE(nv->exampleCount(), 0);

    c->forwardAction()->trigger();
    QCOMPARE(nv->exampleCount(), 4);
    QCOMPARE(checkNetworkAgainstRecord(s, *nv, 0), 2 + 2 + 4 + 1 + 2);
    // Independent check of example 1 (inputs 0, 0): z = 0, a = ½ in both hidden units.
    QCOMPARE(nv->nodeText(0, 1), QStringLiteral("z = 0\na = 0.5\nb = 0"));
    c->forwardAction()->trigger();
    c->backwardAction()->trigger();
    // Every example of the batch, as chosen in the view.
    for (int n = 0; n < 4; ++n) {
        nv->setExample(n);
        QCOMPARE(view.chainRulePanel()->example(), n);
        QVERIFY(checkNetworkAgainstRecord(s, *nv, n) > 0);
    }
    // Example 3: inputs (1, 0): hidden z = (0.6, −0.5), o = 0.625181.
    nv->setExample(2);
    QVERIFY(nv->nodeText(1, 0).startsWith(QStringLiteral("z = %1\na = %2").arg(formatNumber(0.5115984875119703),
                                                                               formatNumber(0.625181122433578))));
    c->backwardAction()->trigger();
    QVERIFY(checkNetworkAgainstRecord(s, *nv, 2) > 0);
    // ∂E/∂w of the output layer, summed over the batch, worked out by hand.
    QCOMPARE(nv->edgeText(1, 0, 0), QStringLiteral("w5 = 0.5\n∂E/∂w5 = ") + formatNumber(0.015697509425201477));
    QCOMPARE(nv->edgeText(0, 1, 1), QStringLiteral("w4 = 0.7\n∂E/∂w4 = ") + formatNumber(0.002167018696267022));
    c->updateAction()->trigger();
    QVERIFY(checkNetworkAgainstRecord(s, *nv, 2) > 0);
    QCOMPARE(view.optimizerView()->stepCount(), 1LL);
    QVERIFY(c->statusText().contains(formatNumber(0.1333109294446941)));
}

void TestStepEndToEnd::xorChainOfEveryWeightSumsToTheEngineGradient() {
    StepSession s(registry_);
    s.load(readJsonFile(experimentFile("xor_2_2_1_sigmoid.json")));
    StepView view(s);
    s.fullIteration();
    ChainRulePanel* panel = view.chainRulePanel();
    const StepRecord* r = s.record();
    for (const ParameterRecord& p : r->parameters) {
        const auto [rows, cols] = matrixShape(p.grad);
        for (int i = 0; i < rows; ++i) {
            for (int j = 0; j < cols; ++j) {
                view.selectWeight(QString::fromStdString(p.name), i, j);
                double total = 0.0;
                for (int n = 0; n < 4; ++n) {
                    view.networkView()->setExample(n);
                    QCOMPARE(panel->chain().status, GradientChain::Status::Ready);
                    total += panel->chain().product();
                }
                QVERIFY2(close(total, *matrixValue(p.grad, i, j), 1e-5),
                         qPrintable(QStringLiteral("%1[%2][%3]").arg(QString::fromStdString(p.name)).arg(i).arg(j)));
                QCOMPARE(*panel->chain().recordGradient, *matrixValue(p.grad, i, j));
            }
        }
    }
}

void TestStepEndToEnd::seedsDw7IsTheLectureChain() {
    StepSession s(registry_);
    s.load(readJsonFile(experimentFile("seeds_forward_example.json")));
    StepView view(s);
    StepControls* c = view.controls();
    c->forwardAction()->trigger();
    c->forwardAction()->trigger();
    c->backwardAction()->trigger();
    NetworkView* nv = view.networkView();
    QCOMPARE(checkNetworkAgainstRecord(s, *nv, 0), 3 + 2 + 2 + 6 + 4);
    view.selectWeight(QStringLiteral("out.weight"), 0, 0);
    const StepRecord* r = s.record();
    const LayerRecord& out = r->layers[1];
    const QVector<double> f = view.chainRulePanel()->factorValues();
    QCOMPARE(f.size(), 3);
    // (o1 − t1): the record's ∂E/∂o1 (one example, so no 1/N); o1(1 − o1): δ / ∂E/∂o1; h1: the layer's input.
    QCOMPARE(f[0], value(out.gradOutput, 0, 0));
    QVERIFY(close(f[0], value(out.output, 0, 0) - value(r->target, 0, 0), 1e-6));
    QCOMPARE(f[1], value(out.gradPreActivation, 0, 0) / value(out.gradOutput, 0, 0));
    const double o1 = value(out.output, 0, 0);
    QVERIFY(close(f[1], o1 * (1 - o1), 1e-6));
    QCOMPARE(f[2], value(out.input, 0, 0));
    const double grad = *matrixValue(findParameter(*r, "out.weight")->grad, 0, 0);
    QVERIFY(close(f[0] * f[1] * f[2], grad, 1e-6));
    // The view shows the engine's number as the result, and the network's edge agrees.
    const QString formula = view.chainRulePanel()->formulaText();
    QVERIFY(formula.contains(QStringLiteral("(o1 − t1) · o1(1 − o1) · h1")));
    QVERIFY(formula.contains(QStringLiteral("%1 × %2 × %3").arg(formatNumber(f[0]), formatNumber(f[1]), formatNumber(f[2]))));
    QVERIFY(formula.endsWith(QStringLiteral("= ") + formatNumber(grad)));
    QVERIFY(nv->edgeText(1, 0, 0).endsWith(QStringLiteral("∂E/∂w7 = ") + formatNumber(grad)));
    // By hand: −0.0318340.
    QVERIFY(close(grad, -0.03183396866738951, 1e-5));

    // w1 after the second backward step: ∂E/∂h1 · h1(1 − h1) · x1 with ∂E/∂h1 the record's sum.
    c->backwardAction()->trigger();
    view.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    const LayerRecord& hidden = r->layers[0];
    const QVector<double> g = view.chainRulePanel()->factorValues();
    QCOMPARE(g.size(), 3);
    QCOMPARE(g[0], value(hidden.gradOutput, 0, 0));
    QCOMPARE(g[2], value(hidden.input, 0, 0));
    QVERIFY(close(g[0] * g[1] * g[2], *matrixValue(findParameter(*r, "hidden.weight")->grad, 0, 0), 1e-6));
    QVERIFY(close(*matrixValue(findParameter(*r, "hidden.weight")->grad, 0, 0), 0.016533701591259446, 1e-5));
}

void TestStepEndToEnd::undoRestoresAndResetRepeats() {
    StepSession s(registry_);
    s.load(readJsonFile(experimentFile("xor_2_2_1_sigmoid.json")));
    StepView view(s);
    StepControls* c = view.controls();
    NetworkView* nv = view.networkView();
    c->iterationAction()->trigger();
    const QString afterFirst = nv->edgeText(1, 0, 0);
    const QString nodeFirst = nv->nodeText(0, 0);
    const StepRecord first = *s.record();
    c->forwardAction()->trigger();
    c->forwardAction()->trigger();
    c->backwardAction()->trigger();
    QVERIFY(nv->nodeText(1, 0).contains(QStringLiteral("δ")));
    c->undoAction()->trigger();
    QVERIFY(!nv->nodeText(1, 0).contains(QStringLiteral("δ")));
    c->undoAction()->trigger();
    c->undoAction()->trigger();
    QCOMPARE(s.phase(), StepSession::Phase::Updated);
    QCOMPARE(nv->edgeText(1, 0, 0), afterFirst);
    QCOMPARE(nv->nodeText(0, 0), nodeFirst);
    // Stepping again after the undo computes the same second iteration as before.
    for (int i = 0; i < 5; ++i) c->iterationAction()->trigger();
    c->resetAction()->trigger();
    QCOMPARE(s.iteration(), 0LL);
    QCOMPARE(nv->edgeText(1, 0, 0), QStringLiteral("w5 = 0.5"));
    c->iterationAction()->trigger();
    QVERIFY(s.record()->parameters.size() == first.parameters.size());
    for (std::size_t i = 0; i < first.parameters.size(); ++i) {
        QVERIFY(s.record()->parameters[i].grad == first.parameters[i].grad);
        QVERIFY(s.record()->parameters[i].valueAfter == first.parameters[i].valueAfter);
    }
    QCOMPARE(nv->edgeText(1, 0, 0), afterFirst);
}

void TestStepEndToEnd::renderViews() {
    // Pictures of each view at the Studio's size, for a person to look at.
    StepSession s(registry_);
    s.load(readJsonFile(experimentFile("seeds_forward_example.json")));
    StepView view(s);
    view.resize(1280, 800);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const auto save = [this](QWidget* w, const QString& name) {
        QCoreApplication::processEvents();  // pending layout requests, as on screen
        const QPixmap shot = w->grab();
        QVERIFY(!shot.isNull());
        if (!shots_.isEmpty()) QVERIFY(shot.save(shots_ + QLatin1Char('/') + name));
    };
    save(&view, QStringLiteral("seeds_ready.png"));
    view.controls()->forwardAction()->trigger();
    save(&view, QStringLiteral("seeds_forward1.png"));
    view.controls()->forwardAction()->trigger();
    view.controls()->backwardAction()->trigger();
    view.selectWeight(QStringLiteral("out.weight"), 0, 0);
    save(&view, QStringLiteral("seeds_backward1_w7.png"));
    view.controls()->backwardAction()->trigger();
    view.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    save(&view, QStringLiteral("seeds_backward2_w1.png"));
    view.controls()->updateAction()->trigger();
    save(&view, QStringLiteral("seeds_updated.png"));
    {
        QTranslator ko;
        QVERIFY(ko.load(QStringLiteral(":/i18n/stepview_ko.qm")));
        QCoreApplication::installTranslator(&ko);
        QCoreApplication::processEvents();  // LanguageChange is posted to the windows
        QVERIFY(view.controls()->statusText().contains(QStringLiteral("업데이트 적용됨")));
        save(&view, QStringLiteral("seeds_updated_ko.png"));
        QCoreApplication::removeTranslator(&ko);
        QCoreApplication::processEvents();
    }

    Json xorMomentum = readJsonFile(experimentFile("xor_2_2_1_sigmoid.json"));
    xorMomentum["optimizer"]["type"] = "adam";
    xorMomentum["optimizer"]["learning_rate"] = 0.1;
    s.load(xorMomentum);
    view.controls()->iterationAction()->trigger();
    view.controls()->iterationAction()->trigger();
    view.controls()->forwardAction()->trigger();
    view.controls()->forwardAction()->trigger();
    view.controls()->backwardAction()->trigger();
    view.controls()->backwardAction()->trigger();
    view.networkView()->setExample(2);
    view.selectWeight(QStringLiteral("hidden.weight"), 0, 0);
    save(&view, QStringLiteral("xor_adam_backward.png"));

    Json wide = readJsonFile(experimentFile("xor_2_2_1_sigmoid.json"));
    wide["model"]["layers"][0]["units"] = 16;
    wide["model"]["layers"][0].erase("parameters");
    wide["model"]["layers"][1].erase("parameters");
    s.load(wide);
    view.controls()->iterationAction()->trigger();
    save(&view, QStringLiteral("wide_heatmaps.png"));
    // Clicking a cell of a heatmap selects that weight for the chain-rule panel.
    MatrixHeatmap* g = view.networkView()->heatmap(QStringLiteral("hidden.weight"), NetworkView::HeatmapKind::Gradient);
    QVERIFY(g && g->hasData());
    const QPoint cell = g->cellAt(QPoint(g->width() / 2, g->height() / 2));
    QVERIFY(cell.x() >= 0);
    QTest::mouseClick(g, Qt::LeftButton, {}, QPoint(g->width() / 2, g->height() / 2));
    QCOMPARE(view.chainRulePanel()->parameter(), QStringLiteral("hidden.weight"));
    QCOMPARE(view.chainRulePanel()->row(), cell.y());
    QCOMPARE(view.chainRulePanel()->column(), cell.x());
    QCOMPARE(view.chainRulePanel()->factorValues().size(), 5);
    save(&view, QStringLiteral("wide_heatmaps_selected.png"));
}

QTEST_MAIN(TestStepEndToEnd)
#include "tst_studio_step_e2e.moc"
