// Each step view alone: heatmap, controls, network view, chain-rule panel, optimizer
// state and the composite page, on small experiments written inline.
#include "stepview/chain_rule_panel.hpp"
#include "stepview/internals_view.hpp"
#include "stepview/matrix_heatmap.hpp"
#include "stepview/network_view.hpp"
#include "stepview/optimizer_state_view.hpp"
#include "stepview/step_controls.hpp"
#include "stepview/step_values.hpp"
#include "stepview/step_view.hpp"

#include "deepstep/activation.hpp"
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/lessons/lecture_names.hpp"
#include "deepstep/perceptron/perceptron.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QTabWidget>
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

// A layer type the Studio has never heard of: y = x Lᵀ + c with two units, its
// connection matrix stored [units, inputs] under a name of its own ("links",
// L[j][i] = (10 j + i + 1) / 10), its bias called "offset", and x Lᵀ kept as the
// internal "sum". The views can draw it only from what describe() says.
class WiresLayer : public Layer {
public:
    static constexpr std::size_t kUnits = 2;
    std::string type() const override { return "test_wires"; }
    Shape build(const Shape& in, Rng&) override {
        links_ = Parameter{"links", Tensor(Shape{kUnits, in[0]}), Tensor(Shape{kUnits, in[0]})};
        for (std::size_t j = 0; j < kUnits; ++j) {
            for (std::size_t i = 0; i < in[0]; ++i) {
                links_.value[j * in[0] + i] = static_cast<float>(10 * j + i + 1) / 10.0F;
            }
        }
        offset_ = Parameter{"offset", Tensor(Shape{kUnits}, 0.5F), Tensor(Shape{kUnits}), true, false};
        return Shape{kUnits};
    }
    Tensor forward(const Tensor& x, Mode) override {
        x_ = x;
        const std::size_t n = x.batch();
        const std::size_t in = x.sampleSize();
        sum_ = Tensor(Shape{n, kUnits});
        for (std::size_t s = 0; s < n; ++s) {
            for (std::size_t j = 0; j < kUnits; ++j) {
                for (std::size_t i = 0; i < in; ++i) sum_[s * kUnits + j] += x[s * in + i] * links_.value[j * in + i];
            }
        }
        Tensor y = sum_;
        for (std::size_t k = 0; k < y.size(); ++k) y[k] += offset_.value[k % kUnits];
        return y;
    }
    Tensor backward(const Tensor& dy) override {
        const std::size_t n = x_.batch();
        const std::size_t in = x_.sampleSize();
        sumGrad_ = dy;
        links_.grad = Tensor(links_.value.shape());
        offset_.grad = Tensor(offset_.value.shape());
        Tensor dx(x_.shape());
        for (std::size_t s = 0; s < n; ++s) {
            for (std::size_t j = 0; j < kUnits; ++j) {
                const float g = dy[s * kUnits + j];
                offset_.grad[j] += g;
                for (std::size_t i = 0; i < in; ++i) {
                    links_.grad[j * in + i] += g * x_[s * in + i];
                    dx[s * in + i] += g * links_.value[j * in + i];
                }
            }
        }
        return dx;
    }
    std::vector<Parameter*> parameters() override { return {&links_, &offset_}; }
    LayerView describe() const override {
        LayerView view;
        view.connections = "links";
        view.connectionsTransposed = true;
        view.bias = "offset";
        return view;
    }
    std::vector<Internal> internals() const override {
        return {Internal{"sum", &sum_, sumGrad_.empty() ? nullptr : &sumGrad_,
                         {"x times the links, before the offset", "오프셋을 더하기 전의 곱"}}};
    }

private:
    Parameter links_;
    Parameter offset_;
    Tensor x_;
    Tensor sum_;
    Tensor sumGrad_;
};

// An activation the Studio has never heard of, with its own derivative formula:
// f(z) = z + z²/2, f′(z) = 1 + z.
class HalfSquareActivation : public Activation {
public:
    std::string name() const override { return "test_half_square"; }
    Tensor forward(const Tensor& z) const override {
        Tensor a = z;
        for (std::size_t k = 0; k < a.size(); ++k) a[k] = z[k] + 0.5F * z[k] * z[k];
        return a;
    }
    Tensor backward(const Tensor& z, const Tensor&, const Tensor& da) const override {
        Tensor dz = da;
        for (std::size_t k = 0; k < dz.size(); ++k) dz[k] = da[k] * (1.0F + z[k]);
        return dz;
    }
    std::string derivativeFormula(double) const override { return "1 + z (half square)"; }
};

