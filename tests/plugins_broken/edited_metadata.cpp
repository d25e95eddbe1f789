// Test plugin "edited_metadata": built with deepstep_add_plugin, so its metadata says
// the current ABI, but its code exports the ABI before it, as DEEPSTEP_PLUGIN does in
// a plugin compiled against the previous SDK's headers whose metadata was then edited
// by hand. The host must refuse it before registerComponents runs.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

#include <cstdlib>

class TestPlugin_edited_metadata : public deepstep::Plugin {
public:
    // The host must refuse the library before it creates this object: if it ever does,
    // the whole test run stops here.
    TestPlugin_edited_metadata() { std::abort(); }

    void registerComponents(deepstep::Registry& registry) override {
        deepstep::testing::addIdentity(registry, "from_edited_metadata");
    }
};

// What DEEPSTEP_PLUGIN(TestPlugin_edited_metadata) expands to, with an older ABI.
extern "C" __attribute__((visibility("hidden"))) deepstep::Plugin* deepstep_create_plugin() {
    return new TestPlugin_edited_metadata;
}
extern "C" __attribute__((visibility("default"))) int deepstep_plugin_abi() {
    return deepstep::kPluginAbiVersion - 1;
}
