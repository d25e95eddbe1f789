// Tensor and Shape: shape rules, construction errors, bounds-checked access, the
// column view that layers run their GEMMs on (and that it aliases the tensor's
// memory), slicing, reshaping, arithmetic and reductions. Expected values are
// worked out by hand in the comments.
#include "deepstep/errors.hpp"
#include "deepstep/tensor.hpp"

#include <QtTest>

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

using namespace deepstep;

namespace {

Tensor iota(const Shape& shape) {
    Tensor t(shape);
    std::iota(t.values().begin(), t.values().end(), 0.0F);
    return t;
}

}  // namespace

class TensorTest : public QObject {
    Q_OBJECT

private slots:
    void shapeArithmetic();
    void shapeStringAndEquality();
    void constructsRanksOneToFour_data();
    void constructsRanksOneToFour();
    void rejectsRankZeroAndFive();
    void rejectsValueCountMismatch();
    void rowsBuildsRowMajorAndRejectsRaggedRows();
    void defaultTensorIsEmpty();
    void atIsRowMajor();
    void atChecksBounds();
    void copiesDoNotShareMemory();
    void columnsHasSampleByBatchShape();
    void columnsAliasesMemory();
    void gemmThroughColumnViews();
    void fromColumnsTransposesLayout();
    void fromColumnsRoundTrip();
    void sliceCopiesSamples();
    void sliceOutOfRangeThrows();
    void reshapeKeepsData();
    void reshapeRejectsWrongElementCount();
    void arithmetic();
    void arithmeticShapeMismatchThrows();
    void reductions();
    void allFiniteDetectsNanAndInf();
    void hugeTensorRefusedBeforeAllocating();
    void shapeOverflowRefused();
};

void TensorTest::shapeArithmetic() {
    const Shape s{2, 3, 4, 5};
    QCOMPARE(s.rank(), std::size_t{4});
    QCOMPARE(s.elements(), std::size_t{120});
    QCOMPARE(s.sampleSize(), std::size_t{60});
    QCOMPARE(s[2], std::size_t{4});
    QCOMPARE(Shape{7}.sampleSize(), std::size_t{1});
    QCOMPARE(Shape{}.elements(), std::size_t{0});
    QCOMPARE(Shape{}.sampleSize(), std::size_t{0});
    QVERIFY((Shape{3, 4}.withBatch(8) == Shape{8, 3, 4}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)s[4]);
}

void TensorTest::shapeStringAndEquality() {
    QCOMPARE(QString::fromStdString(Shape{2, 3}.str()), QStringLiteral("[2, 3]"));
    QCOMPARE(QString::fromStdString(Shape{5}.str()), QStringLiteral("[5]"));
    QCOMPARE(QString::fromStdString(Shape{}.str()), QStringLiteral("[]"));
    QVERIFY((Shape{2, 3} == Shape(std::vector<std::size_t>{2, 3})));
    QVERIFY(!(Shape{2, 3} == Shape{3, 2}));
    QVERIFY(!(Shape{6} == Shape{6, 1}));
}

void TensorTest::constructsRanksOneToFour_data() {
    QTest::addColumn<QList<qulonglong>>("dims");
    QTest::addColumn<qulonglong>("elements");
    QTest::newRow("rank 1") << QList<qulonglong>{5} << qulonglong{5};
    QTest::newRow("rank 2") << QList<qulonglong>{4, 3} << qulonglong{12};
    QTest::newRow("rank 3") << QList<qulonglong>{2, 3, 4} << qulonglong{24};
    QTest::newRow("rank 4") << QList<qulonglong>{2, 3, 4, 5} << qulonglong{120};
}

void TensorTest::constructsRanksOneToFour() {
    QFETCH(QList<qulonglong>, dims);
    QFETCH(qulonglong, elements);
    const Shape shape(std::vector<std::size_t>(dims.begin(), dims.end()));
    const Tensor t(shape, 1.5F);
    QCOMPARE(t.rank(), static_cast<std::size_t>(dims.size()));
    QCOMPARE(t.size(), static_cast<std::size_t>(elements));
    QCOMPARE(t.batch(), static_cast<std::size_t>(dims.front()));
    QCOMPARE(t.sampleSize(), static_cast<std::size_t>(elements / dims.front()));
    QVERIFY(t.shape() == shape);
    for (float v : t.values()) {
        QCOMPARE(v, 1.5F);
    }
}

void TensorTest::rejectsRankZeroAndFive() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor(Shape(std::vector<std::size_t>{})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor(Shape{1, 2, 3, 4, 5}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor(Shape{1, 1, 1, 1, 1}, std::vector<float>{1.0F}));
}

