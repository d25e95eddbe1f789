// The backprop plugin's optimizers against golden values.
//
// Every case minimises f(w) = ½‖w‖² over two parameters, "a.weight" = [1, −2] and
// "b.bias" = [0.5], so the gradient is g = w, taken before each step. The expected
// values were computed independently in plain python3 (double precision), writing
// each rule out by hand from its formula, e.g. for Adam per element:
//   m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g
//   w += -lr * (m/(1-b1**t)) / (sqrt(v/(1-b2**t)) + eps)
// with one t for both parameters, and printed with "%.9g".
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

using Golden = std::vector<std::vector<float>>;  // per step: a0, a1, b0

struct Params {
    Tensor a{Shape{2}, std::vector<float>{1.0F, -2.0F}};
    Tensor b{Shape{1}, std::vector<float>{0.5F}};
    Tensor ga{Shape{2}};
    Tensor gb{Shape{1}};

    // g = ∇ ½‖w‖² = w.
    std::vector<ParamRef> refs(bool reversed = false) {
        ga = a;
        gb = b;
        std::vector<ParamRef> r{{"a.weight", &a, &ga}, {"b.bias", &b, &gb}};
        if (reversed) {
            std::swap(r[0], r[1]);
        }
        return r;
    }
};

bool close(float actual, float expected) {
    return std::fabs(actual - expected) <= 2e-6F * std::max(1.0F, std::fabs(expected));
}

}  // namespace

class TestBackpropOptimizers : public QObject {
    Q_OBJECT

private:
    Registry registry;

private slots:
    void initTestCase() { backprop::registerComponents(registry); }

