// Test plugin "missing_dependency" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>

class TestPlugin_missing_dependency : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "missing_dependency.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_missing_dependency");
    }
};

#include "missing_dependency.moc"