Registry makeRegistry() {
    Registry r;
    backprop::registerComponents(r);
    toy::registerComponents(r);
    perceptron::registerComponents(r);
    r.addLayer(componentInfo(Kind::Layer, "test_wires", {"test layer", "시험 층"}),
               [](const Options&) { return std::make_unique<WiresLayer>(); });
    r.addActivation(componentInfo(Kind::Activation, "test_half_square", {"test activation", "시험 활성화"}),
                    [](const Options&) { return std::make_unique<HalfSquareActivation>(); });
    return r;
}

// Inputs x1, x2 through the test layer and a sigmoid unit (or the test activation).
Json wiresExperiment(const std::string& activation = "sigmoid") {
    Json j = Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "name": "wires", "seed": 3,
      "model": {"input": [2], "layers": [
        {"type": "test_wires", "name": "wires"},
        {"type": "dense", "name": "out", "units": 1,
         "parameters": {"weight": [[0.5], [-0.25]], "bias": [0.1]}}]},
      "loss": {"type": "mse", "half": true},
      "optimizer": {"type": "sgd", "learning_rate": 0.1},
      "dataset": {"type": "inline", "inputs": [[1.0, 0.5]], "targets": [[1.0]]},
      "training": {"epochs": 1, "batch_size": 1, "shuffle": false}})");
    j["model"]["layers"][1]["activation"] = activation;
    return j;
}

