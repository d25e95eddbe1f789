// Test plugin "depends_on_good" (see README.md).
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <stdexcept>

class TestPlugin_depends_on_good : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        // Proves the order: good_test must have registered before we run.
        if (registry.find(deepstep::Kind::Activation, "good_identity") == nullptr) {
            throw std::runtime_error("good_test was not registered before depends_on_good");
        }
        deepstep::testing::addIdentity(registry, "after_good");
    }
};
DEEPSTEP_PLUGIN(TestPlugin_depends_on_good);
