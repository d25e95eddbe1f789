// Test plugin "depends_on_good" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>
#include <stdexcept>

class TestPlugin_depends_on_good : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "depends_on_good.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        // Proves the order: good_test must have registered before we run.
        if (registry.find(deepstep::Kind::Activation, "good_identity") == nullptr) {
            throw std::runtime_error("good_test was not registered before depends_on_good");
        }
        deepstep::testing::addIdentity(registry, "after_good");
    }
};

#include "depends_on_good.moc"
