// The small-data CNN labs' machinery, on a tiny network: a frozen convolution keeps
// its weights bit for bit through training while the head learns; "initialize" copies
// the named layers exactly from a saved model (and a missing model names the command
// that makes it); augmentation changes the batches of the same seed; and the GAP labs'
// networks have the parameter counts worked out by hand below.
#include "deepstep/augment.hpp"
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/file_io.hpp"
#include "deepstep/model_io.hpp"
#include "deepstep/trainer.hpp"

#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <filesystem>
#include <vector>

using namespace deepstep;

namespace {

// 12 random 1×6×6 images in 3 classes.
std::unique_ptr<Dataset> tinyImages() {
    Rng rng(5);
    Tensor x(Shape{12, 1, 6, 6});
    init::uniform(x, rng, 0.0F, 1.0F);
    Tensor y(Shape{12, 3});
    for (std::size_t i = 0; i < 12; ++i)
        y[i * 3 + i % 3] = 1.0F;
    return std::make_unique<TensorDataset>(std::move(x), std::move(y), std::vector<std::string>{"a", "b", "c"});
}

// conv 2@3×3 (6×6 → 4×4) → flatten (32) → dense 3 softmax; weight decay too, which must
// not reach a frozen layer either.
Json tinyCnn(std::uint64_t seed, bool convFrozen) {
    Json doc = Json::parse(R"({
      "format": "deepstep.experiment", "version": 1,
      "model": {"layers": [
        {"type": "conv2d", "name": "conv", "filters": 2, "kernel": 3, "activation": "relu"},
        {"type": "flatten", "name": "flatten"},
        {"type": "dense", "name": "head", "units": 3, "activation": "softmax"}]},
      "loss": {"type": "categorical_cross_entropy"},
      "optimizer": {"type": "momentum", "learning_rate": 0.1, "momentum": 0.9},
      "dataset": {"type": "tiny_images"},
      "training": {"epochs": 3, "batch_size": 4, "l2": 0.01}
    })");
    doc["seed"] = seed;
    if (convFrozen) doc["model"]["layers"][0]["trainable"] = false;
    return doc;
}

std::vector<float> valuesOf(Network& net, const std::string& name) {
    const Parameter* p = net.parameter(name);
    if (!p) return {};
    return {p->value.data(), p->value.data() + p->value.size()};
}

// Bit for bit, so that -0.0 against 0.0 or a last-digit change counts.
bool bitIdentical(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && !a.empty() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

std::size_t elementsOf(Network& net, const std::string& name) {
    const Parameter* p = net.parameter(name);
    return p ? p->value.shape().elements() : 0;
}

// An experiment file's model, built for 1×28×28 inputs (what Fashion-MNIST gives it).
Network modelOf(const std::string& file, const Registry& registry) {
    Json model = readJsonFile(std::string(DEEPSTEP_EXPERIMENTS_DIR) + "/" + file)["model"];
    model["input"] = {1, 28, 28};
    Rng rng(1);
    return buildModel(model, registry, rng);
}

}  // namespace

