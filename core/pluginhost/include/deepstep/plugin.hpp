#pragma once
// The plugin interface: what a DeepStep plugin implements. No Qt is needed to write one.
//
//   class LionPlugin : public deepstep::Plugin {
//   public:
//       void registerComponents(deepstep::Registry& registry) override { ... }
//   };
//   DEEPSTEP_PLUGIN(LionPlugin);
//
// and in CMake, deepstep_add_plugin(lion METADATA lion.json SOURCES lion.cpp). The
// author's metadata says who the plugin is and what it provides:
//
//   {"name": "lion", "version": "1.0.0",
//    "depends": [],
//    "summary": {"en": "...", "ko": "..."},
//    "provides": {"optimizer": ["lion"]}}
//
// deepstep_add_plugin adds "abi": kPluginAbiVersion (read from this header) and compiles
// the result into the library, where the host reads it *before* any of the plugin's
// code runs. The host refuses a plugin whose metadata "abi" differs from its own
// kPluginAbiVersion, whose compiled-in ABI (exported by DEEPSTEP_PLUGIN) differs from
// its metadata, whose dependencies are missing or refused, or whose
// registerComponents() throws; in the last case everything it registered is rolled
// back. See docs/writing-plugins.md and examples/sdk-optimizer for a whole plugin.
//
//   requires: registerComponents adds exactly the components its metadata
//             "provides" lists; it may throw to refuse loading.

#include "deepstep/plugin_interface.hpp"
#include "deepstep/registry.hpp"

#include <type_traits>

namespace deepstep {

/// Bumped whenever a public SDK header changes in a way that breaks plugins.
/// deepstep_add_plugin reads the number from this line: keep it on one line.
inline constexpr int kPluginAbiVersion = 7;

}  // namespace deepstep

/// DEEPSTEP_PLUGIN(PluginClass); after the plugin class (at file scope or in a named
/// namespace) makes it the library's plugin: it defines the function through which the
/// Qt glue that deepstep_add_plugin generates creates one PluginClass, and exports
/// the ABI this code was compiled against, which the host compares with the
/// metadata's "abi" before registerComponents runs. Exactly one per plugin library;
/// PluginClass must derive from deepstep::Plugin and be default-constructible.
#define DEEPSTEP_PLUGIN(PluginClass)                                                                          \
    extern "C" __attribute__((visibility("hidden"))) ::deepstep::Plugin* deepstep_create_plugin() {         \
        return new PluginClass;                                                                               \
    }                                                                                                         \
    extern "C" __attribute__((visibility("default"))) int deepstep_plugin_abi() {                             \
        return ::deepstep::kPluginAbiVersion;                                                                 \
    }                                                                                                         \
    static_assert(std::is_base_of_v<::deepstep::Plugin, PluginClass>,                                         \
                  "DEEPSTEP_PLUGIN(" #PluginClass "): the class must derive from deepstep::Plugin")

/// The name of the function DEEPSTEP_PLUGIN exports for the host.
#define DEEPSTEP_PLUGIN_ABI_SYMBOL "deepstep_plugin_abi"
