// deepstep plugins: what the plugin host found, and what each plugin provides.

#include "commands.hpp"
#include "session.hpp"
#include "text.hpp"

#include "deepstep/errors.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>

namespace deepstep::cli {

CommandSpec pluginsSpec() {
    return {"plugins", "[OPTIONS]", "cmd.plugins.summary", "cmd.plugins.description", {}, {{"check", "", "opt.check"}}};
}

namespace {

/// "  layers:       dense, activation" for every kind that has components.
void printProvided(const std::vector<const ComponentInfo*>& components, const std::string& indent) {
    std::size_t width = 0;
    for (Kind kind : allKinds())
        width = std::max(width, displayWidth(tr("kind." + toString(kind)) + ":"));
    for (Kind kind : allKinds()) {
        std::vector<std::string> names;
        for (const ComponentInfo* c : components)
            if (c->kind == kind) names.push_back(terminalSafe(c->name));
        if (names.empty()) continue;
        std::sort(names.begin(), names.end());
        std::cout << indent << padRight(tr("kind." + toString(kind)) + ":", width) << "  " << join(names, ", ") << "\n";
    }
}

/// Milliseconds under ten seconds ("12 ms"), else as durations are.
std::string shortDuration(double seconds) {
    if (seconds < 10.0) return std::to_string(std::lround(seconds * 1000.0)) + " ms";
    return formatDuration(seconds);
}

/// How its trial load in a separate process went.
std::string trialVerdict(const PluginTrial& t) {
    switch (t.outcome) {
        case TrialOutcome::Passed:
            return tr("plugins.trial.passed", {shortDuration(t.seconds)});
        case TrialOutcome::Crashed:
            return tr("plugins.trial.crashed", {std::to_string(t.code) + (t.signal.empty() ? "" : " (" + t.signal + ")")});
        case TrialOutcome::Hung:
            return tr("plugins.trial.hung", {formatDuration(t.seconds)});
        case TrialOutcome::Ended:
            return tr("plugins.trial.ended", {std::to_string(t.code)});
        case TrialOutcome::Off:
            return tr("plugins.trial.off", {"-"});
        case TrialOutcome::NotRun:
            break;
    }
    return tr("plugins.trial.notRun");
}

}  // namespace

int runPlugins(const Arguments& args) {
    const bool check = args.has("check");
    Session session(false);
    const auto& plugins = session.host().plugins();

    std::cout << tr("plugins.searchPath") << "\n";
    for (const auto& folder : PluginHost::defaultSearchPaths())
        std::cout << "  " << terminalSafe(folder) << "\n";
    std::cout << "\n";

    std::size_t loaded = 0;
    for (const auto& p : plugins)
        loaded += p.loaded ? 1 : 0;
    if (plugins.empty()) {
        std::cout << tr("plugins.none") << "\n";
    } else {
        std::cout << tr("plugins.count", {std::to_string(loaded), std::to_string(plugins.size() - loaded)}) << "\n";
    }

    // Everything a plugin's metadata or file name says may hold terminal escapes.
    for (const auto& p : plugins) {
        // Without readable metadata the file name is all there is to call it by.
        std::cout << "\n"
                  << terminalSafe(p.name.empty() ? std::filesystem::path(p.file).filename().string() : p.name);
        if (!p.version.empty()) std::cout << " " << terminalSafe(p.version);
        std::cout << " - " << tr(p.loaded ? "plugins.loaded" : "plugins.refused") << "\n";
        const std::string summary = pick(p.summary);
        if (!summary.empty()) std::cout << "  " << terminalSafe(summary) << "\n";
        std::cout << "  " << tr("plugins.file") << " " << terminalSafe(p.file) << "\n";
        if (!p.depends.empty())
            std::cout << "  " << tr("plugins.depends") << " " << terminalSafe(join(p.depends, ", ")) << "\n";
        if (check) {
            std::string verdict = trialVerdict(p.trial);
            if (p.trial.outcome == TrialOutcome::Off) verdict = tr("plugins.trial.off", {session.host().trialNote()});
            std::cout << "  " << tr("plugins.trial") << " " << terminalSafe(verdict) << "\n";
        }
        if (!p.loaded) {
            std::cout << "  " << tr("plugins.reason") << " " << terminalSafe(p.reason) << "\n";
            continue;
        }
        const auto provided = session.registry().byPlugin(p.name);
        if (provided.empty())
            std::cout << "  " << tr("plugins.nothing") << "\n";
        else
            printProvided(provided, "  ");
    }

    // Components the core registers itself (not from any plugin), if any.
    const auto builtin = session.registry().byPlugin("core");
    if (!builtin.empty()) {
        std::cout << "\n" << tr("plugins.builtin") << "\n";
        printProvided(builtin, "  ");
    }

    if (!check) return 0;
    std::cout << "\n";
    if (!session.host().trialNote().empty())
        std::cout << terminalSafe(tr("plugins.trialsOff", {session.host().trialNote()})) << "\n";
    if (PluginHost::trialTimeout() > 0)
        std::cout << tr("plugins.trialSummary",
                        {shortDuration(session.host().trialSeconds()), formatDuration(PluginHost::trialTimeout())})
                  << "\n";
    std::vector<std::string> refused;
    for (const auto& p : plugins)
        if (!p.loaded) refused.push_back(p.name.empty() ? p.file : p.name);
    if (refused.empty()) return 0;
    throw InputError("", tr("plugins.checkFailed", {std::to_string(refused.size()), std::to_string(plugins.size()),
                                                    join(refused, ", ")}));
}

}  // namespace deepstep::cli
