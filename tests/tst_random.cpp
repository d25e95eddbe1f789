// Seeded randomness and the weight initialisers. Exact values come from an
// independent implementation of the standard mt19937_64 engine in plain Python (the
// engine's first output for its default seed 5489 is 14514284786278117030, as the
// C++ standard fixes), with the documented mapping of 53 random bits to [0, 1).
// Statistical checks use tolerances of five standard errors, so they fail only when
// the distribution is wrong, not by bad luck.
#include "deepstep/random.hpp"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

using namespace deepstep;

namespace {

struct Moments {
    double mean = 0.0;
    double variance = 0.0;  ///< population variance
};

Moments momentsOf(std::span<const float> values) {
    Moments m;
    for (float v : values) {
        m.mean += v;
    }
    m.mean /= static_cast<double>(values.size());
    for (float v : values) {
        m.variance += (v - m.mean) * (v - m.mean);
    }
    m.variance /= static_cast<double>(values.size());
    return m;
}

bool isPermutation(std::vector<std::size_t> p, std::size_t n) {
    if (p.size() != n) {
        return false;
    }
    std::sort(p.begin(), p.end());
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] != i) {
            return false;
        }
    }
    return true;
}

QString near(double actual, double expected, double tolerance) {
    return QString("got %1, expected %2 ± %3").arg(actual).arg(expected).arg(tolerance);
}

}  // namespace

class RandomTest : public QObject {
    Q_OBJECT

private slots:
    void engineIsTheStandardMersenneTwister();
    void exactValuesForASeed();
    void sameSeedSameSequence();
    void differentSeedsDiffer();
    void reseedingRestarts();
    void uniformStaysInRangeWithMeanOneHalf();
    void uniformNeverReturnsTheUpperBound();
    void normalHasRequestedMeanAndStd();
    void indexIsInRangeAndCoversAllValues();
    void indexOfZeroThrows();
    void permutationIsAPermutation();
    void splitIsDeterministic();
    void xavierRespectsBoundAndVariance();
    void heHasRequestedStd();
    void zerosAndConstant();
    void byNameDispatches();
    void byNameUnknownThrows();
};

void RandomTest::engineIsTheStandardMersenneTwister() {
    Rng rng(5489);
    QCOMPARE(rng.engine()(), std::uint64_t{14514284786278117030ULL});
}

void RandomTest::exactValuesForASeed() {
    // Python: u = (x >> 11) / 2**53, value = float32(lo + (hi − lo)·u).
    Rng a(42);
    QVERIFY(a.uniform(-2.0F, 3.0F) == 1.7757777F);
    QVERIFY(a.uniform(-2.0F, 3.0F) == 1.19515693F);
    QVERIFY(a.uniform(-2.0F, 3.0F) == 1.76072598F);
    // Box–Muller on the first two draws: u1 = 1 − u(x1), u2 = u(x2),
    // mean + std·sqrt(−2 ln u1)·cos(2π u2) = 4.18279982 for seed 7, N(1, 2).
    Rng b(7);
    const float n = b.normal(1.0F, 2.0F);
    QVERIFY2(std::fabs(n - 4.18279982F) < 1e-5F, qPrintable(QString::number(n, 'g', 9)));
    // Unbiased integers by rejection: x mod 10 for seed 3.
    Rng c(3);
    const std::vector<std::size_t> expected{7, 7, 5, 9, 1};
    for (std::size_t e : expected) {
        QCOMPARE(c.index(10), e);
    }
    // Fisher–Yates from the back, swapping p[i−1] with p[index(i)], seed 11.
    Rng d(11);
    QVERIFY((d.permutation(8) == std::vector<std::size_t>{4, 7, 6, 0, 1, 5, 2, 3}));
}

void RandomTest::sameSeedSameSequence() {
    Rng a(1234);
    Rng b(1234);
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(a.uniform(), b.uniform());
        QCOMPARE(a.normal(0.5F, 3.0F), b.normal(0.5F, 3.0F));
        QCOMPARE(a.index(17), b.index(17));
    }
    QVERIFY(a.permutation(100) == b.permutation(100));
    Tensor ta(Shape{8, 8});
    Tensor tb(Shape{8, 8});
    init::he(ta, a, 8);
    init::he(tb, b, 8);
    QVERIFY(ta == tb);
}

void RandomTest::differentSeedsDiffer() {
    Rng a(1);
    Rng b(2);
    int equal = 0;
    for (int i = 0; i < 100; ++i) {
        equal += a.uniform() == b.uniform() ? 1 : 0;
    }
    QVERIFY2(equal < 5, qPrintable(QString("%1 of 100 draws equal").arg(equal)));
    QVERIFY(Rng(1).permutation(50) != Rng(2).permutation(50));
}

void RandomTest::reseedingRestarts() {
    Rng rng(99);
    std::vector<float> first(10);
    for (float& v : first) {
        v = rng.uniform();
    }
    rng.seed(99);
    for (float v : first) {
        QCOMPARE(rng.uniform(), v);
    }
}

