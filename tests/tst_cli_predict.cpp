// `deepstep predict`, run as a separate process: a model file saved here from a
// network with hand-set weights, pictures drawn here, and the probabilities printed.
//
// The network is one dense layer 784 → 3 ("left", "right", "top"). Class "left" sums
// the brightness of the left half of the 28 × 28 input (weight 0.1 per pixel),
// "right" that of the right half, "top" that of the first seven rows (weight 1).
// The picture is 60 × 30 with a 10 × 10 square at x, y = 10..19: fitted into 28 × 28
// it becomes 28 × 14 (scale 28/60), centred from row 7, so the square lands in the
// left half, below row 7. Area resampling keeps its mass: 100 / (60/28)² pixels of
// full brightness, so the logits are (0.1 · 100 · (28/60)², 0, 0) — "top" stays 0
// only when the picture was centred, "left" is right only when it was inverted
// (dark square on white) or already light on dark.

#include "support/cli_runner.hpp"

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/random.hpp"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace deepstep;

namespace {

using deepstep::test::CliResult;

CliResult runCli(const QStringList& args)
{
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), args);
}

/// The probability column: "  left   0.8150  ################" → {"left", 0.815}.
std::map<QString, double> probabilities(const QString& out)
{
    std::map<QString, double> found;
    static const QRegularExpression row(QStringLiteral("^  (left|right|top) +([0-9]\\.[0-9]{4})(  #+)?$"),
                                        QRegularExpression::MultilineOption);
    auto it = row.globalMatch(out);
    while (it.hasNext()) {
        const auto m = it.next();
        found[m.captured(1)] = m.captured(2).toDouble();
    }
    return found;
}

/// The expected probabilities: softmax of (0.1 · 100 · (28/60)², 0, 0).
double expectedLeft()
{
    const double left = 0.1 * 100.0 * (28.0 / 60.0) * (28.0 / 60.0);
    return std::exp(left) / (std::exp(left) + 2.0);
}

}  // namespace

class TestCliPredict : public QObject {
    Q_OBJECT

    QTemporaryDir dir;
    Registry registry;

    QString saveNetwork(const QString& name, const std::string& activation, const Json& input)
    {
        Rng rng(1);
        const Json model = {{"input", input},
                            {"layers", Json::array({{{"type", "dense"},
                                                     {"name", "out"},
                                                     {"units", 3},
                                                     {"activation", activation}}})}};
        Network net = buildModel(model, registry, rng);
        if (input.size() == 1 && input[0] == 784) {
            Parameter* w = net.parameter("out.weight");
            Parameter* b = net.parameter("out.bias");
            w->value.fill(0.0F);
            b->value.fill(0.0F);
            for (std::size_t y = 0; y < 28; ++y)
                for (std::size_t x = 0; x < 28; ++x) {
                    const std::size_t i = y * 28 + x;
                    w->value[i * 3 + (x < 14 ? 0 : 1)] = 0.1F;
                    if (y < 7) w->value[i * 3 + 2] = 1.0F;
                }
        }
        const QString path = dir.filePath(name);
        saveModel(path.toStdString(), net, {"left", "right", "top"});
        return path;
    }