// A residual block whose f is a sequential block and a dense layer: two levels deep.
Json nestedResidualExperiment() {
    return Json::parse(R"({
      "format": "deepstep.experiment", "version": 1, "name": "nested", "seed": 5,
      "model": {"input": [2], "layers": [
        {"type": "dense", "name": "stem", "units": 3, "activation": "tanh"},
        {"type": "residual", "name": "block", "layers": [
          {"type": "sequential", "name": "seq", "layers": [
            {"type": "dense", "name": "inner", "units": 3, "activation": "tanh"}]},
          {"type": "dense", "name": "back", "units": 3, "activation": "identity"}]},
        {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
      "loss": {"type": "binary_cross_entropy"},
      "optimizer": {"type": "sgd", "learning_rate": 0.1},
      "dataset": {"type": "xor"},
      "training": {"epochs": 1, "batch_size": 4, "shuffle": false}})");
}

Json experimentFile(const char* name) {
    return readJsonFile(std::string(DEEPSTEP_SOURCE_EXPERIMENTS) + "/" + name);
}

// Shows the view at a size where every node and edge has its place; true when drawn as a graph.
bool showGraph(NetworkView& v) {
    v.resize(1000, 700);
    v.show();
    return QTest::qWaitForWindowExposed(&v) && v.isGraphMode();
}

void stepWholeIteration(StepSession& s) {
    for (int i = 0; i < s.layerCount(); ++i) s.forwardLayer();
    for (int i = 0; i < s.layerCount(); ++i) s.backwardLayer();
}

const double kSeedsO1 = 0.6707603140412121;
const double kSeedsH1 = 0.43782349911420193;
const double kSeedsDw7 = -0.03183396866738951;  // (o1 − t1) · o1(1 − o1) · h1, by hand in double

bool close(double a, double b, double rel = 1e-5) { return std::fabs(a - b) <= rel * std::max(1.0, std::fabs(b)); }

}  // namespace

class TestStepViews : public QObject {
    Q_OBJECT

private slots:
    void networkViewEdgeLabelsNeverCoverEachOther_data();
    void networkViewEdgeLabelsNeverCoverEachOther();
    void studioNamesAreTheTerminals();
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
    void networkViewDrawsAnUnknownLayerFromItsDescription();
    void networkViewDrawsXorFromTwoPerceptrons();
    void networkViewDrawsResidualBlocksWithTheirSkip();
    void chainPanelShowsTheActivationsOwnFormula();
    void internalsViewShowsAnyLayersInternals();

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
    // No loss before the forward pass reaches the output.
    QVERIFY2(!c.statusText().contains(QStringLiteral("loss")), qPrintable(c.statusText()));
    QVERIFY(c.undoAction()->isEnabled());
    c.forwardAction()->trigger();
    QVERIFY(c.statusText().contains(QStringLiteral("batch loss")));
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

// The step view numbers units and weights itself (NetworkLayout, composites and sums
// included); the terminal's tables use LectureNames. On the lectures' networks a
// student must read the same name for the same element in both.
void TestStepViews::studioNamesAreTheTerminals() {
    for (const char* file : {"xor_2_2_1_sigmoid.json", "seeds_forward_example.json", "perceptron_and.json"}) {
        StepSession s(registry_);
        s.load(experimentFile(file));
        const NetworkLayout layout(s);
        const LectureNames names(s.network());
        QVERIFY2(names.available(), file);
        int checked = 0;
        for (int l = 0; l < layout.layerCount(); ++l) {
            for (int u = 0; u < layout.width(l); ++u) {
                QCOMPARE(layout.unitName(l, u).toStdString(), names.unitName(l, static_cast<std::size_t>(u)));
                const std::string& bias = layout.biasParameter(l);
                if (!bias.empty()) {
                    QCOMPARE(std::optional(layout.biasName(l, u).toStdString()),
                             names.elementName(bias, {static_cast<std::size_t>(u)}));
                    ++checked;
                }
            }
            const std::string& weight = layout.weightParameter(l);
            if (weight.empty()) continue;
            // Which stored element carries input i → unit j (the matrix may be stored
            // transposed): a tensor of the same shape holding each element's flat index.
            const Shape shape = s.network().parameter(weight)->value.shape();
            QCOMPARE(shape.rank(), std::size_t{2});
            Tensor flat(shape);
            for (std::size_t k = 0; k < flat.size(); ++k) flat[k] = static_cast<float>(k);
            for (int i = 0; i < layout.width(l - 1); ++i) {
                for (int j = 0; j < layout.width(l); ++j) {
                    const auto k = static_cast<std::size_t>(*layout.connection(flat, l, i, j));
                    QCOMPARE(std::optional(layout.weightName(weight, i, j).toStdString()),
                             names.elementName(weight, {k / shape[1], k % shape[1]}));
                    ++checked;
                }
            }
        }
        QVERIFY2(checked >= 3, file);
    }
}

void TestStepViews::networkViewEdgeLabelsNeverCoverEachOther_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("fontScale");
    QTest::addColumn<QSize>("size");
    // The network view's share of a 1366×768 window, normal and in presentation mode (×1.6).
    for (const char* file : {"xor_2_2_1_sigmoid.json", "seeds_forward_example.json"}) {
        for (double scale : {1.0, 1.6}) {
            for (const QSize size : {QSize(1000, 560), QSize(820, 470)}) {
                QTest::addRow("%s ×%.1f %dx%d", file, scale, size.width(), size.height())
                    << QString::fromLatin1(file) << scale << size;
            }
        }
    }
}

// Every edge label of the lecture's small networks is drawn whole, inside the view, and
// no two label rectangles meet: at each stage (w, ∂E/∂w, Δw), where edges cross too.
void TestStepViews::networkViewEdgeLabelsNeverCoverEachOther() {
    QFETCH(QString, file);
    QFETCH(double, fontScale);
    QFETCH(QSize, size);
    StepSession s(registry_);
    s.load(experimentFile(file.toLatin1().constData()));
    NetworkView v(s);
    QFont f = QApplication::font();
    f.setPointSizeF(f.pointSizeF() * fontScale);
    v.setFont(f);
    v.resize(size);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QVERIFY(v.isGraphMode());
    const auto check = [&](const char* stage) {
        v.grab();  // paints, and so places the labels
        const QRect canvas(v.canvas()->mapTo(&v, QPoint(0, 0)), v.canvas()->size());
        std::vector<std::pair<QString, QRect>> labels;
        const NetworkLayout& layout = *v.layout();
        for (int l = 0; l < layout.layerCount(); ++l) {
            for (int i = 0; i < layout.width(l - 1); ++i) {
                for (int j = 0; j < layout.width(l); ++j) {
                    if (v.edgeLabel(l, i, j).isEmpty()) continue;
                    const QRect r = v.edgeLabelRect(l, i, j);
                    QVERIFY2(!r.isEmpty(), qPrintable(QStringLiteral("%1: %2 not drawn").arg(stage, v.edgeLabel(l, i, j))));
                    QVERIFY2(canvas.contains(r), qPrintable(QStringLiteral("%1: %2 leaves the view").arg(stage, v.edgeLabel(l, i, j))));
                    labels.emplace_back(v.edgeLabel(l, i, j), r);
                }
            }
        }
        QCOMPARE(static_cast<int>(labels.size()), v.weightedEdgeCount());
        for (std::size_t a = 0; a < labels.size(); ++a) {
            for (std::size_t b = a + 1; b < labels.size(); ++b) {
                QVERIFY2(!labels[a].second.intersects(labels[b].second),
                         qPrintable(QStringLiteral("%1: %2 meets %3").arg(stage, labels[a].first, labels[b].first)));
            }
        }
    };
    check("weights");
    stepWholeIteration(s);
    check("gradients");
    s.applyUpdate();
    check("updates");
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

void TestStepViews::networkViewDrawsAnUnknownLayerFromItsDescription() {
    StepSession s(registry_);
    s.load(wiresExperiment());
    NetworkView v(s);
    QVERIFY(showGraph(v));
    // 2 × 2 edges into the test layer, 2 × 1 into the output; a bias on each of 3 units.
    QCOMPARE(v.weightedEdgeCount(), 6);
    QCOMPARE(v.biasCount(), 3);
    // Stored [units, inputs]: the edge from x2 to unit 1 of the layer is links[0][1].
    QVERIFY(close(v.edgeWeight(0, 1, 0), 0.2));
    QVERIFY(close(v.edgeWeight(0, 0, 1), 1.1));
    QCOMPARE(v.edgeLabel(0, 1, 0), QStringLiteral("w3 = 0.2"));
    QCOMPARE(v.edgeLabel(1, 1, 0), QStringLiteral("w6 = -0.25"));
    QVERIFY(v.nodeText(0, 1).contains(QStringLiteral("b = 0.5")));
    // Clickable like any connection: the signal names the parameter and the drawn direction.
    QSignalSpy spy(&v, &NetworkView::weightSelected);
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, v.canvas()->mapFrom(&v, v.edgePosition(0, 1, 0)));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("wires.links"));
    QCOMPARE(spy.at(0).at(1).toInt(), 1);
    QCOMPARE(spy.at(0).at(2).toInt(), 0);
    // After a step the gradient on that edge is read from the transposed matrix too.
    stepWholeIteration(s);
    const ParameterRecord* links = findParameter(*s.record(), "wires.links");
    QVERIFY(links);
    QCOMPARE(v.edgeLabel(0, 1, 0), QStringLiteral("∂E/∂w3 = ") + formatNumber(links->grad[1]));
}

