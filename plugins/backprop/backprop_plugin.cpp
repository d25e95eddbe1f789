// The loadable "backprop" plugin: registers the components of
// deepstep_backprop_components. What it provides is declared in backprop.json, which
// the host reads before this code runs.
#include "deepstep/backprop/backprop.hpp"
#include "deepstep/plugin.hpp"

namespace deepstep::backprop {

class BackpropPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { deepstep::backprop::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(BackpropPlugin);

}  // namespace deepstep::backprop
