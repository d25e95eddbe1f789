// Test plugin "good_test" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>

class TestPlugin_good_test : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "good_test.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "good_identity");
    }
};

#include "good_test.moc"
