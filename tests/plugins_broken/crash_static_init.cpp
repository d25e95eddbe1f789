// Test plugin "crash_static_init" (see README.md): a segmentation fault in a static
// initializer, that is while the library is being loaded, before any DeepStep code.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

namespace {

const int crashesWhenLoaded = deepstep::testing::faultThroughNull(1);

}  // namespace

class TestPlugin_crash_static_init : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_crash_static_init" + std::string(crashesWhenLoaded, 'x'));
    }
};
DEEPSTEP_PLUGIN(TestPlugin_crash_static_init);
