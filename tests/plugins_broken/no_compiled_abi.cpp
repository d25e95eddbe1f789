// Test plugin "no_compiled_abi": built the way plugins were before SDK ABI 4, with Qt's
// plugin macros in its source and no DEEPSTEP_PLUGIN, whose metadata was then edited by
// hand to claim the current ABI. Its code exports no ABI, so the host must refuse it
// after loading the library and before creating its object.
#include "test_activation.hpp"

#include "deepstep/plugin_qt.hpp"

#include <QObject>

#include <cstdlib>

class TestPlugin_no_compiled_abi : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "no_compiled_abi.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    // The host must refuse the library before it creates this object: if it ever does,
    // the whole test run stops here.
    TestPlugin_no_compiled_abi() { std::abort(); }

    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_no_compiled_abi");
    }
};

#include "no_compiled_abi.moc"
