// Test plugin "good_test" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_good_test : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "good_identity");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_good_test);
