// Training on a GPU (Trainer::setDevice) against training on the CPU: the same
// networks, data and seeds, loss curves and weights compared epoch by epoch; the trace
// of a step on the device against the CPU's; layers, losses and optimizers without a
// GPU form running on the CPU in the middle of a GPU run.
//
// Where no GPU is usable the "GPU" is the stand-in backend (support/reference_backend.cpp,
// the CUDA backend's table computed with plain loops on the CPU), chosen by ctest through
// DEEPSTEP_CUDA_BACKEND: everything above the table runs as it would on a GPU. Without
// any usable backend the test skips, saying why.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/device.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/stepper.hpp"
#include "deepstep/trainer.hpp"

#include <QtTest>

#include <cmath>

using namespace deepstep;

namespace {

// Gaussian blobs around `classes` centres in `features` dimensions, one-hot targets.
TensorDataset blobs(std::size_t n, std::size_t features, std::size_t classes, std::uint64_t seed) {
    Rng rng(seed);
    Tensor x(Shape{n, features});
    Tensor y(Shape{n, classes});
    std::vector<std::string> names;
    for (std::size_t c = 0; c < classes; ++c) names.push_back("c" + std::to_string(c));
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = i % classes;
        for (std::size_t f = 0; f < features; ++f) {
            const float centre = ((c + f) % classes == 0) ? 1.5F : -0.5F;
            x[i * features + f] = centre + rng.normal(0.0F, 0.7F);
        }
        y[i * classes + c] = 1.0F;
    }
    return TensorDataset(x, y, names);
}

// Small single-channel images: the blobs' 64 values as 8×8 pictures.
TensorDataset pictures(std::size_t n, std::uint64_t seed) {
    const TensorDataset flat = blobs(n, 64, 3, seed);
    return TensorDataset(flat.inputs().reshaped(Shape{n, 1, 8, 8}), flat.all().targets, flat.classNames());
}

// y = sin(x0) + x1², a regression set.
TensorDataset curve(std::size_t n, std::uint64_t seed) {
    Rng rng(seed);
    Tensor x(Shape{n, 2});
    Tensor y(Shape{n, 1});
    for (std::size_t i = 0; i < n; ++i) {
        x[2 * i] = rng.uniform(-2.0F, 2.0F);
        x[2 * i + 1] = rng.uniform(-1.0F, 1.0F);
        y[i] = std::sin(x[2 * i]) + x[2 * i + 1] * x[2 * i + 1];
    }
    return TensorDataset(x, y);
}

struct Run {
    Network net;
    std::unique_ptr<Loss> loss;
    std::unique_ptr<Optimizer> opt;
};

// The largest difference between two tensors, relative to 1 + |value|.
double worst(const Tensor& a, const Tensor& b) {
    if (a.shape() != b.shape()) return INFINITY;
    double w = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double d = std::fabs(static_cast<double>(a[i]) - b[i]) / (1.0 + std::fabs(static_cast<double>(b[i])));
        if (!(d <= w)) w = d;  // NaN counts as the worst
    }
    return w;
}

}  // namespace

class TestDeviceTraining : public QObject {
    Q_OBJECT
    Registry registry;
    const gpu::Backend* backend = nullptr;
    std::string deviceName;

    Run make(const Json& model, const Json& loss, const Json& optimizer) {
        Rng rng(7);
        Run r{buildModel(model, registry, rng), registry.makeLoss(loss.at("type"), loss.value("options", Json::object())),
              registry.makeOptimizer(optimizer.at("type"), optimizer.value("options", Json::object()))};
        return r;
    }

private slots:
    void initTestCase() {
        backprop::registerComponents(registry);
        cnn::registerComponents(registry);
        for (const DeviceInfo& d : listDevices()) {
            if (d.id.rfind("cuda:", 0) == 0 && d.usable()) {
                backend = gpu::Backend::open(std::stoi(d.id.substr(5)));
                deviceName = d.id;
                break;
            }
        }
        if (backend == nullptr) {
            QSKIP("no usable GPU and no stand-in backend (ctest sets DEEPSTEP_CUDA_BACKEND for this test)");
        }
    }

