// The tabular datasets of the lecture (store sales, smartwatch): the ground truth as
// documented, rows equal to an independent replay of the seeded generator (python3
// with its own mt19937_64), determinism, balance, standardisation and bad options.

#include "deepstep/errors.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/tabular/tabular_datasets.hpp"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace deepstep;

namespace {

// Compares two floats to a relative 1e-6: the replay computes in double and rounds
// once, as the generator does.
bool close(float a, float b) {
    return std::fabs(a - b) <= 1e-6F * std::max(1.0F, std::fabs(b));
}

QString messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no InputError";
}

float featureAt(const TensorDataset& d, std::size_t i, std::size_t j) {
    return d.inputs()[4 * i + j];
}

}  // namespace

class TestTabularDatasets : public QObject {
    Q_OBJECT

private slots:
    void groundTruthFormulas() {
        // 10 + 0.08·100 + 6·2 − 0.01·500 + 0.004·1000 = 29
        QCOMPARE(tabular::storeSalesTruth(100, 2, 500, 1000), 29.0);
        // Each factor pulls the way the lecture's story says.
        QVERIFY(tabular::storeSalesTruth(101, 2, 500, 1000) > 29.0);
        QVERIFY(tabular::storeSalesTruth(100, 3, 500, 1000) > 29.0);
        QVERIFY(tabular::storeSalesTruth(100, 2, 501, 1000) < 29.0);
        QVERIFY(tabular::storeSalesTruth(100, 2, 500, 1001) > 29.0);

        QCOMPARE(tabular::smartwatchLogit(170, 44, 7000, 20), 0.0);
        // 0.1·14 + 0.0006·2000 + 0.01·10 + 0.05·10 = 3.2
        QVERIFY(std::fabs(tabular::smartwatchLogit(180, 30, 9000, 30) - 3.2) < 1e-12);
    }

