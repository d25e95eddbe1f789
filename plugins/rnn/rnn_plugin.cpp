// The loadable "rnn" plugin: registers the components of deepstep_rnn_components.
// What it provides is declared in rnn.json, which the host reads before this code runs.
#include "deepstep/plugin.hpp"
#include "deepstep/rnn/rnn.hpp"

namespace deepstep::rnn {

class RnnPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { deepstep::rnn::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(RnnPlugin);

}  // namespace deepstep::rnn
