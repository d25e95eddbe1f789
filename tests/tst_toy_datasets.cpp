// The toy datasets: exact truth tables, deterministic and balanced point clouds,
// and clear errors for bad options.

#include "deepstep/errors.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace deepstep;
using deepstep::toy::Gate;

Q_DECLARE_METATYPE(deepstep::toy::Gate)

namespace {

using Generator = std::function<TensorDataset(const toy::PlaygroundOptions&)>;

Generator generatorFor(const QString& name) {
    if (name == "circle") return &toy::circle;
    if (name == "xor_2d") return &toy::xor2d;
    if (name == "gauss") return &toy::gauss;
    return &toy::spiral;
}

toy::PlaygroundOptions optionsWith(std::size_t samples, double noise, std::uint64_t seed) {
    toy::PlaygroundOptions o;
    o.samples = samples;
    o.noise = noise;
    o.seed = seed;
    return o;
}

float x1(const TensorDataset& d, std::size_t i) { return d.inputs()[2 * i]; }
float x2(const TensorDataset& d, std::size_t i) { return d.inputs()[2 * i + 1]; }
std::size_t label(const TensorDataset& d, std::size_t i) { return static_cast<std::size_t>(d.targets()[i]); }

}  // namespace

class TestToyDatasets : public QObject {
    Q_OBJECT

    static void addPlaygroundRows() {
        QTest::addColumn<QString>("name");
        QTest::newRow("circle") << "circle";
        QTest::newRow("xor_2d") << "xor_2d";
        QTest::newRow("gauss") << "gauss";
        QTest::newRow("spiral") << "spiral";
    }

private slots:
    void truthTables_data() {
        QTest::addColumn<Gate>("gate");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QList<int>>("outputs");  // for 00, 01, 10, 11
        QTest::newRow("and") << Gate::And << "and" << QList<int>{0, 0, 0, 1};
        QTest::newRow("or") << Gate::Or << "or" << QList<int>{0, 1, 1, 1};
        QTest::newRow("nand") << Gate::Nand << "nand" << QList<int>{1, 1, 1, 0};
        QTest::newRow("nor") << Gate::Nor << "nor" << QList<int>{1, 0, 0, 0};
        QTest::newRow("xor") << Gate::Xor << "xor" << QList<int>{0, 1, 1, 0};
    }

    void truthTables() {
        QFETCH(Gate, gate);
        QFETCH(QString, name);
        QFETCH(QList<int>, outputs);
        QCOMPARE(QString::fromStdString(toy::gateName(gate)), name);

        const TensorDataset d = toy::truthTable(gate);
        QCOMPARE(d.size(), std::size_t{4});
        QCOMPARE(d.inputShape(), (Shape{2}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        QCOMPARE(d.inputs(), Tensor::rows({{0, 0}, {0, 1}, {1, 0}, {1, 1}}));
        QCOMPARE(d.targets(), Tensor::rows({{float(outputs[0])}, {float(outputs[1])}, {float(outputs[2])},
                                            {float(outputs[3])}}));
        QCOMPARE(d.classNames(), (std::vector<std::string>{"0", "1"}));
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"x1", "x2"}));

