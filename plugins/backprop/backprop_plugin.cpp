// The loadable "backprop" plugin: registers the components of
// deepstep_backprop_components. What it provides is declared in backprop.json, which
// the host reads before this code runs.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/plugin.hpp"

#include <QObject>

namespace deepstep::backprop {

class BackpropPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "backprop.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { deepstep::backprop::registerComponents(registry); }
};

}  // namespace deepstep::backprop

#include "backprop_plugin.moc"
