#pragma once
// deepstep::Plugin alone, with the Registry only declared: what the Qt side of a plugin
// (deepstep/plugin_qt.hpp and the glue deepstep_add_plugin generates) needs, without
// the whole engine's headers. A plugin's own code includes deepstep/plugin.hpp, which
// brings this, the Registry and DEEPSTEP_PLUGIN; the contract is described there.

namespace deepstep {

class Registry;

/// What a plugin library provides: registerComponents adds its components to the
/// registry it is given (see deepstep/plugin.hpp for what it requires and ensures).
class Plugin {
public:
    virtual ~Plugin() = default;
    virtual void registerComponents(Registry& registry) = 0;
};

}  // namespace deepstep
