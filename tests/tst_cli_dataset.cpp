// `deepstep dataset list` and `deepstep dataset inspect`, run as a separate process
// with the plugins of the build tree: the listing, the facts about a registered
// dataset and about an IDX file written here, the pictures drawn as text, and the
// errors for names and files that are not datasets.

#include "support/cli_runner.hpp"

#include "deepstep/data/idx.hpp"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <sys/stat.h>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstdint>
#include <vector>

namespace {

using deepstep::test::CliResult;

CliResult runCli(const QStringList& args, const QMap<QString, QString>& env = {})
{
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args, {{}, env, {}});
}

bool hasLine(const QString& text, const QString& pattern)
{
    return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).hasMatch();
}

constexpr std::size_t kSide = 28;

/// Picture k of the fixture: a bright bar (255) on row 5 + k, columns 4 to 23, and one
/// mid-grey pixel (128) at row 20, column 10 + k. Everything else is 0.
std::vector<std::uint8_t> fixturePixels(std::size_t count)
{
    std::vector<std::uint8_t> pixels(count * kSide * kSide, 0);
    for (std::size_t k = 0; k < count; ++k) {
        std::uint8_t* image = pixels.data() + k * kSide * kSide;
        for (std::size_t x = 4; x <= 23; ++x) image[(5 + k) * kSide + x] = 255;
        image[20 * kSide + 10 + k] = 128;
    }
    return pixels;
}

/// The text the fixture's picture k must become: 255 is the brightest of the ten greys
/// ('@'), 128/255 = 0.502 falls in the sixth bin ('+'), 0 is blank.
QStringList expectedArt(std::size_t k)
{
    QStringList rows;
    for (std::size_t y = 0; y < kSide; ++y) {
        QString row(static_cast<qsizetype>(kSide), QLatin1Char(' '));
        if (y == 5 + k)
            for (std::size_t x = 4; x <= 23; ++x) row[static_cast<qsizetype>(x)] = QLatin1Char('@');
        if (y == 20) row[static_cast<qsizetype>(10 + k)] = QLatin1Char('+');
        rows << row;
    }
    return rows;
}

/// The framed picture printed under the line "  #k  class L", as its rows.
QStringList printedArt(const QString& out, std::size_t k, const QString& label)
{
    const QStringList lines = out.split(QLatin1Char('\n'));
    const QString heading = QStringLiteral("  #%1  class %2").arg(k).arg(label);
    const qsizetype at = lines.indexOf(heading);
    if (at < 0 || at + 2 + static_cast<qsizetype>(kSide) >= lines.size()) return {};
    const QString rule = QStringLiteral("    +") + QString(static_cast<qsizetype>(kSide), QLatin1Char('-')) + "+";
    if (lines[at + 1] != rule || lines[at + 2 + static_cast<qsizetype>(kSide)] != rule) return {};
    QStringList rows;
    for (std::size_t y = 0; y < kSide; ++y) {
        const QString& line = lines[at + 2 + static_cast<qsizetype>(y)];
        if (!line.startsWith(QStringLiteral("    |")) || !line.endsWith(QLatin1Char('|'))) return {};
        rows << line.mid(5, line.size() - 6);
    }
    return rows;
}

}  // namespace

class TestCliDataset : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    QString imagesPath;

