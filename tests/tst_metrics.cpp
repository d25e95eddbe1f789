// Evaluation metrics and k-fold splits. Every expected value is worked out by hand
// from the small examples in the comments.
#include "deepstep/metrics.hpp"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

using namespace deepstep;

namespace {

constexpr double kExact = 1e-12;

// Ten samples of three classes, as (truth, predicted):
//   (0,0) (0,0) (0,1) (0,2)   (1,1) (1,1) (1,1) (1,0)   (2,2) (2,1)
// Confusion matrix (row = truth, column = predicted):
//   [2 1 1]
//   [1 3 0]
//   [0 1 1]
const std::vector<std::pair<std::size_t, std::size_t>> kThreeClassPairs{
    {0, 0}, {0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 1}, {1, 1}, {1, 0}, {2, 2}, {2, 1}};

// The same example as network outputs (scores, argmax = predicted) and one-hot targets.
Tensor threeClassOutputs() {
    Tensor out(Shape{10, 3});
    for (std::size_t i = 0; i < kThreeClassPairs.size(); ++i) {
        for (std::size_t k = 0; k < 3; ++k) {
            out.at({i, k}) = 0.1F * static_cast<float>(k + 1);
        }
        out.at({i, kThreeClassPairs[i].second}) = 0.9F;
    }
    return out;
}

Tensor threeClassTargets() {
    Tensor t(Shape{10, 3});
    for (std::size_t i = 0; i < kThreeClassPairs.size(); ++i) {
        t.at({i, kThreeClassPairs[i].first}) = 1.0F;
    }
    return t;
}

void expectThreeClassMetrics(const ConfusionMatrix& m) {
    const std::size_t expected[3][3] = {{2, 1, 1}, {1, 3, 0}, {0, 1, 1}};
    for (std::size_t t = 0; t < 3; ++t) {
        for (std::size_t p = 0; p < 3; ++p) {
            QCOMPARE(m.count(t, p), expected[t][p]);
        }
    }
    QCOMPARE(m.total(), std::size_t{10});
    // Diagonal 2 + 3 + 1 = 6 of 10.
    QVERIFY(std::fabs(m.accuracy() - 0.6) < kExact);
    // Precision = diagonal / column sum: 2/3, 3/5, 1/2.
    QVERIFY(std::fabs(m.precision(0) - 2.0 / 3.0) < kExact);
    QVERIFY(std::fabs(m.precision(1) - 3.0 / 5.0) < kExact);
    QVERIFY(std::fabs(m.precision(2) - 1.0 / 2.0) < kExact);
    // Recall = diagonal / row sum: 2/4, 3/4, 1/2.
    QVERIFY(std::fabs(m.recall(0) - 0.5) < kExact);
    QVERIFY(std::fabs(m.recall(1) - 0.75) < kExact);
    QVERIFY(std::fabs(m.recall(2) - 0.5) < kExact);
    // F1 = 2PR / (P + R): (2/3)/(7/6) = 4/7, (9/10)/(27/20) = 2/3, (1/2)/1 = 1/2.
    QVERIFY(std::fabs(m.f1(0) - 4.0 / 7.0) < kExact);
    QVERIFY(std::fabs(m.f1(1) - 2.0 / 3.0) < kExact);
    QVERIFY(std::fabs(m.f1(2) - 0.5) < kExact);
    // Macro averages: (2/3 + 3/5 + 1/2)/3 = 53/90, (1/2 + 3/4 + 1/2)/3 = 7/12,
    // (4/7 + 2/3 + 1/2)/3 = 73/126.
    QVERIFY(std::fabs(m.macroPrecision() - 53.0 / 90.0) < kExact);
    QVERIFY(std::fabs(m.macroRecall() - 7.0 / 12.0) < kExact);
    QVERIFY(std::fabs(m.macroF1() - 73.0 / 126.0) < kExact);
}

}  // namespace

class MetricsTest : public QObject {
    Q_OBJECT

private slots:
    void threeClassFromPairs();
    void threeClassFromTensors();
    void predictedClassesArgmax();
    void binaryColumnThresholdsAtOneHalf();
    void absentClassesScoreZero();
    void confusionMatrixRejectsBadInput();
    void accuracyOfOutputs();
    void squaredAndAbsoluteErrors();
    void kFoldPartitions_data();
    void kFoldPartitions();
    void kFoldIsDeterministicPerSeed();
    void kFoldTrainIndicesAreTheComplement();
    void kFoldRejectsInvalidK();
};