void TensorTest::rejectsValueCountMismatch() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor(Shape{2, 3}, std::vector<float>(5, 0.0F)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor(Shape{2, 3}, std::vector<float>(7, 0.0F)));
    const Tensor ok(Shape{2, 3}, std::vector<float>{1, 2, 3, 4, 5, 6});
    QCOMPARE(ok.at({1, 0}), 4.0F);
}

void TensorTest::rowsBuildsRowMajorAndRejectsRaggedRows() {
    const Tensor t = Tensor::rows({{1, 2, 3}, {4, 5, 6}});
    QVERIFY((t.shape() == Shape{2, 3}));
    const std::vector<float> expected{1, 2, 3, 4, 5, 6};
    QVERIFY(std::equal(expected.begin(), expected.end(), t.values().begin(), t.values().end()));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Tensor::rows({{1, 2}, {3}}));
}

void TensorTest::defaultTensorIsEmpty() {
    const Tensor t;
    QVERIFY(t.empty());
    QCOMPARE(t.rank(), std::size_t{0});
    QCOMPARE(t.size(), std::size_t{0});
    QCOMPARE(t.batch(), std::size_t{0});
    QCOMPARE(t.sampleSize(), std::size_t{0});
    QCOMPARE(t.sum(), 0.0F);
    QCOMPARE(t.maxAbs(), 0.0F);
    QVERIFY(t.allFinite());
    QCOMPARE(t.columns().n_elem, arma::uword{0});
}

void TensorTest::atIsRowMajor() {
    Tensor t = iota(Shape{2, 3, 4, 5});
    // ((1·3 + 2)·4 + 3)·5 + 4 = 119
    QCOMPARE(t.at({1, 2, 3, 4}), 119.0F);
    // ((0·3 + 1)·4 + 0)·5 + 2 = 22
    QCOMPARE(t.at({0, 1, 0, 2}), 22.0F);
    t.at({1, 0, 0, 0}) = -1.0F;
    QCOMPARE(t[60], -1.0F);
    const Tensor m = Tensor::rows({{1, 2}, {3, 4}, {5, 6}});
    QCOMPARE(m.at({2, 1}), 6.0F);
    QCOMPARE(m.at({1, 0}), 3.0F);
}

void TensorTest::atChecksBounds() {
    Tensor t = iota(Shape{2, 3});
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.at({2, 0}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.at({0, 3}));
    // Wrong number of indices: too few and too many.
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.at({1}));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.at({1, 1, 0}));
    const Tensor& c = t;
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, (void)c.at({0, 5}));
    QCOMPARE(c.at({1, 2}), 5.0F);
}

void TensorTest::copiesDoNotShareMemory() {
    Tensor a = iota(Shape{2, 2});
    Tensor b = a;
    b[0] = 100.0F;
    QCOMPARE(a[0], 0.0F);
    QVERIFY(a.data() != b.data());
    QVERIFY(!(a == b));
    b[0] = 0.0F;
    QVERIFY(a == b);
}

void TensorTest::columnsHasSampleByBatchShape() {
    Tensor dense(Shape{5, 3});
    QCOMPARE(dense.columns().n_rows, arma::uword{3});
    QCOMPARE(dense.columns().n_cols, arma::uword{5});
    // An image batch N·C·H·W: one column of C·H·W values per image.
    Tensor images(Shape{2, 3, 4, 5});
    QCOMPARE(images.columns().n_rows, arma::uword{60});
    QCOMPARE(images.columns().n_cols, arma::uword{2});
    Tensor sequences(Shape{4, 7, 2});
    QCOMPARE(sequences.columns().n_rows, arma::uword{14});
    QCOMPARE(sequences.columns().n_cols, arma::uword{4});
    // A rank-1 tensor is a batch of scalars.
    Tensor vec(Shape{6});
    QCOMPARE(vec.columns().n_rows, arma::uword{1});
    QCOMPARE(vec.columns().n_cols, arma::uword{6});
}

void TensorTest::columnsAliasesMemory() {
    Tensor t = Tensor::rows({{1, 2, 3}, {4, 5, 6}});
    arma::fmat view = t.columns();
    QCOMPARE(view.memptr(), t.data());
    // Column j is sample j: view(f, n) == t[n][f].
    QCOMPARE(view(2, 0), 3.0F);
    QCOMPARE(view(0, 1), 4.0F);
    // Writes through the view land in the tensor ...
    view(1, 1) = 50.0F;
    QCOMPARE(t.at({1, 1}), 50.0F);
    view.col(0) *= 2.0F;
    QCOMPARE(t.at({0, 0}), 2.0F);
    QCOMPARE(t.at({0, 2}), 6.0F);
    // ... and writes to the tensor are seen by the view.
    t.at({1, 2}) = -7.0F;
    QCOMPARE(view(2, 1), -7.0F);
    // The view is strict: a GEMM result of the same size is written in place.
    view = arma::fmat(3, 2, arma::fill::ones);
    QCOMPARE(view.memptr(), t.data());
    QCOMPARE(t.sum(), 6.0F);

    const Tensor& c = t;
    const arma::fmat constView = c.columns();
    QCOMPARE(constView.memptr(), c.data());
}

