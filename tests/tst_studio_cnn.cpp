// The CNN tab (app/cnn_view) on the cnn plugin's real layers: the feature maps against
// hand-computed values and the engine's own trace, the colour ranges on known values,
// max-pool routing against the window's maximum, the Start / Pause / Stop states of a
// tiny training run, and a broken model file answered with a message.
#include "cnn_view/cnn_view.hpp"
#include "cnn_view/map_views.hpp"
#include "playground/confusion_matrix_view.hpp"

#include "support/conv_test_support.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/metrics.hpp"
#include "deepstep/model_io.hpp"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <fstream>

using namespace deepstep;
using namespace deepstep::studio::cnn;

namespace {

Registry& registry() { return test::cnnRegistry(); }

// conv 2@3×3 (6×6 → 4×4), max-pool 2 (→ 2×2), flatten, dense 2 with softmax.
Json tinyModel() {
    return Json::parse(R"({"input": [1, 6, 6], "layers": [
        {"type": "conv2d", "name": "conv", "filters": 2, "kernel": 3, "activation": "relu"},
        {"type": "max_pool2d", "name": "pool", "kernel": 2},
        {"type": "flatten", "name": "flat"},
        {"type": "dense", "name": "out", "units": 2, "activation": "softmax"}]})");
}

Network tinyNetwork() {
    Rng rng(7);
    return buildModel(tinyModel(), registry(), rng);
}

void setValues(Network& net, const std::string& name, const std::vector<float>& values) {
    Parameter* p = net.parameter(name);
    QVERIFY(p != nullptr);
    QCOMPARE(p->value.size(), values.size());
    std::copy(values.begin(), values.end(), p->value.data());
}

// Pixel (r, c) of the test image: distinct values, not in order, some negative.
float pixel(int r, int c) {
    return static_cast<float>(((r * 7 + c * 5) % 11) - 3) / 4.0F;
}

Tensor testImage() {
    Tensor x(Shape{1, 1, 6, 6});
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 6; ++c)
            x[static_cast<std::size_t>(r * 6 + c)] = pixel(r, c);
    return x;
}

// 48 training and 16 test images of 1×6×6: class 1 when the top half is brighter.
CnnSetup tinySetup(int epochs) {
    CnnSetup s;
    s.network = tinyNetwork();
    s.loss = registry().makeLoss("categorical_cross_entropy");
    s.optimizer = registry().makeOptimizer("sgd", Json{{"learning_rate", 0.05}});
    Rng rng(3);
    const auto make = [&rng](std::size_t n) {
        Tensor x(Shape{n, 1, 6, 6});
        Tensor y(Shape{n, 2});
        for (std::size_t i = 0; i < n; ++i) {
            const bool top = i % 2 == 0;
            for (std::size_t k = 0; k < 36; ++k) {
                const bool upper = k < 18;
                x[i * 36 + k] = rng.uniform(0.0F, 0.5F) + (upper == top ? 0.5F : 0.0F);
            }
            y[i * 2 + (top ? 1 : 0)] = 1.0F;
        }
        return std::make_unique<TensorDataset>(std::move(x), std::move(y), std::vector<std::string>{"low", "high"});
    };
    s.train = make(48);
    s.test = make(16);
    s.settings.epochs = epochs;
    s.settings.batchSize = 4;
    s.settings.seed = 5;
    return s;
}

// n images of 1×6×6, image i filled with the value i, class i % 2.
std::unique_ptr<Dataset> numberedImages(std::size_t n) {
    Tensor x(Shape{n, 1, 6, 6});
    Tensor y(Shape{n, 2});
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < 36; ++k)
            x[i * 36 + k] = static_cast<float>(i);
        y[i * 2 + i % 2] = 1.0F;
    }
    return std::make_unique<TensorDataset>(std::move(x), std::move(y), std::vector<std::string>{"even", "odd"});
}

std::vector<float> valuesOf(Network& net, const std::string& name) {
    const auto v = net.parameter(name)->value.values();
    return {v.begin(), v.end()};
}

}  // namespace

