// Test plugin "throws_on_register" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>
#include <stdexcept>

class TestPlugin_throws_on_register : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "throws_on_register.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "half_registered");
        throw std::runtime_error("the lookup table is corrupt");
    }
};

#include "throws_on_register.moc"
