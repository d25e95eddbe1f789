// Devices: the CPU always listed and usable, every GPU entry either usable with a
// number or saying why not, device names checked before anything is loaded, a GPU
// asked for where none is usable falling back to the CPU with the reason, and the
// experiment's "device" key.
#include "deepstep/device.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/registry.hpp"

#include <QtTest>

using namespace deepstep;

class TestDevices : public QObject {
    Q_OBJECT

private slots:
    void cpuComesFirstAndIsUsable() {
        const std::vector<DeviceInfo> devices = listDevices();
        QVERIFY(devices.size() >= 2);  // the CPU, then GPUs or one "cuda" entry saying why not
        QCOMPARE(devices.front().id, std::string("cpu"));
        QVERIFY(devices.front().usable());
        QVERIFY(devices.front().threads >= 1);
        QVERIFY(devices.front().memoryBytes > 0);
        for (std::size_t i = 1; i < devices.size(); ++i) {
            const DeviceInfo& d = devices[i];
            if (d.usable()) {
                QVERIFY2(d.id.rfind("cuda:", 0) == 0, d.id.c_str());
                QVERIFY(!d.name.empty());
                QVERIFY(d.memoryBytes > 0);
            } else {
                QCOMPARE(devices.size(), std::size_t{2});  // one entry when none is usable
                QCOMPARE(d.id, std::string("cuda"));
                QVERIFY(d.problem != DeviceProblem::None);
                QVERIFY(!problemText(d.problem).empty());
                qInfo("no usable GPU here: %s%s", problemText(d.problem).c_str(),
                      d.detail.empty() ? "" : (" (" + d.detail + ")").c_str());
            }
        }
    }

    void namesAreCheckedBeforeLooking_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("good");
        QTest::newRow("cpu") << "cpu" << true;
        QTest::newRow("cuda") << "cuda" << true;
        QTest::newRow("cuda:0") << "cuda:0" << true;
        QTest::newRow("cuda:12") << "cuda:12" << true;
        QTest::newRow("empty") << "" << false;
        QTest::newRow("gpu") << "gpu" << false;
        QTest::newRow("CPU") << "CPU" << false;
        QTest::newRow("cuda:") << "cuda:" << false;
        QTest::newRow("cuda:x") << "cuda:x" << false;
        QTest::newRow("cuda:-1") << "cuda:-1" << false;
        QTest::newRow("cuda:1234") << "cuda:1234" << false;
        QTest::newRow("cuda 0") << "cuda 0" << false;
    }

    void namesAreCheckedBeforeLooking() {
        QFETCH(QString, name);
        QFETCH(bool, good);
        try {
            checkDeviceName(name.toStdString(), "--device");
            QVERIFY2(good, qPrintable(name));
        } catch (const InputError& e) {
            QVERIFY2(!good, e.what());
            QCOMPARE(e.where(), std::string("--device"));
            QVERIFY2(std::string(e.what()).find("expected cpu, cuda or cuda:N") != std::string::npos, e.what());
        }
    }

    void cpuIsChosenAsAsked() {
        const DeviceChoice c = chooseDevice("cpu", "x");
        QCOMPARE(c.device.id, std::string("cpu"));
        QCOMPARE(c.gpu, -1);
        QVERIFY(c.fallback == DeviceProblem::None);
    }

    // A GPU asked for: the first usable one, or the CPU with the reason, never silently.
    void gpuAskedForIsUsedOrTheReasonGiven() {
        const std::vector<DeviceInfo> devices = listDevices();
        const bool gpus = devices[1].usable();
        const DeviceChoice c = chooseDevice("cuda", "exp.json: device");
        QCOMPARE(c.requested, std::string("cuda"));
        if (gpus) {
            QCOMPARE(c.device.id, std::string("cuda:0"));
            QCOMPARE(c.gpu, 0);
            QVERIFY(c.fallback == DeviceProblem::None);
            // Past the last GPU: refused, with the count.
            const std::string past = "cuda:" + std::to_string(devices.size() - 1);
            QVERIFY_THROWS_EXCEPTION(InputError, chooseDevice(past, "--device"));
        } else {
            QCOMPARE(c.device.id, std::string("cpu"));
            QCOMPARE(c.gpu, -1);
            QVERIFY(c.fallback == devices[1].problem);
            QVERIFY(c.fallback != DeviceProblem::None);
            // Any GPU number falls back the same way (there is none to count).
            QVERIFY(chooseDevice("cuda:3", "--device").fallback == devices[1].problem);
            // And the backend's operations say why too.
            DeviceProblem why = DeviceProblem::None;
            QVERIFY(gpu::Backend::open(0, &why) == nullptr);
            QVERIFY(why == devices[1].problem);
        }
    }

    void experimentDeviceKey() {
        const Registry registry;  // no components: only the top-level keys are looked at here
        Json doc = {{"device", "cuda:1"}};
        try {
            buildExperiment(doc, registry, "exp.json");
            QFAIL("an experiment without a model was built");
        } catch (const InputError& e) {
            // Other problems (no model, no dataset), but none at "device".
            QVERIFY2(std::string(e.what()).find("device") == std::string::npos, e.what());
        }
        for (const Json& bad : {Json("tpu"), Json(3), Json::array({"cuda"})}) {
            doc["device"] = bad;
            try {
                buildExperiment(doc, registry, "exp.json");
                QFAIL("built");
            } catch (const InputError& e) {
                QVERIFY2(std::string(e.what()).find("exp.json: device: expected") != std::string::npos, e.what());
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestDevices)
#include "tst_devices.moc"