        // repeat tiles the same four rows.
        const TensorDataset r = toy::truthTable(gate, 3);
        QCOMPARE(r.size(), std::size_t{12});
        for (std::size_t i = 0; i < 12; ++i) {
            QCOMPARE(r.inputs()[2 * i], d.inputs()[2 * (i % 4)]);
            QCOMPARE(r.inputs()[2 * i + 1], d.inputs()[2 * (i % 4) + 1]);
            QCOMPARE(r.targets()[i], d.targets()[i % 4]);
        }
    }

    void truthTablesThroughRegistry() {
        Registry registry;
        toy::registerComponents(registry);
        auto d = registry.makeDataset("xor", Json{{"repeat", 2}});
        QCOMPARE(d->size(), std::size_t{8});
        const Batch all = d->all();
        QCOMPARE(all.targets, Tensor::rows({{0}, {1}, {1}, {0}, {0}, {1}, {1}, {0}}));
        // Defaults: one copy of the table.
        QCOMPARE(registry.makeDataset("nand")->size(), std::size_t{4});
    }

    void everyOptionHasBilingualHelp() {
        Registry registry;
        toy::registerComponents(registry);
        const auto datasets = registry.list(Kind::Dataset);
        QCOMPARE(datasets.size(), std::size_t{9});
        for (const ComponentInfo* info : datasets) {
            QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
            QVERIFY2(!info->schema.specs().empty(), info->name.c_str());
            for (const OptionSpec& spec : info->schema.specs()) {
                QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), (info->name + "." + spec.name).c_str());
                QVERIFY(!spec.defaultValue.is_null());
            }
        }
    }

    void playgroundDeterministicPerSeed() {
        QFETCH(QString, name);
        const Generator make = generatorFor(name);
        const TensorDataset a = make(optionsWith(100, 20, 7));
        const TensorDataset b = make(optionsWith(100, 20, 7));
        const TensorDataset c = make(optionsWith(100, 20, 8));
        QCOMPARE(a.inputs(), b.inputs());
        QCOMPARE(a.targets(), b.targets());
        QVERIFY(a.inputs() != c.inputs());
        QVERIFY(a.inputs().allFinite());
    }
    void playgroundDeterministicPerSeed_data() { addPlaygroundRows(); }

    void playgroundBalancedAndShaped() {
        QFETCH(QString, name);
        const TensorDataset d = generatorFor(name)(optionsWith(60, 10, 3));
        QCOMPARE(d.size(), std::size_t{60});
        QCOMPARE(d.inputShape(), (Shape{2}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        QCOMPARE(d.classNames(), (std::vector<std::string>{"orange", "blue"}));
        std::size_t blue = 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            QCOMPARE(label(d, i), i % 2);  // alternating: every prefix is balanced
            blue += label(d, i);
        }
        QCOMPARE(blue, std::size_t{30});
    }
    void playgroundBalancedAndShaped_data() { addPlaygroundRows(); }

    void playgroundStaysOnCanvas() {
        QFETCH(QString, name);
        if (name == "gauss") {
            QSKIP("Gaussian blobs are unbounded by nature");
        }
        const TensorDataset d = generatorFor(name)(optionsWith(1000, 50, 11));
        QVERIFY(d.inputs().maxAbs() <= 6.0F);
    }
    void playgroundStaysOnCanvas_data() { addPlaygroundRows(); }

    void playgroundBadOptions() {
        QFETCH(QString, name);
        const Generator make = generatorFor(name);
        for (const auto& bad : {optionsWith(7, 0, 0), optionsWith(0, 0, 0), optionsWith(10, 51, 0),
                                optionsWith(10, -1, 0)}) {
            try {
                make(bad);
                QFAIL("expected InputError");
            } catch (const InputError& e) {
                const std::string where = e.where();
                QVERIFY2(where.rfind(name.toStdString() + ".", 0) == 0, e.what());
            }
        }
    }
    void playgroundBadOptions_data() { addPlaygroundRows(); }

    void circleWithoutNoiseIsSeparableByRadius() {
        const TensorDataset d = toy::circle(optionsWith(400, 0, 5));
        for (std::size_t i = 0; i < d.size(); ++i) {
            const float r = std::hypot(x1(d, i), x2(d, i));
            if (label(d, i) == toy::kBlue) {
                QVERIFY(r <= toy::kCircleInner + 1e-5F);
            } else {
                QVERIFY(r >= toy::kCircleOuterMin - 1e-5F);
                QVERIFY(r <= toy::kCircleOuterMax + 1e-5F);
            }
        }
    }

    void circleNoiseMixesTheBorder() {
        // At 50% the ±1 shift carries some points across the empty ring between
        // the classes; same seed, so only the noise differs.
        const TensorDataset clean = toy::circle(optionsWith(400, 0, 5));
        const TensorDataset noisy = toy::circle(optionsWith(400, 50, 5));
        std::size_t crossed = 0;
        for (std::size_t i = 0; i < noisy.size(); ++i) {
            const float r = std::hypot(x1(noisy, i), x2(noisy, i));
            const bool inGap = r > toy::kCircleInner && r < toy::kCircleOuterMin;
            crossed += inGap ? 1 : 0;
            // Noise only moves points: a point is never more than √2 from where it was.
            QVERIFY(std::hypot(x1(noisy, i) - x1(clean, i), x2(noisy, i) - x2(clean, i)) <= std::sqrt(2.0F) + 1e-5F);
        }
        QVERIFY(crossed > 0);
    }

    void xor2dWithoutNoiseFollowsTheQuadrants() {
        const TensorDataset d = toy::xor2d(optionsWith(400, 0, 9));
        std::size_t quadrants[4] = {0, 0, 0, 0};
        for (std::size_t i = 0; i < d.size(); ++i) {
            const float a = x1(d, i);
            const float b = x2(d, i);
            QVERIFY(std::abs(a) >= 0.3F && std::abs(b) >= 0.3F);
            QCOMPARE(label(d, i), (a * b > 0) ? toy::kBlue : toy::kOrange);
            quadrants[(a > 0 ? 0 : 1) + (b > 0 ? 0 : 2)]++;
        }
        for (std::size_t q : quadrants) {
            QVERIFY(q > 50);  // all four quadrants are used (expected 100 each)
        }
    }

    void gaussBlobsSitAtTheirCentres() {
        for (double noise : {0.0, 50.0}) {
            const TensorDataset d = toy::gauss(optionsWith(2000, noise, 13));
            const double variance = 0.5 + 3.5 * (noise / 50.0);
            double mean[2][2] = {{0, 0}, {0, 0}};
            for (std::size_t i = 0; i < d.size(); ++i) {
                mean[label(d, i)][0] += x1(d, i) / 1000.0;
                mean[label(d, i)][1] += x2(d, i) / 1000.0;
            }
            const double tol = 4.0 * std::sqrt(variance / 1000.0);
            QVERIFY(std::abs(mean[toy::kBlue][0] - 2.0) < tol && std::abs(mean[toy::kBlue][1] - 2.0) < tol);
            QVERIFY(std::abs(mean[toy::kOrange][0] + 2.0) < tol && std::abs(mean[toy::kOrange][1] + 2.0) < tol);
            double var = 0;
            for (std::size_t i = 0; i < d.size(); ++i) {
                const double c = label(d, i) == toy::kBlue ? 2.0 : -2.0;
                var += (x1(d, i) - c) * (x1(d, i) - c) / 2000.0;
            }
            QVERIFY2(std::abs(var - variance) < 0.15 * variance, QByteArray::number(var));
        }
    }

    void spiralArmsAreHalfATurnApart() {
        const TensorDataset d = toy::spiral(optionsWith(100, 0, 1));
        for (std::size_t k = 0; k < 50; ++k) {
            const std::size_t orange = 2 * k;
            const std::size_t blue = 2 * k + 1;
            const float r = 5.0F * static_cast<float>(k + 1) / 50.0F;
            QVERIFY(std::abs(std::hypot(x1(d, blue), x2(d, blue)) - r) < 1e-4F);
            QVERIFY(std::abs(x1(d, blue) + x1(d, orange)) < 1e-4F);
            QVERIFY(std::abs(x2(d, blue) + x2(d, orange)) < 1e-4F);
        }
    }

    void registryOptionsAndErrors() {
        Registry registry;
        toy::registerComponents(registry);
        auto d = registry.makeDataset("spiral", Json{{"samples", 50}, {"noise", 10}, {"seed", 4}});
        QCOMPARE(d->size(), std::size_t{50});
        const TensorDataset direct = toy::spiral(optionsWith(50, 10, 4));
        QCOMPARE(d->all().inputs, direct.inputs());
        QCOMPARE(registry.makeDataset("circle")->size(), std::size_t{200});

        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("circle", Json{{"noise", 60}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("circle", Json{{"samples", 1}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("circle", Json{{"samples", 201}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("gauss", Json{{"seed", -1}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("gauss", Json{{"radius", 3}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("and", Json{{"repeat", 0}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("or", Json{{"repeat", "twice"}}));
        QVERIFY_THROWS_EXCEPTION(InputError, toy::truthTable(Gate::And, 0));
        // Seeds stay within the long long an option holds.
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("gauss", Json{{"seed", 1e19}}));
        QVERIFY_THROWS_EXCEPTION(InputError, registry.makeDataset("gauss", Json{{"seed", 1e300}}));
        QCOMPARE(registry.makeDataset("gauss", Json{{"seed", kLargestIntegerOption}})->size(), std::size_t{200});
    }

    // Called from C++ with any size, a generator checks the memory first.
    void sizesAreCheckedAgainstTheMemoryBudget() {
        qputenv("DEEPSTEP_MEMORY_LIMIT", "1M");
        QString circle;
        QString table;
        try {
            toy::circle(optionsWith(1000000, 0, 0));
        } catch (const InputError& e) {
            circle = e.what();
        }
        try {
            toy::truthTable(Gate::Xor, 1000000);
        } catch (const InputError& e) {
            table = e.what();
        }
        qunsetenv("DEEPSTEP_MEMORY_LIMIT");
        QCOMPARE(circle, QString("circle.samples: 1000000 points (2 inputs and 1 target each, as 4-byte floats) would "
                                 "take 11 MiB of memory; the limit is 1.0 MiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
        QCOMPARE(table, QString("xor.repeat: the truth table repeated 1000000 times (as 4-byte floats) would take 46 "
                                "MiB of memory; the limit is 1.0 MiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
    }
};

QTEST_APPLESS_MAIN(TestToyDatasets)
#include "tst_toy_datasets.moc"
