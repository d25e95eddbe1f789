#pragma once
// The plugin interface: what a DeepStep plugin library implements.
//
// A plugin is a Qt plugin (a shared library with a QObject that implements
// deepstep::Plugin) whose JSON metadata is read *before* any of its code runs:
//
//   {"name": "backprop", "version": "1.0.0", "abi": 2,
//    "depends": ["datasets"],
//    "summary": {"en": "...", "ko": "..."},
//    "provides": {"layer": ["dense"], "optimizer": ["adam"], ...}}
//
// The host refuses a plugin whose "abi" differs from kPluginAbiVersion, whose
// dependencies are missing or refused, or whose registerComponents() throws; in the
// last case everything it registered is rolled back. See docs/writing-plugins.md and
// examples/sdk-optimizer for a complete plugin in one page.
//
//   requires: registerComponents adds exactly the components its metadata
//             "provides" lists; it may throw to refuse loading.

#include "deepstep/registry.hpp"

#include <QtPlugin>

namespace deepstep {

/// Bumped whenever a public SDK header changes in a way that breaks plugins.
inline constexpr int kPluginAbiVersion = 3;

class Plugin {
public:
    virtual ~Plugin() = default;
    virtual void registerComponents(Registry& registry) = 0;
};

}  // namespace deepstep

#define DEEPSTEP_PLUGIN_IID "org.deepstep.Plugin/1"
Q_DECLARE_INTERFACE(deepstep::Plugin, DEEPSTEP_PLUGIN_IID)
