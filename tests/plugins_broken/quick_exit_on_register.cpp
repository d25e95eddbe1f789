// Test plugin "quick_exit_on_register" (see README.md): _exit(3) in registerComponents,
// which skips every exit handler.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <unistd.h>

class TestPlugin_quick_exit_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_quick_exit_on_register");
        _exit(3);
    }
};
DEEPSTEP_PLUGIN(TestPlugin_quick_exit_on_register);
