// Test plugin "missing_dependency" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_missing_dependency : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_missing_dependency");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_missing_dependency);
