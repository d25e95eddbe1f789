// Test plugin "no_interface": built by hand with Qt's plugin macros. It declares the
// DeepStep interface id in its metadata and exports the compiled-in ABI, but its object
// does not implement deepstep::Plugin (the Q_INTERFACES line is missing). The host must
// refuse it after loading, without crashing.

#include "deepstep/plugin.hpp"
#include "deepstep/plugin_qt.hpp"

#include <QObject>

extern "C" __attribute__((visibility("default"))) int deepstep_plugin_abi() {
    return deepstep::kPluginAbiVersion;
}

class NotReallyADeepStepPlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "no_interface.json")
};

#include "no_interface.moc"
