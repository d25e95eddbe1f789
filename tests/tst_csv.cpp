// CSV tables: columns, one-hot categories, class targets, a seeded split whose
// scaling is fitted on the train rows only, and exact messages for bad files.
//
// houses.csv (5 rows) with test_fraction 0.4 and seed 0: Rng(0).permutation(5) is
// [2, 0, 1, 3, 4] (mt19937_64 Fisher–Yates, recomputed in Python), so the test split is
// rows 3 and 4 (60,1,daegu,200 and 120,3,busan,280) and the train split rows 0–2
// (areas 50, 80, 100; rooms 2, 3, 4). Golden numbers below come from those by hand:
//   minmax:   area (x − 50) / 50, rooms (x − 2) / 2
//   standard: area mean 230/3, deviation sqrt(3800/9) = 20.548…; rooms mean 3, deviation sqrt(2/3)

#include "support/data_io_support.hpp"

#include "deepstep/data/csv.hpp"
#include "deepstep/errors.hpp"

#include <QtTest>

#include <sys/stat.h>

using namespace deepstep;
using namespace deepstep::data;

namespace {

using test::fixture;
using test::inputErrorOf;

std::vector<float> valuesOf(const Tensor& t) {
    return {t.values().begin(), t.values().end()};
}

void compareClose(const std::vector<float>& got, const std::vector<double>& want) {
    QCOMPARE(got.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (std::abs(got[i] - want[i]) > 1e-5) {
            QFAIL(qPrintable(QString("element %1: got %2, want %3").arg(i).arg(got[i]).arg(want[i])));
        }
    }
}

CsvOptions housesOptions(const std::string& scale, const std::string& split) {
    CsvOptions o;
    o.categorical = {"city"};
    o.scale = scale;
    o.split = split;
    o.testFraction = 0.4;
    o.seed = 0;
    return o;
}

}  // namespace

