// The real datasets: Fashion-MNIST from the Debian package (skipped when it is not
// installed), the fetched MNIST digits (skipped when not fetched), the user's own IDX
// and CSV files through the registry, and the messages that say how to get the data.

#include "support/data_io_support.hpp"

#include "deepstep/data/locate.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/real/real_datasets.hpp"

#include <QtTest>

#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>

using namespace deepstep;

namespace {

using test::fixture;
using test::inputErrorOf;

// Reads the first `count` bytes of a gzip file with zlib's own reader, independently
// of DeepStep's.
std::vector<std::uint8_t> gzipPrefix(const std::string& path, std::size_t count) {
    gzFile f = gzopen(path.c_str(), "rb");
    if (f == nullptr) return {};
    std::vector<std::uint8_t> bytes(count);
    const int got = gzread(f, bytes.data(), static_cast<unsigned>(count));
    gzclose(f);
    bytes.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
    return bytes;
}

std::size_t labelOf(const Dataset& d, std::size_t i) {
    std::vector<float> in(d.inputShape().elements()), target(d.targetShape().elements());
    d.copyExample(i, in.data(), target.data());
    return static_cast<std::size_t>(std::max_element(target.begin(), target.end()) - target.begin());
}

// A fingerprint of one example (pixels and label), to compare splits as multisets.
std::size_t fingerprint(const Dataset& d, std::size_t i) {
    std::vector<float> in(d.inputShape().elements()), target(d.targetShape().elements());
    d.copyExample(i, in.data(), target.data());
    std::size_t h = labelOf(d, i);
    for (float v : in) h = h * 1000003U ^ std::hash<float>{}(v);
    return h;
}

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const QByteArray& value) : name_(name), had_(qEnvironmentVariableIsSet(name)) {
        old_ = qgetenv(name);
        if (value.isNull()) {
            qunsetenv(name);
        } else {
            qputenv(name, value);
        }
    }
    ~ScopedEnv() {
        if (had_) {
            qputenv(name_, old_);
        } else {
            qunsetenv(name_);
        }
    }

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

bool fashionInstalled() {
    return std::filesystem::exists(data::fashionMnistDirectory() + "/train-labels-idx1-ubyte.gz");
}

bool digitsFetched() {
    return std::filesystem::exists(data::mnistDigitsDirectory() + "/digits-images-idx3-ubyte.gz");
}

}  // namespace

class TestRealDatasets : public QObject {
    Q_OBJECT

private slots:
    void dataFolders() {
        {
            ScopedEnv own("DEEPSTEP_DATA", "/tmp/own");
            QCOMPARE(data::dataDirectory(), std::string("/tmp/own"));
            QCOMPARE(data::mnistDigitsDirectory(), std::string("/tmp/own/mnist-digits"));
        }
        {
            ScopedEnv own("DEEPSTEP_DATA", QByteArray());
            ScopedEnv xdg("XDG_DATA_HOME", "/tmp/xdg");
            QCOMPARE(data::dataDirectory(), std::string("/tmp/xdg/deepstep"));
            ScopedEnv emptyXdg("XDG_DATA_HOME", "");
            ScopedEnv home("HOME", "/tmp/home");
            QCOMPARE(data::dataDirectory(), std::string("/tmp/home/.local/share/deepstep"));
        }
        {
            ScopedEnv fashion("DEEPSTEP_FASHION_MNIST", QByteArray());
            QCOMPARE(data::fashionMnistDirectory(), std::string("/usr/share/datasets/fashion-mnist"));
            ScopedEnv set("DEEPSTEP_FASHION_MNIST", "/tmp/f");
            QCOMPARE(data::fashionMnistDirectory(), std::string("/tmp/f"));
        }
    }

