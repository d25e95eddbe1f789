// The loadable face of the tabular datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/tabular/tabular_datasets.hpp"

#include <QObject>

namespace deepstep::tabular {

class TabularDatasetsPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "../tabular_datasets.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { tabular::registerComponents(registry); }
};

}  // namespace deepstep::tabular

#include "tabular_datasets_plugin.moc"