void RandomTest::uniformStaysInRangeWithMeanOneHalf() {
    constexpr int n = 100000;
    Rng rng(2024);
    Tensor t(Shape{n});
    for (float& v : t.values()) {
        v = rng.uniform();
        QVERIFY(v >= 0.0F && v < 1.0F);
    }
    const Moments m = momentsOf(t.values());
    // U(0, 1): mean 1/2, variance 1/12; standard error of the mean sqrt(1/12 / n).
    const double meanTolerance = 5.0 * std::sqrt(1.0 / 12.0 / n);
    QVERIFY2(std::fabs(m.mean - 0.5) < meanTolerance, qPrintable(near(m.mean, 0.5, meanTolerance)));
    // The sample variance of U(0, 1) has standard error sqrt(Var((u − ½)²) / n),
    // Var((u − ½)²) = 1/80 − 1/144 = 1/180.
    const double varTolerance = 5.0 * std::sqrt(1.0 / 180.0 / n);
    QVERIFY2(std::fabs(m.variance - 1.0 / 12.0) < varTolerance, qPrintable(near(m.variance, 1.0 / 12.0, varTolerance)));

    for (int i = 0; i < 10000; ++i) {
        const float v = rng.uniform(-2.0F, 3.0F);
        QVERIFY(v >= -2.0F && v < 3.0F);
    }
}

void RandomTest::uniformNeverReturnsTheUpperBound() {
    // [lo, hi) one float step wide: every draw lo + (hi − lo)·u with u ≥ ½ rounds to
    // hi in float, so about half of the draws test the open end.
    const float lo = 1.0F;
    const float hi = std::nextafter(lo, 2.0F);
    Rng rng(17);
    for (int i = 0; i < 1000; ++i) {
        const float v = rng.uniform(lo, hi);
        QVERIFY2(v >= lo && v < hi, qPrintable(QString::number(v, 'g', 9)));
    }
}

void RandomTest::normalHasRequestedMeanAndStd() {
    constexpr int n = 100000;
    constexpr double mean = 2.0;
    constexpr double stddev = 3.0;
    Rng rng(77);
    Tensor t(Shape{n});
    for (float& v : t.values()) {
        v = rng.normal(static_cast<float>(mean), static_cast<float>(stddev));
    }
    QVERIFY(t.allFinite());
    const Moments m = momentsOf(t.values());
    const double meanTolerance = 5.0 * stddev / std::sqrt(static_cast<double>(n));
    QVERIFY2(std::fabs(m.mean - mean) < meanTolerance, qPrintable(near(m.mean, mean, meanTolerance)));
    // The sample standard deviation of a normal has standard error σ / sqrt(2n).
    const double sd = std::sqrt(m.variance);
    const double sdTolerance = 5.0 * stddev / std::sqrt(2.0 * n);
    QVERIFY2(std::fabs(sd - stddev) < sdTolerance, qPrintable(near(sd, stddev, sdTolerance)));
    // About 68.27 % within one σ (binomial standard error sqrt(p(1−p)/n)).
    const auto within = std::count_if(t.values().begin(), t.values().end(),
                                      [](float v) { return std::fabs(v - mean) < stddev; });
    const double fraction = static_cast<double>(within) / n;
    const double fractionTolerance = 5.0 * std::sqrt(0.6827 * 0.3173 / n);
    QVERIFY2(std::fabs(fraction - 0.6827) < fractionTolerance, qPrintable(near(fraction, 0.6827, fractionTolerance)));
}

void RandomTest::indexIsInRangeAndCoversAllValues() {
    constexpr std::size_t k = 7;
    constexpr int n = 70000;
    Rng rng(5);
    std::vector<int> counts(k, 0);
    for (int i = 0; i < n; ++i) {
        const std::size_t v = rng.index(k);
        QVERIFY(v < k);
        ++counts[v];
    }
    const double expected = static_cast<double>(n) / k;
    const double tolerance = 5.0 * std::sqrt(n * (1.0 / k) * (1.0 - 1.0 / k));
    for (std::size_t v = 0; v < k; ++v) {
        QVERIFY2(std::fabs(counts[v] - expected) < tolerance, qPrintable(near(counts[v], expected, tolerance)));
    }
    QCOMPARE(rng.index(1), std::size_t{0});
}

void RandomTest::indexOfZeroThrows() {
    Rng rng(0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, rng.index(0));
}

void RandomTest::permutationIsAPermutation() {
    Rng rng(8);
    QVERIFY(rng.permutation(0).empty());
    QVERIFY((rng.permutation(1) == std::vector<std::size_t>{0}));
    for (std::size_t n : {2U, 5U, 100U, 1001U}) {
        QVERIFY2(isPermutation(rng.permutation(n), n), qPrintable(QString("n = %1").arg(n)));
    }
    // A shuffle, not the identity: each position keeps its index with probability 1/n.
    const auto p = rng.permutation(1000);
    std::size_t fixedPoints = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        fixedPoints += p[i] == i ? 1 : 0;
    }
    QVERIFY2(fixedPoints < 10, qPrintable(QString("%1 fixed points").arg(fixedPoints)));
}

