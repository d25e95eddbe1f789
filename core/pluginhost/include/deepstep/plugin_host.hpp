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
//   - it crashed, hung or ended the program while loading in a trial process (below).
// Every reason starts with the file's path; quoted plugin text (names, messages) has its
// control characters replaced by U+FFFD, so a reason is safe to print. Refusals never
// stop the others from loading. Loaded libraries stay loaded for the life of the process
// (components they created may still be in use). QT_LOGGING_RULES=
// "deepstep.plugins.debug=true" logs every decision, and names each plugin before any of
// its code runs.
//
// Trial loads. Before a plugin's code runs in this process, the helper
// deepstep-plugin-probe (next to the executable, or DEEPSTEP_PLUGIN_PROBE) loads it in a
// child process, in dependency order, and registers its components into a scratch
// registry. A plugin that kills that child (a signal such as SIGSEGV or SIGABRT), ends
// it (exit(), _exit()) or takes longer than DEEPSTEP_PLUGIN_PROBE_TIMEOUT seconds
// (default 10; 0 turns trial loads off) is refused by name and never loaded here. The
// verdict is kept for the life of the process per file (path, size, mtime, inode). Should
// a plugin still crash or exit() while loading here (trial loads off, or a plugin that
// behaves differently the second time), a note on stderr names it before the process
// ends; an exit() while loading ends the process with status 1, not the plugin's.
//
// Search path, in order: the folder of the executable and its plugins/ subfolder,
// the install prefix's plugin folder (relative to the executable, so a moved install
// keeps working, then as configured), then every folder in DEEPSTEP_PLUGIN_PATH
// (separated by ':'). Only files named like shared libraries are considered.

#include "deepstep/plugin.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace deepstep {

/// What became of a plugin's trial load in a child process.
enum class TrialOutcome {
    NotRun,   ///< refused before a trial (metadata, ABI, dependencies, name)
    Off,      ///< no trial: turned off, or the helper is missing or failed (see trialNote())
    Passed,   ///< the child loaded it, registered its components and went on
    Crashed,  ///< the child died of signal `code` while loading it
    Hung,     ///< it had not finished loading after the timeout; the child was killed
    Ended,    ///< the child ended with exit status `code` while loading it (exit(), _exit())
};

struct PluginTrial {
    TrialOutcome outcome = TrialOutcome::NotRun;
    int code = 0;          ///< the signal (Crashed) or the exit status (Ended)
    std::string signal;    ///< the signal's name ("SIGSEGV") when Crashed and it has one
    double seconds = 0.0;  ///< how long it took to load in the child (Hung: the timeout)
};

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
    PluginTrial trial;   ///< its trial load in a child process
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

    /// Seconds a plugin may take to load in its trial (DEEPSTEP_PLUGIN_PROBE_TIMEOUT,
    /// default 10); 0 when trial loads are off.
    static double trialTimeout();
    /// Why plugins were loaded without a trial (helper missing, could not start,
    /// turned off); empty when every trial ran.
    const std::string& trialNote() const;
    /// Wall-clock seconds spent in trial processes by all load() calls of this host.
    double trialSeconds() const;

private:
    Registry& registry_;
    std::vector<PluginStatus> plugins_;
    struct Private;
    Private* d_;
};

/// Reads a DeepStep plugin's metadata (the JSON object deepstep_add_plugin compiles
/// into the library, "abi" included) the way load() does.
/// ensures: returns a status with name, version, abi, depends, lessons, summary and
///          provides filled in (loaded false, no file), or throws std::invalid_argument
///          whose message says what is wrong ("\"name\" must be a non-empty string").
///          Never anything else, whatever the text.
PluginStatus readPluginMetadata(std::string_view jsonText);

/// The body of the deepstep-plugin-probe helper: loads the plugin libraries named in
/// argv[1..] in order, registering each one's components into a scratch registry,
/// and reports on file descriptor 3 "begin I", "end I" around each and "done" at the
/// end. Only the plugin host starts it (see "Trial loads" above).
int runPluginProbe(int argc, char** argv);

}  // namespace deepstep
