// The loadable face of the tabular datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/tabular/tabular_datasets.hpp"

namespace deepstep::tabular {

class TabularDatasetsPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { tabular::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(TabularDatasetsPlugin);

}  // namespace deepstep::tabular
