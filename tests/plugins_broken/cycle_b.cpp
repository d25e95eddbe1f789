// Test plugin "cycle_b" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_cycle_b : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_cycle_b");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_cycle_b);
