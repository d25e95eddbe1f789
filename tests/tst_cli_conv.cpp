// `deepstep conv`: the convolution calculator. The expected sizes, receptive fields and
// parameter counts are worked out by hand in the comments from
//   out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1,  receptive field d(k − 1) + 1,
//   parameters = filters · C/groups · kh · kw + filters,
// not by the code under test.

#include "support/cli_runner.hpp"

#include <QRegularExpression>
#include <QtTest>

namespace {

deepstep::test::CliResult runConv(const QStringList& args)
{
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH), QStringList{QStringLiteral("conv")} + args);
}

}  // namespace

class TestCliConv : public QObject {
    Q_OBJECT

private slots:
    void lectureSettings_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("output");     // H × W × C after the arrow
        QTest::addColumn<QString>("heightLine");  // the worked formula for the height
        QTest::addColumn<QString>("receptive");
        QTest::addColumn<QString>("parameters");
        // k3 s1 p1 d1 on 28×28×1 with 6 filters: ⌊(28 + 2 − 2 − 1) / 1⌋ + 1 = 28; 6·1·3·3 = 54 weights + 6.
        QTest::newRow("k3 s1 p1 d1") << QStringList{"28", "28", "1", "--kernel", "3", "--padding", "1", "--filters", "6"}
                                     << "28 × 28 × 6" << "⌊(28 + 2·1 − 1·(3 − 1) − 1) / 1⌋ + 1 = 28"
                                     << "3 × 3 inputs" << "= 54, biases 6, total 60";
        // k3 s2 p1 d1: ⌊(28 + 2 − 2 − 1) / 2⌋ + 1 = ⌊27 / 2⌋ + 1 = 14; neighbours 2 inputs apart.
        QTest::newRow("k3 s2 p1 d1") << QStringList{"28", "28", "1", "--kernel", "3", "--stride", "2", "--padding", "1",
                                                    "--filters", "6"}
                                     << "14 × 14 × 6" << "⌊(28 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1 = 14"
                                     << "3 × 3 inputs" << "= 54, biases 6, total 60";
        // k3 s1 p0 d2: the kernel spans 2·2 + 1 = 5 inputs, ⌊(28 − 4 − 1) / 1⌋ + 1 = 24.
        QTest::newRow("k3 s1 p0 d2") << QStringList{"28", "28", "1", "--kernel", "3", "--dilation", "2", "--filters", "6"}
                                     << "24 × 24 × 6" << "⌊(28 + 2·0 − 2·(3 − 1) − 1) / 1⌋ + 1 = 24"
                                     << "5 × 5 inputs" << "= 54, biases 6, total 60";
        // "same" at stride 1 keeps 28; 3 channels in groups of 3 (depthwise): 3·1·5·5 = 75 + 3.
        QTest::newRow("same, depthwise") << QStringList{"28", "28", "3", "--kernel", "5", "--padding", "same", "--groups",
                                                        "3"}
                                         << "28 × 28 × 3" << "⌊(28 + 2·2 − 1·(5 − 1) − 1) / 1⌋ + 1 = 28"
                                         << "5 × 5 inputs" << "= 75, biases 3, total 78";
        // Rectangular: kernel 3×5 on 10×20, stride 1×2: height 8, width ⌊(20 − 4 − 1) / 2⌋ + 1 = 8.
        QTest::newRow("rectangular") << QStringList{"10", "20", "--kernel", "3x5", "--stride", "1x2", "--filters", "2"}
                                     << "8 × 8 × 2" << "⌊(10 + 2·0 − 1·(3 − 1) − 1) / 1⌋ + 1 = 8"
                                     << "3 × 5 inputs" << "= 30, biases 2, total 32";
    }

    void lectureSettings()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, output);
        QFETCH(QString, heightLine);
        QFETCH(QString, receptive);
        QFETCH(QString, parameters);
        const auto r = runConv(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("→ ") + output), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("out = ⌊(in + 2p − d(k − 1) − 1) / s⌋ + 1")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("height: ") + heightLine), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Receptive field of one output: ") + receptive), qPrintable(r.out));
        QVERIFY2(r.out.contains(parameters), qPrintable(r.out));
    }

    void globalAveragePooling()
    {
        // 7×7×1024 → 1×1×1024: ⌊(7 − 6 − 1) / 1⌋ + 1 = 1, one average per channel, no weights.
        const auto r = runConv({"7", "7", "1024", "--gap"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("7 × 7 × 1024 → 1 × 1 × 1024")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("⌊(7 + 2·0 − 1·(7 − 1) − 1) / 1⌋ + 1 = 1")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Parameters: none")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("1024 values")), qPrintable(r.out));
    }

    void pooling()
    {
        // LeNet's 2×2 max pool at stride 2: 28 → 14, channels kept.
        const auto r = runConv({"28", "28", "6", "--kernel", "2", "--stride", "2", "--pool"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("28 × 28 × 6 → 14 × 14 × 6")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Parameters: none")), qPrintable(r.out));
    }

    void depthwiseSeparable()
    {
        // 112×112×32, 3×3, 64 filters. Plain: 64·32·9 + 64 = 18,496. Depthwise: 32·9 + 32 = 320;
        // pointwise: 64·32 + 64 = 2,112; together 2,432; 18,496 / 2,432 = 7.605…
        const auto r = runConv({"112", "112", "32", "--kernel", "3", "--padding", "1", "--filters", "64",
                                "--depthwise-separable"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("total 18496")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("C · kh · kw + C = 32 · 3 · 3 + 32 = 320")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("filters · C + filters = 64 · 32 + 64 = 2112")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("total 2432 against 18496")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("7.61× fewer")), qPrintable(r.out));
    }

    void korean()
    {
        const auto r = runConv({"28", "28", "1", "--kernel", "3", "--stride", "2", "--padding", "1", "--lang", "ko"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("합성곱 28 × 28 × 1 → 14 × 14 × 1")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("출력 = ⌊(입력 + 2p − d(k − 1) − 1) / s⌋ + 1")), qPrintable(r.out));
        // No English words leak into the Korean output (the formula's letters aside).
        static const QRegularExpression english(QStringLiteral("[A-Za-z]{3,}"));
        QVERIFY2(!english.match(r.out).hasMatch(), qPrintable(r.out));

        const auto bad = runConv({"28", "28", "--kernel", "0", "--lang", "ko"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--kernel")) && bad.err.contains(QStringLiteral("정수")),
                 qPrintable(bad.err));
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("expected");  // every piece must be in the message
        QTest::newRow("no kernel") << QStringList{"28", "28"} << QStringList{"--kernel", "required"};
        QTest::newRow("kernel 0") << QStringList{"28", "28", "--kernel", "0"}
                                  << QStringList{"--kernel", "whole number from 1", "'0'"};
        QTest::newRow("kernel text") << QStringList{"28", "28", "--kernel", "three"} << QStringList{"--kernel", "'three'"};
        QTest::newRow("kernel 3x") << QStringList{"28", "28", "--kernel", "3x"} << QStringList{"--kernel", "HxW"};
        QTest::newRow("negative padding") << QStringList{"28", "28", "--kernel", "3", "--padding", "-1"}
                                          << QStringList{"--padding", "'-1'"};
        QTest::newRow("stride 0") << QStringList{"28", "28", "--kernel", "3", "--stride", "0"}
                                  << QStringList{"--stride", "from 1"};
        QTest::newRow("height 0") << QStringList{"0", "28", "--kernel", "3"} << QStringList{"H:", "'0'"};
        QTest::newRow("width text") << QStringList{"28", "wide", "--kernel", "3"} << QStringList{"W:", "'wide'"};
        QTest::newRow("huge channels") << QStringList{"28", "28", "99999999999999999999", "--kernel", "3"}
                                       << QStringList{"C:", "to 100000"};
        // A 9-wide window on 5 inputs: ⌊(5 − 8 − 1) / 1⌋ + 1 = −3.
        QTest::newRow("kernel too big") << QStringList{"5", "5", "--kernel", "9"}
                                        << QStringList{"--kernel", "fits", "= -3"};
        QTest::newRow("groups of channels") << QStringList{"28", "28", "6", "--kernel", "3", "--groups", "4"}
                                            << QStringList{"--groups", "divisor of the 6 input channels"};
        QTest::newRow("groups of filters")
            << QStringList{"28", "28", "6", "--kernel", "3", "--groups", "3", "--filters", "4"}
            << QStringList{"--groups", "divisor of the 4 filters"};
        QTest::newRow("gap with kernel") << QStringList{"7", "7", "8", "--gap", "--kernel", "3"}
                                         << QStringList{"--kernel", "--gap"};
        QTest::newRow("two modes") << QStringList{"7", "7", "--kernel", "3", "--pool", "--gap"}
                                   << QStringList{"--pool", "at most one"};
        QTest::newRow("extra argument") << QStringList{"7", "7", "1", "1", "--kernel", "3"} << QStringList{"'1'"};
        QTest::newRow("missing width") << QStringList{"7", "--kernel", "3"} << QStringList{"W"};
    }

    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, expected);
        const auto r = runConv(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), qPrintable(r.out));
        for (const QString& piece : expected) QVERIFY2(r.err.contains(piece), qPrintable(r.err));
    }

    void help()
    {
        const auto r = runConv({"--help"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("--depthwise-separable")) && r.out.contains(QStringLiteral("--gap")),
                 qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCliConv)
#include "tst_cli_conv.moc"
