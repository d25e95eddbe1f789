#pragma once
// Trial loads of plugins in a child process (the deepstep-plugin-probe helper), and the
// guard that names a plugin when it takes this process down while loading here.
// Internal to the plugin host; see "Trial loads" in deepstep/plugin_host.hpp.

#include "deepstep/plugin_host.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace deepstep::trial {

/// One library for the child to load. `needs` are indices (into the same list, all
/// smaller) of the plugins it depends on; a prerequisite was loaded into this process
/// by an earlier load() and is loaded in the child only so that its dependants can be.
struct Job {
    std::string file;
    std::vector<std::size_t> needs;
    bool prerequisite = false;
};

struct Settings {
    std::string probe;     ///< path of the helper executable
    double timeout = 10;   ///< seconds each plugin (and the helper's start) may take
    bool showOutput = false;  ///< let the child write to our stderr (verbose mode)
};

struct Result {
    std::vector<PluginTrial> trials;  ///< one per job; prerequisites stay NotRun
    std::string note;                 ///< why some trials could not run, if any
    double seconds = 0;               ///< wall-clock time spent in child processes
};

/// Runs the jobs in order in child processes. After a plugin crashes, hangs or ends
/// the child, it (and what depends on it) is left out and a new child goes on with
/// the rest. Verdicts are remembered per file (path, size, mtime, inode) for the life
/// of the process.
/// ensures: trials[i].outcome is Passed, Crashed, Hung or Ended for every job that is
///          not a prerequisite, except Off when the helper failed (note says why) and
///          NotRun for jobs left out because a plugin they need failed its trial.
Result run(const std::vector<Job>& jobs, const Settings& settings);

/// The helper's path: DEEPSTEP_PLUGIN_PROBE, else deepstep-plugin-probe in
/// `executableFolder`; empty (with `why` set) when there is none.
std::string findProbe(const std::string& executableFolder, std::string& why);

/// "SIGSEGV" for 11, ... ; "" for a signal without a common name.
const char* signalName(int signal);

/// "3 s", "0.5 s"
std::string formatSeconds(double seconds);

/// While alive, a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT) or an exit() of this
/// process writes "deepstep: <what>" to stderr first; an exit() then ends the process
/// with status 1. The signal's previous handler runs afterwards.
class LoadingGuard {
public:
    explicit LoadingGuard(const std::string& what);
    ~LoadingGuard();
    LoadingGuard(const LoadingGuard&) = delete;
    LoadingGuard& operator=(const LoadingGuard&) = delete;
};

}  // namespace deepstep::trial
