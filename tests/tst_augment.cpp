// Image augmentation: shifts and mirrors checked pixel by pixel for seeds whose draws
// were replayed independently (python3 with its own mt19937_64), noise statistics,
// clamping, determinism, the option schema and the message for a batch that is not
// images.

#include "deepstep/augment.hpp"
#include "deepstep/errors.hpp"

#include <QtTest>

#include <cmath>
#include <functional>

using namespace deepstep;

Q_DECLARE_METATYPE(deepstep::Tensor)

namespace {

// A 3×3 image 0.1 … 0.9 in row-major order, as a batch of one.
Tensor tinyImage(const Shape& shape) {
    Tensor t(shape);
    for (std::size_t k = 0; k < t.size(); ++k) {
        t[k] = static_cast<float>((k % 9) + 1) / 10.0F;
    }
    return t;
}

Tensor grid(std::initializer_list<float> values) {
    return Tensor(Shape{1, 3, 3}, std::vector<float>(values));
}

Augmentation shiftOnly(int maxShift) {
    Augmentation a;
    a.maxShift = maxShift;
    return a;
}

QString messageOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return QString::fromStdString(e.what());
    }
    return "no InputError";
}

}  // namespace

class TestAugment : public QObject {
    Q_OBJECT

private slots:
    void anyTellsWhetherSomethingHappens() {
        QVERIFY(!Augmentation{}.any());
        QVERIFY(shiftOnly(1).any());
        Augmentation flip;
        flip.flipHorizontal = true;
        QVERIFY(flip.any());
        Augmentation noise;
        noise.noise = 0.01F;
        QVERIFY(noise.any());
    }

    void goldenShifts_data() {
        QTest::addColumn<int>("seed");
        QTest::addColumn<Tensor>("expected");
        // Replayed draws, index(3) − 1 for dx then dy.
        QTest::newRow("seed 3: right 1") << 3 << grid({0, .1F, .2F, 0, .4F, .5F, 0, .7F, .8F});
        QTest::newRow("seed 12: right 1, down 1") << 12 << grid({0, 0, 0, 0, .1F, .2F, 0, .4F, .5F});
        QTest::newRow("seed 1: right 1, up 1") << 1 << grid({0, .4F, .5F, 0, .7F, .8F, 0, 0, 0});
        QTest::newRow("seed 11: left 1") << 11 << grid({.2F, .3F, 0, .5F, .6F, 0, .8F, .9F, 0});
        QTest::newRow("seed 5: no move") << 5 << grid({.1F, .2F, .3F, .4F, .5F, .6F, .7F, .8F, .9F});
    }

    void goldenShifts() {
        QFETCH(int, seed);
        QFETCH(Tensor, expected);
        Tensor images = tinyImage(Shape{1, 3, 3});
        Rng rng(static_cast<std::uint64_t>(seed));
        augment(images, shiftOnly(1), rng);
        QCOMPARE(images, expected);

        // N×C×H×W: every channel of the image moves the same way.
        Tensor colour = tinyImage(Shape{1, 2, 3, 3});
        Rng again(static_cast<std::uint64_t>(seed));
        augment(colour, shiftOnly(1), again);
        QCOMPARE(colour.slice(0, 1).reshaped(Shape{2, 3, 3}).slice(0, 1), expected);
        QCOMPARE(colour.slice(0, 1).reshaped(Shape{2, 3, 3}).slice(1, 1), expected);
    }

    void flipMirrorsWithTheDrawnCoin() {
        Augmentation a;
        a.flipHorizontal = true;
        // Seed 0 draws 0.1598 (< 1/2: mirror), seed 2 draws 0.9036 (keep).
        Tensor mirrored = tinyImage(Shape{1, 3, 3});
        Rng rng0(0);
        augment(mirrored, a, rng0);
        QCOMPARE(mirrored, grid({.3F, .2F, .1F, .6F, .5F, .4F, .9F, .8F, .7F}));
        Tensor kept = tinyImage(Shape{1, 3, 3});
        Rng rng2(2);
        augment(kept, a, rng2);
        QCOMPARE(kept, tinyImage(Shape{1, 3, 3}));
    }

