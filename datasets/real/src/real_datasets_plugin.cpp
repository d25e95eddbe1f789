// The loadable face of the real datasets: everything lives in the components library,
// so tests use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/real/real_datasets.hpp"

#include <QObject>

namespace deepstep::real {

class RealDatasetsPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "../real_datasets.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { real::registerComponents(registry); }
};

}  // namespace deepstep::real

#include "real_datasets_plugin.moc"