void MetricsTest::threeClassFromPairs() {
    ConfusionMatrix m(3);
    QCOMPARE(m.classes(), std::size_t{3});
    QCOMPARE(m.total(), std::size_t{0});
    for (const auto& [truth, predicted] : kThreeClassPairs) {
        m.add(truth, predicted);
    }
    expectThreeClassMetrics(m);
}

void MetricsTest::threeClassFromTensors() {
    ConfusionMatrix m(3);
    m.add(threeClassOutputs(), threeClassTargets());
    expectThreeClassMetrics(m);
}

void MetricsTest::predictedClassesArgmax() {
    const Tensor out = Tensor::rows({{0.1F, 0.7F, 0.2F}, {2.0F, -1.0F, 1.5F}, {-3.0F, -2.0F, -1.0F}});
    QVERIFY((predictedClasses(out) == std::vector<std::size_t>{1, 0, 2}));
    QCOMPARE(classCount(out), std::size_t{3});
    QVERIFY((predictedClasses(threeClassTargets()) ==
             std::vector<std::size_t>{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, predictedClasses(Tensor(Shape{4})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, predictedClasses(Tensor(Shape{2, 2, 2})));
}

void MetricsTest::binaryColumnThresholdsAtOneHalf() {
    // Outputs 0.2 0.5 0.7 0.49 0.9 0.1 → predicted 0 1 1 0 1 0 (0.5 counts as 1).
    // Targets   0   1   1   1    0   0.
    // Pairs (t,p): (0,0) (1,1) (1,1) (1,0) (0,1) (0,0) → [[2, 1], [1, 2]].
    const Tensor out(Shape{6, 1}, std::vector<float>{0.2F, 0.5F, 0.7F, 0.49F, 0.9F, 0.1F});
    const Tensor target(Shape{6, 1}, std::vector<float>{0, 1, 1, 1, 0, 0});
    QVERIFY((predictedClasses(out) == std::vector<std::size_t>{0, 1, 1, 0, 1, 0}));
    QCOMPARE(classCount(out), std::size_t{2});
    ConfusionMatrix m(2);
    m.add(out, target);
    QCOMPARE(m.count(0, 0), std::size_t{2});
    QCOMPARE(m.count(0, 1), std::size_t{1});
    QCOMPARE(m.count(1, 0), std::size_t{1});
    QCOMPARE(m.count(1, 1), std::size_t{2});
    QVERIFY(std::fabs(m.accuracy() - 4.0 / 6.0) < kExact);
    // Class 1 as "positive": precision 2/3, recall 2/3.
    QVERIFY(std::fabs(m.precision(1) - 2.0 / 3.0) < kExact);
    QVERIFY(std::fabs(m.recall(1) - 2.0 / 3.0) < kExact);
    QVERIFY(std::fabs(accuracy(out, target) - 4.0 / 6.0) < kExact);
}

void MetricsTest::absentClassesScoreZero() {
    // Class 2 never occurs and is never predicted: precision, recall and F1 are 0
    // by definition (no division by zero), and the macro averages include it.
    ConfusionMatrix m(3);
    m.add(0, 0);
    m.add(1, 1);
    m.add(1, 0);
    QCOMPARE(m.precision(2), 0.0);
    QCOMPARE(m.recall(2), 0.0);
    QCOMPARE(m.f1(2), 0.0);
    // Precision 1/2, 1, 0 → macro 1/2; recall 1, 1/2, 0 → macro 1/2.
    QVERIFY(std::fabs(m.macroPrecision() - 0.5) < kExact);
    QVERIFY(std::fabs(m.macroRecall() - 0.5) < kExact);
    // F1 of classes 0 and 1: 2·(1/2)·1/(3/2) = 2/3 each → macro 4/9.
    QVERIFY(std::fabs(m.macroF1() - 4.0 / 9.0) < kExact);
    // An empty matrix has accuracy 0 rather than NaN.
    QCOMPARE(ConfusionMatrix(2).accuracy(), 0.0);
}

void MetricsTest::confusionMatrixRejectsBadInput() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ConfusionMatrix(1));
    ConfusionMatrix m(3);
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, m.add(3, 0));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, m.add(0, 3));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, m.add(Tensor(Shape{4, 3}), Tensor(Shape{4, 2})));
    QCOMPARE(m.total(), std::size_t{0});
}

