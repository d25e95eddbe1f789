// Test plugin "no_interface": declares the DeepStep interface id in its metadata, but
// its object does not implement deepstep::Plugin (the Q_INTERFACES line is missing).
// The host must refuse it after loading, without crashing.

#include "deepstep/plugin.hpp"

#include <QObject>

class NotReallyADeepStepPlugin : public QObject {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "no_interface.json")
};

#include "no_interface.moc"
