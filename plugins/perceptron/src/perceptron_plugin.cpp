// The loadable face of the perceptron lecture: everything real lives in the
// components library, so tests can use the same code without loading a plugin.

#include "deepstep/perceptron/perceptron.hpp"
#include "deepstep/plugin.hpp"

namespace deepstep::perceptron {

class PerceptronPlugin : public Plugin {
public:
    void registerComponents(Registry& registry) override { perceptron::registerComponents(registry); }
};
DEEPSTEP_PLUGIN(PerceptronPlugin);

}  // namespace deepstep::perceptron
