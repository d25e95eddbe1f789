// DeepStep Studio: the loss-surface race view. It lists every optimizer of the registry,
// one registered only here included; its paths are the engine's own race step for step
// and, for a rule worked out here by hand, the expected trajectory; playback moves the
// shown step and the legend's losses; bad settings are refused with a message and leave
// the previous race in place.

#include "race/race_view.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"

#include <QApplication>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QTest>
#include <QTranslator>

#include <algorithm>
#include <cmath>

using namespace deepstep;
using namespace deepstep::studio;

namespace {

/// Half a gradient step, w ← w − η g / 2: an optimizer no part of DeepStep knows.
class HalfStep final : public Optimizer {
public:
    explicit HalfStep(const Options& o) : Optimizer(o.number("learning_rate")) {}
    std::string type() const override { return "half_step"; }

protected:
    void computeUpdate(const std::string&, const Tensor&, const Tensor& grad, long long, Tensor& delta) override {
        for (std::size_t i = 0; i < grad.size(); ++i)
            delta[i] = static_cast<float>(-learningRate() * 0.5 * grad[i]);
    }
};

void registerTestOptimizers(Registry& r) {
    r.addOptimizer(componentInfo(Kind::Optimizer, "half_step", {"Half a gradient step.", "기울기의 절반만큼."},
                                 Schema{numberOption("learning_rate", 0.01, 0.0, std::nullopt, {"Rate.", "학습률."})}),
                   [](const Options& o) { return std::make_unique<HalfStep>(o); });
    // Refuses a learning rate above 0.5, as a plugin with a bounded option would.
    r.addOptimizer(componentInfo(Kind::Optimizer, "capped_rate", {"Rate at most 0.5.", "학습률 0.5 이하."},
                                 Schema{numberOption("learning_rate", 0.01, 0.0, 0.5, {"Rate.", "학습률."})}),
                   [](const Options& o) { return std::make_unique<HalfStep>(o); });
}

bool hasHangul(const QString& s) {
    return std::any_of(s.begin(), s.end(), [](QChar c) { return c.unicode() >= 0xAC00 && c.unicode() <= 0xD7A3; });
}

}  // namespace

class TestStudioRace : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void listsEveryRegisteredOptimizer();
    void pathsMatchTheEngineOnEverySurface();
    void halfStepFollowsItsRuleByHand();
    void customStartAndSteps();
    void playbackMovesTheShownStep();
    void badSettingsAreRefused();
    void koreanTranslation();

private:
    Registry registry_;
};

void TestStudioRace::initTestCase() {
    backprop::registerComponents(registry_);
    registerTestOptimizers(registry_);
}

void TestStudioRace::listsEveryRegisteredOptimizer() {
    RaceView view(registry_);
    QStringList expected;
    for (const ComponentInfo* info : registry_.list(Kind::Optimizer))
        expected << QString::fromStdString(info->name);
    QVERIFY(expected.contains("half_step"));
    QVERIFY(expected.contains("sgd"));
    QCOMPARE(view.optimizers(), expected);
    // One legend row per lane, each with its own colour.
    for (int i = 0; i < expected.size(); ++i) {
        QVERIFY(!view.legendLossText(i).isEmpty());
        for (int j = 0; j < i; ++j)
            QVERIFY(view.colourOf(i) != view.colourOf(j));
    }
}

void TestStudioRace::pathsMatchTheEngineOnEverySurface() {
    RaceView view(registry_);
    for (const LossSurface& s : lossSurfaces()) {
        QVERIFY(view.selectSurface(QString::fromStdString(s.name)));
        QCOMPARE(view.surface().name, s.name);
        QCOMPARE(view.learningRate(), s.learningRate);
        QCOMPARE(view.stepCount(), 200);
        const std::vector<RaceLane> expected = raceOptimizers(s, registry_, 200, s.learningRate);
        QCOMPARE(view.lanes().size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const RaceLane& got = view.lanes()[i];
            QCOMPARE(got.optimizer, expected[i].optimizer);
            QCOMPARE(got.diverged, expected[i].diverged);
            QCOMPARE(got.path.size(), expected[i].path.size());
            for (std::size_t k = 0; k < got.path.size(); ++k)
                for (int c = 0; c < 3; ++c)
                    QCOMPARE(got.path[k][static_cast<std::size_t>(c)], expected[i].path[k][static_cast<std::size_t>(c)]);
        }
    }
}

