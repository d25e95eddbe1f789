// The recurrent tab (app/rnn_view) on the rnn plugin's real layers: one sequence's probe
// against a recurrence and a backpropagation through time computed by hand here, an
// LSTM's gates against its own cell equations, the unrolled view's phases and clicks,
// the tab on the experiments folder's labs (gates, gradient per step, the chain-rule
// panel's sum against the engine's ∂E/∂U, training), and the text page.
#include "rnn_view/gate_timeline.hpp"
#include "rnn_view/rnn_view.hpp"
#include "rnn_view/sequence_probe.hpp"
#include "rnn_view/text_page.hpp"
#include "rnn_view/unrolled_view.hpp"
#include "stepview/matrix_heatmap.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/rnn/rnn.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"

#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <set>

using namespace deepstep;
using namespace deepstep::studio::rnn;

namespace {

Registry& registry() {
    static Registry r = [] {
        Registry reg;
        backprop::registerComponents(reg);
        rnn::registerComponents(reg);
        sequences::registerComponents(reg);
        return reg;
    }();
    return r;
}

void setValues(Network& net, const std::string& name, const std::vector<float>& values) {
    Parameter* p = net.parameter(name);
    QVERIFY2(p != nullptr, name.c_str());
    QCOMPARE(p->value.size(), values.size());
    std::copy(values.begin(), values.end(), p->value.data());
}

}  // namespace

