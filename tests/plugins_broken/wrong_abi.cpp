// Test plugin "wrong_abi" (see README.md): built the way plugins were before SDK ABI 4,
// with Qt's plugin macros in its source and "abi" typed by hand into its metadata (1:
// an SDK long gone). The host must refuse it from its metadata alone.
#include "test_activation.hpp"

#include "deepstep/plugin_qt.hpp"

#include <QObject>

class TestPlugin_wrong_abi : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "wrong_abi.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_wrong_abi");
    }
};

#include "wrong_abi.moc"
