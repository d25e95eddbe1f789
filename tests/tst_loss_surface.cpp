// The loss surfaces and the optimizer race on them.
//
// Gradients are checked against central differences of the value functions; the
// minima are known in closed form (Rosenbrock (1, 1), Beale (3, 0.5), the bowl (0, 0)).
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/lessons/loss_surface.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

// Moves every coordinate by −0.25·sign(g): a rule no core optimizer has, with no
// learning_rate option, so the race must build it from its defaults.
class SignStepOptimizer : public Optimizer {
public:
    SignStepOptimizer() : Optimizer(0.25) {}
    std::string type() const override { return "sign_step"; }

protected:
    void computeUpdate(const std::string&, const Tensor&, const Tensor& grad, long long, Tensor& delta) override {
        for (std::size_t i = 0; i < grad.size(); ++i)
            delta[i] = grad[i] > 0.0F ? -0.25F : (grad[i] < 0.0F ? 0.25F : 0.0F);
    }
};

double distance(const std::array<double, 3>& p, const LossSurface& s) {
    return std::hypot(p[0] - s.minX, p[1] - s.minY);
}

}  // namespace

class TestLossSurface : public QObject {
    Q_OBJECT

private:
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        registry.beginPlugin("test_plugin");
        registry.addOptimizer(componentInfo(Kind::Optimizer, "sign_step", {"sign step", "부호 스텝"}),
                              [](const Options&) { return std::make_unique<SignStepOptimizer>(); });
        // An error-driven rule (as Rosenblatt's): it has no place on a surface.
        ComponentInfo errorDriven = componentInfo(Kind::Optimizer, "error_rule", {"error rule", "오차 규칙"});
        errorDriven.signal = LearningSignal::ErrorDriven;
        registry.addOptimizer(errorDriven, [](const Options&) { return std::make_unique<SignStepOptimizer>(); });
        registry.commitPlugin();
    }

    void catalogue() {
        QCOMPARE(lossSurfaces().size(), std::size_t{4});
        for (const char* name : {"rosenbrock", "beale", "saddle", "bowl"}) {
            const LossSurface* s = findLossSurface(name);
            QVERIFY2(s != nullptr, name);
            QCOMPARE(s->name, std::string(name));
            QVERIFY(!s->title.en.empty() && !s->title.ko.empty());
            QVERIFY(s->xMin <= s->startX && s->startX <= s->xMax);
            QVERIFY(s->yMin <= s->startY && s->startY <= s->yMax);
            QVERIFY(s->xMin <= s->minX && s->minX <= s->xMax);
            QVERIFY(s->yMin <= s->minY && s->minY <= s->yMax);
            QVERIFY(s->learningRate > 0.0);
        }
        QVERIFY(findLossSurface("himmelblau") == nullptr);
        QVERIFY(findLossSurface("") == nullptr);
    }

    void gradientsMatchFiniteDifferences() {
        const double h = 1e-5;
        const std::vector<std::pair<double, double>> points{
            {-1.5, 2.0}, {0.3, -0.7}, {1.2, 0.4}, {2.1, 1.3}, {-0.8, -1.1}};
        for (const LossSurface& s : lossSurfaces()) {
            for (const auto& [x, y] : points) {
                double gx = 0.0;
                double gy = 0.0;
                s.gradient(x, y, gx, gy);
                const double nx = (s.value(x + h, y) - s.value(x - h, y)) / (2 * h);
                const double ny = (s.value(x, y + h) - s.value(x, y - h)) / (2 * h);
                const QByteArray where =
                    QByteArray::fromStdString(s.name) + " at " + QByteArray::number(x) + ", " + QByteArray::number(y);
                QVERIFY2(std::fabs(gx - nx) <= 1e-5 * std::max(1.0, std::fabs(nx)), where);
                QVERIFY2(std::fabs(gy - ny) <= 1e-5 * std::max(1.0, std::fabs(ny)), where);
            }
        }
    }

    void knownValues() {
        // Hand-computed: rosenbrock(−1.5, 2) = 2.5² + 100·(−0.25)² = 12.5;
        // beale(1, 1) = 1.5² + 2.25² + 2.625² = 14.203125; saddle(−1, 2) = −3; bowl(2, 1) = 14.5.
        QCOMPARE(findLossSurface("rosenbrock")->value(-1.5, 2.0), 12.5);
        QCOMPARE(findLossSurface("beale")->value(1.0, 1.0), 14.203125);
        QCOMPARE(findLossSurface("saddle")->value(-1.0, 2.0), -3.0);
        QCOMPARE(findLossSurface("bowl")->value(2.0, 1.0), 14.5);
    }

    void minimaAreStationaryAndZero() {
        for (const char* name : {"rosenbrock", "beale", "bowl"}) {
            const LossSurface& s = *findLossSurface(name);
            QVERIFY2(std::fabs(s.value(s.minX, s.minY)) < 1e-12, name);
            double gx = 1.0;
            double gy = 1.0;
            s.gradient(s.minX, s.minY, gx, gy);
            QVERIFY2(std::fabs(gx) < 1e-12 && std::fabs(gy) < 1e-12, name);
            // A minimum, not just a stationary point: every nearby point is higher.
            for (const auto& [dx, dy] : {std::pair{0.01, 0.0}, {-0.01, 0.0}, {0.0, 0.01}, {0.0, -0.01}})
                QVERIFY2(s.value(s.minX + dx, s.minY + dy) > s.value(s.minX, s.minY), name);
        }
        // The saddle has no minimum; it reports its start instead.
        const LossSurface& saddle = *findLossSurface("saddle");
        QCOMPARE(saddle.minX, saddle.startX);
        QCOMPARE(saddle.minY, saddle.startY);
    }

    void oneLanePerRegisteredOptimizer() {
        const LossSurface& bowl = *findLossSurface("bowl");
        const std::vector<RaceLane> lanes = raceOptimizers(bowl, registry, 30);
        auto optimizers = registry.list(Kind::Optimizer);
        std::erase_if(optimizers, [](const ComponentInfo* info) { return info->name == "error_rule"; });
        QCOMPARE(lanes.size(), optimizers.size());
        QVERIFY(optimizers.size() >= 6);  // sgd, momentum, nesterov, adagrad, rmsprop, adam + the plugin's
        bool sawPlugin = false;
        for (std::size_t i = 0; i < lanes.size(); ++i) {
            QCOMPARE(lanes[i].optimizer, optimizers[i]->name);
            QVERIFY2(!lanes[i].diverged, lanes[i].optimizer.c_str());
            QCOMPARE(lanes[i].path.size(), std::size_t{31});
            QCOMPARE(lanes[i].path.front()[0], -4.0);
            QCOMPARE(lanes[i].path.front()[1], 1.0);
            QCOMPARE(lanes[i].path.front()[2], 20.5);
            sawPlugin = sawPlugin || lanes[i].optimizer == "sign_step";
        }
        QVERIFY(sawPlugin);
        for (const char* name : {"sgd", "momentum", "adagrad", "rmsprop", "adam"})
            QVERIFY2(std::any_of(lanes.begin(), lanes.end(), [&](const RaceLane& l) { return l.optimizer == name; }),
                     name);

        // The plugin's lane follows its own rule from its defaults: x goes up by 0.25 a
        // step from −4; y alternates 1 → 0.75 → 0.5 ... while the gradient sign holds.
        const RaceLane& sign =
            *std::find_if(lanes.begin(), lanes.end(), [](const RaceLane& l) { return l.optimizer == "sign_step"; });
        QCOMPARE(sign.path[1][0], -3.75);
        QCOMPARE(sign.path[1][1], 0.75);
        QCOMPARE(sign.path[4][0], -3.0);
        QCOMPARE(sign.path[4][1], 0.0);
        QCOMPARE(sign.path[4][2], 4.5);

        // SGD with the bowl's rate 0.05, by hand: x₁ = −4·0.95, y₁ = 1·(1 − 1.25).
        const RaceLane& sgd =
            *std::find_if(lanes.begin(), lanes.end(), [](const RaceLane& l) { return l.optimizer == "sgd"; });
        QVERIFY(std::fabs(sgd.path[1][0] - (-3.8)) < 1e-5);
        QVERIFY(std::fabs(sgd.path[1][1] - (-0.25)) < 1e-5);
    }

    void adamApproachesTheBowlMinimum() {
        const LossSurface& bowl = *findLossSurface("bowl");
        const std::vector<RaceLane> lanes = raceOptimizers(bowl, registry, 200);
        const RaceLane& adam =
            *std::find_if(lanes.begin(), lanes.end(), [](const RaceLane& l) { return l.optimizer == "adam"; });
        QVERIFY(!adam.diverged);
        QCOMPARE(adam.path.size(), std::size_t{201});
        QVERIFY(distance(adam.path.back(), bowl) < 0.1 * distance(adam.path.front(), bowl));
        QVERIFY(adam.path.back()[2] < 0.01 * adam.path.front()[2]);
    }

    void sgdReachesTheRosenbrockMinimumWithTheSuggestedRate() {
        const LossSurface& r = *findLossSurface("rosenbrock");
        const std::vector<RaceLane> lanes = raceOptimizers(r, registry, 200);
        const RaceLane& sgd =
            *std::find_if(lanes.begin(), lanes.end(), [](const RaceLane& l) { return l.optimizer == "sgd"; });
        QVERIFY(!sgd.diverged);
        QVERIFY(sgd.path.back()[2] < 0.01);
    }

    void hugeLearningRateDiverges() {
        const LossSurface& r = *findLossSurface("rosenbrock");
        const std::vector<RaceLane> lanes = raceOptimizers(r, registry, 200, 1.0);
        const RaceLane& sgd =
            *std::find_if(lanes.begin(), lanes.end(), [](const RaceLane& l) { return l.optimizer == "sgd"; });
        QVERIFY(sgd.diverged);
        QVERIFY(sgd.path.size() < 201);
        // Every point it kept is finite and in bounds.
        for (const auto& p : sgd.path)
            QVERIFY(std::isfinite(p[2]) && std::fabs(p[0]) <= 1e6 && std::fabs(p[1]) <= 1e6);
    }

    void zeroStepsAndBadInput() {
        const LossSurface& s = *findLossSurface("saddle");
        for (const RaceLane& lane : raceOptimizers(s, registry, 0)) {
            QCOMPARE(lane.path.size(), std::size_t{1});
            QVERIFY(!lane.diverged);
        }
        QVERIFY_THROWS_EXCEPTION(InputError, raceOptimizers(s, registry, -1));
        // A negative rate is below the learning_rate option's minimum.
        QVERIFY_THROWS_EXCEPTION(InputError, raceOptimizers(s, registry, 10, -0.1));
    }
};

QTEST_APPLESS_MAIN(TestLossSurface)
#include "tst_loss_surface.moc"
