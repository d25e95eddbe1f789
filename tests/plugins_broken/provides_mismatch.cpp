// Test plugin "provides_mismatch" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_provides_mismatch : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "undeclared_one");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_provides_mismatch);