class TestStudioCnn : public QObject {
    Q_OBJECT
private slots:
    void featureMapsAreTheLayerOutputs();
    void colourRangesLocalLayerGlobal();
    void poolRoutePicksTheArgmax();
    void poolRouteOnTheEnginesPool();
    void filtersAreTheConvolutionWeights();
    void experimentSourceTakesTheFirstImages();
    void startPauseStop();
    void brokenModelGivesAMessage();
    void savedModelOpens();
};

void TestStudioCnn::featureMapsAreTheLayerOutputs() {
    Network net = tinyNetwork();
    // Filter 0 sums its 3×3 window; filter 1 passes the centre pixel, minus 0.5.
    std::vector<float> w(2 * 9, 0.0F);
    std::fill(w.begin(), w.begin() + 9, 1.0F);
    w[9 + 4] = 1.0F;
    setValues(net, "conv.weight", w);
    setValues(net, "conv.bias", {0.0F, -0.5F});
    const Tensor x = testImage();
    const std::vector<LayerMaps> layers = featureMaps(net, x);
    QCOMPARE(layers.size(), std::size_t{4});
    QCOMPARE(layers[0].name, std::string("conv"));
    QCOMPARE(layers[0].type, std::string("conv2d"));
    QCOMPARE(layers[0].maps.size(), std::size_t{2});
    QCOMPARE(layers[0].maps[0].rows, 4);
    QCOMPARE(layers[0].maps[0].cols, 4);
    QCOMPARE(layers[1].maps.size(), std::size_t{2});
    QCOMPARE(layers[1].maps[0].rows, 2);
    QCOMPARE(layers[2].maps.size(), std::size_t{1});  // flatten: one 1 × 8 strip
    QCOMPARE(layers[2].maps[0].rows, 1);
    QCOMPARE(layers[2].maps[0].cols, 8);
    QCOMPARE(layers[3].maps[0].cols, 2);

    // By hand: relu of the window sum, relu of the centre minus 0.5, then 2×2 maxima.
    float conv[2][4][4];
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            float sum = 0.0F;
            for (int i = 0; i < 3; ++i)
                for (int j = 0; j < 3; ++j)
                    sum += pixel(r + i, c + j);
            conv[0][r][c] = std::max(sum, 0.0F);
            conv[1][r][c] = std::max(pixel(r + 1, c + 1) - 0.5F, 0.0F);
        }
    }
    for (int f = 0; f < 2; ++f) {
        for (int r = 0; r < 4; ++r)
            for (int c = 0; c < 4; ++c)
                QVERIFY(std::abs(layers[0].maps[f].values[r * 4 + c] - conv[f][r][c]) < 1e-5F);
        for (int r = 0; r < 2; ++r) {
            for (int c = 0; c < 2; ++c) {
                const float m = std::max({conv[f][2 * r][2 * c], conv[f][2 * r][2 * c + 1], conv[f][2 * r + 1][2 * c],
                                          conv[f][2 * r + 1][2 * c + 1]});
                QVERIFY(std::abs(layers[1].maps[f].values[r * 2 + c] - m) < 1e-5F);
            }
        }
    }

    // And every value equals what the engine's trace records for each layer.
    StepRecord record;
    (void)net.forward(x, Mode::Eval, &record);
    QCOMPARE(record.layers.size(), layers.size());
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::vector<float> flat;
        for (const FeatureMap& m : layers[i].maps)
            flat.insert(flat.end(), m.values.begin(), m.values.end());
        const auto out = record.layers[i].output.values();
        QCOMPARE(flat, std::vector<float>(out.begin(), out.end()));
    }
}

