// Test plugin "cycle_a" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_cycle_a : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_cycle_a");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_cycle_a);