class TestCnnTransfer : public QObject {
    Q_OBJECT
    Registry registry;

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        cnn::registerComponents(registry);
        registry.addDataset(componentInfo(Kind::Dataset, "tiny_images", {"6×6 images (test)", "6×6 이미지 (시험)"}),
                            [](const Options&) { return tinyImages(); });
    }

    void frozenConvolutionKeepsItsBits_data() {
        QTest::addColumn<bool>("frozen");
        QTest::newRow("frozen") << true;
        QTest::newRow("trainable (control)") << false;
    }

    void frozenConvolutionKeepsItsBits() {
        QFETCH(bool, frozen);
        BuiltExperiment ex = buildExperiment(tinyCnn(3, frozen), registry);
        const std::vector<float> convBefore = valuesOf(ex.network, "conv.weight");
        const std::vector<float> biasBefore = valuesOf(ex.network, "conv.bias");
        const std::vector<float> headBefore = valuesOf(ex.network, "head.weight");
        QCOMPARE(convBefore.size(), std::size_t{2 * 1 * 3 * 3});
        QCOMPARE(headBefore.size(), std::size_t{32 * 3});

        // What the optimizer is handed: the frozen layer's tensors are not among them.
        std::vector<std::string> updated;
        for (const ParamRef& p : ex.network.parameters())
            updated.push_back(p.name);
        const std::vector<std::string> all{"conv.weight", "conv.bias", "head.weight", "head.bias"};
        const std::vector<std::string> headOnly{"head.weight", "head.bias"};
        QCOMPARE(updated, frozen ? headOnly : all);
        QCOMPARE(ex.network.frozenParameters().size(), std::size_t{frozen ? 2U : 0U});
        // 2·1·3·3 + 2 = 20 in the convolution, 32·3 + 3 = 99 in the head.
        QCOMPARE(ex.network.parameterCount(), std::size_t{frozen ? 99U : 119U});

        Trainer trainer(ex.network, *ex.loss, *ex.optimizer, ex.training);
        const TrainingResult result = trainer.fit(*ex.dataset);
        QCOMPARE(result.iterations, 9LL);  // 3 epochs of 12 / 4 batches

        QCOMPARE(bitIdentical(valuesOf(ex.network, "conv.weight"), convBefore), frozen);
        QCOMPARE(bitIdentical(valuesOf(ex.network, "conv.bias"), biasBefore), frozen);
        QVERIFY(!bitIdentical(valuesOf(ex.network, "head.weight"), headBefore));
    }

    void initializeCopiesTheNamedLayersExactly() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The base: another seed, trained a little, saved as `deepstep train` saves it.
        BuiltExperiment base = buildExperiment(tinyCnn(7, false), registry);
        Trainer trainer(base.network, *base.loss, *base.optimizer, base.training);
        trainer.fit(*base.dataset);
        const std::string folder = dir.path().toStdString();
        std::filesystem::create_directories(folder + "/runs/base");
        saveModel(folder + "/runs/base/model.json", base.network, {"a", "b", "c"});

        // The path is relative to the experiment's folder (where), not the working one.
        std::filesystem::create_directories(folder + "/experiments");
        Json doc = tinyCnn(99, true);
        doc["initialize"] = Json{{"model", "../runs/base/model.json"}, {"layers", {"conv"}}};
        BuiltExperiment ex = buildExperiment(doc, registry, folder + "/experiments/transfer.json");

        QVERIFY(bitIdentical(valuesOf(ex.network, "conv.weight"), valuesOf(base.network, "conv.weight")));
        QVERIFY(bitIdentical(valuesOf(ex.network, "conv.bias"), valuesOf(base.network, "conv.bias")));
        // The head was not named: it keeps its own seed-99 start, unlike the base's.
        BuiltExperiment fresh = buildExperiment(tinyCnn(99, true), registry);
        QVERIFY(bitIdentical(valuesOf(ex.network, "head.weight"), valuesOf(fresh.network, "head.weight")));
        QVERIFY(!bitIdentical(valuesOf(ex.network, "head.weight"), valuesOf(base.network, "head.weight")));
        QVERIFY(!bitIdentical(valuesOf(fresh.network, "conv.weight"), valuesOf(base.network, "conv.weight")));
    }

    void missingBaseModelNamesTheCommand() {
        QTemporaryDir dir;
        Json doc = tinyCnn(1, true);
        doc["initialize"] = Json{{"model", "../runs/none/model.json"},
                                 {"layers", {"conv"}},
                                 {"created_by", "deepstep train experiments/base.json --out runs/none"}};
        try {
            buildExperiment(doc, registry, dir.path().toStdString() + "/experiments/transfer.json");
            QFAIL("a missing base model was accepted");
        } catch (const InputError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains("initialize.model"), qPrintable(what));
            QVERIFY2(what.contains("runs/none/model.json"), qPrintable(what));
            QVERIFY2(what.contains("create it first with `deepstep train experiments/base.json --out runs/none`"),
                     qPrintable(what));
        }
        // created_by must be a command.
        doc["initialize"]["created_by"] = 3;
        QVERIFY_THROWS_EXCEPTION(InputError, buildExperiment(doc, registry, "x/transfer.json"));
    }

    void augmentationChangesTheBatchesOfOneSeed() {
        const std::unique_ptr<Dataset> data = tinyImages();
        TrainingSettings plain;
        plain.seed = 11;
        plain.batchSize = 4;
        TrainingSettings augmented = plain;
        augmented.augmentation.maxShift = 2;
        augmented.augmentation.flipHorizontal = true;
        BatchSchedule off(data->size(), plain);
        BatchSchedule on(data->size(), augmented);
        BatchSchedule onAgain(data->size(), augmented);

        for (long long b = 0; b < off.batchesPerEpoch(); ++b) {
            // The same seed picks the same examples; only the pictures differ.
            const auto pickedOff = off.batch(1, b);
            const auto pickedOn = on.batch(1, b);
            const std::vector<std::size_t> indices(pickedOff.begin(), pickedOff.end());
            QCOMPARE(std::vector<std::size_t>(pickedOn.begin(), pickedOn.end()), indices);

            const Tensor original = data->gather(indices).inputs;
            Tensor withoutAugment = original;
            Tensor withAugment = original;
            Tensor withAugmentAgain = original;
            off.augmentBatch(withoutAugment, 1, b);
            on.augmentBatch(withAugment, 1, b);
            onAgain.augmentBatch(withAugmentAgain, 1, b);
            const auto flat = [](const Tensor& t) { return std::vector<float>(t.data(), t.data() + t.size()); };
            QVERIFY(bitIdentical(flat(withoutAugment), flat(original)));
            QVERIFY2(!bitIdentical(flat(withAugment), flat(original)), qPrintable(QString::number(b)));
            QVERIFY(bitIdentical(flat(withAugment), flat(withAugmentAgain)));  // reproducible
        }
    }

    void gapLabsHaveTheHandCountedParameters() {
        // stem conv2d 16@3×3 on 1 channel: 16·1·3·3 + 16 = 160; out dense 64 → 10: 640 + 10 = 650.
        // Separable blocks: depthwise C·3·3 + C, pointwise F·C + F.
        //   block1 (16 → 32): 144 + 16 = 160 and 512 + 32 = 544, 704 in all;
        //   block2 (32 → 64): 288 + 32 = 320 and 2048 + 64 = 2112, 2432 in all.
        //   160 + 704 + 2432 + 650 = 3946.
        Network separable = modelOf("fashion-separable-gap.json", registry);
        QCOMPARE(elementsOf(separable, "stem.weight"), std::size_t{144});
        QCOMPARE(elementsOf(separable, "block1.depthwise.weight"), std::size_t{144});
        QCOMPARE(elementsOf(separable, "block1.pointwise.weight"), std::size_t{512});
        QCOMPARE(elementsOf(separable, "block2.depthwise.weight"), std::size_t{288});
        QCOMPARE(elementsOf(separable, "block2.pointwise.weight"), std::size_t{2048});
        QCOMPARE(elementsOf(separable, "out.weight"), std::size_t{640});
        QCOMPARE(separable.parameterCount(), std::size_t{3946});
        QCOMPARE(separable.outputShape(), (Shape{10}));

        // Plain blocks: F·C·3·3 + F: block1 32·16·9 + 32 = 4640, block2 64·32·9 + 64 = 18496.
        //   160 + 4640 + 18496 + 650 = 23946.
        Network plainNet = modelOf("fashion-plain-gap.json", registry);
        QCOMPARE(elementsOf(plainNet, "block1.weight"), std::size_t{4608});
        QCOMPARE(elementsOf(plainNet, "block2.weight"), std::size_t{18432});
        QCOMPARE(plainNet.parameterCount(), std::size_t{23946});
        // GAP leaves one number per channel of the last block: 64.
        QCOMPARE(plainNet.layerOutputShape(static_cast<std::size_t>(plainNet.indexOf("gap"))), (Shape{64}));
    }

    void transferLabFreezesTheConvolutionsItCopies() {
        // LeNet-5: conv1 6·1·5·5 + 6 = 156, conv2 16·6·5·5 + 16 = 2416, fc1 400·120 + 120 = 48120,
        // fc2 120·84 + 84 = 10164, out 84·10 + 10 = 850: 61706, of which 156 + 2416 = 2572 frozen.
        const Json doc = readJsonFile(std::string(DEEPSTEP_EXPERIMENTS_DIR) + "/fashion-1000-lenet-transfer.json");
        QCOMPARE(doc["initialize"]["layers"], (Json{"conv1", "conv2"}));
        QCOMPARE(doc["initialize"]["model"].get<std::string>(), std::string("../runs/lenet5-digits/model.json"));
        QCOMPARE(doc["dataset"]["limit"].get<int>(), 1000);
        Network lenet = modelOf("fashion-1000-lenet-transfer.json", registry);
        QCOMPARE(lenet.parameterCount(), std::size_t{61706 - 2572});
        std::size_t frozen = 0;
        for (const ParamRef& p : lenet.frozenParameters())
            frozen += p.value->shape().elements();
        QCOMPARE(frozen, std::size_t{2572});
    }
};

QTEST_APPLESS_MAIN(TestCnnTransfer)
#include "tst_cnn_transfer.moc"
