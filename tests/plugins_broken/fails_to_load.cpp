// Test plugin "fails_to_load" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <string>

extern "C" int deepstep_test_symbol_nobody_defines;

class TestPlugin_fails_to_load : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        // The library references a variable that no library defines, so the dynamic
        // loader refuses it before any of this runs.
        deepstep::testing::addIdentity(registry, "from_fails_to_load_" + std::to_string(deepstep_test_symbol_nobody_defines));
    }
};
DEEPSTEP_PLUGIN(TestPlugin_fails_to_load);
