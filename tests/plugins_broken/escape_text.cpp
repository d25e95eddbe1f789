// Test plugin "escape_text" (see README.md): its name, version and summary, and its
// component's summary, carry terminal escape sequences. It loads; what prints them must
// show replacement characters instead.
#include "test_activation.hpp"

#include "deepstep/plugin.hpp"

class TestPlugin_escape_text : public deepstep::Plugin {
public:
    void registerComponents(deepstep::Registry& registry) override {
        registry.addActivation(
            deepstep::ComponentInfo{deepstep::Kind::Activation,
                                    "escape_identity",
                                    {"Identity\x1b[2J\x1b[31m (test).", "항등 함수\x1b[31m(테스트용)."},
                                    {},
                                    {}},
            [](const deepstep::Options&) { return std::make_unique<deepstep::testing::NamedIdentity>("escape_identity"); });
    }
};
DEEPSTEP_PLUGIN(TestPlugin_escape_text);