void MetricsTest::accuracyOfOutputs() {
    QVERIFY(std::fabs(accuracy(threeClassOutputs(), threeClassTargets()) - 0.6) < kExact);
    const Tensor perfect = threeClassTargets();
    QCOMPARE(accuracy(perfect, perfect), 1.0);
}

void MetricsTest::squaredAndAbsoluteErrors() {
    // Differences 1, 0, −2, 0.5: MSE = (1 + 0 + 4 + 0.25)/4 = 1.3125,
    // MAE = (1 + 0 + 2 + 0.5)/4 = 0.875.
    const Tensor out = Tensor::rows({{1, 2}, {3, 4}});
    const Tensor target = Tensor::rows({{0, 2}, {5, 3.5F}});
    QVERIFY(std::fabs(meanSquaredError(out, target) - 1.3125) < kExact);
    QVERIFY(std::fabs(meanAbsoluteError(out, target) - 0.875) < kExact);
    QCOMPARE(meanSquaredError(out, out), 0.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, meanSquaredError(out, Tensor(Shape{4, 1})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, meanAbsoluteError(out, Tensor(Shape{2, 3})));
}

void MetricsTest::kFoldPartitions_data() {
    QTest::addColumn<qulonglong>("n");
    QTest::addColumn<qulonglong>("k");
    QTest::newRow("10 in 3") << qulonglong{10} << qulonglong{3};
    QTest::newRow("10 in 5") << qulonglong{10} << qulonglong{5};
    QTest::newRow("7 in 7") << qulonglong{7} << qulonglong{7};
    QTest::newRow("101 in 10") << qulonglong{101} << qulonglong{10};
    QTest::newRow("2 in 2") << qulonglong{2} << qulonglong{2};
}

void MetricsTest::kFoldPartitions() {
    QFETCH(qulonglong, n);
    QFETCH(qulonglong, k);
    const auto folds = kFoldIndices(n, k, 42);
    QCOMPARE(folds.size(), static_cast<std::size_t>(k));
    std::vector<std::size_t> all;
    std::size_t smallest = n;
    std::size_t largest = 0;
    for (const auto& f : folds) {
        smallest = std::min(smallest, f.size());
        largest = std::max(largest, f.size());
        all.insert(all.end(), f.begin(), f.end());
    }
    QVERIFY2(largest - smallest <= 1, qPrintable(QString("fold sizes %1..%2").arg(smallest).arg(largest)));
    QCOMPARE(smallest, static_cast<std::size_t>(n / k));
    std::sort(all.begin(), all.end());
    QCOMPARE(all.size(), static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(all[i], i);
    }
}

void MetricsTest::kFoldIsDeterministicPerSeed() {
    QVERIFY(kFoldIndices(50, 5, 7) == kFoldIndices(50, 5, 7));
    QVERIFY(kFoldIndices(50, 5, 7) != kFoldIndices(50, 5, 8));
    // Shuffled, not cut in order: the first fold is not simply 0..9.
    auto first = kFoldIndices(50, 5, 7).front();
    std::sort(first.begin(), first.end());
    QVERIFY(first != std::vector<std::size_t>({0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

void MetricsTest::kFoldTrainIndicesAreTheComplement() {
    const std::size_t n = 23;
    const auto folds = kFoldIndices(n, 4, 3);
    for (std::size_t i = 0; i < folds.size(); ++i) {
        const auto train = kFoldTrainIndices(folds, i);
        QCOMPARE(train.size() + folds[i].size(), n);
        const std::set<std::size_t> validation(folds[i].begin(), folds[i].end());
        std::set<std::size_t> seen;
        for (std::size_t idx : train) {
            QVERIFY(idx < n);
            QVERIFY2(!validation.contains(idx), qPrintable(QString("index %1 in both").arg(idx)));
            QVERIFY(seen.insert(idx).second);
        }
        // "In fold order": the other folds, concatenated.
        std::vector<std::size_t> expected;
        for (std::size_t f = 0; f < folds.size(); ++f) {
            if (f != i) {
                expected.insert(expected.end(), folds[f].begin(), folds[f].end());
            }
        }
        QVERIFY(train == expected);
    }
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, kFoldTrainIndices(folds, folds.size()));
}

void MetricsTest::kFoldRejectsInvalidK() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kFoldIndices(10, 1, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kFoldIndices(10, 0, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kFoldIndices(10, 11, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kFoldIndices(0, 2, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kFoldIndices(1, 2, 0));
}

QTEST_APPLESS_MAIN(MetricsTest)
#include "tst_metrics.moc"