void TestStudioRace::halfStepFollowsItsRuleByHand() {
    // On the bowl ½(x² + 25y²) the gradient is (x, 25y): half_step moves
    // x ← x − η x / 2, y ← y − η 25 y / 2, in float like every parameter.
    RaceView view(registry_);
    QVERIFY(view.selectSurface("bowl"));
    const int lane = static_cast<int>(view.optimizers().indexOf("half_step"));
    QVERIFY(lane >= 0);
    const auto& path = view.lanes()[static_cast<std::size_t>(lane)].path;
    QCOMPARE(path.size(), std::size_t{201});
    const double eta = 0.05;
    float x = -4.0F;
    float y = 1.0F;
    for (std::size_t k = 0; k < path.size(); ++k) {
        QCOMPARE(path[k][0], static_cast<double>(x));
        QCOMPARE(path[k][1], static_cast<double>(y));
        const double dx = x;
        const double dy = y;
        QVERIFY(std::fabs(path[k][2] - 0.5 * (dx * dx + 25.0 * dy * dy)) < 1e-9);
        // The gradient is handed over in float, as every parameter's.
        const float gx = static_cast<float>(dx);
        const float gy = static_cast<float>(25.0 * dy);
        x += static_cast<float>(-eta * 0.5 * static_cast<double>(gx));
        y += static_cast<float>(-eta * 0.5 * static_cast<double>(gy));
    }
}

void TestStudioRace::customStartAndSteps() {
    RaceView view(registry_);
    QVERIFY(view.selectSurface("rosenbrock"));
    view.startXEdit()->setText("0.5");
    view.startYEdit()->setText(QString::fromUtf8("\u22120.5"));  // the minus the lessons print
    view.rateEdit()->setText("0.001");
    view.stepsBox()->setValue(37);
    QVERIFY2(view.applySettings(), qPrintable(view.errorText()));
    QVERIFY(view.errorText().isEmpty());
    LossSurface s = *findLossSurface("rosenbrock");
    s.startX = 0.5;
    s.startY = -0.5;
    const std::vector<RaceLane> expected = raceOptimizers(s, registry_, 37, 0.001);
    QCOMPARE(view.stepCount(), 37);
    QCOMPARE(view.lanes().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(view.lanes()[i].path.front()[0], 0.5);
        QCOMPARE(view.lanes()[i].path.front()[1], -0.5);
        QCOMPARE(view.lanes()[i].path.size(), expected[i].path.size());
        QCOMPARE(view.lanes()[i].path.back()[2], expected[i].path.back()[2]);
    }
}