    QString savePicture(const QString& name, bool darkOnLight)
    {
        QImage image(60, 30, QImage::Format_RGB32);
        image.fill(darkOnLight ? QColor(Qt::white) : QColor(Qt::black));
        for (int y = 10; y < 20; ++y)
            for (int x = 10; x < 20; ++x)
                image.setPixelColor(x, y, darkOnLight ? QColor(Qt::black) : QColor(Qt::white));
        const QString path = dir.filePath(name);
        if (!image.save(path)) qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    QString softmaxModel;
    QString logitModel;

private slots:
    void initTestCase()
    {
        QVERIFY(dir.isValid());
        backprop::registerComponents(registry);
        softmaxModel = saveNetwork(QStringLiteral("softmax.json"), "softmax", Json::array({784}));
        logitModel = saveNetwork(QStringLiteral("logits.json"), "identity", Json::array({784}));
    }

    void darkOnLightIsInverted()
    {
        const QString picture = savePicture(QStringLiteral("dark-on-light.png"), true);
        const CliResult r = runCli({QStringLiteral("predict"), softmaxModel, picture});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("Image ") + picture + ": 60×30 pixels, scaled to 28×14 and centred in 28×28"),
                 qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(QStringLiteral("The background is light (border mean 255 of 255), so the picture was "
                                              "inverted")));
        QVERIFY(!r.out.contains(QStringLiteral("softmax turned")));
        const auto p = probabilities(r.out);
        QCOMPARE(p.size(), std::size_t{3});
        QVERIFY2(std::abs(p.at("left") - expectedLeft()) < 2e-4, qPrintable(r.out));
        QVERIFY(std::abs(p.at("right") - (1.0 - expectedLeft()) / 2.0) < 2e-4);
        QVERIFY(std::abs(p.at("top") - (1.0 - expectedLeft()) / 2.0) < 2e-4);
        double sum = 0.0;
        for (const auto& [label, value] : p) sum += value;
        QVERIFY(std::abs(sum - 1.0) < 5e-4);
        // Sorted, the winner first, and named.
        QVERIFY(r.out.indexOf(QStringLiteral("\n  left ")) < r.out.indexOf(QStringLiteral("\n  right ")));
        QVERIFY(r.out.contains(QStringLiteral("Prediction: left (%1%)").arg(expectedLeft() * 100.0, 0, 'f', 1)));
    }

    void lightOnDarkIsKept()
    {
        const QString picture = savePicture(QStringLiteral("light-on-dark.bmp"), false);
        const CliResult r = runCli({QStringLiteral("predict"), softmaxModel, picture, QStringLiteral("--show")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains(QStringLiteral("inverted")));
        const auto p = probabilities(r.out);
        QCOMPARE(p.size(), std::size_t{3});
        QVERIFY2(std::abs(p.at("left") - expectedLeft()) < 2e-4, qPrintable(r.out));
        // What the network sees: the 28 × 14 picture sits on rows 7–20. The square's
        // source columns 10–19 become 4.67–9.33: columns 5–8 are fully covered ('@'),
        // 4 and 9 a third ('-'); the same on rows 12–15 and 11, 16; corners a ninth ('.').
        const QStringList lines = r.out.split(QLatin1Char('\n'));
        const qsizetype at = lines.indexOf(QStringLiteral("What the network sees:"));
        QVERIFY(at >= 0);
        const QString rule = QStringLiteral("    +") + QString(28, QLatin1Char('-')) + "+";
        QCOMPARE(lines[at + 1], rule);
        QCOMPARE(lines[at + 30], rule);
        for (int y = 0; y < 28; ++y) {
            QString expected(28, QLatin1Char(' '));
            if (y >= 12 && y <= 15) expected.replace(4, 6, QStringLiteral("-@@@@-"));
            if (y == 11 || y == 16) expected.replace(4, 6, QStringLiteral(".----."));
            QCOMPARE(lines[at + 2 + y], QStringLiteral("    |") + expected + "|");
        }
    }

    void softmaxAppliedWhenMissing()
    {
        const QString picture = savePicture(QStringLiteral("square.png"), true);
        const CliResult r = runCli(
            {QStringLiteral("predict"), logitModel, picture, QStringLiteral("--top"), QStringLiteral("1")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("The model's last layer is not a softmax")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("The 1 most likely of 3 classes:")));
        const auto p = probabilities(r.out);
        QCOMPARE(p.size(), std::size_t{1});
        QVERIFY2(p.count("left") == 1, qPrintable(r.out));
        QVERIFY(std::abs(p.at("left") - expectedLeft()) < 2e-4);
    }

    void korean()
    {
        const QString picture = savePicture(QStringLiteral("square-ko.png"), true);
        const CliResult r =
            runCli({QStringLiteral("predict"), softmaxModel, picture, QStringLiteral("--lang"), QStringLiteral("ko")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("이미지를 반전했습니다")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("예측: left")));
    }

    void badInputs_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing image") << "softmax.json" << "nothing.png" << "nothing.png: no such file";
        QTest::newRow("not an image") << "softmax.json" << "fake.png"
                                      << "fake.png: not an image Qt can read (PNG, JPEG, BMP, …)";
        QTest::newRow("not a picture model") << "table.json" << "square.png"
                                             << "table.json: the model takes inputs of shape [2], not pictures";
        QTest::newRow("corrupt model") << "corrupt.json" << "square.png" << "corrupt.json";
        QTest::newRow("missing model") << "absent.json" << "square.png" << "absent.json";
    }
    void badInputs()
    {
        QFETCH(QString, model);
        QFETCH(QString, image);
        QFETCH(QString, message);
        saveNetwork(QStringLiteral("table.json"), "softmax", Json::array({2}));
        {
            QFile fake(dir.filePath(QStringLiteral("fake.png")));
            QVERIFY(fake.open(QIODevice::WriteOnly));
            fake.write("these are words, not pixels\n");
            QFile corrupt(dir.filePath(QStringLiteral("corrupt.json")));
            QVERIFY(corrupt.open(QIODevice::WriteOnly));
            corrupt.write("{\"format\": \"deepstep.model\", \"version\": 1, \"model\": ");
        }
        savePicture(QStringLiteral("square.png"), true);
        const CliResult r = runCli({QStringLiteral("predict"), dir.filePath(model), dir.filePath(image)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("deepstep: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliPredict)
#include "tst_cli_predict.moc"