void TestStudioCnn::colourRangesLocalLayerGlobal() {
    std::vector<LayerMaps> layers(2);
    layers[0].maps = {{1, 3, {1, 2, 3}}, {1, 2, {-1, 0}}};
    layers[1].maps = {{2, 1, {10, 4}}};
    const auto local = colourRanges(layers, ColourScale::Local);
    QCOMPARE(local[0][0], (ValueRange{1, 3}));
    QCOMPARE(local[0][1], (ValueRange{-1, 0}));
    QCOMPARE(local[1][0], (ValueRange{4, 10}));
    const auto layer = colourRanges(layers, ColourScale::Layer);
    QCOMPARE(layer[0][0], (ValueRange{-1, 3}));
    QCOMPARE(layer[0][1], (ValueRange{-1, 3}));
    QCOMPARE(layer[1][0], (ValueRange{4, 10}));
    const auto global = colourRanges(layers, ColourScale::Global);
    for (const auto& l : global)
        for (ValueRange r : l)
            QCOMPARE(r, (ValueRange{-1, 10}));
    QCOMPARE(shadeOf(4.5F, {-1, 10}), 0.5F);
    QCOMPARE(shadeOf(2.0F, {2, 2}), 0.5F);  // a single value: mid grey
    QCOMPARE(shadeOf(-5.0F, {-1, 10}), 0.0F);

    // The view draws each map with its range: 0 black, the top white.
    const QImage img = mapImage(layers[0].maps[0], local[0][0]);
    QCOMPARE(qGray(img.pixel(0, 0)), 0);
    QCOMPARE(qGray(img.pixel(1, 0)), 128);
    QCOMPARE(qGray(img.pixel(2, 0)), 255);
}

void TestStudioCnn::poolRoutePicksTheArgmax() {
    // 4×4 input, 2×2 windows with stride 2.
    const std::vector<float> input = {1, 5, 2, 0,  //
                                      3, 4, 9, 7,  //
                                      8, 8, 0, 1,  //
                                      6, 2, 3, 3};
    const std::optional<PoolGeometry> g = poolGeometry(Json{{"kernel", 2}});
    QVERIFY(g.has_value());
    QCOMPARE(g->strideRows, 2);  // stride 0 or missing: the kernel
    PoolRoute r = poolRoute(input, 4, 4, 9.0F, 0, 1, *g);
    QCOMPARE(r.row, 1);
    QCOMPARE(r.col, 2);
    QVERIFY(r.matches);
    QCOMPARE(r.top, 0);
    QCOMPARE(r.bottom, 2);
    QCOMPARE(r.left, 2);
    QCOMPARE(r.right, 4);
    // A tie: the first in the window, row by row.
    r = poolRoute(input, 4, 4, 8.0F, 1, 0, *g);
    QCOMPARE(r.row, 2);
    QCOMPARE(r.col, 0);
    // An output no input equals: the largest value, flagged.
    r = poolRoute(input, 4, 4, 3.5F, 1, 1, *g);
    QCOMPARE(r.row, 3);
    QCOMPARE(r.col, 2);
    QVERIFY(!r.matches);
    // Overlapping windows of 3 with stride 1 and padding 1 (clipped at the border).
    const std::optional<PoolGeometry> o = poolGeometry(Json{{"kernel", 3}, {"stride", 1}, {"padding", 1}});
    QVERIFY(o.has_value());
    r = poolRoute(input, 4, 4, 5.0F, 0, 0, *o);
    QCOMPARE(r.top, 0);
    QCOMPARE(r.bottom, 2);
    QCOMPARE(r.row, 0);
    QCOMPARE(r.col, 1);
    QVERIFY(!poolGeometry(Json{{"kernel", "two"}}).has_value());
    QCOMPARE(poolGeometry(Json{{"kernel", Json::array({2, 3})}})->strideCols, 3);
}

