#pragma once
// What every command that builds components needs: a registry filled from the
// plugins on the search path, and a few shared helpers.

#include "deepstep/plugin_host.hpp"
#include "deepstep/registry.hpp"

#include <string>
#include <vector>

namespace deepstep::cli {

class Session {
public:
    /// Loads the plugins from the default search path. With `warnRefused`, every
    /// refused plugin is reported on stderr (a missing component is often the
    /// consequence of a refused plugin, so the user should see why).
    explicit Session(bool warnRefused = true);
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Registry& registry() { return registry_; }
    PluginHost& host() { return host_; }

private:
    Registry registry_;  // declared first: the host refers to it
    PluginHost host_;
};

/// "experiments/xor.json" → "xor".
std::string fileStem(const std::string& path);
/// The experiment's name in the CLI's language (English when it has no Korean name),
/// safe for the terminal; the file's stem when the experiment has no name.
std::string experimentTitle(const Text& name, const std::string& experimentPath);
/// Creates `folder` and its parents. throws RuntimeFailure naming the folder.
void createFolder(const std::string& folder);
/// Creates the folder that will hold `file`.
void createParentFolder(const std::string& file);

// Output checks, made before any long work so that a run never fails at its end
// because its results cannot be written. Each throws InputError (exit 2) naming the
// path and what was expected.

/// Makes sure results can be written into `folder`: creates it when missing, and
/// proves it writable by creating and removing a file there (which, unlike a
/// permission test, also holds for root and read-only mounts).
void prepareOutputFolder(const std::string& folder);
/// Makes sure `file` can be written as an output: it is a regular file (symbolic
/// links followed) or not there yet, and its folder passes prepareOutputFolder.
void prepareOutputFile(const std::string& file);
/// Refuses `output` when it is the same file as one of `inputs` (device and inode
/// after following links: hard links and other spellings of a path count too).
void refuseInputAsOutput(const std::string& output, const std::vector<std::string>& inputs);
/// The files an experiment reads: the experiment itself and every existing regular
/// file that one of its strings names (the model of "initialize", data files),
/// relative to the experiment's folder or to the working folder.
std::vector<std::string> experimentInputs(const std::string& experimentPath);
/// The same for an experiment already read.
std::vector<std::string> experimentInputs(const std::string& experimentPath, const Json& experiment);

}  // namespace deepstep::cli

namespace deepstep::cli {

/// Ctrl+C during training: the first one asks the trainer to stop after the current
/// iteration (results so far are still written); the handler then steps aside so
/// that a second Ctrl+C ends the program at once.
void catchInterrupt();
bool interrupted();

/// Exit status after a run stopped by Ctrl+C (the shell convention, 128 + SIGINT).
inline constexpr int kExitInterrupted = 130;

}  // namespace deepstep::cli
