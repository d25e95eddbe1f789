// Test plugin "bad_metadata" (see README.md): built by hand with Qt's plugin macros, its
// metadata typed by hand with an "abi" that is no number.
#include "test_activation.hpp"

#include "deepstep/plugin_qt.hpp"

#include <QObject>

class TestPlugin_bad_metadata : public QObject, public deepstep::Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "bad_metadata.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_bad_metadata");
    }
};

#include "bad_metadata.moc"