    void flipAboutHalfOfABatch() {
        Augmentation a;
        a.flipHorizontal = true;
        Tensor images = tinyImage(Shape{400, 3, 3});
        Rng rng(17);
        augment(images, a, rng);
        std::size_t flipped = 0;
        for (std::size_t i = 0; i < 400; ++i) {
            flipped += images[i * 9] == 0.3F ? 1 : 0;
        }
        QVERIFY2(flipped > 160 && flipped < 240, QByteArray::number(qulonglong(flipped)));
    }

    void noiseStatistics() {
        Augmentation a;
        a.noise = 0.1F;
        Tensor images(Shape{2, 1, 64, 64}, 0.5F);
        Rng rng(21);
        augment(images, a, rng);
        // 8192 draws of N(0, 0.01): the mean lies within 0.005 (4.5 standard errors)
        // and no clamping happens 5σ away.
        double sum = 0;
        double squares = 0;
        for (const float v : images.values()) {
            sum += v - 0.5;
            squares += (v - 0.5) * (v - 0.5);
        }
        const double n = static_cast<double>(images.size());
        QVERIFY2(std::fabs(sum / n) < 0.005, QByteArray::number(sum / n));
        const double sd = std::sqrt(squares / n);
        QVERIFY2(sd > 0.095 && sd < 0.105, QByteArray::number(sd));
    }

    void noiseIsClamped() {
        Augmentation a;
        a.noise = 0.3F;
        Tensor images(Shape{1, 32, 32}, 0.95F);
        Rng rng(4);
        augment(images, a, rng);
        std::size_t atOne = 0;
        for (const float v : images.values()) {
            QVERIFY(v >= 0.0F && v <= 1.0F);
            atOne += v == 1.0F ? 1 : 0;
        }
        QVERIFY(atOne > 200);  // about 43% of draws land above 0.05
    }

    void sameSeedSameResult() {
        Augmentation a;
        a.maxShift = 2;
        a.flipHorizontal = true;
        a.noise = 0.05F;
        Tensor first(Shape{8, 1, 6, 6}, 0.5F);
        Tensor second = first;
        Tensor third = first;
        Rng r1(99);
        Rng r2(99);
        Rng r3(100);
        augment(first, a, r1);
        augment(second, a, r2);
        augment(third, a, r3);
        QCOMPARE(first, second);
        QVERIFY(first != third);
    }

    void nothingToDoLeavesAnyShapeAlone() {
        Tensor features = Tensor::rows({{0.25F, 2.0F}});
        Rng rng(1);
        augment(features, Augmentation{}, rng);
        QCOMPARE(features, Tensor::rows({{0.25F, 2.0F}}));
    }

    void badInput() {
        Tensor features(Shape{4, 2}, 0.5F);
        Rng rng(1);
        Augmentation a;
        a.noise = 0.1F;
        QCOMPARE(messageOf([&] { augment(features, a, rng); }),
                 QString::fromUtf8("augment: expected a batch of images (N×C×H×W or N×H×W), got shape [4, 2]"));
        QCOMPARE(messageOf([&] { augment(features, shiftOnly(-1), rng); }),
                 QString("augment.shift: expected a shift of at least 0 pixels, got -1"));
    }

    void schema() {
        const Options o =
            augmentationSchema().resolve(Json{{"shift", 2}, {"flip", true}, {"noise", 0.05}}, "training.augment");
        const Augmentation a = augmentationFromOptions(o);
        QCOMPARE(a.maxShift, 2);
        QCOMPARE(a.flipHorizontal, true);
        QCOMPARE(a.noise, 0.05F);
        const Augmentation defaults = augmentationFromOptions(augmentationSchema().resolve(Json(), "training.augment"));
        QVERIFY(!defaults.any());
        for (const OptionSpec& spec : augmentationSchema().specs()) {
            QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), spec.name.c_str());
        }
        QCOMPARE(messageOf([] {
                     augmentationSchema().resolve(Json{{"shift", -1}}, "training.augment");
                 }),
                 QString("training.augment.shift: expected an integer in [0, 64], got -1"));
    }
};

QTEST_APPLESS_MAIN(TestAugment)
#include "tst_augment.moc"
