// The loadable face of the perceptron lecture: everything real lives in the
// components library, so tests can use the same code without loading a plugin.

#include "deepstep/perceptron/perceptron.hpp"
#include "deepstep/plugin.hpp"

#include <QObject>

namespace deepstep::perceptron {

class PerceptronPlugin : public QObject, public Plugin {
    Q_OBJECT
    Q_PLUGIN_METADATA(IID DEEPSTEP_PLUGIN_IID FILE "../perceptron.json")
    Q_INTERFACES(deepstep::Plugin)

public:
    void registerComponents(Registry& registry) override { perceptron::registerComponents(registry); }
};

}  // namespace deepstep::perceptron

#include "perceptron_plugin.moc"
