// The loadable face of the sequence datasets: everything real lives in the components
// library, so tests can use the same code without loading a plugin.

#include "deepstep/plugin.hpp"
#include "deepstep/sequences/sequence_datasets.hpp"

namespace deepstep::sequences {

class SequenceDatasetsPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { sequences::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(SequenceDatasetsPlugin);

}  // namespace deepstep::sequences
