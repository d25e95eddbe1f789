// The loadable face of the toy datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/toy/toy_datasets.hpp"

namespace deepstep::toy {

class ToyDatasetsPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { toy::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(ToyDatasetsPlugin);

}  // namespace deepstep::toy
