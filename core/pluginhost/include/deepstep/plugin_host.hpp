#pragma once
// PluginHost: finds, checks and loads DeepStep plugins into a Registry.
//
// For every candidate library the host first reads its metadata (without running
// any of its code), then refuses it with a reason when
//   - it is not a DeepStep plugin (no metadata, or another interface id),
//   - its "abi" differs from kPluginAbiVersion,
//   - a plugin it "depends" on is missing or was refused,
//   - another plugin of the same name was already loaded,
//   - its registerComponents() throws (everything it registered is rolled back).
// Refusals never stop the others from loading. Loaded libraries stay loaded for the
// life of the process (components they created may still be in use).
//
// Search path, in order: the folder of the executable and its plugins/ subfolder,
// the install prefix's plugin folder, then every folder in DEEPSTEP_PLUGIN_PATH
// (separated by ':').

#include "deepstep/plugin.hpp"

#include <string>
#include <vector>

namespace deepstep {

struct PluginStatus {
    std::string file;                   ///< absolute path of the library
    std::string name;                   ///< from metadata; empty when unreadable
    std::string version;
    int abi = 0;
    std::vector<std::string> depends;
    Json provides = Json::object();     ///< {"layer": ["dense"], ...} as declared
    Text summary;
    bool loaded = false;
    std::string reason;                 ///< why it was refused; empty when loaded
};

class PluginHost {
public:
    /// requires: `registry` outlives the host.
    explicit PluginHost(Registry& registry);
    ~PluginHost();
    PluginHost(const PluginHost&) = delete;
    PluginHost& operator=(const PluginHost&) = delete;

    /// The default search folders (see above), existing or not.
    static std::vector<std::string> defaultSearchPaths();

    /// Loads every plugin library found directly in `folders` (and any explicit
    /// library paths given), dependencies before dependants. May be called again;
    /// already-seen files are skipped.
    void load(const std::vector<std::string>& foldersOrFiles);
    void loadDefault() { load(defaultSearchPaths()); }

    /// Every plugin seen so far, loaded and refused, in load order.
    const std::vector<PluginStatus>& plugins() const { return plugins_; }
    bool isLoaded(const std::string& name) const;

private:
    Registry& registry_;
    std::vector<PluginStatus> plugins_;
    struct Private;
    Private* d_;
};

}  // namespace deepstep
