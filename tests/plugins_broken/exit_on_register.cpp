// Test plugin "exit_on_register" (see README.md): exit(0) in registerComponents, which
// would end the program with "success" before it did any work.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <cstdlib>

class TestPlugin_exit_on_register : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_exit_on_register");
        std::exit(0);
    }
};
DEEPSTEP_PLUGIN(TestPlugin_exit_on_register);
