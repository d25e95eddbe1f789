// Test plugin "fails_to_load" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <QObject>
#include <string>

extern "C" int deepstep_test_symbol_nobody_defines;

class TestPlugin_fails_to_load : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "fails_to_load.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        // The library references a variable that no library defines, so the dynamic
        // loader refuses it before any of this runs.
        deepstep::testing::addIdentity(registry, "from_fails_to_load_" + std::to_string(deepstep_test_symbol_nobody_defines));
    }
};

#include "fails_to_load.moc"
