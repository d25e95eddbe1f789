// `deepstep describe EXP.json`: an experiment's model layer by layer. The shapes and
// counts expected below are worked out by hand in the comments:
//   conv out = in + 2p − k + 1 (stride 1), pool out = in / 2,
//   conv parameters = F·C·k·k + F, dense = inputs·units + units.
#include "support/cli_runner.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdlib>
#include <filesystem>

namespace {

deepstep::test::CliResult describe(const QStringList& args) {
    return deepstep::test::runDeepstep(QStringLiteral(DEEPSTEP_CLI_PATH),
                                       QStringList{QStringLiteral("describe")} + args);
}

QString experiment(const char* file) {
    return QStringLiteral(DEEPSTEP_EXPERIMENTS_DIR "/") + QLatin1String(file);
}

bool fashionInstalled() {
    const char* env = std::getenv("DEEPSTEP_FASHION_MNIST");
    const std::string dir = env != nullptr ? env : "/usr/share/datasets/fashion-mnist";
    return std::filesystem::exists(dir + "/train-images-idx3-ubyte.gz");
}

// A row of the table: the cells separated by runs of spaces, nothing else on the line.
bool hasRow(const QString& out, const QStringList& cells) {
    QStringList escaped;
    for (const QString& c : cells)
        escaped << QRegularExpression::escape(c);
    const QRegularExpression row(QStringLiteral("(^|\\n) *") + escaped.join(QStringLiteral(" +")) +
                                 QStringLiteral(" *(\\n|$)"));
    return row.match(out).hasMatch();
}

}  // namespace

class TestCliDescribeModel : public QObject {
    Q_OBJECT

private slots:
    void init() {
        if (!fashionInstalled()) QSKIP("Fashion-MNIST is not installed (sudo apt-get install dataset-fashion-mnist)");
    }

    void lenetLayerByLayer() {
        const auto r = describe({experiment("lenet5-fashion.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Input: 1×28×28 per example")), qPrintable(r.out));
        // standardize keeps 1×28×28 and has nothing to learn.
        QVERIFY2(hasRow(r.out, {"standardize", "standardize", "1×28×28", "0"}), qPrintable(r.out));
        // conv1: 6 filters 5×5 with padding 2 keep 28×28: 6·1·5·5 = 150 weights + 6 biases = 156.
        QVERIFY2(hasRow(r.out, {"conv1", "conv2d", "6×28×28", "156"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"weight", "[6, 1, 5, 5]", "150"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"bias", "[6]", "6"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"pool1", "max_pool2d", "6×14×14", "0"}), qPrintable(r.out));
        // conv2: 14 − 5 + 1 = 10; 16·6·5·5 = 2400 + 16 = 2416.
        QVERIFY2(hasRow(r.out, {"conv2", "conv2d", "16×10×10", "2416"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"weight", "[16, 6, 5, 5]", "2400"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"pool2", "max_pool2d", "16×5×5", "0"}), qPrintable(r.out));
        // flatten: 16·5·5 = 400 features.
        QVERIFY2(hasRow(r.out, {"flatten", "flatten", "400", "0"}), qPrintable(r.out));
        // fc1 400·120 + 120 = 48120, fc2 120·84 + 84 = 10164, out 84·10 + 10 = 850.
        QVERIFY2(hasRow(r.out, {"fc1", "dense", "120", "48120"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"weight", "[400, 120]", "48000"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"fc2", "dense", "84", "10164"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"out", "dense", "10", "850"}), qPrintable(r.out));
        // 156 + 2416 + 48120 + 10164 + 850 = 61706.
        QVERIFY2(r.out.contains(QStringLiteral("Parameters: 61706 trainable, 0 frozen, 61706 in all")),
                 qPrintable(r.out));
        QVERIFY2(!r.out.contains(QStringLiteral("frozen\n")), qPrintable(r.out));
    }

