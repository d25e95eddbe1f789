// Test plugin "depends_on_refused" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_depends_on_refused : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_depends_on_refused");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_depends_on_refused);
