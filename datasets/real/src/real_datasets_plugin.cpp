// The loadable face of the real datasets: everything lives in the components library,
// so tests use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/real/real_datasets.hpp"

namespace deepstep::real {

class RealDatasetsPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { real::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(RealDatasetsPlugin);

}  // namespace deepstep::real