void TestStudioCnn::poolRouteOnTheEnginesPool() {
    Network net = tinyNetwork();
    const std::vector<Tensor> outputs = layerOutputs(net, testImage());
    const std::optional<PoolGeometry> g = poolGeometry(net.layerSpec(1));
    QVERIFY(g.has_value());
    const Tensor& in = outputs[0];
    const Tensor& out = outputs[1];
    for (std::size_t c = 0; c < 2; ++c) {
        const std::vector<float> map(in.data() + c * 16, in.data() + c * 16 + 16);
        for (int r = 0; r < 2; ++r) {
            for (int col = 0; col < 2; ++col) {
                const float o = out[c * 4 + static_cast<std::size_t>(r * 2 + col)];
                const PoolRoute route = poolRoute(map, 4, 4, o, r, col, *g);
                QVERIFY(route.matches);
                QCOMPARE(route.value, o);
                QVERIFY(route.row / 2 == r && route.col / 2 == col);
                for (int y = 2 * r; y < 2 * r + 2; ++y)
                    for (int x = 2 * col; x < 2 * col + 2; ++x)
                        QVERIFY(map[static_cast<std::size_t>(y * 4 + x)] <= o);
            }
        }
    }
}

void TestStudioCnn::filtersAreTheConvolutionWeights() {
    Network net = tinyNetwork();
    const std::vector<FilterBank> banks = convolutionFilters(net);
    QCOMPARE(banks.size(), std::size_t{1});  // the dense weight is rank 2: not a filter
    QCOMPARE(banks[0].layer, std::string("conv"));
    QCOMPARE(banks[0].outputs, 2);
    QCOMPARE(banks[0].inputs, 1);
    QCOMPARE(banks[0].height, 3);
    const std::vector<float> w = valuesOf(net, "conv.weight");
    const FeatureMap k = banks[0].kernel(1, 0);
    QCOMPARE(k.values, std::vector<float>(w.begin() + 9, w.end()));
}

void TestStudioCnn::experimentSourceTakesTheFirstImages() {
    // A dataset with a "limit" option is asked for only the images used; one without
    // is cut to its first ones.
    Registry r;
    backprop::registerComponents(r);
    cnn::registerComponents(r);
    static long long askedFor = -1;
    r.addDataset(componentInfo(Kind::Dataset, "limited_images", {"test images", "테스트 이미지"},
                               Schema{integerOption("limit", 0, 0, 1000, {"first N", "앞의 N개"})}),
                 [](const Options& o) {
                     askedFor = o.integer("limit");
                     return numberedImages(askedFor > 0 ? static_cast<std::size_t>(askedFor) : 50);
                 });
    r.addDataset(componentInfo(Kind::Dataset, "all_images", {"test images", "테스트 이미지"}),
                 [](const Options&) { return numberedImages(30); });
    Json experiment = {{"format", "deepstep.experiment"},
                       {"version", 1},
                       {"model", {{"layers", tinyModel()["layers"]}}},
                       {"loss", {{"type", "categorical_cross_entropy"}}},
                       {"optimizer", {{"type", "sgd"}, {"learning_rate", 0.1}}},
                       {"dataset", {{"type", "limited_images"}}},
                       {"test_dataset", {{"type", "all_images"}}},
                       {"training", {{"epochs", 3}, {"batch_size", 4}}}};
    CnnLimits limits;
    limits.trainImages = 20;
    limits.testImages = 7;
    limits.epochs = 1;
    CnnSetup s = experimentSource(experiment, r, limits)();
    QCOMPARE(askedFor, 20LL);
    QCOMPARE(s.train->size(), std::size_t{20});
    QCOMPARE(s.test->size(), std::size_t{7});
    const Batch test = s.test->all();
    for (std::size_t i = 0; i < 7; ++i)
        QCOMPARE(test.inputs[i * 36 + 35], static_cast<float>(i));
    QCOMPARE(s.settings.epochs, 1);
    QVERIFY(s.network.built());

    // No limits: every image, the experiment's epochs.
    s = experimentSource(experiment, r, CnnLimits{})();
    QCOMPARE(askedFor, 0LL);
    QCOMPARE(s.train->size(), std::size_t{50});
    QCOMPARE(s.test->size(), std::size_t{30});
    QCOMPARE(s.settings.epochs, 3);

    // The tab needs a test set.
    experiment.erase("test_dataset");
    QVERIFY_THROWS_EXCEPTION(InputError, experimentSource(experiment, r, limits)());
}