void TestStepViews::networkViewDrawsXorFromTwoPerceptrons() {
    StepSession s(registry_);
    s.load(experimentFile("xor_two_perceptrons.json"));
    NetworkView v(s);
    QVERIFY(showGraph(v));
    QCOMPARE(v.layout()->layerCount(), 2);
    // x1, x2 to both hidden perceptrons, both to the output: 6 weighted edges, 3 biases.
    QCOMPARE(v.weightedEdgeCount(), 6);
    QCOMPARE(v.biasCount(), 3);
    QCOMPARE(v.edgeLabel(0, 0, 1), QStringLiteral("w2 = -1"));
    QCOMPARE(v.edgeLabel(1, 1, 0), QStringLiteral("w6 = 1"));
    QVERIFY(v.nodeText(0, 1).contains(QStringLiteral("b = 1.5")));
    QVERIFY(v.nodeText(1, 0).contains(QStringLiteral("b = -1.5")));
    QSignalSpy spy(&v, &NetworkView::weightSelected);
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, v.canvas()->mapFrom(&v, v.edgePosition(1, 1, 0)));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("out.weight"));
    QTest::mouseClick(v.canvas(), Qt::LeftButton, {}, v.canvas()->mapFrom(&v, v.nodePosition(1, 0)));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("out.bias"));
}

