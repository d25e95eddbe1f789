#pragma once
// PluginHost: finds, checks and loads DeepStep plugins into a Registry.
//
// For every candidate library the host first reads its metadata (without running
// any of its code), then refuses it with a reason when
//   - it is not a DeepStep plugin (no metadata, or another interface id),
//   - its metadata is malformed (no name, no integer "abi", ...),
//   - its "abi" differs from kPluginAbiVersion (it was built against another SDK),
//   - a plugin it "depends" on is missing or was refused, or the dependencies form
//     a cycle,
//   - another plugin of the same name was already loaded, or found earlier in the
//     same load() (earlier folders win, so a plugin next to the executable shadows
//     an installed one),
//   - the library fails to load (the dynamic loader's message is included),
//   - the ABI its code was compiled against (exported by DEEPSTEP_PLUGIN) is missing
//     or differs from its metadata's "abi" (checked after loading the library, before
//     any of its objects is created),
//   - its plugin object does not implement deepstep::Plugin,
//   - its registerComponents() throws, or registers components other than those its
//     metadata "provides" (either way everything it registered is rolled back).
// Every reason starts with the file's path. Refusals never stop the others from
// loading. Loaded libraries stay loaded for the life of the process (components they
// created may still be in use). QT_LOGGING_RULES="deepstep.plugins.debug=true" logs
// every decision.
//
// Search path, in order: the folder of the executable and its plugins/ subfolder,
// the install prefix's plugin folder (relative to the executable, so a moved install
// keeps working, then as configured), then every folder in DEEPSTEP_PLUGIN_PATH
// (separated by ':'). Only files named like shared libraries are considered.

#include "deepstep/plugin.hpp"

#include <string>
#include <vector>

namespace deepstep {

struct PluginStatus {
    std::string file;  ///< absolute path of the library
    std::string name;  ///< from metadata; empty when unreadable
    std::string version;
    int abi = 0;
    std::vector<std::string> depends;
    Json provides = Json::object();  ///< {"layer": ["dense"], ...} as declared
    std::vector<std::string> lessons;  ///< ids of the lesson packs it ships ("lessons" in its metadata)
    Text summary;
    bool loaded = false;
    std::string reason;  ///< why it was refused; empty when loaded
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
    /// already-seen files are skipped, and plugins loaded by earlier calls satisfy
    /// dependencies. Folders that do not exist are skipped silently.
    /// ensures: every new library has exactly one PluginStatus in plugins(); the
    ///          registry holds the components of loaded plugins and nothing of
    ///          refused ones.
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
