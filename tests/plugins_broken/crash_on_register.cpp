// Test plugin "crash_on_register" (see README.md): a segmentation fault in
// registerComponents, after it registered one component.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_crash_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_crash_on_register");
        deepstep::testing::faultThroughNull(42);
    }
};
DEEPSTEP_PLUGIN(TestPlugin_crash_on_register);
