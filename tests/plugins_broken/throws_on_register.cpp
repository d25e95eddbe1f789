// Test plugin "throws_on_register" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <stdexcept>

class TestPlugin_throws_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "half_registered");
        throw std::runtime_error("the lookup table is corrupt");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_throws_on_register);
