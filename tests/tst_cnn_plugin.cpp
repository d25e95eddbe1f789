// The loadable "cnn" plugin: its metadata lists exactly what it registers, and the
// plugin host loads it (after backprop, whose activations it uses) and builds a small
// convolutional network from its layers by name.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/plugin_host.hpp"

#include <QtTest>

#include <fstream>
#include <set>

using namespace deepstep;

namespace {

Json metadata() {
    std::ifstream in(DEEPSTEP_CNN_METADATA_FILE);
    return Json::parse(in);
}

std::set<std::string> declaredLayers(const Json& meta) {
    std::set<std::string> names;
    for (const auto& n : meta.at("provides").at("layer")) names.insert(n.get<std::string>());
    return names;
}

}  // namespace

class TestCnnPlugin : public QObject {
    Q_OBJECT

private slots:
    void metadataMatchesRegistration() {
        const Json meta = metadata();
        QCOMPARE(QString::fromStdString(meta.at("name").get<std::string>()), QString("cnn"));
        QCOMPARE(meta.at("abi").get<int>(), kPluginAbiVersion);
        QCOMPARE(meta.at("depends"), Json::array({"backprop"}));
        QVERIFY(!meta.at("summary").at("ko").get<std::string>().empty());

        Registry registry;
        registry.beginPlugin("cnn");
        cnn::registerComponents(registry);
        registry.commitPlugin();
        std::set<std::string> got;
        for (const ComponentInfo* info : registry.byPlugin("cnn")) {
            QVERIFY(info->kind == Kind::Layer);
            got.insert(info->name);
        }
        QCOMPARE(got, declaredLayers(meta));
        QCOMPARE(got, (std::set<std::string>{"conv2d", "max_pool2d", "avg_pool2d", "global_avg_pool", "flatten",
                                            "batch_norm2d", "conv_transpose2d", "upsample", "depthwise_separable"}));
    }

    void everyOptionHasBilingualHelp() {
        Registry registry;
        cnn::registerComponents(registry);
        for (const ComponentInfo* info : registry.byPlugin("core")) {
            if (info->name == "sequential" || info->name == "residual") continue;
            QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
            for (const OptionSpec& spec : info->schema.specs()) {
                QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), (info->name + "." + spec.name).c_str());
                QVERIFY2(spec.help.en != spec.help.ko, (info->name + "." + spec.name).c_str());
            }
        }
        // conv2d has the options the lecture names.
        const ComponentInfo* conv = registry.find(Kind::Layer, "conv2d");
        QVERIFY(conv != nullptr);
        for (const char* name :
             {"filters", "kernel", "stride", "padding", "dilation", "groups", "use_bias", "activation", "init"}) {
            QVERIFY2(conv->schema.find(name) != nullptr, name);
        }
    }

    void hostLoadsThePlugin() {
        Registry registry;
        PluginHost host(registry);
        host.load({DEEPSTEP_BACKPROP_PLUGIN_FILE, DEEPSTEP_CNN_PLUGIN_FILE});
        QVERIFY(host.isLoaded("cnn"));
        for (const PluginStatus& status : host.plugins()) QVERIFY2(status.loaded, status.reason.c_str());
        QCOMPARE(QString::fromStdString(registry.find(Kind::Layer, "conv2d")->plugin), QString("cnn"));

        // LeNet's shape, built by name: 1×28×28 → 6×24×24 → 6×12×12 → 16×8×8 → 16×4×4 → 256 → 10.
        const Json model = {{"input", {1, 28, 28}},
                            {"layers",
                             {{{"type", "conv2d"}, {"filters", 6}, {"kernel", 5}, {"activation", "relu"}},
                              {{"type", "max_pool2d"}, {"kernel", 2}},
                              {{"type", "conv2d"}, {"filters", 16}, {"kernel", 5}, {"activation", "relu"}},
                              {{"type", "avg_pool2d"}, {"kernel", 2}},
                              {{"type", "flatten"}},
                              {{"type", "dense"}, {"units", 10}, {"activation", "softmax"}}}}};
        Rng rng(1);
        Network net = buildModel(model, registry, rng);
        const Tensor y = net.forward(Tensor(Shape{2, 1, 28, 28}, 0.5F), Mode::Eval);
        QCOMPARE(y.shape(), (Shape{2, 10}));
        QVERIFY(std::fabs(y.sum() - 2.0F) < 1e-4F);  // two rows of probabilities
    }
};

QTEST_APPLESS_MAIN(TestCnnPlugin)
#include "tst_cnn_plugin.moc"
