// The loadable face of the toy datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <QObject>

namespace deepstep::toy {

class ToyDatasetsPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "../toy_datasets.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { toy::registerComponents(registry); }
};

}  // namespace deepstep::toy

#include "toy_datasets_plugin.moc"