    void lossCurvesAgree_data() {
        QTest::addColumn<QByteArray>("model");
        QTest::addColumn<QByteArray>("loss");
        QTest::addColumn<QByteArray>("optimizer");
        QTest::addColumn<int>("data");  // 0 blobs, 1 curve, 2 pictures
        QTest::addColumn<double>("l1");
        QTest::addColumn<double>("l2");
        QTest::addColumn<QString>("placement");
        QTest::addColumn<double>("clip");  // training.clip_norm
        QTest::newRow("relu, tanh, softmax + cross-entropy, momentum")
            << QByteArray(R"({"input": [4], "layers": [
                 {"type": "dense", "name": "h1", "units": 16, "activation": "relu"},
                 {"type": "dense", "name": "h2", "units": 8, "activation": "tanh"},
                 {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})")
            << QByteArray(R"({"type": "categorical_cross_entropy"})")
            << QByteArray(R"({"type": "momentum", "options": {"learning_rate": 0.05, "momentum": 0.9}})") << 0
            << 0.0 << 0.0 << QStringLiteral("dense ×3, categorical_cross_entropy, momentum on %1") << 0.0;
        QTest::newRow("a softmax layer of its own, sgd")
            << QByteArray(R"({"input": [4], "layers": [
                 {"type": "dense", "name": "h1", "units": 10, "activation": "sigmoid"},
                 {"type": "dense", "name": "logits", "units": 3, "activation": "identity"},
                 {"type": "softmax", "name": "p"}]})")
            << QByteArray(R"({"type": "categorical_cross_entropy"})")
            << QByteArray(R"({"type": "sgd", "options": {"learning_rate": 0.2}})") << 0 << 0.0 << 0.0
            << QStringLiteral("dense ×2, softmax, categorical_cross_entropy, sgd on %1") << 0.0;
        QTest::newRow("regression, mse, l1 and l2 decay")
            << QByteArray(R"({"input": [2], "layers": [
                 {"type": "dense", "name": "h", "units": 12, "activation": "tanh"},
                 {"type": "dense", "name": "out", "units": 1, "activation": "identity"}]})")
            << QByteArray(R"({"type": "mse", "options": {"half": true}})")
            << QByteArray(R"({"type": "sgd", "options": {"learning_rate": 0.05}})") << 1 << 1e-4 << 1e-3
            << QStringLiteral("dense ×2, mse, sgd on %1") << 0.0;
        QTest::newRow("a layer without a GPU form runs on the CPU in between")
            << QByteArray(R"({"input": [4], "layers": [
                 {"type": "dense", "name": "h1", "units": 12, "activation": "leaky_relu"},
                 {"type": "dense", "name": "h2", "units": 8, "activation": "relu"},
                 {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})")
            << QByteArray(R"({"type": "categorical_cross_entropy", "options": {"reduction": "sum"}})")
            << QByteArray(R"({"type": "momentum", "options": {"learning_rate": 0.002, "momentum": 0.5}})") << 0
            << 0.0 << 0.0
            << QStringLiteral("dense ×2, categorical_cross_entropy, momentum on %1; dense on the CPU (no GPU form)") << 0.0;
        QTest::newRow("an optimizer without a GPU form updates on the CPU")
            << QByteArray(R"({"input": [4], "layers": [
                 {"type": "dense", "name": "h1", "units": 8, "activation": "sigmoid"},
                 {"type": "dense", "name": "out", "units": 3, "activation": "sigmoid"}]})")
            << QByteArray(R"({"type": "binary_cross_entropy"})")
            << QByteArray(R"({"type": "adam", "options": {"learning_rate": 0.01}})") << 0 << 0.0 << 1e-4
            << QStringLiteral("dense ×2, binary_cross_entropy on %1; adam on the CPU (no GPU form)") << 0.0;
        QTest::newRow("standardized images, convolutions and pooling, grouped, padded, strided")
            << QByteArray(R"({"input": [1, 8, 8], "layers": [
                 {"type": "standardize", "name": "s", "mean": 0.3, "std": 1.2},
                 {"type": "conv2d", "name": "c1", "filters": 4, "kernel": 3, "padding": "same", "activation": "relu"},
                 {"type": "max_pool2d", "name": "p1", "kernel": 2},
                 {"type": "conv2d", "name": "c2", "filters": 6, "kernel": 3, "groups": 2, "padding": 1,
                  "stride": 2, "dilation": 1, "activation": "tanh"},
                 {"type": "avg_pool2d", "name": "p2", "kernel": 2, "padding": 1, "stride": 1},
                 {"type": "flatten", "name": "f"},
                 {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})")
            << QByteArray(R"({"type": "categorical_cross_entropy"})")
            << QByteArray(R"({"type": "momentum", "options": {"learning_rate": 0.05, "momentum": 0.9}})") << 2
            << 0.0 << 1e-4
            << QStringLiteral("standardize, conv2d ×2, max_pool2d, avg_pool2d, flatten, dense, "
                              "categorical_cross_entropy, momentum on %1") << 0.0;
        QTest::newRow("gradient clipping: the optimizer steps on the CPU")
            << QByteArray(R"({"input": [4], "layers": [
                 {"type": "dense", "name": "h1", "units": 16, "activation": "relu"},
                 {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})")
            << QByteArray(R"({"type": "categorical_cross_entropy"})")
            << QByteArray(R"({"type": "momentum", "options": {"learning_rate": 0.1, "momentum": 0.5}})") << 0
            << 0.0 << 0.0
            << QStringLiteral("dense ×2, categorical_cross_entropy on %1; momentum on the CPU (gradient clipping "
                              "needs every gradient there)")
            << 0.05;
    }

    // The same run on the CPU and on the device: every epoch's loss, the accuracy,
    // the weights and the optimizer's state at the end agree to float rounding.
    void lossCurvesAgree() {
        QFETCH(QByteArray, model);
        QFETCH(QByteArray, loss);
        QFETCH(QByteArray, optimizer);
        QFETCH(int, data);
        QFETCH(double, l1);
        QFETCH(double, l2);
        QFETCH(QString, placement);
        QFETCH(double, clip);
        const TensorDataset set = data == 1 ? curve(240, 3) : data == 2 ? pictures(240, 3) : blobs(240, 4, 3, 3);
        TrainingSettings settings;
        settings.epochs = 15;
        settings.batchSize = 16;
        settings.seed = 11;
        settings.l1 = l1;
        settings.l2 = l2;
        settings.validationSplit = 0.25;
        settings.clipNorm = clip;
        Run cpu = make(Json::parse(model.toStdString()), Json::parse(loss.toStdString()),
                       Json::parse(optimizer.toStdString()));
        Run dev = make(Json::parse(model.toStdString()), Json::parse(loss.toStdString()),
                       Json::parse(optimizer.toStdString()));
        Trainer onCpu(cpu.net, *cpu.loss, *cpu.opt, settings);
        Trainer onDevice(dev.net, *dev.loss, *dev.opt, settings);
        onDevice.setDevice(backend, deviceName);
        QCOMPARE(QString::fromStdString(onDevice.devicePlacement().en), placement.arg(QString::fromStdString(deviceName)));
        QVERIFY(!onDevice.devicePlacement().ko.empty());
        const TrainingResult a = onCpu.fit(set);
        const TrainingResult b = onDevice.fit(set);
        QVERIFY(b.reason == a.reason);
        QCOMPARE(b.history.size(), a.history.size());
        for (std::size_t e = 0; e < a.history.size(); ++e) {
            const EpochInfo& x = a.history[e];
            const EpochInfo& y = b.history[e];
            QVERIFY2(std::fabs(x.trainLoss - y.trainLoss) <= 1e-4 * (1.0 + std::fabs(x.trainLoss)),
                     qPrintable(QStringLiteral("epoch %1: train loss %2 on the CPU, %3 on the device")
                                    .arg(e + 1).arg(x.trainLoss, 0, 'g', 9).arg(y.trainLoss, 0, 'g', 9)));
            QVERIFY2(std::fabs(x.validationLoss - y.validationLoss) <= 1e-4 * (1.0 + std::fabs(x.validationLoss)),
                     qPrintable(QStringLiteral("epoch %1: validation loss %2 on the CPU, %3 on the device")
                                    .arg(e + 1).arg(x.validationLoss, 0, 'g', 9).arg(y.validationLoss, 0, 'g', 9)));
        }
        // The run learned something (the comparison is not between two idle runs).
        QVERIFY(a.history.back().trainLoss < 0.8 * a.history.front().trainLoss);
        // fit() left the device's weights on the host.
        const auto pa = cpu.net.parameters();
        const auto pb = dev.net.parameters();
        QCOMPARE(pb.size(), pa.size());
        for (std::size_t i = 0; i < pa.size(); ++i) {
            QVERIFY2(worst(*pb[i].value, *pa[i].value) < 1e-4, qPrintable(QString::fromStdString(pa[i].name) + QStringLiteral(": %1").arg(worst(*pb[i].value, *pa[i].value))));
        }
        QCOMPARE(dev.opt->stepCount(), cpu.opt->stepCount());
        // The optimizer's state (momentum's velocities) came back from the device.
        const Json sa = cpu.opt->inspect().at("parameters");
        const Json sb = dev.opt->inspect().at("parameters");
        QCOMPARE(sb.size(), sa.size());
        for (const auto& [param, perSlot] : sa.items()) {
            QVERIFY2(sb.contains(param), param.c_str());
            for (const auto& [slot, value] : perSlot.items()) {
                const Json& other = sb.at(param).at(slot);
                QVERIFY(other.at("shape") == value.at("shape"));
                const auto& u = value.at("data");
                const auto& v = other.at("data");
                QCOMPARE(v.size(), u.size());
                for (std::size_t i = 0; i < u.size(); ++i)
                    QVERIFY2(std::fabs(u[i].get<double>() - v[i].get<double>()) < 1e-4, (param + "." + slot).c_str());
            }
        }
    }

    // A traced step on the device records what the CPU records: every layer's values
    // and gradients, every parameter's update, the optimizer's state.
    void traceMatchesTheCpu_data() {
        QTest::addColumn<double>("clip");
        QTest::newRow("gradients as they are") << 0.0;
        QTest::newRow("gradients clipped to a norm of 0.05") << 0.05;
    }

    void traceMatchesTheCpu() {
        QFETCH(double, clip);
        const Json model = Json::parse(R"({"input": [4], "layers": [
            {"type": "dense", "name": "h", "units": 6, "activation": "tanh"},
            {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})");
        const Json loss = Json::parse(R"({"type": "categorical_cross_entropy"})");
        const Json opt = Json::parse(R"({"type": "momentum", "options": {"learning_rate": 0.1, "momentum": 0.9}})");
        const TensorDataset data = blobs(8, 4, 3, 5);
        const Batch batch = data.all();
        Run cpu = make(model, loss, opt);
        Run dev = make(model, loss, opt);
        Trace ta;
        Trace tb;
        TrainingSettings settings;
        settings.clipNorm = clip;
        Trainer onCpu(cpu.net, *cpu.loss, *cpu.opt, settings);
        Trainer onDevice(dev.net, *dev.loss, *dev.opt, settings);
        onDevice.setDevice(backend, deviceName);
        onCpu.setTrace(&ta);
        onDevice.setTrace(&tb);
        for (int s = 0; s < 3; ++s) {
            QCOMPARE(onDevice.step(batch), onCpu.step(batch));
        }
        QCOMPARE(tb.steps().size(), ta.steps().size());
        for (std::size_t s = 0; s < ta.steps().size(); ++s) {
            const StepRecord& x = ta.steps()[s];
            const StepRecord& y = tb.steps()[s];
            QCOMPARE(y.fusedLoss, x.fusedLoss);
            // Clipping: the same norm and factor (and it did clip), or neither recorded.
            QCOMPARE(y.gradientNorm.has_value(), clip > 0.0);
            QCOMPARE(x.gradientNorm.has_value(), clip > 0.0);
            if (clip > 0.0) {
                QVERIFY(*x.gradientNorm > clip);
                QVERIFY(std::fabs(*y.gradientNorm - *x.gradientNorm) <= 1e-5 * *x.gradientNorm);
                QVERIFY(std::fabs(y.clipScale - x.clipScale) <= 1e-5 * x.clipScale);
                QVERIFY(x.clipScale < 1.0F);
            }
            QCOMPARE(y.layers.size(), x.layers.size());
            for (std::size_t i = 0; i < x.layers.size(); ++i) {
                const LayerRecord& p = x.layers[i];
                const LayerRecord& q = y.layers[i];
                QCOMPARE(q.name, p.name);
                QCOMPARE(q.activation, p.activation);
                for (const auto& [what, u, v] :
                     {std::tuple{"input", &p.input, &q.input}, std::tuple{"z", &p.preActivation, &q.preActivation},
                      std::tuple{"output", &p.output, &q.output}, std::tuple{"dL/dy", &p.gradOutput, &q.gradOutput},
                      std::tuple{"delta", &p.gradPreActivation, &q.gradPreActivation},
                      std::tuple{"dL/dx", &p.gradInput, &q.gradInput}}) {
                    QVERIFY2(!u->shape().dims().empty(), what);
                    QVERIFY2(worst(*v, *u) < 1e-5, qPrintable(QStringLiteral("step %1, layer %2: %3")
                                                                 .arg(s + 1).arg(QString::fromStdString(p.name), what)));
                }
            }
            QCOMPARE(y.parameters.size(), x.parameters.size());
            for (std::size_t i = 0; i < x.parameters.size(); ++i) {
                const ParameterRecord& p = x.parameters[i];
                const ParameterRecord& q = y.parameters[i];
                QCOMPARE(q.name, p.name);
                QVERIFY2(worst(q.value, p.value) < 1e-5, p.name.c_str());
                QVERIFY2(worst(q.grad, p.grad) < 1e-5, p.name.c_str());
                QVERIFY2(worst(q.update, p.update) < 1e-5, p.name.c_str());
                QVERIFY2(worst(q.valueAfter, p.valueAfter) < 1e-5, p.name.c_str());
            }
            // The velocities on the device reached the optimizer's own state.
            QVERIFY(y.optimizerState.at("step") == x.optimizerState.at("step"));
            QCOMPARE(y.optimizerState.size(), x.optimizerState.size());
        }
    }

    // The stepper on the device: every revealed value, undo, and training on from there
    // agree with the stepper on the CPU.
    void stepperOnDevice() {
        const Json experiment = Json::parse(R"({
          "format": "deepstep.experiment", "version": 1, "name": "step", "seed": 3,
          "model": {"input": [2], "layers": [
            {"type": "dense", "name": "hidden", "units": 3, "activation": "tanh"},
            {"type": "dense", "name": "out", "units": 1, "activation": "sigmoid"}]},
          "loss": {"type": "binary_cross_entropy"},
          "optimizer": {"type": "momentum", "learning_rate": 0.5, "momentum": 0.9},
          "dataset": {"type": "inline", "inputs": [[0, 0], [0, 1], [1, 0], [1, 1]], "targets": [[0], [1], [1], [0]]},
          "training": {"epochs": 3, "batch_size": 2, "shuffle": true}
        })");
        Stepper cpu(registry);
        Stepper dev(registry);
        cpu.load(experiment);
        dev.load(experiment);
        dev.setDevice(backend, deviceName);
        QCOMPARE(QString::fromStdString(dev.devicePlacement().en),
                 QStringLiteral("dense ×2, binary_cross_entropy, momentum on %1").arg(QString::fromStdString(deviceName)));
        const auto same = [&](const char* when) {
            for (const char* name : {"hidden.weight", "hidden.bias", "out.weight", "out.bias"}) {
                QVERIFY2(worst(*dev.shownValue(name), *cpu.shownValue(name)) < 1e-5,
                         qPrintable(QStringLiteral("%1: %2").arg(when, name)));
            }
            QCOMPARE(dev.iteration(), cpu.iteration());
            if (cpu.record() != nullptr) {
                QVERIFY(std::fabs(dev.record()->loss - cpu.record()->loss) < 1e-5F);
                QCOMPARE(dev.record()->layers.size(), cpu.record()->layers.size());
                QVERIFY(worst(dev.record()->layers[0].gradPreActivation, cpu.record()->layers[0].gradPreActivation) <
                        1e-5);
            }
        };
        for (int i = 0; i < 3; ++i) {
            QVERIFY(cpu.forwardLayer() && dev.forwardLayer());
            QVERIFY(cpu.fullIteration() && dev.fullIteration());
            same("stepped");
        }
        QVERIFY(cpu.undo() && dev.undo());
        QVERIFY(cpu.undo() && dev.undo());
        same("after undo");
        QVERIFY(cpu.fullIteration() && dev.fullIteration());
        same("stepped after undo");
        const TrainingResult a = cpu.trainEpochs(2);
        const TrainingResult b = dev.trainEpochs(2);
        QCOMPARE(b.history.size(), a.history.size());
        same("trained on");
    }

    // Weights changed on the host reach the device before the next step; a frozen
    // layer's weights stay as they are.
    void hostChangesAndFrozenLayers() {
        const Json model = Json::parse(R"({"input": [4], "layers": [
            {"type": "dense", "name": "h", "units": 5, "activation": "relu", "trainable": false},
            {"type": "dense", "name": "out", "units": 3, "activation": "softmax"}]})");
        const Json loss = Json::parse(R"({"type": "categorical_cross_entropy"})");
        const Json opt = Json::parse(R"({"type": "sgd", "options": {"learning_rate": 0.5}})");
        const TensorDataset data = blobs(12, 4, 3, 9);
        const Batch batch = data.all();
        Run cpu = make(model, loss, opt);
        Run dev = make(model, loss, opt);
        TrainingSettings settings;
        Trainer onCpu(cpu.net, *cpu.loss, *cpu.opt, settings);
        Trainer onDevice(dev.net, *dev.loss, *dev.opt, settings);
        onDevice.setDevice(backend, deviceName);
        const Tensor frozen = dev.net.parameter("h.weight")->value;
        onCpu.step(batch);
        onDevice.step(batch);
        // Both set the output weights to the same new values on the host (the device's
        // run brings its values to the host first, as Trainer::hostChanged requires).
        onDevice.syncToHost();
        for (Run* r : {&cpu, &dev}) {
            Tensor& w = r->net.parameter("out.weight")->value;
            for (std::size_t i = 0; i < w.size(); ++i) w[i] = 0.01F * static_cast<float>(i % 7) - 0.02F;
        }
        onDevice.hostChanged();
        const float a = onCpu.step(batch);
        const float b = onDevice.step(batch);
        QVERIFY2(std::fabs(a - b) < 1e-5F, qPrintable(QStringLiteral("%1 vs %2").arg(a).arg(b)));
        onDevice.syncToHost();
        QVERIFY(worst(dev.net.parameter("out.weight")->value, cpu.net.parameter("out.weight")->value) < 1e-5);
        QVERIFY(worst(dev.net.parameter("h.weight")->value, frozen) == 0.0);
        // Evaluation runs on the device too, and agrees.
        const Evaluation ea = onCpu.evaluate(data);
        const Evaluation eb = onDevice.evaluate(data);
        QVERIFY(std::fabs(ea.loss - eb.loss) < 1e-5);
        QCOMPARE(eb.accuracy, ea.accuracy);
    }
};

QTEST_GUILESS_MAIN(TestDeviceTraining)
#include "tst_device_training.moc"