    void compositeChildrenIndented() {
        const auto r = describe({experiment("fashion-separable-gap.json")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // block1 on 16×14×14: depthwise 16·1·3·3 + 16 = 160 (16×14×14), pointwise 32·16·1·1 + 32 = 544
        // (32×14×14): 704.
        QVERIFY2(hasRow(r.out, {"block1", "depthwise_separable", "32×14×14", "704"}), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\n {4}depthwise +conv2d +16×14×14 +160\\n"))),
                 qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"weight", "[16, 1, 3, 3]", "144"}), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(QStringLiteral("\\n {4}pointwise +conv2d +32×14×14 +544\\n"))),
                 qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"weight", "[32, 16, 1, 1]", "512"}), qPrintable(r.out));
        // block2 on 32×7×7: (32·9 + 32) + (64·32 + 64) = 320 + 2112 = 2432; GAP leaves 64.
        QVERIFY2(hasRow(r.out, {"block2", "depthwise_separable", "64×7×7", "2432"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"gap", "global_avg_pool", "64", "0"}), qPrintable(r.out));
        // stem 16·9 + 16 = 160, out 64·10 + 10 = 650: 160 + 704 + 2432 + 650 = 3946.
        QVERIFY2(r.out.contains(QStringLiteral("Parameters: 3946 trainable, 0 frozen, 3946 in all")),
                 qPrintable(r.out));

        // The same network with plain 3×3 convolutions: 32·16·9 + 32 = 4640, 64·32·9 + 64 = 18496.
        const auto p = describe({experiment("fashion-plain-gap.json")});
        QVERIFY2(p.exitCode == 0, qPrintable(p.out + p.err));
        QVERIFY2(hasRow(p.out, {"block1", "conv2d", "32×14×14", "4640"}), qPrintable(p.out));
        QVERIFY2(hasRow(p.out, {"block2", "conv2d", "64×7×7", "18496"}), qPrintable(p.out));
        QVERIFY2(p.out.contains(QStringLiteral("Parameters: 23946 trainable, 0 frozen, 23946 in all")),
                 qPrintable(p.out));
    }

    void frozenLayersMarkedAndCounted() {
        // LeNet-5 with both convolutions frozen: 156 + 2416 = 2572 frozen, 61706 − 2572 = 59134 trainable.
        QFile file(experiment("lenet5-fashion.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject doc = QJsonDocument::fromJson(file.readAll()).object();
        QJsonObject model = doc[QStringLiteral("model")].toObject();
        QJsonArray layers = model[QStringLiteral("layers")].toArray();
        for (int i : {1, 3}) {
            QJsonObject layer = layers[i].toObject();
            layer[QStringLiteral("trainable")] = false;
            layers[i] = layer;
        }
        model[QStringLiteral("layers")] = layers;
        doc[QStringLiteral("model")] = model;
        // The first 100 pictures give the same input shape, sooner.
        doc[QStringLiteral("dataset")] =
            QJsonObject{{QStringLiteral("type"), QStringLiteral("fashion_mnist")}, {QStringLiteral("limit"), 100}};
        doc.remove(QStringLiteral("test_dataset"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lenet.json"));
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(doc).toJson());
        out.close();

        const auto r = describe({path});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(hasRow(r.out, {"conv1", "conv2d", "6×28×28", "156", "frozen"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"conv2", "conv2d", "16×10×10", "2416", "frozen"}), qPrintable(r.out));
        QVERIFY2(hasRow(r.out, {"fc1", "dense", "120", "48120"}), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Parameters: 59134 trainable, 2572 frozen, 61706 in all")),
                 qPrintable(r.out));

        const auto ko = describe({path, QStringLiteral("--lang"), QStringLiteral("ko")});
        QVERIFY2(ko.exitCode == 0, qPrintable(ko.out + ko.err));
        QVERIFY2(hasRow(ko.out, {"conv1", "conv2d", "6×28×28", "156", "고정됨"}), qPrintable(ko.out));
        QVERIFY2(ko.out.contains(QStringLiteral("파라미터: 학습 59134개, 고정 2572개, 모두 61706개")),
                 qPrintable(ko.out));
        QVERIFY2(ko.out.contains(QStringLiteral("입력: 예제 하나에 1×28×28")), qPrintable(ko.out));
        // No English left in the Korean table's words.
        for (const char* english : {"trainable", "frozen", "Parameters", "Input", "output", "parameters"})
            QVERIFY2(!ko.out.contains(QLatin1String(english)), english);
    }

    void missingBaseModelNamesTheCommand() {
        // The transfer lab before its base model exists (in a copy, so that a model
        // trained in the repository does not hide the message).
        QTemporaryDir dir;
        QVERIFY(QFile::copy(experiment("fashion-1000-lenet-transfer.json"), dir.filePath(QStringLiteral("t.json"))));
        const auto r = describe({dir.filePath(QStringLiteral("t.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("initialize.model")), qPrintable(r.err));
        QVERIFY2(
            r.err.contains(QStringLiteral("deepstep train experiments/lenet5-digits.json --out runs/lenet5-digits")),
            qPrintable(r.err));
    }

    void badExperiments() {
        QTemporaryDir dir;
        // A file that is not there: exit 2, named.
        auto r = describe({dir.filePath(QStringLiteral("none.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("none.json")), qPrintable(r.err));
        // A layer with a bad option: the JSON path and the expectation.
        const QString path = dir.filePath(QStringLiteral("bad.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "deepstep.experiment", "version": 1,
                    "model": {"input": [1, 8, 8], "layers": [{"type": "conv2d", "filters": "six", "kernel": 3}]},
                    "loss": "mse", "optimizer": "sgd",
                    "dataset": {"type": "inline", "inputs": [[0]], "targets": [[0]]}})");
        f.close();
        r = describe({path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("bad.json")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("model.layers[0].filters")), qPrintable(r.err));
        // --kind belongs to component names.
        r = describe({experiment("lenet5-fashion.json"), QStringLiteral("--kind"), QStringLiteral("layer")});
        QCOMPARE(r.exitCode, 2);
        // A component name still describes the component.
        r = describe({QStringLiteral("global_avg_pool")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(!r.out.contains(QStringLiteral("Parameters:")), qPrintable(r.out));
    }
};

QTEST_APPLESS_MAIN(TestCliDescribeModel)
#include "tst_cli_describe_model.moc"