void TestStudioRace::playbackMovesTheShownStep() {
    RaceView view(registry_);
    QVERIFY(view.selectSurface("beale"));
    QCOMPARE(view.currentStep(), 200);  // a finished race is shown at once
    view.reset();
    QCOMPARE(view.currentStep(), 0);
    const int sgd = static_cast<int>(view.optimizers().indexOf("sgd"));
    const auto& path = view.lanes()[static_cast<std::size_t>(sgd)].path;
    QVERIFY(view.legendLossText(sgd).startsWith(QString::number(path[0][2], 'g', 5)));
    view.stepOnce();
    view.stepOnce();
    QCOMPARE(view.currentStep(), 2);
    QVERIFY(view.legendLossText(sgd).startsWith(QString::number(path[2][2], 'g', 5)));
    // capped_rate and half_step apply the same rule from the same rate: the later one in
    // the legend (registry order) says it retraces the earlier.
    const int capped = static_cast<int>(view.optimizers().indexOf("capped_rate"));
    const int half = static_cast<int>(view.optimizers().indexOf("half_step"));
    QVERIFY(capped < half);
    QVERIFY2(view.legendLossText(half).endsWith("(the path of capped_rate)"), qPrintable(view.legendLossText(half)));
    QVERIFY(!view.legendLossText(capped).contains("path of"));
    QVERIFY(!view.legendLossText(sgd).contains("path of"));
    QVERIFY(!view.isPlaying());
    view.play();
    QVERIFY(view.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(!view.isPlaying(), 30000);  // stops by itself at the end
    QCOMPARE(view.currentStep(), 200);
    view.play();  // from the end, play starts over
    QVERIFY(view.currentStep() < 200);
    view.pause();
    QVERIFY(!view.isPlaying());
    const QImage shot = view.grab().toImage();
    QVERIFY(!shot.isNull());
}

void TestStudioRace::badSettingsAreRefused() {
    RaceView view(registry_);
    QVERIFY(view.selectSurface("bowl"));
    const std::vector<RaceLane> before = view.lanes();
    const auto unchanged = [&] {
        if (view.lanes().size() != before.size()) return false;
        for (std::size_t i = 0; i < before.size(); ++i)
            if (view.lanes()[i].path != before[i].path) return false;
        return view.learningRate() == 0.05;
    };
    for (const char* rate : {"abc", "0", "-0.1", "", "nan", "inf"}) {
        view.rateEdit()->setText(rate);
        QVERIFY2(!view.applySettings(), rate);
        QVERIFY2(view.errorText().contains("learning rate"), qPrintable(view.errorText()));
        QVERIFY(unchanged());
    }
    view.rateEdit()->setText("0.05");
    view.startXEdit()->setText("one");
    QVERIFY(!view.applySettings());
    QVERIFY2(view.errorText().contains("start point"), qPrintable(view.errorText()));
    // The bowl is drawn over x in [-5, 5], y in [-2, 2].
    view.startXEdit()->setText("6");
    view.startYEdit()->setText("0");
    QVERIFY(!view.applySettings());
    QVERIFY2(view.errorText().contains("x from -5 to 5, y from -2 to 2"), qPrintable(view.errorText()));
    QVERIFY(unchanged());
    // capped_rate refuses a rate above 0.5: the engine's message is shown, nothing runs.
    view.startXEdit()->setText("1");
    view.rateEdit()->setText("0.8");
    QVERIFY(!view.applySettings());
    QVERIFY2(view.errorText().contains("capped_rate"), qPrintable(view.errorText()));
    QVERIFY(unchanged());
    // Good settings clear the message.
    view.rateEdit()->setText("0.05");
    QVERIFY(view.applySettings());
    QVERIFY(view.errorText().isEmpty());
    // An unknown surface is refused without touching the race.
    QVERIFY(!view.selectSurface("himmelblau"));
}

void TestStudioRace::koreanTranslation() {
    QTranslator race;
    QTranslator playground;
    if (!race.load(":/i18n/race_ko.qm") || !playground.load(":/i18n/playground_ko.qm"))
        QSKIP("the Korean translations are not built in");
    RaceView view(registry_);
    QVERIFY(!hasHangul(view.surfaceBox()->currentText()));
    QApplication::installTranslator(&race);
    QApplication::installTranslator(&playground);
    // The language change reaches widgets through a posted event.
    QTRY_VERIFY(hasHangul(view.surfaceBox()->currentText()));
    view.rateEdit()->setText("x");
    QVERIFY(!view.applySettings());
    QVERIFY2(hasHangul(view.errorText()), qPrintable(view.errorText()));
    QApplication::removeTranslator(&race);
    QApplication::removeTranslator(&playground);
    QTRY_VERIFY(!hasHangul(view.surfaceBox()->currentText()));
}

QTEST_MAIN(TestStudioRace)
#include "tst_studio_race.moc"