void TestStudioCnn::startPauseStop() {
    CnnView view(registry(), QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS));
    QCOMPARE(view.labCount(), 2);  // LeNet-5 on digits and on clothing
    CnnTraining& t = view.training();
    t.setIntervals(5, 20);
    view.setSource([] { return tinySetup(100000); });  // far more than the test waits for
    QSignalSpy states(&t, &CnnTraining::stateChanged);
    QSignalSpy paused(&t, &CnnTraining::workerPaused);
    QSignalSpy finished(&t, &CnnTraining::finished);
    QCOMPARE(t.state(), CnnTraining::State::Idle);

    view.start();
    QCOMPARE(t.state(), CnnTraining::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(t.data() != nullptr && t.lastProgress().iterations > 0 && !t.testPredictions().empty(),
                             60000);
    QCOMPARE(t.data()->testLabels.size(), std::size_t{16});

    view.togglePause();
    QCOMPARE(t.state(), CnnTraining::State::Paused);
    QTRY_COMPARE_WITH_TIMEOUT(paused.count(), 1, 60000);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    QCoreApplication::processEvents();
    // Paused: the batch count stands still, and the mirror holds the weights the
    // worker paused with: its predictions are the ones evaluated then.
    const long long at = t.lastProgress().iterations;
    QTest::qWait(50);
    QCOMPARE(t.lastProgress().iterations, at);
    QVERIFY(view.statusText().startsWith(QStringLiteral("Paused")));
    Network* mirror = t.network();
    QVERIFY(mirror != nullptr);
    const Tensor predicted = mirror->forward(t.data()->testImages, Mode::Eval);
    std::vector<int> expected;
    for (std::size_t c : predictedClasses(predicted))
        expected.push_back(static_cast<int>(c));
    QCOMPARE(t.testPredictions(), expected);
    // The confusion matrix counts those predictions against the labels.
    QTRY_COMPARE(view.confusionView()->total(), std::size_t{16});
    std::size_t hits = 0;
    for (std::size_t i = 0; i < expected.size(); ++i)
        hits += expected[i] == t.data()->testLabels[i] ? 1 : 0;
    QCOMPARE(view.confusionView()->count(0, 0) + view.confusionView()->count(1, 1), hits);
    QCOMPARE(view.misclassifiedStrip()->items().size(), 16 - hits);
    // The feature maps shown are the mirror's for the chosen image.
    const auto recomputed = featureMaps(*mirror, t.data()->testImages.slice(5, 1));
    const auto showsImage5 = [&] {
        const auto& shown = view.featureMapsView()->layers();
        if (shown.size() != recomputed.size()) return false;
        for (std::size_t i = 0; i < shown.size(); ++i) {
            if (shown[i].maps.size() != recomputed[i].maps.size()) return false;
            for (std::size_t m = 0; m < shown[i].maps.size(); ++m) {
                if (shown[i].maps[m].values != recomputed[i].maps[m].values) return false;
            }
        }
        return true;
    };
    QVERIFY(!showsImage5());  // image 0 is shown until another is chosen
    view.chooseTestImage(5);
    QTRY_VERIFY(showsImage5());

    view.togglePause();
    QCOMPARE(t.state(), CnnTraining::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(t.lastProgress().iterations > at, 60000);

    view.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(t.state(), CnnTraining::State::Finished);
    QVERIFY(t.outcome().reason == StopReason::Cancelled);
    QVERIFY(!t.outcome().failed);
    const std::vector<float> trained = valuesOf(*t.network(), "conv.weight");

    // Start again: it trains on from the weights it stopped with; stop while paused.
    QSignalSpy progressed(&t, &CnnTraining::progressed);
    view.start();
    QCOMPARE(t.state(), CnnTraining::State::Running);
    QTRY_VERIFY_WITH_TIMEOUT(!progressed.isEmpty(), 60000);
    const auto first = progressed.at(0).at(0).value<CnnProgress>();
    const auto conv = std::find_if(first.parameters.begin(), first.parameters.end(),
                                   [](const auto& p) { return p.first == "conv.weight"; });
    QVERIFY(conv != first.parameters.end());
    QCOMPARE(conv->second, trained);
    view.togglePause();
    QTRY_COMPARE_WITH_TIMEOUT(paused.count(), 3, 60000);  // paused, resumed, paused
    view.stop();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    QCOMPARE(t.state(), CnnTraining::State::Finished);

    QList<CnnTraining::State> seen;
    for (const auto& s : states)
        seen << s.at(0).value<CnnTraining::State>();
    QCOMPARE(seen, (QList<CnnTraining::State>{CnnTraining::State::Running, CnnTraining::State::Paused,
                                              CnnTraining::State::Running, CnnTraining::State::Finished,
                                              CnnTraining::State::Running, CnnTraining::State::Paused,
                                              CnnTraining::State::Finished}));
}

void TestStudioCnn::brokenModelGivesAMessage() {
    CnnView view(registry(), QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS));
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("model.json"));
    {
        std::ofstream out(broken.toStdString());
        out << R"({"format": "deepstep.model", "version": 2, "model": {"input": [1, 6, 6], "layers": [)";
    }
    QVERIFY(!view.openModel(broken));
    QVERIFY2(view.errorText().contains(QStringLiteral("model.json")), qPrintable(view.errorText()));
    QVERIFY(view.training().network() == nullptr);
    QCOMPARE(view.training().state(), CnnTraining::State::Idle);

    // Well-formed JSON, a layer type nobody registered.
    const QString unknown = dir.filePath(QStringLiteral("unknown.json"));
    {
        std::ofstream out(unknown.toStdString());
        out << R"({"format": "deepstep.model", "version": 2, "model": {"input": [1, 6, 6],
                  "layers": [{"type": "no_such_layer", "name": "x"}]}, "values": {}})";
    }
    QVERIFY(!view.openModel(unknown));
    QVERIFY2(view.errorText().contains(QStringLiteral("no_such_layer")), qPrintable(view.errorText()));
    QVERIFY(!view.openModel(dir.filePath(QStringLiteral("missing.json"))));
    QVERIFY(!view.errorText().isEmpty());
}