void TensorTest::gemmThroughColumnViews() {
    // Y = X W + b with W stored row-major as in × out (3 × 2).
    //   X = [[1, 2, 3], [4, 5, 6]], W = [[1, 0], [0, 1], [1, -1]], b = [0.5, -0.5]
    //   XW = [[1 + 3, 2 − 3], [4 + 6, 5 − 6]] = [[4, −1], [10, −1]]
    //   Y  = [[4.5, −1.5], [10.5, −1.5]]
    Tensor x = Tensor::rows({{1, 2, 3}, {4, 5, 6}});
    Tensor w = Tensor::rows({{1, 0}, {0, 1}, {1, -1}});
    Tensor b(Shape{2}, std::vector<float>{0.5F, -0.5F});
    const std::size_t in = 3;
    const std::size_t out = 2;
    // The row-major in × out memory read column-major is W^T (out × in).
    const arma::fmat wt(w.data(), out, in, false, true);
    QCOMPARE(wt(0, 2), 1.0F);
    QCOMPARE(wt(1, 2), -1.0F);
    const arma::fvec bias(b.data(), out, false, true);

    Tensor y(Shape{2, out});
    arma::fmat yc = y.columns();
    yc = wt * x.columns();
    yc.each_col() += bias;
    const Tensor expected = Tensor::rows({{4.5F, -1.5F}, {10.5F, -1.5F}});
    QVERIFY2(y == expected, "Y = XW + b computed in place through the column view");

    // The backward GEMMs of the same layer, for dY = [[1, 0], [0, 2]]:
    //   dW = X^T dY = [[1, 8], [2, 10], [3, 12]],  dX = dY W^T = [[1, 0, 1], [0, 2, −2]]
    Tensor dy = Tensor::rows({{1, 0}, {0, 2}});
    Tensor dw(w.shape());
    arma::fmat dwt(dw.data(), out, in, false, true);
    dwt = dy.columns() * x.columns().t();
    QVERIFY(dw == Tensor::rows({{1, 8}, {2, 10}, {3, 12}}));
    const Tensor dx = Tensor::fromColumns(wt.t() * dy.columns());
    QVERIFY(dx == Tensor::rows({{1, 0, 1}, {0, 2, -2}}));
}

void TensorTest::fromColumnsTransposesLayout() {
    arma::fmat m(3, 2);
    m(0, 0) = 1; m(1, 0) = 2; m(2, 0) = 3;
    m(0, 1) = 4; m(1, 1) = 5; m(2, 1) = 6;
    const Tensor t = Tensor::fromColumns(m);
    QVERIFY((t.shape() == Shape{2, 3}));
    QVERIFY(t == Tensor::rows({{1, 2, 3}, {4, 5, 6}}));
    // It is a copy, not a view.
    m(0, 0) = 99;
    QCOMPARE(t.at({0, 0}), 1.0F);
}

void TensorTest::fromColumnsRoundTrip() {
    Tensor t = iota(Shape{4, 5});
    const Tensor back = Tensor::fromColumns(t.columns());
    QVERIFY(back == t);
    QVERIFY(back.data() != t.data());
    // Higher-rank tensors come back flattened to N × sampleSize, values intact.
    Tensor img = iota(Shape{2, 1, 2, 3});
    const Tensor flat = Tensor::fromColumns(img.columns());
    QVERIFY((flat.shape() == Shape{2, 6}));
    QVERIFY(flat.reshaped(img.shape()) == img);
}

void TensorTest::sliceCopiesSamples() {
    Tensor t = iota(Shape{4, 2, 3});
    const Tensor s = t.slice(1, 2);
    QVERIFY((s.shape() == Shape{2, 2, 3}));
    // Samples 1 and 2 hold the values 6..17.
    for (std::size_t i = 0; i < s.size(); ++i) {
        QCOMPARE(s[i], static_cast<float>(6 + i));
    }
    t[6] = -1.0F;
    QCOMPARE(s[0], 6.0F);
    QCOMPARE(t.slice(3, 1).at({0, 1, 2}), 23.0F);
    QCOMPARE(t.slice(4, 0).size(), std::size_t{0});
}

void TensorTest::sliceOutOfRangeThrows() {
    const Tensor t = iota(Shape{4, 2});
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.slice(3, 2));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, t.slice(5, 0));
}