    void fashionTrainFirstHundred() {
        if (!fashionInstalled()) QSKIP("dataset-fashion-mnist is not installed");
        const TensorDataset d = real::fashionMnist("train", 100);
        QCOMPARE(d.size(), std::size_t(100));
        QCOMPARE(d.inputShape(), (Shape{1, 28, 28}));
        QCOMPARE(d.targetShape(), (Shape{10}));
        QCOMPARE(d.classNames().size(), std::size_t(10));
        QCOMPARE(d.classNames().front(), std::string("T-shirt/top"));
        QCOMPARE(d.classNames().back(), std::string("Ankle boot"));
        const auto [lo, hi] = std::minmax_element(d.inputs().values().begin(), d.inputs().values().end());
        QCOMPARE(*lo, 0.0F);
        QVERIFY(*hi <= 1.0F && *hi > 0.5F);
        for (std::size_t i = 0; i < d.size(); ++i) {
            float sum = 0;
            for (std::size_t k = 0; k < 10; ++k) sum += d.targets()[i * 10 + k];
            QCOMPARE(sum, 1.0F);
        }

        const std::string folder = data::fashionMnistDirectory();
        const auto labels = gzipPrefix(folder + "/train-labels-idx1-ubyte.gz", 8 + 100);
        QCOMPARE(labels.size(), std::size_t(108));
        for (std::size_t i = 0; i < 100; ++i) QCOMPARE(labelOf(d, i), std::size_t(labels[8 + i]));
        const auto images = gzipPrefix(folder + "/train-images-idx3-ubyte.gz", 16 + 784);
        QCOMPARE(images.size(), std::size_t(16 + 784));
        for (std::size_t p = 0; p < 784; ++p) QCOMPARE(d.inputs()[p], float(images[16 + p]) / 255.0F);
    }

    void fashionTestSplitThroughRegistry() {
        if (!fashionInstalled()) QSKIP("dataset-fashion-mnist is not installed");
        Registry registry;
        real::registerComponents(registry);
        const auto d = registry.makeDataset("fashion_mnist", Json{{"split", "test"}, {"limit", 0}});
        QCOMPARE(d->size(), std::size_t(10000));
        const auto labels = gzipPrefix(data::fashionMnistDirectory() + "/t10k-labels-idx1-ubyte.gz", 8 + 3);
        QCOMPARE(labelOf(*d, 2), std::size_t(labels[10]));
    }

    void fashionMissing() {
        QTemporaryDir dir;
        ScopedEnv fashion("DEEPSTEP_FASHION_MNIST", dir.path().toUtf8());
        QCOMPARE(inputErrorOf([] { real::fashionMnist("train"); }),
                 dir.path() + "/train-images-idx3-ubyte.gz: expected the Fashion-MNIST file here, got no such file; "
                              "install it with `sudo apt-get install dataset-fashion-mnist` (or set "
                              "DEEPSTEP_FASHION_MNIST)");
    }

    void digitsSplits() {
        if (!digitsFetched()) QSKIP("MNIST digits not fetched (datasets/fetch-mnist-digits.sh)");
        Registry registry;
        real::registerComponents(registry);
        const auto train = registry.makeDataset("mnist", Json::object());
        const auto test = registry.makeDataset("mnist", Json{{"split", "test"}});
        const auto all = registry.makeDataset("mnist", Json{{"split", "all"}});
        QCOMPARE(train->size(), std::size_t(8000));
        QCOMPARE(test->size(), std::size_t(2000));
        QCOMPARE(all->size(), std::size_t(10000));
        QCOMPARE(train->inputShape(), (Shape{1, 28, 28}));
        QCOMPARE(train->classNames().size(), std::size_t(10));

        // train ∪ test is exactly all, as multisets of (pixels, label): disjoint and complete.
        std::vector<std::size_t> whole, parts;
        for (std::size_t i = 0; i < all->size(); ++i) whole.push_back(fingerprint(*all, i));
        for (std::size_t i = 0; i < train->size(); ++i) parts.push_back(fingerprint(*train, i));
        for (std::size_t i = 0; i < test->size(); ++i) parts.push_back(fingerprint(*test, i));
        std::sort(whole.begin(), whole.end());
        std::sort(parts.begin(), parts.end());
        QVERIFY(whole == parts);

        // The package groups images by digit (1001 zeros first); the splits come mixed.
        QCOMPARE(labelOf(*all, 0), std::size_t(0));
        QCOMPARE(labelOf(*all, 9999), std::size_t(9));
        std::map<std::size_t, int> firstHundred;
        for (std::size_t i = 0; i < 100; ++i) ++firstHundred[labelOf(*train, i)];
        QVERIFY(firstHundred.size() >= 8);

        // Another seed, another split of the same sizes.
        const auto other = registry.makeDataset("mnist", Json{{"split", "test"}, {"seed", 1}});
        QCOMPARE(other->size(), std::size_t(2000));
        QVERIFY(fingerprint(*other, 0) != fingerprint(*test, 0) || fingerprint(*other, 1) != fingerprint(*test, 1));
    }