    void storeSalesGoldenRows() {
        tabular::StoreSalesOptions o;
        o.samples = 3;
        o.noise = 2.0;
        o.seed = 7;
        const TensorDataset d = tabular::storeSales(o);
        QCOMPARE(d.inputShape(), (Shape{4}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        QVERIFY(d.classNames().empty());
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"floor_area_m2", "floors", "apartment_distance_m",
                                                             "competitor_distance_m"}));
        const float expected[3][5] = {
            {241.05247497558594F, 1.0F, 278.9578552246094F, 2686.548095703125F, 44.27915573120117F},
            {259.8055114746094F, 2.0F, 551.458251953125F, 2181.926513671875F, 43.23438262939453F},
            {155.38690185546875F, 1.0F, 1672.728271484375F, 981.614990234375F, 22.16838264465332F},
        };
        for (std::size_t i = 0; i < 3; ++i) {
            for (std::size_t j = 0; j < 4; ++j) {
                QCOMPARE(featureAt(d, i, j), expected[i][j]);
            }
            QVERIFY2(close(d.targets()[i], expected[i][4]), QByteArray::number(d.targets()[i], 'g', 9));
        }
    }

    void storeSalesWithoutNoiseIsTheFormula() {
        tabular::StoreSalesOptions o;
        o.samples = 300;
        o.noise = 0.0;
        o.seed = 7;
        const TensorDataset d = tabular::storeSales(o);
        // Same stores as with noise: the noise never moves the features.
        tabular::StoreSalesOptions noisy = o;
        noisy.noise = 5.0;
        const TensorDataset n = tabular::storeSales(noisy);
        QCOMPARE(d.inputs(), n.inputs());
        QVERIFY(d.targets() != n.targets());
        QCOMPARE(d.targets()[0], 43.24081039428711F);
        for (std::size_t i = 0; i < d.size(); ++i) {
            const double truth = tabular::storeSalesTruth(featureAt(d, i, 0), featureAt(d, i, 1), featureAt(d, i, 2),
                                                          featureAt(d, i, 3));
            QCOMPARE(d.targets()[i], static_cast<float>(truth));
            QVERIFY(featureAt(d, i, 0) >= tabular::kAreaMin && featureAt(d, i, 0) < tabular::kAreaMax);
            const float floors = featureAt(d, i, 1);
            QVERIFY(floors == 1.0F || floors == 2.0F || floors == 3.0F);
            QVERIFY(featureAt(d, i, 2) >= tabular::kApartmentDistanceMin);
            QVERIFY(featureAt(d, i, 3) < tabular::kCompetitorDistanceMax);
        }
    }

    void smartwatchGoldenRows() {
        tabular::SmartwatchOptions o;
        o.samples = 4;
        o.noise = 0.1;
        o.seed = 3;
        const TensorDataset d = tabular::smartwatch(o);
        QCOMPARE(d.classNames(), (std::vector<std::string>{"no", "yes"}));
        QCOMPARE(d.featureNames(),
                 (std::vector<std::string>{"height_cm", "age_years", "salary_10k_won", "commute_km"}));
        const float expected[4][5] = {
            {173.42027282714844F, 68.0F, 5463.68896484375F, 22.39182472229004F, 0.0F},
            {167.64666748046875F, 18.0F, 3125.80029296875F, 23.65184783935547F, 1.0F},
            {176.171875F, 25.0F, 9924.951171875F, 39.13484191894531F, 1.0F},
            {175.44834899902344F, 66.0F, 10143.9990234375F, 10.203961372375488F, 0.0F},
        };
        for (std::size_t i = 0; i < 4; ++i) {
            for (std::size_t j = 0; j < 4; ++j) {
                QVERIFY2(close(featureAt(d, i, j), expected[i][j]), QByteArray::number(featureAt(d, i, j), 'g', 9));
            }
            QCOMPARE(d.targets()[i], expected[i][4]);
        }
    }

    void smartwatchBalanceAndLabelNoise() {
        tabular::SmartwatchOptions o;
        o.samples = 2000;
        o.seed = 0;
        const TensorDataset clean = tabular::smartwatch(o);
        // The replay gives 1018 of 2000 "yes" for seed 0.
        QCOMPARE(clean.targets().sum(), 1018.0F);

        o.noise = 0.2;
        const TensorDataset flipped = tabular::smartwatch(o);
        QCOMPARE(flipped.inputs(), clean.inputs());
        std::size_t changed = 0;
        for (std::size_t i = 0; i < o.samples; ++i) {
            changed += clean.targets()[i] != flipped.targets()[i] ? 1 : 0;
        }
        // About a fifth flip (binomial sd ≈ 18 of 2000).
        QVERIFY2(changed > 330 && changed < 470, QByteArray::number(qulonglong(changed)));
    }

    void smartwatchLabelsFollowTheLogit() {
        tabular::SmartwatchOptions o;
        o.samples = 4000;
        o.seed = 1;
        const TensorDataset d = tabular::smartwatch(o);
        // Where the truth is confident (|z| > 3, P > 0.95), nearly all labels agree.
        std::size_t confident = 0;
        std::size_t agree = 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            const double z = tabular::smartwatchLogit(featureAt(d, i, 0), featureAt(d, i, 1), featureAt(d, i, 2),
                                                      featureAt(d, i, 3));
            if (std::fabs(z) > 3.0) {
                ++confident;
                agree += (z > 0) == (d.targets()[i] == 1.0F) ? 1 : 0;
            }
        }
        QVERIFY(confident > 500);
        QVERIFY(static_cast<double>(agree) / static_cast<double>(confident) > 0.95);
    }

    void deterministicPerSeed() {
        tabular::StoreSalesOptions s;
        s.seed = 42;
        QCOMPARE(tabular::storeSales(s).inputs(), tabular::storeSales(s).inputs());
        QCOMPARE(tabular::storeSales(s).targets(), tabular::storeSales(s).targets());
        tabular::StoreSalesOptions other = s;
        other.seed = 43;
        QVERIFY(tabular::storeSales(other).inputs() != tabular::storeSales(s).inputs());

        tabular::SmartwatchOptions w;
        w.seed = 42;
        QCOMPARE(tabular::smartwatch(w).inputs(), tabular::smartwatch(w).inputs());
        QCOMPARE(tabular::smartwatch(w).targets(), tabular::smartwatch(w).targets());
    }

    void standardizeGivesZScores() {
        Tensor t = Tensor::rows({{1, 10, 5}, {3, 10, 7}, {5, 10, 9}});
        tabular::standardizeColumns(t);
        // Column 0: mean 3, population sd sqrt(8/3); the constant column becomes 0.
        const float z = static_cast<float>(2.0 / std::sqrt(8.0 / 3.0));
        QCOMPARE(t, Tensor::rows({{-z, 0, -z}, {0, 0, 0}, {z, 0, z}}));

        tabular::StoreSalesOptions o;
        o.samples = 400;
        o.seed = 5;
        const TensorDataset raw = tabular::storeSales(o);
        o.standardize = true;
        const TensorDataset scaled = tabular::storeSales(o);
        QCOMPARE(scaled.targets(), raw.targets());  // only the features are scaled
        for (std::size_t j = 0; j < 4; ++j) {
            double sum = 0;
            double squares = 0;
            for (std::size_t i = 0; i < scaled.size(); ++i) {
                sum += featureAt(scaled, i, j);
                squares += double(featureAt(scaled, i, j)) * featureAt(scaled, i, j);
            }
            QVERIFY(std::fabs(sum / 400.0) < 1e-5);
            QVERIFY(std::fabs(squares / 400.0 - 1.0) < 1e-4);
        }
    }

    void badOptions() {
        tabular::StoreSalesOptions s;
        s.samples = 1;
        QCOMPARE(messageOf([&] { tabular::storeSales(s); }),
                 QString("store_sales.samples: expected at least 2 examples, got 1"));
        s.samples = 10;
        s.noise = -1;
        QCOMPARE(messageOf([&] { tabular::storeSales(s); }),
                 QString("store_sales.noise: expected a standard deviation of at least 0, got -1.000000"));
        tabular::SmartwatchOptions w;
        w.noise = 0.75;
        QCOMPARE(messageOf([&] { tabular::smartwatch(w); }),
                 QString("smartwatch.noise: expected a label-flip probability in [0, 0.5], got 0.750000"));
    }

    void sizesAreCheckedAgainstTheMemoryBudget() {
        qputenv("DEEPSTEP_MEMORY_LIMIT", "1M");
        tabular::SmartwatchOptions w;
        w.samples = 1000000;
        const QString message = messageOf([&] { tabular::smartwatch(w); });
        qunsetenv("DEEPSTEP_MEMORY_LIMIT");
        QCOMPARE(message, QString("smartwatch.samples: 1000000 examples (4 inputs and 1 target each, as 4-byte floats) "
                                  "would take 19 MiB of memory; the limit is 1.0 MiB (set DEEPSTEP_MEMORY_LIMIT to "
                                  "raise it)"));
    }

    void throughTheRegistry() {
        Registry registry;
        tabular::registerComponents(registry);
        const auto datasets = registry.list(Kind::Dataset);
        QCOMPARE(datasets.size(), std::size_t{2});
        for (const ComponentInfo* info : datasets) {
            QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
            for (const OptionSpec& spec : info->schema.specs()) {
                QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), (info->name + "." + spec.name).c_str());
                QVERIFY(!spec.defaultValue.is_null());
            }
        }
        // The schema help states the formula an instructor can point at.
        QVERIFY(registry.find(Kind::Dataset, "store_sales")->summary.en.find("0.08·area") != std::string::npos);

        auto d = registry.makeDataset("smartwatch", Json{{"samples", 4}, {"noise", 0.1}, {"seed", 3}});
        QCOMPARE(d->size(), std::size_t{4});
        QCOMPARE(d->all().targets, Tensor::rows({{0}, {1}, {1}, {0}}));
        QCOMPARE(registry.makeDataset("store_sales")->size(), std::size_t{500});
        QCOMPARE(messageOf([&] {
                     registry.makeDataset("store_sales", Json{{"standardize", 3}});
                 }),
                 QString("dataset.standardize: expected true or false, got 3"));
    }
};

QTEST_APPLESS_MAIN(TestTabularDatasets)
#include "tst_tabular_datasets.moc"