void TestStudioCnn::savedModelOpens() {
    Network net = tinyNetwork();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("tiny.json"));
    saveModel(path.toStdString(), net, {"low", "high"});
    CnnView view(registry(), QStringLiteral(DEEPSTEP_SOURCE_EXPERIMENTS));
    view.setSource([] { return tinySetup(3); });
    QSignalSpy finished(&view.training(), &CnnTraining::finished);
    QVERIFY(view.openModel(path));
    QVERIFY(view.errorText().isEmpty());
    QVERIFY(view.training().network() != nullptr);
    QCOMPARE(valuesOf(*view.training().network(), "conv.weight"), valuesOf(net, "conv.weight"));
    QCOMPARE(convolutionFilters(*view.training().network()).size(), std::size_t{1});
    // The test images are read and the model evaluated on them, without training it.
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QVERIFY(!view.training().outcome().failed);
    QCOMPARE(view.training().lastProgress().iterations, 0LL);
    QCOMPARE(valuesOf(*view.training().network(), "conv.weight"), valuesOf(net, "conv.weight"));
    const Tensor out = net.forward(view.training().data()->testImages, Mode::Eval);
    std::vector<int> expected;
    for (std::size_t c : predictedClasses(out))
        expected.push_back(static_cast<int>(c));
    QCOMPARE(view.training().testPredictions(), expected);
    QTRY_COMPARE(view.featureMapsView()->layers().size(), std::size_t{4});
    QVERIFY(view.statusText().contains(QStringLiteral("16 test images")));
}

QTEST_MAIN(TestStudioCnn)
#include "tst_studio_cnn.moc"
