// The loadable face of the sequence datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"

#include <QObject>

namespace deepstep::sequences {

class SequenceDatasetsPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "../sequence_datasets.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { sequences::registerComponents(registry); }
};

}  // namespace deepstep::sequences

#include "sequence_datasets_plugin.moc"