class TestCsv : public QObject {
    Q_OBJECT

private slots:
    void columnsAndOneHot() {
        CsvOptions o;
        o.categorical = {"city"};
        const TensorDataset d = loadCsv(fixture("houses.csv"), o);
        QCOMPARE(d.size(), std::size_t(5));
        QCOMPARE(d.inputShape(), (Shape{5}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        // Categories in order of first appearance.
        QCOMPARE(d.featureNames(),
                 (std::vector<std::string>{"area", "rooms", "city=seoul", "city=busan", "city=daegu"}));
        QVERIFY(d.classNames().empty());
        // Row 3 is quoted ("100") and still a number.
        compareClose(valuesOf(d.inputs()), {50, 2, 1, 0, 0, 80, 3, 0, 1, 0, 100, 4, 1, 0, 0,
                                            60, 1, 0, 0, 1, 120, 3, 0, 1, 0});
        compareClose(valuesOf(d.targets()), {300, 250, 500, 200, 280});
    }

    void chosenTargets() {
        CsvOptions o;
        o.targets = {"price", "rooms"};
        o.categorical = {"city"};
        const TensorDataset d = loadCsv(fixture("houses.csv"), o);
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"area", "city=seoul", "city=busan", "city=daegu"}));
        QCOMPARE(d.targetShape(), (Shape{2}));
        compareClose(valuesOf(d.targets()), {300, 2, 250, 3, 500, 4, 200, 1, 280, 3});
    }

    void classTargetOneHot() {
        CsvOptions o;
        o.targets = {"city"};
        o.classify = true;
        const TensorDataset d = loadCsv(fixture("houses.csv"), o);
        // Classes sorted, so class k does not depend on row order.
        QCOMPARE(d.classNames(), (std::vector<std::string>{"busan", "daegu", "seoul"}));
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"area", "rooms", "price"}));
        compareClose(valuesOf(d.targets()), {0, 0, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0});

        // Listing the target as categorical means the same.
        CsvOptions c;
        c.targets = {"city"};
        c.categorical = {"city"};
        QCOMPARE(loadCsv(fixture("houses.csv"), c).targets(), d.targets());
    }

    void binaryClassTarget() {
        CsvOptions o;
        o.classify = true;
        const TensorDataset d = loadCsv(fixture("grades.csv"), o);
        QCOMPARE(d.classNames(), (std::vector<std::string>{"0", "1"}));
        QCOMPARE(d.targetShape(), (Shape{1}));
        compareClose(valuesOf(d.targets()), {0, 0, 1, 1});
    }

    void minmaxFittedOnTrainOnly() {
        const TensorDataset test = loadCsv(fixture("houses.csv"), housesOptions("minmax", "test"));
        QCOMPARE(test.size(), std::size_t(2));
        // 120 lies beyond the train maximum 100: 1.4, not 1. One-hot columns stay 0/1.
        compareClose(valuesOf(test.inputs()), {0.2, -0.5, 0, 0, 1, 1.4, 0.5, 0, 1, 0});
        compareClose(valuesOf(test.targets()), {200, 280});

        const TensorDataset train = loadCsv(fixture("houses.csv"), housesOptions("minmax", "train"));
        compareClose(valuesOf(train.inputs()), {0, 0, 1, 0, 0, 0.6, 0.5, 0, 1, 0, 1, 1, 1, 0, 0});
        compareClose(valuesOf(train.targets()), {300, 250, 500});

        // "all" returns every row, scaled with the same train statistics.
        const TensorDataset all = loadCsv(fixture("houses.csv"), housesOptions("minmax", "all"));
        QCOMPARE(all.size(), std::size_t(5));
        QCOMPARE(all.inputs()[4 * 5], 1.4F);
    }

    void standardFittedOnTrainOnly() {
        const TensorDataset test = loadCsv(fixture("houses.csv"), housesOptions("standard", "test"));
        // Fitted on all five rows, area 60 would give −0.85896 instead.
        compareClose(valuesOf(test.inputs()),
                     {-0.811107105653813, -2.449489742783178, 0, 0, 1, 2.108878474699913, 0.0, 0, 1, 0});
        const TensorDataset train = loadCsv(fixture("houses.csv"), housesOptions("standard", "train"));
        compareClose(valuesOf(train.inputs()), {-1.2977713690461006, -1.224744871391589, 1, 0, 0,
                                                0.16222142113076232, 0.0, 0, 1, 0,
                                                1.1355499479153377, 1.224744871391589, 1, 0, 0});
    }

    void splitsAreSeededAndDisjoint() {
        CsvOptions o;
        o.testFraction = 0.4;
        o.seed = 3;  // Rng(3).permutation(5) = [0, 4, 1, 3, 2]: test rows 2 and 3
        o.categorical = {"city"};
        o.split = "test";
        compareClose(valuesOf(loadCsv(fixture("houses.csv"), o).targets()), {500, 200});
        o.split = "train";
        compareClose(valuesOf(loadCsv(fixture("houses.csv"), o).targets()), {300, 250, 280});
    }

    void constantColumnIsNotDividedByZero() {
        CsvOptions o;
        o.scale = "standard";
        const TensorDataset d = parseCsv("a,b\n5,1\n5,2\n", o, "t.csv");
        compareClose(valuesOf(d.inputs()), {0, 0});
        o.scale = "minmax";
        compareClose(valuesOf(parseCsv("a,b\n5,1\n5,2\n", o, "t.csv").inputs()), {0, 0});
    }

    void quotingBlankLinesAndLineEnds() {
        CsvOptions o;
        o.categorical = {"name"};
        const TensorDataset d =
            parseCsv("\xEF\xBB\xBFname,v\r\n\"x, \"\"y\"\"\",1\r\n\r\n  z ,2\r\n", o, "t.csv");
        QCOMPARE(d.featureNames(), (std::vector<std::string>{"name=x, \"y\"", "name=z"}));
        compareClose(valuesOf(d.targets()), {1, 2});
    }

    void badFiles_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty file") << QByteArray("") << "t.csv: expected a header row of column names, got an empty file";
        QTest::newRow("blank lines only") << QByteArray("\n  \n")
                                          << "t.csv: expected a header row of column names, got an empty file";
        QTest::newRow("header only") << QByteArray("a,b\n")
                                     << "t.csv: expected at least one data row after the header, got none";
        QTest::newRow("missing value") << QByteArray("a,b\n1,2\n3,\n")
                                       << "t.csv: line 3, column \"b\": expected a number, got an empty field (a "
                                          "missing value)";
        QTest::newRow("non-numeric") << QByteArray("a,b\n1,2\n\nabc,4\n")
                                     << "t.csv: line 4, column \"a\": expected a number, got \"abc\"";
        QTest::newRow("not finite") << QByteArray("a,b\nnan,2\n")
                                    << "t.csv: line 2, column \"a\": expected a number, got \"nan\"";
        QTest::newRow("ragged row") << QByteArray("a,b\n1,2\n3\n")
                                    << "t.csv: line 3: expected 2 fields as in the header, got 1";
        QTest::newRow("too many fields") << QByteArray("a,b\n1,2,3\n")
                                         << "t.csv: line 2: expected 2 fields as in the header, got 3";
        QTest::newRow("unclosed quote") << QByteArray("a,b\n1,\"2\n3,4\n")
                                        << "t.csv: line 2: expected a closing double quote, got the end of the file";
        QTest::newRow("text after quote") << QByteArray("a,b\n\"1\"x,2\n")
                                          << "t.csv: line 2: expected a comma after a quoted field, got \"x\"";
        QTest::newRow("empty column name") << QByteArray("a,,b\n1,2,3\n")
                                           << "t.csv: line 1: expected a name for column 2, got an empty field";
        QTest::newRow("duplicate column") << QByteArray("a,a\n1,2\n")
                                          << "t.csv: line 1: expected distinct column names, got \"a\" twice";
        QTest::newRow("beyond float range") << QByteArray("a,b\n1,2\n1e39,4\n")
                                            << "t.csv: line 3, column \"a\": expected a number within float range (at "
                                               "most 3.4e38 in size), got \"1e39\"";
        QTest::newRow("beyond float range, negative")
            << QByteArray("a,b\n1,-1e39\n")
            << "t.csv: line 2, column \"b\": expected a number within float range (at most 3.4e38 in size), got "
               "\"-1e39\"";
        QTest::newRow("beyond double range") << QByteArray("a,b\n1,2\n3, 1e400 \n")
                                             << "t.csv: line 3, column \"b\": expected a number within float range (at "
                                                "most 3.4e38 in size), got \"1e400\"";
        QTest::newRow("infinity") << QByteArray("a,b\ninf,2\n")
                                  << "t.csv: line 2, column \"a\": expected a number, got \"inf\"";
        QTest::newRow("quoted duplicate after many")
            << QByteArray("a,b,c,d,\"a\"\n1,2,3,4,5\n") << "t.csv: line 1: expected distinct column names, got \"a\" twice";
        QTest::newRow("long value cut whole")
            << QByteArray("a,b\n1,") + QByteArray(39, 'x') + QByteArray("\xC3\xA9z\n")
            << QString::fromUtf8("t.csv: line 2, column \"b\": expected a number, got \"") + QString(39, 'x') +
                   QString::fromUtf8("…\"");
        QTest::newRow("only a target") << QByteArray("y\n1\n")
                                       << "t.csv: expected at least one feature column besides the targets, got none";
    }
    void badFiles() {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QCOMPARE(inputErrorOf([&] { parseCsv(text.toStdString(), CsvOptions{}, "t.csv"); }), message);
    }

    // The largest floats are kept; numbers too small for a float become 0.
    void floatExtremes() {
        const TensorDataset d = parseCsv("a,b\n3.4e38,1e-50\n-3.4e38,-1e-400\n", CsvOptions{}, "t.csv");
        compareClose(valuesOf(d.targets()), {0, 0});
        QCOMPARE(d.inputs()[0], 3.4e38F);
        QCOMPARE(d.inputs()[1], -3.4e38F);
    }

    // A million columns: the duplicate check is a hash set, not a comparison of every
    // pair (which took hours); the message names the duplicate.
    void wideHeaderInLinearTime() {
        std::string header;
        const std::size_t columns = 1000000;
        for (std::size_t c = 0; c < columns; ++c) header += "c" + std::to_string(c) + ",";
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(inputErrorOf([&] { parseCsv(header + "c999999\n", CsvOptions{}, "wide.csv"); }),
                 QString("wide.csv: line 1: expected distinct column names, got \"c999999\" twice"));
        std::string text = header + "last\n";
        for (std::size_t c = 0; c <= columns; ++c) text += "1,";
        text.back() = '\n';
        const TensorDataset d = parseCsv(text, CsvOptions{}, "wide.csv");
        QCOMPARE(d.inputShape(), (Shape{columns}));
        QCOMPARE(d.featureNames().back(), std::string("c999999"));
        QVERIFY2(timer.elapsed() < 60000, qPrintable(QString("took %1 ms").arg(timer.elapsed())));
        // An unknown column among them is named with a short list, not a million names.
        CsvOptions o;
        o.targets = {"price"};
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "wide.csv"); }),
                 QString("wide.csv: expected a target column among c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, "
                         "c12, c13, c14, c15, c16, c17, c18, c19, … (1000001 columns), got \"price\""));
    }

    // The tensors are checked against the memory budget between the two passes.
    void tableSizeIsCheckedAgainstTheBudget() {
        std::string text = "a,b,c\n";
        for (int r = 0; r < 200; ++r) text += "1,2,3\n";
        qputenv("DEEPSTEP_MEMORY_LIMIT", "2K");
        const QString all = inputErrorOf([&] { parseCsv(text, CsvOptions{}, "t.csv"); });
        qunsetenv("DEEPSTEP_MEMORY_LIMIT");
        QCOMPARE(all, QString("t.csv: the table (200 rows of 2 input and 1 target values, as 4-byte floats) would take "
                              "2.3 KiB of memory; the limit is 2.0 KiB (set DEEPSTEP_MEMORY_LIMIT to raise it)"));
        QCOMPARE(parseCsv(text, CsvOptions{}, "t.csv").size(), std::size_t(200));
    }

    void specialFilesAreRefusedUpFront() {
        QTemporaryDir dir;
        const std::string fifo = dir.filePath("pipe.csv").toStdString();
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QCOMPARE(inputErrorOf([&] { loadCsv(fifo, CsvOptions{}); }),
                 QString::fromStdString(fifo) + ": expected a regular file, but this is a FIFO");
        QCOMPARE(inputErrorOf([&] { loadCsv("/dev/zero", CsvOptions{}); }),
                 QString("/dev/zero: expected a regular file, but this is a character device"));
        QCOMPARE(inputErrorOf([&] { loadCsv(dir.path().toStdString(), CsvOptions{}); }),
                 dir.path() + ": expected a file, got a folder");
    }

    void badOptions() {
        const std::string text = "a,b\n1,2\n3,4\n";
        CsvOptions o;
        o.targets = {"price"};
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "t.csv"); }),
                 QString("t.csv: expected a target column among a, b, got \"price\""));
        o = {};
        o.categorical = {"c"};
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "t.csv"); }),
                 QString("t.csv: expected a categorical column among a, b, got \"c\""));
        o = {};
        o.scale = "zscore";
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "t.csv"); }),
                 QString("t.csv: expected scale none, standard or minmax, got \"zscore\""));
        o = {};
        o.split = "test";
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "t.csv"); }),
                 QString("t.csv: expected a test fraction above 0 for the test split, got 0"));
        o.testFraction = 0.1;  // round(2 · 0.1) = 0 rows
        QCOMPARE(inputErrorOf([&] { parseCsv(text, o, "t.csv"); }),
                 QString("t.csv: expected some rows in the test split, got none (2 rows, test fraction 0.100000)"));
        o = {};
        o.targets = {"a", "b"};
        o.classify = true;
        QCOMPARE(inputErrorOf([&] { parseCsv("a,b,c\n1,2,3\n", o, "t.csv"); }),
                 QString("t.csv: expected one class target column, got 2"));
    }

    void fileErrorsNameTheFile() {
        const QString path = QString::fromStdString(fixture("houses.csv"));
        QCOMPARE(inputErrorOf([&] { loadCsv(path.toStdString(), CsvOptions{}); }),
                 path + ": line 2, column \"city\": expected a number, got \"seoul\"");
    }
};

QTEST_APPLESS_MAIN(TestCsv)
#include "tst_csv.moc"
