// The loadable "backprop" plugin: its metadata lists exactly what it registers, and
// the plugin host loads it and builds its components by name.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/plugin_host.hpp"

#include <QtTest>

#include <fstream>
#include <set>

using namespace deepstep;

namespace {

Json metadata() {
    std::ifstream in(DEEPSTEP_BACKPROP_METADATA_FILE);
    return Json::parse(in);
}

std::set<std::string> declared(const Json& meta, const std::string& kind) {
    std::set<std::string> names;
    if (meta.at("provides").contains(kind)) {
        for (const auto& n : meta.at("provides").at(kind)) {
            names.insert(n.get<std::string>());
        }
    }
    return names;
}

std::set<std::string> registered(const Registry& registry, Kind kind, const std::string& plugin) {
    std::set<std::string> names;
    for (const ComponentInfo* info : registry.byPlugin(plugin)) {
        if (info->kind == kind) {
            names.insert(info->name);
        }
    }
    return names;
}

}  // namespace

class TestBackpropPlugin : public QObject {
    Q_OBJECT

private slots:
    void metadataMatchesRegistration() {
        const Json meta = metadata();
        QCOMPARE(QString::fromStdString(meta.at("name").get<std::string>()), QString("backprop"));
        QCOMPARE(meta.at("abi").get<int>(), kPluginAbiVersion);
        QVERIFY(!meta.at("summary").at("en").get<std::string>().empty());
        QVERIFY(!meta.at("summary").at("ko").get<std::string>().empty());

        Registry registry;
        registry.beginPlugin("backprop");
        backprop::registerComponents(registry);
        registry.commitPlugin();
        std::size_t total = 0;
        for (Kind kind : allKinds()) {
            const std::set<std::string> got = registered(registry, kind, "backprop");
            QCOMPARE(got, declared(meta, toString(kind)));
            total += got.size();
        }
        QCOMPARE(total, std::size_t{25});
    }

    void everyComponentHasBilingualHelp() {
        Registry registry;
        backprop::registerComponents(registry);
        for (Kind kind : allKinds()) {
            for (const ComponentInfo* info : registry.list(kind)) {
                QVERIFY2(!info->summary.en.empty() && !info->summary.ko.empty(), info->name.c_str());
                for (const OptionSpec& spec : info->schema.specs()) {
                    QVERIFY2(!spec.help.en.empty() && !spec.help.ko.empty(), (info->name + "." + spec.name).c_str());
                }
            }
        }
    }

    void registeringTwiceIsRefused() {
        Registry registry;
        backprop::registerComponents(registry);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, backprop::registerComponents(registry));
    }

    void hostLoadsThePlugin() {
        Registry registry;
        PluginHost host(registry);
        host.load({DEEPSTEP_BACKPROP_PLUGIN_FILE});
        QVERIFY(host.isLoaded("backprop"));
        QCOMPARE(host.plugins().size(), std::size_t{1});
        const PluginStatus& status = host.plugins().front();
        QVERIFY2(status.loaded, status.reason.c_str());
        QCOMPARE(QString::fromStdString(status.version), QString("1.0.0"));
        QCOMPARE(status.provides, metadata().at("provides"));

        // Components come from the plugin, and work.
        QCOMPARE(QString::fromStdString(registry.find(Kind::Layer, "dense")->plugin), QString("backprop"));
        auto layer = registry.makeLayer("dense", Json{{"units", 1}, {"activation", "relu"}});
        Rng rng(1);
        QVERIFY(layer->build(Shape{2}, rng) == (Shape{1}));
        auto opt = registry.makeOptimizer("adam");
        QCOMPARE(QString::fromStdString(opt->type()), QString("adam"));
        QVERIFY(registry.makeLoss("categorical_cross_entropy")->fusesWith("softmax"));
    }
};

QTEST_APPLESS_MAIN(TestBackpropPlugin)
#include "tst_backprop_plugin.moc"