class TestStudioRnn : public QObject {
    Q_OBJECT

private slots:
    // A simple_rnn of 2 tanh units over x = (0.5, −1, 2), then a dense unit and the
    // squared error: every h_t, every ∂E/∂h_t, ‖∂E/∂h_t‖ and ∂E/∂U[i][j] by hand.
    void probeMatchesHandComputedBptt() {
        Rng rng(1);
        Network net = buildModel(Json::parse(R"({"input": [3, 1], "layers": [
            {"type": "simple_rnn", "name": "rnn", "units": 2},
            {"type": "dense", "name": "out", "units": 1}]})"),
                                 registry(), rng);
        const double W[2] = {0.7, -0.4};
        const double U[2][2] = {{0.5, -0.3}, {0.8, 0.2}};
        const double b[2] = {0.1, -0.2};
        const double V[2] = {1.5, -0.6};
        const double c = 0.05;
        setValues(net, "rnn.input_weight", {0.7F, -0.4F});
        setValues(net, "rnn.recurrent_weight", {0.5F, -0.3F, 0.8F, 0.2F});
        setValues(net, "rnn.bias", {0.1F, -0.2F});
        setValues(net, "out.weight", {1.5F, -0.6F});
        setValues(net, "out.bias", {0.05F});
        const double xs[3] = {0.5, -1.0, 2.0};
        const double target = 0.3;

        double h[4][2] = {{0, 0}};  // h[0] = h_0
        for (int t = 1; t <= 3; ++t)
            for (int j = 0; j < 2; ++j)
                h[t][j] = std::tanh(xs[t - 1] * W[j] + h[t - 1][0] * U[0][j] + h[t - 1][1] * U[1][j] + b[j]);
        const double y = h[3][0] * V[0] + h[3][1] * V[1] + c;
        double dh[4][2] = {{0, 0}};
        double dz[4][2] = {{0, 0}};
        dh[3][0] = 2 * (y - target) * V[0];
        dh[3][1] = 2 * (y - target) * V[1];
        for (int t = 3; t >= 1; --t) {
            for (int j = 0; j < 2; ++j)
                dz[t][j] = dh[t][j] * (1 - h[t][j] * h[t][j]);
            for (int i = 0; i < 2; ++i)
                dh[t - 1][i] += U[i][0] * dz[t][0] + U[i][1] * dz[t][1];
        }

        Tensor x(Shape{1, 3, 1});
        for (std::size_t t = 0; t < 3; ++t)
            x[t] = static_cast<float>(xs[t]);
        Tensor y1(Shape{1, 1});
        y1[0] = static_cast<float>(target);
        const auto loss = registry().makeLoss("mse");
        const std::optional<SequenceProbe> p = probeSequence(net, *loss, x, y1);
        QVERIFY(p.has_value());
        QCOMPARE(p->layer, std::string("rnn"));
        QCOMPARE(p->steps, std::size_t{3});
        QCOMPARE(p->units, std::size_t{2});
        QCOMPARE(p->inputWidth, std::size_t{1});
        QVERIFY(!p->cell.has_value());
        QVERIFY(std::abs(p->loss - (y - target) * (y - target)) < 1e-6);
        const StepSeries& hs = p->hiddenStates();
        QCOMPARE(hs.name, std::string("hidden_states"));
        for (std::size_t t = 0; t < 3; ++t) {
            double norm = 0;
            for (std::size_t j = 0; j < 2; ++j) {
                QVERIFY2(std::abs(hs.at(t, j, 2) - h[t + 1][j]) < 1e-6, "h_t");
                QVERIFY2(std::abs(hs.grad[t * 2 + j] - dh[t + 1][j]) < 1e-6, "dE/dh_t");
                norm += dh[t + 1][j] * dh[t + 1][j];
            }
            QVERIFY(std::abs(p->gradientNorm[t] - std::sqrt(norm)) < 1e-6);
        }
        // ∂E/∂U[i][j] = Σ_t h_{t−1}[i] · ∂E/∂z_t[j]: the terms, their sum, the engine's.
        for (std::size_t i = 0; i < 2; ++i) {
            for (std::size_t j = 0; j < 2; ++j) {
                const std::vector<RecurrentTerm> terms = p->recurrentTerms(i, j);
                QCOMPARE(terms.size(), std::size_t{3});
                double sum = 0;
                double hand = 0;
                for (const RecurrentTerm& term : terms) {
                    QVERIFY(std::abs(term.previousHidden - h[term.step][i]) < 1e-6);
                    QVERIFY(std::abs(term.preActivationGrad - dz[term.step + 1][j]) < 1e-6);
                    sum += term.previousHidden * term.preActivationGrad;
                    hand += h[term.step][i] * dz[term.step + 1][j];
                }
                QVERIFY(p->recurrentGradient(i, j).has_value());
                QVERIFY(std::abs(*p->recurrentGradient(i, j) - hand) < 1e-6);
                QVERIFY(std::abs(sum - hand) < 1e-6);
            }
        }
        QVERIFY(p->recurrentTerms(2, 0).empty());
        QVERIFY(!p->recurrentGradient(0, 2).has_value());
    }

    // An LSTM's internals, read by name: i, f, g, o, c_t, h_t, each T × H, with
    // c_t = f·c_{t−1} + i·g and h_t = o·tanh(c_t) holding between them.
    void lstmProbeHasGatesAndCell() {
        Rng rng(5);
        Network net = buildModel(Json::parse(R"({"input": [4, 2], "layers": [
            {"type": "lstm", "name": "mem", "units": 3},
            {"type": "dense", "name": "out", "units": 1}]})"),
                                 registry(), rng);
        Tensor x(Shape{1, 4, 2});
        for (std::size_t k = 0; k < 8; ++k)
            x[k] = static_cast<float>(std::sin(1.7 * static_cast<double>(k) + 0.3));
        Tensor y(Shape{1, 1});
        y[0] = 0.4F;
        const auto loss = registry().makeLoss("mse");
        const std::optional<SequenceProbe> p = probeSequence(net, *loss, x, y);
        QVERIFY(p.has_value());
        std::vector<std::string> names;
        for (const StepSeries& s : p->series)
            names.push_back(s.name);
        QVERIFY((names == std::vector<std::string>{"input_gate", "forget_gate", "candidate", "output_gate",
                                                   "cell_states", "hidden_states"}));
        QVERIFY(p->cell.has_value());
        QCOMPARE(p->series[*p->cell].name, std::string("cell_states"));
        QCOMPARE(p->cellGradientNorm.size(), std::size_t{4});
        QVERIFY(p->recurrentTerms(0, 0).empty());  // an LSTM keeps its pre-activations to itself
        const auto at = [&](std::size_t k, std::size_t t, std::size_t j) { return p->series[k].at(t, j, 3); };
        for (std::size_t t = 0; t < 4; ++t) {
            for (std::size_t j = 0; j < 3; ++j) {
                const double previous = t == 0 ? 0.0 : at(4, t - 1, j);
                QVERIFY(std::abs(at(4, t, j) - (at(1, t, j) * previous + at(0, t, j) * at(2, t, j))) < 1e-5);
                QVERIFY(std::abs(at(5, t, j) - at(3, t, j) * std::tanh(at(4, t, j))) < 1e-5);
            }
        }
        // A network without a recurrent layer has nothing to probe.
        Rng rng2(1);
        Network dense = buildModel(Json::parse(R"({"input": [2], "layers": [{"type": "dense", "name": "d", "units": 1}]})"),
                                   registry(), rng2);
        Tensor x2(Shape{1, 2});
        QVERIFY(!probeSequence(dense, *loss, x2, y).has_value());
    }

    // Forward step by step, then backward step by step from the last one; a click on
    // a cell chooses its step.
    void unrolledViewPhases() {
        Rng rng(2);
        Network net = buildModel(Json::parse(R"({"input": [3, 1], "layers": [
            {"type": "simple_rnn", "name": "rnn", "units": 2},
            {"type": "dense", "name": "out", "units": 1}]})"),
                                 registry(), rng);
        Tensor x(Shape{1, 3, 1});
        Tensor y(Shape{1, 1});
        const auto loss = registry().makeLoss("mse");
        const std::optional<SequenceProbe> p = probeSequence(net, *loss, x, y);
        QVERIFY(p.has_value());
        UnrolledView view;
        view.resize(600, 300);
        view.setProbe(&*p, {"a", "b", "c"});
        QCOMPARE(view.maxPhase(), 6);
        view.setPhase(0);
        QVERIFY(!view.forwardShown(0));
        view.setPhase(2);
        QVERIFY(view.forwardShown(1));
        QVERIFY(!view.forwardShown(2));
        QVERIFY(!view.backwardShown(2));
        view.setPhase(4);  // forward done, one step back
        QVERIFY(view.forwardShown(2));
        QVERIFY(view.backwardShown(2));
        QVERIFY(!view.backwardShown(1));
        view.setPhase(6);
        QVERIFY(view.backwardShown(0));
        view.setPhase(99);
        QCOMPARE(view.phase(), 6);
        view.setPhase(-3);
        QCOMPARE(view.phase(), 0);
        QSignalSpy clicked(&view, &UnrolledView::stepClicked);
        QTest::mouseClick(&view, Qt::LeftButton, {}, view.cellRect(1).center());
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 1);
        QCOMPARE(view.selectedStep(), 1);
        QCOMPARE(view.stepAt(QPoint(2, 2)), -1);
        view.grab();  // paints without a probe's gradients too
        view.setProbe(nullptr, {});
        QCOMPARE(view.maxPhase(), 0);
        view.grab();
    }

    // The tab on the experiments folder: its labs, the sine RNN's chain-rule sum against
    // the engine, an LSTM's and a GRU's gates, the adding problem's three curves.
    void tabOnTheLabs() {
        RnnView view(registry(), QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR));
        view.resize(1280, 720);
        QCOMPARE(view.labCount(), 10);
        QVERIFY(!view.chooseLab(QStringLiteral("no_such_lab.json")));

        QVERIFY(view.chooseLab(QStringLiteral("sine_simple_rnn.json")));
        view.refreshNow();
        QVERIFY(view.probe() != nullptr);
        QCOMPARE(view.probe()->steps, std::size_t{20});
        QCOMPARE(view.probe()->units, std::size_t{16});
        QCOMPARE(view.probe()->series.size(), std::size_t{2});
        view.chooseUnit(3);
        view.setPhase(0);
        view.chooseStep(5);
        QVERIFY(view.phaseText().contains(QStringLiteral("Nothing computed")));
        QVERIFY(!view.chainRuleHtml().contains(QStringLiteral("Sum of the shares")));
        view.setPhase(40);
        QVERIFY(view.phaseText().contains(QStringLiteral("Backward pass done")));
        const QString html = view.chainRuleHtml();
        QVERIFY(html.contains(QStringLiteral("Sum of the shares")));
        double sum = 0;
        for (const RecurrentTerm& t : view.probe()->recurrentTerms(3, 3))
            sum += t.previousHidden * t.preActivationGrad;
        const double engine = *view.probe()->recurrentGradient(3, 3);
        QVERIFY(std::abs(sum - engine) <= 1e-5 * std::max(1.0, std::abs(engine)));
        QVERIFY(html.contains(QString::number(engine, 'g', 5)));

        QVERIFY(view.chooseLab(QStringLiteral("sine_lstm.json")));
        view.showPage(RnnView::Page::Gates);
        view.refreshNow();
        GateTimeline* gates = view.gateTimeline();
        QCOMPARE(gates->heatmapCount(), 6);
        QCOMPARE(gates->heatmap(1)->title(), QStringLiteral("forget_gate"));
        QCOMPARE(gates->heatmap(1)->rows(), 16);
        QCOMPARE(gates->heatmap(1)->columns(), 20);
        QVERIFY(std::abs(gates->heatmap(1)->value(4, 7) - view.probe()->series[1].at(7, 4, 16)) < 1e-6);
        view.showGradients(true);
        QVERIFY(std::abs(gates->heatmap(1)->value(4, 7) - view.probe()->series[1].grad[7 * 16 + 4]) < 1e-6);
        view.showGradients(false);

        QVERIFY(view.chooseLab(QStringLiteral("sine_gru.json")));
        view.refreshNow();
        QCOMPARE(view.gateTimeline()->heatmapCount(), 4);

        // The simple RNN's curve and, on the same data, the GRU's and the LSTM's (h and c).
        QVERIFY(view.chooseLab(QStringLiteral("adding_simple_rnn.json")));
        view.showPage(RnnView::Page::Gradients);
        view.refreshNow();
        const auto& curves = view.gradientChart()->curves();
        QCOMPARE(curves.size(), std::size_t{4});
        int dashed = 0;
        for (const auto& c : curves) {
            QCOMPARE(c.norms.size(), std::size_t{50});
            dashed += c.dashed ? 1 : 0;
        }
        QCOMPARE(dashed, 1);
        QVERIFY(curves[0].norms == view.probe()->gradientNorm);
        view.gradientChart()->grab();
    }

    // Train in the tab: the lab is locked while the run goes on, and the probe follows
    // the trained weights afterwards.
    void trainingInTheTab() {
        RnnView view(registry(), QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR));
        QVERIFY(view.chooseLab(QStringLiteral("sine_simple_rnn.json")));
        view.refreshNow();
        const double before = view.probe()->loss;
        view.setEpochs(2);
        view.start();
        QVERIFY(!view.chooseLab(QStringLiteral("sine_lstm.json")));
        QVERIFY(view.training().waitUntilDone(120000));
        QVERIFY2(view.errorText().isEmpty(), qPrintable(view.errorText()));
        view.refreshNow();
        QVERIFY(view.statusText().contains(QStringLiteral("2")));
        QVERIFY(view.probe()->loss != before);
        // Another lab, then back: the trained weights are still there.
        const double trained = view.probe()->loss;
        QVERIFY(view.chooseLab(QStringLiteral("sine_lstm.json")));
        QVERIFY(view.chooseLab(QStringLiteral("sine_simple_rnn.json")));
        view.refreshNow();
        QCOMPARE(view.probe()->loss, trained);
    }

    // The fable lab's text page colours the text and writes; a sine lab has no text page.
    void textPage() {
        RnnView view(registry(), QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR));
        QVERIFY(view.chooseLab(QStringLiteral("sine_lstm.json")));
        QVERIFY(!view.textPage()->usable());
        QVERIFY(view.textPage()->write().isEmpty());
        QVERIFY(view.chooseLab(QStringLiteral("fable_char_lstm.json")));
        TextPage* page = view.textPage();
        QVERIFY(page->usable());
        QCOMPARE(page->shownText().size(), qsizetype(TextPage::kShownCharacters));
        QCOMPARE(page->shownActivations().size(), TextPage::kShownCharacters);
        QVERIFY(page->mostVariedUnit() >= 0);
        for (const float a : page->shownActivations())
            QVERIFY(a > -1.0F && a < 1.0F);  // h = o·tanh(c)
        page->setPrime(QStringLiteral("The Fox "));
        page->setTemperature(0.7);
        QCOMPARE(page->temperature(), 0.7);
        const QString first = page->write();
        QCOMPARE(first.size(), qsizetype(8 + 200));
        QVERIFY(first.startsWith(QStringLiteral("The Fox ")));
        QCOMPARE(page->write(), first);  // the same seed, the same text
        // Characters the model does not know are left out of the prime.
        page->setPrime(QStringLiteral("Th\u00e9 "));
        QVERIFY(page->write().startsWith(QStringLiteral("Th ")));
        page->setTemperature(5.0);
        QCOMPARE(page->temperature(), 2.0);
    }
};

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    TestStudioRnn t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_studio_rnn.moc"