void TensorTest::reshapeKeepsData() {
    Tensor t = iota(Shape{2, 6});
    const Tensor r = t.reshaped(Shape{2, 2, 3});
    QVERIFY((r.shape() == Shape{2, 2, 3}));
    QVERIFY((t.shape() == Shape{2, 6}));
    QCOMPARE(r.at({1, 1, 2}), 11.0F);
    QCOMPARE(r.at({0, 1, 0}), 3.0F);
    t.reshape(Shape{12});
    QVERIFY((t.shape() == Shape{12}));
    QCOMPARE(t[11], 11.0F);
}

void TensorTest::reshapeRejectsWrongElementCount() {
    Tensor t = iota(Shape{2, 6});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.reshape(Shape{5, 2}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)t.reshaped(Shape{13}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, t.reshape(Shape{1, 1, 2, 2, 3}));
    QVERIFY((t.shape() == Shape{2, 6}));
}

void TensorTest::arithmetic() {
    const Tensor a = Tensor::rows({{1, 2}, {3, 4}});
    const Tensor b = Tensor::rows({{0.5F, -1}, {2, 0}});
    QVERIFY(a + b == Tensor::rows({{1.5F, 1}, {5, 4}}));
    QVERIFY(a - b == Tensor::rows({{0.5F, 3}, {1, 4}}));
    QVERIFY(a * -2.0F == Tensor::rows({{-2, -4}, {-6, -8}}));
    QVERIFY(a.hadamard(b) == Tensor::rows({{0.5F, -2}, {6, 0}}));
    Tensor c = a;
    c += b;
    c -= a;
    QVERIFY(c == b);
    c *= 4.0F;
    QVERIFY(c == Tensor::rows({{2, -4}, {8, 0}}));
    c.fill(3.0F);
    QCOMPARE(c.sum(), 12.0F);
    // The operands are untouched.
    QVERIFY(a == Tensor::rows({{1, 2}, {3, 4}}));
}

void TensorTest::arithmeticShapeMismatchThrows() {
    Tensor a = iota(Shape{2, 3});
    const Tensor sameCountOtherShape = iota(Shape{3, 2});
    const Tensor otherCount = iota(Shape{2, 2});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a += sameCountOtherShape);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, a -= otherCount);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)(a + otherCount));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)(a - sameCountOtherShape));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, (void)a.hadamard(sameCountOtherShape));
    QVERIFY(a == iota(Shape{2, 3}));
}

void TensorTest::reductions() {
    const Tensor t = Tensor::rows({{1, -7.5F, 2}, {0.25F, 3, -0.75F}});
    QCOMPARE(t.sum(), -2.0F);
    QCOMPARE(t.maxAbs(), 7.5F);
    QVERIFY(t.allFinite());
    // A million copies of 0.1 sum to 100000 within float rounding of the result, not
    // the percent-sized drift of naive float accumulation.
    const Tensor many(Shape{1000, 1000}, 0.1F);
    QVERIFY2(std::fabs(many.sum() - 100000.0F) < 1.0F, qPrintable(QString::number(many.sum())));
}

void TensorTest::allFiniteDetectsNanAndInf() {
    Tensor t(Shape{3}, 1.0F);
    t[1] = std::numeric_limits<float>::quiet_NaN();
    QVERIFY(!t.allFinite());
    t[1] = std::numeric_limits<float>::infinity();
    QVERIFY(!t.allFinite());
    QCOMPARE(t.maxAbs(), std::numeric_limits<float>::infinity());
    t[1] = -std::numeric_limits<float>::infinity();
    QVERIFY(!t.allFinite());
    t[1] = std::numeric_limits<float>::max();
    QVERIFY(t.allFinite());
}

void TensorTest::hugeTensorRefusedBeforeAllocating() {
    // 10^12 × 10^12 floats: far beyond any budget, and beyond what a size_t counts.
    try {
        Tensor t(Shape{1'000'000'000'000ULL, 1'000'000'000'000ULL});
        QFAIL("a tensor of 10^24 elements was allocated");
    } catch (const deepstep::InputError& e) {
        const std::string m = e.what();
        QVERIFY2(m.starts_with("a tensor of shape [1000000000000, 1000000000000] would take "), m.c_str());
        QVERIFY2(m.find("DEEPSTEP_MEMORY_LIMIT") != std::string::npos, m.c_str());
    }
    // A small tensor is not asked about.
    QCOMPARE(Tensor(Shape{3, 4}).size(), std::size_t{12});
}

void TensorTest::shapeOverflowRefused() {
    const Shape s{std::size_t{1} << 40U, std::size_t{1} << 40U};
    QVERIFY_THROWS_EXCEPTION(deepstep::InputError, (void)s.elements());
    QCOMPARE(s.sampleSize(), std::size_t{1} << 40U);
}

QTEST_APPLESS_MAIN(TensorTest)
#include "tst_tensor.moc"
