// The loadable "cnn" plugin: registers the components of deepstep_cnn_components.
// What it provides is declared in cnn.json, which the host reads before this code runs.
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/plugin.hpp"

namespace deepstep::cnn {

class CnnPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { deepstep::cnn::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(CnnPlugin);

}  // namespace deepstep::cnn
