// Test plugin "cycle_a" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>

class TestPlugin_cycle_a : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "cycle_a.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_cycle_a");
    }
};

#include "cycle_a.moc"
