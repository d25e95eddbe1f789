// Test plugin "abort_on_register" (see README.md): abort() in registerComponents.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <cstdlib>

class TestPlugin_abort_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_abort_on_register");
        std::abort();
    }
};
DEEPSTEP_PLUGIN(TestPlugin_abort_on_register);