    void goldenSteps_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::addColumn<Golden>("golden");
        QTest::newRow("sgd lr 0.1") << "sgd" << R"({"learning_rate": 0.1})"
                                    << Golden{{0.9F, -1.8F, 0.45F}, {0.81F, -1.62F, 0.405F}, {0.729F, -1.458F, 0.3645F}};
        QTest::newRow("momentum lr 0.1 mu 0.9")
            << "momentum" << R"({"learning_rate": 0.1, "momentum": 0.9})"
            << Golden{{0.9F, -1.8F, 0.45F}, {0.72F, -1.44F, 0.36F}, {0.486F, -0.972F, 0.243F}};
        QTest::newRow("nesterov lr 0.1 mu 0.9")
            << "nesterov" << R"({"learning_rate": 0.1, "momentum": 0.9})"
            << Golden{{0.81F, -1.62F, 0.405F}, {0.5751F, -1.1502F, 0.28755F}, {0.327321F, -0.654642F, 0.1636605F}};
        QTest::newRow("adagrad lr 0.1 eps 1e-7")
            << "adagrad" << R"({"learning_rate": 0.1, "epsilon": 1e-7})"
            << Golden{{0.90000001F, -1.9F, 0.40000002F},
                      {0.833103541F, -1.83112506F, 0.337530523F},
                      {0.780456199F, -1.77582152F, 0.290899209F}};
        QTest::newRow("rmsprop lr 0.1 rho 0.9 eps 1e-7")
            << "rmsprop" << R"({"learning_rate": 0.1, "rho": 0.9, "epsilon": 1e-7})"
            << Golden{{0.683772334F, -1.68377228F, 0.183772434F},
                      {0.498870739F, -1.47387539F, 0.0695316438F},
                      {0.369180696F, -1.30871795F, 0.0244353896F}};
        QTest::newRow("adam lr 0.1")
            << "adam" << R"({"learning_rate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8})"
            << Golden{{0.900000001F, -1.9F, 0.400000002F},
                      {0.80041223F, -1.80016649F, 0.301187424F},
                      {0.701586275F, -1.70062339F, 0.204871256F}};
    }

    void goldenSteps() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        QFETCH(Golden, golden);
        auto opt = registry.makeOptimizer(name.toStdString(), Json::parse(options.toStdString()));
        QCOMPARE(QString::fromStdString(opt->type()), name);
        Params p;
        for (std::size_t step = 0; step < golden.size(); ++step) {
            const Tensor before = p.a;
            // The order of the parameters changes every step: state follows the name.
            opt->step(p.refs(step % 2 == 1));
            QCOMPARE(opt->stepCount(), static_cast<long long>(step + 1));
            const std::vector<float> got{p.a[0], p.a[1], p.b[0]};
            for (std::size_t i = 0; i < 3; ++i) {
                QVERIFY2(close(got[i], golden[step][i]), qPrintable(QString("step %1, value %2: %3, expected %4")
                                                                        .arg(step + 1)
                                                                        .arg(i)
                                                                        .arg(got[i], 0, 'g', 9)
                                                                        .arg(golden[step][i], 0, 'g', 9)));
            }
            // updates() holds the Δ that was applied, in the order given.
            const std::size_t ia = step % 2 == 1 ? 1 : 0;
            QCOMPARE(opt->updates().size(), std::size_t{2});
            QVERIFY(close(opt->updates()[ia][0], p.a[0] - before[0]));
        }
    }

    // A step that keeps no Δ (the trainer's, without a trace) must move the weights
    // exactly as a step that keeps them: same floats, not merely close ones.
    void keptOrNotSameNumbers_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("inPlace");  // applies Δ in the same pass when nobody keeps it
        QTest::newRow("sgd") << "sgd" << true;
        QTest::newRow("momentum") << "momentum" << true;
        QTest::newRow("nesterov") << "nesterov" << false;
        QTest::newRow("adam") << "adam" << false;
    }

    void keptOrNotSameNumbers() {
        QFETCH(QString, name);
        QFETCH(bool, inPlace);
        const Json options{{"learning_rate", 0.037}};
        auto kept = registry.makeOptimizer(name.toStdString(), options);
        auto quick = registry.makeOptimizer(name.toStdString(), options);
        Rng rng(11);
        auto randomTensor = [&rng](std::size_t n) {
            Tensor t(Shape{n});
            for (std::size_t i = 0; i < n; ++i) {
                t[i] = rng.uniform(-3.0F, 3.0F);
            }
            return t;
        };
        // 37 and 5 elements: neither a multiple of a vector width.
        Tensor w1 = randomTensor(37);
        Tensor b1 = randomTensor(5);
        Tensor w2 = w1;
        Tensor b2 = b1;
        for (int step = 1; step <= 6; ++step) {
            const Tensor gw = randomTensor(37);
            const Tensor gb = randomTensor(5);
            const std::vector<ParamRef> r1{{"d.weight", &w1, &gw}, {"d.bias", &b1, &gb}};
            const std::vector<ParamRef> r2{{"d.weight", &w2, &gw}, {"d.bias", &b2, &gb}};
            const Tensor before = w2;
            kept->step(r1, true);
            // The quick one keeps its Δs on every third step only, as a trace might.
            const bool keep = step % 3 == 0;
            quick->step(r2, keep);
            QCOMPARE(w2, w1);
            QCOMPARE(b2, b1);
            QCOMPARE(kept->updates().size(), std::size_t{2});
            if (keep || !inPlace) {
                // Δ is the whole of the change: before + Δ gives the new weights exactly.
                QCOMPARE(quick->updates().size(), std::size_t{2});
                QCOMPARE(before + quick->updates()[0], w2);
                QCOMPARE(quick->updates()[0], kept->updates()[0]);
            } else {
                // No stale Δ of an earlier step passes for this one's.
                QVERIFY(quick->updates().empty());
            }
        }
        QCOMPARE(quick->saveState(), kept->saveState());
    }

    void stateSlotsByName() {
        auto momentum = registry.makeOptimizer("momentum", Json{{"learning_rate", 0.1}});
        auto adam = registry.makeOptimizer("adam", Json{{"learning_rate", 0.1}});
        auto rms = registry.makeOptimizer("rmsprop", Json{{"learning_rate", 0.1}});
        auto adagrad = registry.makeOptimizer("adagrad", Json{{"learning_rate", 0.1}});
        auto nesterov = registry.makeOptimizer("nesterov", Json{{"learning_rate", 0.1}});
        for (Optimizer* o : {momentum.get(), adam.get(), rms.get(), adagrad.get(), nesterov.get()}) {
            Params p;
            o->step(p.refs());
        }
        auto slot = [](const Optimizer& o, const char* param, const char* name) {
            return o.inspect().at("parameters").at(param).at(name).at("data").get<std::vector<float>>();
        };
        // After one step with g = [1, −2] and [0.5]:
        // momentum and nesterov: v = −0.1 g.
        QCOMPARE(slot(*momentum, "a.weight", "velocity"), (std::vector<float>{-0.1F, 0.2F}));
        QCOMPARE(slot(*nesterov, "b.bias", "velocity"), (std::vector<float>{-0.05F}));
        // adagrad: h = g²; rmsprop: h = 0.1 g² (rho 0.9).
        QCOMPARE(slot(*adagrad, "a.weight", "h"), (std::vector<float>{1.0F, 4.0F}));
        const auto h = slot(*rms, "a.weight", "h");
        QVERIFY(close(h[0], 0.1F) && close(h[1], 0.4F));
        // adam: m = 0.1 g, v = 0.001 g².
        const auto m = slot(*adam, "a.weight", "m");
        const auto v = slot(*adam, "b.bias", "v");
        QVERIFY(close(m[0], 0.1F) && close(m[1], -0.2F));
        QVERIFY(close(v[0], 0.00025F));
        QCOMPARE(adam->inspect().at("step").get<long long>(), 1LL);
        // Plain SGD keeps no state.
        auto sgd = registry.makeOptimizer("sgd");
        Params p;
        sgd->step(p.refs());
        QVERIFY(sgd->inspect().at("parameters").empty());
    }

    void adamStepCounterIsPerOptimizer() {
        // A counter bumped per tensor would give "b.bias" t = 2 on the first step.
        // Once per optimizer, both parameters move by exactly η on step 1 (m̂/√v̂ = ±1).
        auto adam = registry.makeOptimizer("adam", Json{{"learning_rate", 0.1}});
        Params p;
        p.b = Tensor(Shape{1}, std::vector<float>{3.0F});
        adam->step(p.refs());
        QVERIFY(close(p.a[0], 0.9F));
        QVERIFY(close(p.a[1], -1.9F));
        QVERIFY(close(p.b[0], 2.9F));
        for (int i = 1; i < 10; ++i) {
            adam->step(p.refs());
        }
        QCOMPARE(adam->stepCount(), 10LL);
        QCOMPARE(adam->inspect().at("step").get<long long>(), 10LL);
    }

    void learningRateChangeKeepsState_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Golden>("golden");
        // python3 as above, with lr = 0.1 on step 1 and 0.05 from step 2 on.
        QTest::newRow("momentum") << "momentum"
                                  << Golden{{0.9F, -1.8F, 0.45F}, {0.765F, -1.53F, 0.3825F}, {0.60525F, -1.2105F, 0.302625F}};
        QTest::newRow("adam") << "adam"
                              << Golden{{0.900000001F, -1.9F, 0.400000002F},
                                        {0.850206115F, -1.85008324F, 0.350593713F},
                                        {0.800602478F, -1.80024458F, 0.301752118F}};
    }

    void learningRateChangeKeepsState() {
        QFETCH(QString, name);
        QFETCH(Golden, golden);
        auto opt = registry.makeOptimizer(name.toStdString(), Json{{"learning_rate", 0.1}});
        Params p;
        for (std::size_t step = 0; step < golden.size(); ++step) {
            if (step == 1) {
                opt->setLearningRate(0.05);
                QCOMPARE(opt->learningRate(), 0.05);
            }
            opt->step(p.refs());
            const std::vector<float> got{p.a[0], p.a[1], p.b[0]};
            for (std::size_t i = 0; i < 3; ++i) {
                QVERIFY2(close(got[i], golden[step][i]),
                         qPrintable(QString("step %1: %2, expected %3").arg(step + 1).arg(got[i]).arg(golden[step][i])));
            }
        }
        QCOMPARE(opt->stepCount(), 3LL);
    }

    void defaults() {
        QCOMPARE(registry.makeOptimizer("sgd")->learningRate(), 0.01);
        QCOMPARE(registry.makeOptimizer("adam")->learningRate(), 0.001);
        QCOMPARE(registry.makeOptimizer("rmsprop")->learningRate(), 0.001);
        const ComponentInfo* adam = registry.find(Kind::Optimizer, "adam");
        QVERIFY(adam != nullptr);
        QCOMPARE(adam->schema.find("beta1")->defaultValue.get<double>(), 0.9);
        QCOMPARE(adam->schema.find("beta2")->defaultValue.get<double>(), 0.999);
        QCOMPARE(registry.find(Kind::Optimizer, "momentum")->schema.find("momentum")->defaultValue.get<double>(), 0.9);
    }

    void badOptions_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("options");
        QTest::newRow("sgd negative rate") << "sgd" << R"({"learning_rate": -0.1})";
        QTest::newRow("sgd rate text") << "sgd" << R"({"learning_rate": "fast"})";
        QTest::newRow("sgd unknown option") << "sgd" << R"({"momentum": 0.9})";
        QTest::newRow("momentum above 1") << "momentum" << R"({"momentum": 1.5})";
        QTest::newRow("nesterov negative momentum") << "nesterov" << R"({"momentum": -0.1})";
        QTest::newRow("adagrad negative epsilon") << "adagrad" << R"({"epsilon": -1})";
        QTest::newRow("rmsprop rho above 1") << "rmsprop" << R"({"rho": 1.1})";
        QTest::newRow("adam beta1 1") << "adam" << R"({"beta1": 1.0})";
        QTest::newRow("adam beta2 negative") << "adam" << R"({"beta2": -0.5})";
        QTest::newRow("unknown optimizer") << "lbfgs" << "{}";
    }

    void badOptions() {
        QFETCH(QString, name);
        QFETCH(QString, options);
        QVERIFY_THROWS_EXCEPTION(InputError,
                                 registry.makeOptimizer(name.toStdString(), Json::parse(options.toStdString())));
    }
};

QTEST_APPLESS_MAIN(TestBackpropOptimizers)
#include "tst_backprop_optimizers.moc"