void RandomTest::splitIsDeterministic() {
    Rng a(31);
    Rng b(31);
    const std::uint64_t s = a.split();
    QCOMPARE(b.split(), s);
    Rng childA(s);
    Rng childB(s);
    QCOMPARE(childA.uniform(), childB.uniform());
    QVERIFY(a.split() != s);
}

void RandomTest::xavierRespectsBoundAndVariance() {
    constexpr std::size_t fanIn = 30;
    constexpr std::size_t fanOut = 20;
    const double a = std::sqrt(6.0 / (fanIn + fanOut));  // 0.34641
    Rng rng(3);
    Tensor w(Shape{200, 100});
    init::xavier(w, rng, fanIn, fanOut);
    const double n = static_cast<double>(w.size());
    QVERIFY2(w.maxAbs() <= static_cast<float>(a), qPrintable(near(w.maxAbs(), a, 0.0)));
    // 20000 draws from U(−a, a) come within 0.1 % of the bound.
    QVERIFY(w.maxAbs() > static_cast<float>(0.999 * a));
    const Moments m = momentsOf(w.values());
    const double meanTolerance = 5.0 * a / std::sqrt(3.0 * n);
    QVERIFY2(std::fabs(m.mean) < meanTolerance, qPrintable(near(m.mean, 0.0, meanTolerance)));
    // Var = a²/3; Var(x²) = a⁴/5 − a⁴/9 = 4a⁴/45 gives the standard error.
    const double variance = a * a / 3.0;
    const double varTolerance = 5.0 * std::sqrt(4.0 / 45.0) * a * a / std::sqrt(n);
    QVERIFY2(std::fabs(m.variance - variance) < varTolerance, qPrintable(near(m.variance, variance, varTolerance)));
}

void RandomTest::heHasRequestedStd() {
    constexpr std::size_t fanIn = 50;
    const double stddev = std::sqrt(2.0 / fanIn);  // 0.2
    Rng rng(4);
    Tensor w(Shape{100, 200});
    init::he(w, rng, fanIn);
    const double n = static_cast<double>(w.size());
    const Moments m = momentsOf(w.values());
    const double meanTolerance = 5.0 * stddev / std::sqrt(n);
    QVERIFY2(std::fabs(m.mean) < meanTolerance, qPrintable(near(m.mean, 0.0, meanTolerance)));
    const double sd = std::sqrt(m.variance);
    const double sdTolerance = 5.0 * stddev / std::sqrt(2.0 * n);
    QVERIFY2(std::fabs(sd - stddev) < sdTolerance, qPrintable(near(sd, stddev, sdTolerance)));
}

void RandomTest::zerosAndConstant() {
    Rng rng(6);
    Tensor t(Shape{3, 4});
    init::uniform(t, rng, 1.0F, 2.0F);
    QVERIFY(t.sum() > 12.0F);
    init::zeros(t);
    QCOMPARE(t.maxAbs(), 0.0F);
    init::constant(t, -0.25F);
    for (float v : t.values()) {
        QCOMPARE(v, -0.25F);
    }
    QVERIFY((t.shape() == Shape{3, 4}));
}

void RandomTest::byNameDispatches() {
    const auto& names = init::names();
    for (const char* expected : {"zeros", "constant", "uniform", "normal", "xavier", "he"}) {
        QVERIFY2(std::find(names.begin(), names.end(), expected) != names.end(), expected);
    }

    Tensor t(Shape{50, 40});
    Rng rng(10);
    init::byName("constant", t, rng, 50, 40, 2.5F);
    QCOMPARE(t.sum(), 2.5F * 2000.0F);
    init::byName("zeros", t, rng, 50, 40);
    QCOMPARE(t.maxAbs(), 0.0F);
    // "uniform" takes the half-width: U(−0.1, 0.1).
    init::byName("uniform", t, rng, 50, 40, 0.1F);
    QVERIFY(t.maxAbs() <= 0.1F);
    QVERIFY(t.maxAbs() > 0.09F);
    // "normal" takes the standard deviation.
    init::byName("normal", t, rng, 50, 40, 0.5F);
    const double sd = std::sqrt(momentsOf(t.values()).variance);
    QVERIFY2(std::fabs(sd - 0.5) < 5.0 * 0.5 / std::sqrt(4000.0), qPrintable(QString::number(sd)));

    // "xavier" and "he" draw exactly what the direct calls draw from the same seed.
    Rng r1(12);
    Rng r2(12);
    Tensor byName(Shape{50, 40});
    Tensor direct(Shape{50, 40});
    init::byName("xavier", byName, r1, 50, 40);
    init::xavier(direct, r2, 50, 40);
    QVERIFY(byName == direct);
    init::byName("he", byName, r1, 50, 40);
    init::he(direct, r2, 50);
    QVERIFY(byName == direct);
}

void RandomTest::byNameUnknownThrows() {
    Tensor t(Shape{2, 2}, 1.0F);
    Rng rng(0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, init::byName("glorot_typo", t, rng, 2, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, init::byName("", t, rng, 2, 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, init::byName("Xavier", t, rng, 2, 2));
    QCOMPARE(t.sum(), 4.0F);
}

QTEST_APPLESS_MAIN(RandomTest)
#include "tst_random.moc"