    void digitsMissing() {
        QTemporaryDir dir;
        ScopedEnv data("DEEPSTEP_DATA", dir.path().toUtf8());
        const QString hint = QString::fromStdString(real::fetchCommandHint());
        QVERIFY(hint.endsWith("/fetch-mnist-digits.sh"));
        QVERIFY(QFile::exists(hint));  // the source tree's script, in a build tree
        QCOMPARE(inputErrorOf([] { real::mnistDigits(real::SplitOptions{}); }),
                 dir.path() + "/mnist-digits: expected the MNIST digits (digits-images-idx3-ubyte.gz, "
                              "digits-labels-idx1-ubyte.gz) in this folder, got none; fetch them once with "
                              "`datasets/fetch-mnist-digits.sh` (" +
                     hint + "), or give the images and labels options the paths of your own MNIST files");
    }

    void ownMnistFiles() {
        Registry registry;
        real::registerComponents(registry);
        const Json paths{{"images", fixture("tiny-images-idx3-ubyte")},
                         {"labels", fixture("tiny-labels-idx1-ubyte.gz")},
                         {"test_fraction", 0.4}};
        Json asTest = paths;
        asTest["split"] = "test";
        Json asAll = paths;
        asAll["split"] = "all";
        QCOMPARE(registry.makeDataset("mnist", paths)->size(), std::size_t(2));  // 3 − round(1.2)
        QCOMPARE(registry.makeDataset("mnist", asTest)->size(), std::size_t(1));
        QCOMPARE(registry.makeDataset("mnist", asAll)->size(), std::size_t(3));
        QCOMPARE(inputErrorOf([&] { registry.makeDataset("mnist", Json{{"images", fixture("tiny-images-idx3-ubyte")}}); }),
                 QString("dataset.mnist.labels: expected both images and labels paths (or neither, for the fetched digits), "
                         "got only one"));
    }

    void idxAndCsvThroughRegistry() {
        Registry registry;
        real::registerComponents(registry);
        const auto idx = registry.makeDataset("idx", Json{{"images", fixture("tiny-images-idx3-ubyte")},
                                                          {"labels", fixture("tiny-labels-idx1-ubyte.gz")},
                                                          {"classes", "cat, dog,bird"}});
        QCOMPARE(idx->classNames(), (std::vector<std::string>{"cat", "dog", "bird"}));
        QCOMPARE(labelOf(*idx, 0), std::size_t(2));

        const auto csv = registry.makeDataset("csv", Json{{"path", fixture("houses.csv")},
                                                          {"categorical", "city"},
                                                          {"scale", "minmax"},
                                                          {"test_fraction", 0.4},
                                                          {"split", "test"}});
        // Same golden numbers as tst_csv: rows 3 and 4, scaled with the train rows' range.
        QCOMPARE(csv->size(), std::size_t(2));
        std::vector<float> in(5), target(1);
        csv->copyExample(1, in.data(), target.data());
        QCOMPARE(in, (std::vector<float>{1.4F, 0.5F, 0, 1, 0}));
        QCOMPARE(target[0], 280.0F);

        const auto classes = registry.makeDataset("csv", Json{{"path", fixture("houses.csv")},
                                                              {"target", "city"},
                                                              {"classify", true}});
        QCOMPARE(classes->classNames(), (std::vector<std::string>{"busan", "daegu", "seoul"}));
        QCOMPARE(inputErrorOf([&] { registry.makeDataset("csv", Json::object()); }).left(12), QString("dataset.path"));
        // File places keep their own form behind the registry's path.
        QCOMPARE(inputErrorOf([&] { registry.makeDataset("csv", Json{{"path", fixture("houses.csv")}}); }),
                 "dataset: " + QString::fromStdString(fixture("houses.csv")) +
                     ": line 2, column \"city\": expected a number, got \"seoul\"");
    }

    void schemasSpeakBothLanguages() {
        Registry registry;
        real::registerComponents(registry);
        for (const char* name : {"fashion_mnist", "mnist", "idx", "csv"}) {
            const ComponentInfo* info = registry.find(Kind::Dataset, name);
            QVERIFY2(info != nullptr, name);
            QVERIFY(!info->summary.en.empty() && !info->summary.ko.empty());
            QVERIFY(!info->schema.specs().empty());
            for (const auto& spec : info->schema.specs()) {
                QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), spec.name.c_str());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestRealDatasets)
#include "tst_real_datasets.moc"
