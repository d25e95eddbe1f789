// Test plugin "hang_on_register" (see README.md): registerComponents never returns.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_hang_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_hang_on_register");
        // volatile: an endless loop without side effects is undefined and may be removed.
        volatile bool forever = true;
        while (forever) {
        }
    }
};
DEEPSTEP_PLUGIN(TestPlugin_hang_on_register);