void TestStepViews::networkViewDrawsResidualBlocksWithTheirSkip() {
    StepSession s(registry_);
    s.load(nestedResidualExperiment());
    NetworkView v(s);
    QVERIFY(showGraph(v));
    const NetworkLayout* l = v.layout();
    // stem, block.seq.inner, block.back, the block's sum, out.
    QCOMPARE(l->layerCount(), 5);
    QCOMPARE(l->layerName(1), std::string("block.seq.inner"));
    QCOMPARE(l->groups(1), (std::vector<std::string>{"block", "block.seq"}));
    QCOMPARE(l->groups(2), std::vector<std::string>{"block"});
    QVERIFY(l->isSum(3) && !l->isSum(2));
    QCOMPARE(l->skipSource(3), 0);
    QCOMPARE(l->networkLayer(2), 1);
    QCOMPARE(v.skipConnectionCount(), 1);
    QCOMPARE(v.weightedEdgeCount(), 2 * 3 + 3 * 3 + 3 * 3 + 3 * 1);
    QCOMPARE(l->weightParameter(2), std::string("block.back.weight"));
    // Weights are numbered on through the block: stem w1–w6, inner w7–w15, back from w16.
    QCOMPARE(v.edgeLabel(2, 0, 0).left(4), QStringLiteral("w16 "));
    // Values inside the block come from its internals, the sum from its own output.
    stepWholeIteration(s);
    const LayerRecord& block = s.record()->layers.at(1);
    QVERIFY(v.nodeText(3, 0).contains(QStringLiteral("a = ") + formatNumber(block.output[0])));
    const InternalRecord* inner = nullptr;
    for (const InternalRecord& in : block.internals) {
        if (in.name == "seq.output") inner = &in;
    }
    QVERIFY(inner);
    QVERIFY(v.nodeText(1, 2).contains(QStringLiteral("a = ") + formatNumber(inner->value[2])));
    // The residual experiment of the lecture draws the same way.
    s.load(experimentFile("residual_circle.json"));
    QCOMPARE(v.layout()->layerCount(), 5);
    QCOMPARE(v.skipConnectionCount(), 1);
    QCOMPARE(v.weightedEdgeCount(), 2 * 6 + 6 * 6 + 6 * 6 + 6 * 1);
}

void TestStepViews::chainPanelShowsTheActivationsOwnFormula() {
    StepSession s(registry_);
    s.load(wiresExperiment("test_half_square"));
    ChainRulePanel panel(s);
    panel.selectWeight(QStringLiteral("out.weight"), 0, 0);
    stepWholeIteration(s);
    // f′ is written as the activation gives it, with the unit's names for z and a.
    QVERIFY2(panel.formulaText().contains(QStringLiteral("1 + z_o1 (half square)")), qPrintable(panel.formulaText()));
    QVERIFY(panel.displayedText().contains(QStringLiteral("f′(z) = 1 + z (half square)")));
    // Its value is the engine's: f′(z) = 1 + z at the recorded z.
    const double z = s.record()->layers.at(1).preActivation[0];
    const QVector<double> factors = panel.factorValues();
    QCOMPARE(factors.size(), 3);
    QVERIFY(close(factors[1], 1.0 + z, 1e-4));
}

void TestStepViews::internalsViewShowsAnyLayersInternals() {
    StepSession s(registry_);
    s.load(wiresExperiment());
    InternalsView v(s);
    v.setLayer(0);
    QCOMPARE(v.internalNames(), QStringList{QStringLiteral("sum")});
    QVERIFY(v.labelText(QStringLiteral("sum")).contains(QStringLiteral("x times the links, before the offset")));
    QVERIFY(!v.valueHeatmap(QStringLiteral("sum"))->hasData());
    s.forwardLayer();
    // x = (1, 0.5): sum_j = Σ_i x_i L[j][i] = 1·0.1 + 0.5·0.2 and 1·1.1 + 0.5·1.2.
    MatrixHeatmap* value = v.valueHeatmap(QStringLiteral("sum"));
    QVERIFY(value && value->hasData());
    QCOMPARE(value->rows(), 1);
    QCOMPARE(value->columns(), 2);
    QVERIFY(close(value->value(0, 0), 0.2));
    QVERIFY(close(value->value(0, 1), 1.7));
    QVERIFY(!v.gradientHeatmap(QStringLiteral("sum"))->hasData());
    stepWholeIteration(s);
    QVERIFY(v.gradientHeatmap(QStringLiteral("sum"))->hasData());
    // A layer without internals says so.
    v.setLayer(1);
    QVERIFY(v.internalNames().isEmpty());
    QVERIFY(v.message().contains(QStringLiteral("out")));

    // In the step view, clicking a layer in the network shows its internals.
    StepView view(s);
    view.resize(1200, 760);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::mouseClick(view.networkView()->canvas(), Qt::LeftButton, {},
                      view.networkView()->canvas()->mapFrom(view.networkView(), view.networkView()->nodePosition(1, 0)));
    QCOMPARE(view.internalsView()->layer(), 1);
    QTest::mouseClick(view.networkView()->canvas(), Qt::LeftButton, {},
                      view.networkView()->canvas()->mapFrom(view.networkView(), view.networkView()->nodePosition(0, 1)));
    QCOMPARE(view.internalsView()->layer(), 0);
    QCOMPARE(view.internalsView()->internalNames(), QStringList{QStringLiteral("sum")});
}

QTEST_MAIN(TestStepViews)
#include "tst_studio_stepview.moc"