private slots:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        // Three pictures labelled 3, 7, 3; the labels file is found by its name.
        imagesPath = dir.filePath(QStringLiteral("pics-images-idx3-ubyte"));
        const auto pixels = fixturePixels(3);
        deepstep::data::writeIdxU8(imagesPath.toStdString(), {3, kSide, kSide}, pixels);
        const std::vector<std::uint8_t> labels{3, 7, 3};
        deepstep::data::writeIdxU8(dir.filePath(QStringLiteral("pics-labels-idx1-ubyte")).toStdString(), {3},
                                   labels);
    }

    void listShowsToyDatasets()
    {
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^toy_datasets - ")), qPrintable(r.out));
        QVERIFY(hasLine(r.out, QStringLiteral("^  xor +Truth table of XOR: 1 when the inputs differ")));
        QVERIFY(hasLine(r.out, QStringLiteral("^  spiral +Playground spiral: ")));
        QVERIFY(r.err.isEmpty());
    }

    void listInKorean()
    {
        const CliResult r =
            runCli({QStringLiteral("dataset"), QStringLiteral("list"), QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^  xor +XOR 진리표: 두 입력이 서로 다를 때 1입니다")),
                 qPrintable(r.out));
        QVERIFY(hasLine(r.out, QStringLiteral("^  이름 +설명$")));
    }

    void inspectXor()
    {
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("xor")});
        QCOMPARE(r.exitCode, 0);
        const QString& out = r.out;
        QVERIFY2(out.startsWith(QStringLiteral("Dataset xor (plugin toy_datasets)\n")), qPrintable(out));
        QVERIFY(hasLine(out, QStringLiteral("^  examples +4$")));
        QVERIFY(hasLine(out, QStringLiteral("^  input shape +\\[2\\]$")));
        QVERIFY(hasLine(out, QStringLiteral("^  target shape +\\[1\\]$")));
        QVERIFY(hasLine(out, QStringLiteral("^  task +classification, 2 classes$")));
        QVERIFY(hasLine(out, QStringLiteral("^  features +x1, x2$")));
        QVERIFY(hasLine(out, QStringLiteral("^  input values +min 0, max 1, mean 0.5, standard deviation 0.5$")));
        QVERIFY(hasLine(out, QStringLiteral("^  0 +2 +50.0%$")));
        QVERIFY(hasLine(out, QStringLiteral("^  1 +2 +50.0%$")));
        // The first three rows of the truth table: 00 → 0, 01 → 1, 10 → 1.
        QVERIFY(out.contains(QStringLiteral("The first 3 of 4 examples:")));
        QVERIFY(hasLine(out, QStringLiteral("^  0 +0 +0, 0$")));
        QVERIFY(hasLine(out, QStringLiteral("^  1 +1 +0, 1$")));
        QVERIFY(hasLine(out, QStringLiteral("^  2 +1 +1, 0$")));
        QVERIFY(!hasLine(out, QStringLiteral("^  3 +0 +1, 1$")));
    }

    void inspectWithOptions()
    {
        // Four rows repeated three times: 12 examples, 6 of each class; all of them shown.
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("xor"),
                                    QStringLiteral("--option"), QStringLiteral("repeat=3"), QStringLiteral("--samples"),
                                    QStringLiteral("20"), QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^  예제 수 +12$")), qPrintable(r.out));
        QVERIFY(hasLine(r.out, QStringLiteral("^  과제 +분류, 클래스 2개$")));
        QVERIFY(hasLine(r.out, QStringLiteral("^  0 +6 +50.0%$")));
        QVERIFY(r.out.contains(QStringLiteral("예제 12개 중 처음 12개:")));
        QVERIFY(hasLine(r.out, QStringLiteral("^  11 +0 +1, 1$")));
    }

    void inspectBadOption()
    {
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("xor"),
                                    QStringLiteral("--option"), QStringLiteral("repeat=0")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("repeat")), qPrintable(r.err));
    }

    void inspectIdxFile()
    {
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), imagesPath});
        QCOMPARE(r.exitCode, 0);
        const QString& out = r.out;
        QVERIFY2(out.startsWith(QStringLiteral("Dataset file ") + imagesPath + "\n"), qPrintable(out + r.err));
        QVERIFY(hasLine(out, QStringLiteral("^  examples +3$")));
        QVERIFY(hasLine(out, QStringLiteral("^  input shape +\\[1, 28, 28\\]$")));
        QVERIFY(hasLine(out, QStringLiteral("^  task +classification, 10 classes$")));
        // 20 bright pixels and one at 128/255 in 784, per picture.
        const double mean = (20.0 + 128.0 / 255.0) / 784.0;
        const double meanOfSquares = (20.0 + (128.0 / 255.0) * (128.0 / 255.0)) / 784.0;
        const double sd = std::sqrt(meanOfSquares - mean * mean);
        QVERIFY2(hasLine(out, QStringLiteral("^  input values +min 0, max 1, mean %1, standard deviation %2$")
                                  .arg(mean, 0, 'g', 4)
                                  .arg(sd, 0, 'g', 4)),
                 qPrintable(out));
        QVERIFY(hasLine(out, QStringLiteral("^  3 +2 +66.7%$")));
        QVERIFY(hasLine(out, QStringLiteral("^  7 +1 +33.3%$")));
        QVERIFY(hasLine(out, QStringLiteral("^  0 +0 +0.0%$")));
        QCOMPARE(printedArt(out, 0, QStringLiteral("3")), expectedArt(0));
        QCOMPARE(printedArt(out, 1, QStringLiteral("7")), expectedArt(1));
        QCOMPARE(printedArt(out, 2, QStringLiteral("3")), expectedArt(2));
    }

    void inspectFewerSamples()
    {
        const CliResult r = runCli(
            {QStringLiteral("dataset"), QStringLiteral("inspect"), imagesPath, QStringLiteral("--samples=1")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(printedArt(r.out, 0, QStringLiteral("3")), expectedArt(0));
        QVERIFY(!r.out.contains(QStringLiteral("  #1  ")));
    }

    void corruptIdxFile()
    {
        // The header promises 3 × 28 × 28 bytes; only half of them follow.
        QFile good(imagesPath);
        QVERIFY(good.open(QIODevice::ReadOnly));
        const QByteArray bytes = good.readAll();
        const QString path = dir.filePath(QStringLiteral("broken-images-idx3-ubyte"));
        QFile broken(path);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(bytes.left(16 + 3 * 28 * 28 / 2));
        broken.close();
        QFile::copy(dir.filePath(QStringLiteral("pics-labels-idx1-ubyte")),
                    dir.filePath(QStringLiteral("broken-labels-idx1-ubyte")));

        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("broken-images-idx3-ubyte")), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    // A FIFO is refused before it is opened (opening it would wait for a writer), and
    // /dev/zero before it is read (it never ends): exit 2 naming the file.
    void specialFilesAreBadInput()
    {
        const QString fifo = dir.filePath(QStringLiteral("pipe-images-idx3-ubyte"));
        QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
        CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), fifo});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("deepstep: %1: expected a regular file, but this is a FIFO\n").arg(fifo));

        const QString zero = dir.filePath(QStringLiteral("zero.csv"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
        r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), zero});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err,
                 QStringLiteral("deepstep: %1: expected a regular file, but this is a character device\n").arg(zero));

        r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("csv"), QStringLiteral("--option"),
                    QStringLiteral("path=") + fifo});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(fifo + QStringLiteral(": expected a regular file, but this is a FIFO")), qPrintable(r.err));
    }

    // A gzip bomb of valid IDX (64 MiB inflated from 64 KiB) within a small memory limit:
    // refused from the headers, before anything is decoded.
    void gzipBombOverTheMemoryLimit()
    {
        const QString images = qEnvironmentVariable("DEEPSTEP_TEST_DATA") + QStringLiteral("/io/bomb-images-idx3-ubyte.gz");
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), images},
                                   {{QStringLiteral("DEEPSTEP_MEMORY_LIMIT"), QStringLiteral("100M")}});
        QCOMPARE(r.exitCode, 2);
        QCOMPARE(r.err, QStringLiteral("deepstep: %1: the images and their one-hot labels (85598 × 28 × 28 and 85598 × "
                                       "10 floats) would take 259 MiB of memory; the limit is 100 MiB (set "
                                       "DEEPSTEP_MEMORY_LIMIT to raise it)\n")
                            .arg(images));
    }

    void badTargets_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown name") << QStringList{"nosuchdata"}
                                      << "deepstep: no dataset is called 'nosuchdata' and there is no such file";
        QTest::newRow("missing file") << QStringList{"nowhere/train-images-idx3-ubyte"}
                                      << "deepstep: nowhere/train-images-idx3-ubyte: no such file";
        QTest::newRow("option on a file") << QStringList{"x.csv", "--option", "a=1"}
                                          << "deepstep: --option applies only to a registered dataset";
        QTest::newRow("bad option syntax") << QStringList{"xor", "--option", "repeat"}
                                           << "deepstep: --option: expected NAME=VALUE, got 'repeat'";
        QTest::newRow("bad sample count") << QStringList{"xor", "--samples", "-1"} << "deepstep: --samples";
    }
    void badTargets()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliResult r = runCli(QStringList{QStringLiteral("dataset"), QStringLiteral("inspect")} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(message), qPrintable(r.err));
    }

    void unknownNameListsDatasets()
    {
        const CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("xr")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("(datasets: ")) && r.err.contains(QStringLiteral("xor")),
                 qPrintable(r.err));
    }

    // The real-data plugin is optional in a build; these run when it is loaded.
    void realDataMissingIsBadInput()
    {
        const CliResult list = runCli({QStringLiteral("dataset"), QStringLiteral("list")});
        if (!list.out.contains(QStringLiteral("\n  fashion_mnist ")))
            QSKIP("the real-data plugin is not built");
        const QTemporaryDir empty;
        const QMap<QString, QString> env{{QStringLiteral("DEEPSTEP_FASHION_MNIST"), empty.path()},
                                         {QStringLiteral("DEEPSTEP_DATA"), empty.path()}};
        CliResult r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("fashion_mnist")}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: fashion_mnist: ") + empty.path() +
                                          "/train-images-idx3-ubyte.gz: expected the Fashion-MNIST file here"),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("dataset-fashion-mnist")));
        QVERIFY(r.out.isEmpty());

        r = runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("mnist")}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("fetch-mnist-digits.sh")), qPrintable(r.err));
    }

    void realDataPresent()
    {
        const CliResult list = runCli({QStringLiteral("dataset"), QStringLiteral("list")});
        if (!list.out.contains(QStringLiteral("\n  fashion_mnist ")))
            QSKIP("the real-data plugin is not built");
        // The fixture's pictures, gzipped under the names of the Fashion-MNIST package.
        const QTemporaryDir package;
        deepstep::data::writeIdxU8(package.filePath(QStringLiteral("train-images-idx3-ubyte.gz")).toStdString(),
                                   {3, kSide, kSide}, fixturePixels(3));
        const std::vector<std::uint8_t> labels{3, 7, 3};
        deepstep::data::writeIdxU8(package.filePath(QStringLiteral("train-labels-idx1-ubyte.gz")).toStdString(), {3},
                                   labels);
        const CliResult r =
            runCli({QStringLiteral("dataset"), QStringLiteral("inspect"), QStringLiteral("fashion_mnist"),
                    QStringLiteral("--samples"), QStringLiteral("2")},
                   {{QStringLiteral("DEEPSTEP_FASHION_MNIST"), package.path()}});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(hasLine(r.out, QStringLiteral("^  examples +3$")), qPrintable(r.out + r.err));
        QVERIFY(hasLine(r.out, QStringLiteral("^  Dress +2 +66.7%$")));
        QVERIFY(hasLine(r.out, QStringLiteral("^  Sneaker +1 +33.3%$")));
        QVERIFY(hasLine(r.out, QStringLiteral("^  T-shirt/top +0 +0.0%$")));
        QCOMPARE(printedArt(r.out, 0, QStringLiteral("Dress")), expectedArt(0));
        QCOMPARE(printedArt(r.out, 1, QStringLiteral("Sneaker")), expectedArt(1));
    }

    void groupNeedsCommand()
    {
        const CliResult r = runCli({QStringLiteral("dataset")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("inspect")) && r.err.contains(QStringLiteral("list")),
                 qPrintable(r.err));
    }
};

QTEST_APPLESS_MAIN(TestCliDataset)
#include "tst_cli_dataset.moc"
