// deepstep plugins: what the plugin host found, and what each plugin provides.

#include "commands.hpp"
#include "session.hpp"
#include "text.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

namespace deepstep::cli {

CommandSpec pluginsSpec() {
    return {"plugins", "[OPTIONS]", "cmd.plugins.summary", "cmd.plugins.description", {}, {}};
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
            if (c->kind == kind) names.push_back(c->name);
        if (names.empty()) continue;
        std::sort(names.begin(), names.end());
        std::cout << indent << padRight(tr("kind." + toString(kind)) + ":", width) << "  " << join(names, ", ") << "\n";
    }
}

}  // namespace

int runPlugins(const Arguments&) {
    Session session(false);
    const auto& plugins = session.host().plugins();

    std::cout << tr("plugins.searchPath") << "\n";
    for (const auto& folder : PluginHost::defaultSearchPaths())
        std::cout << "  " << folder << "\n";
    std::cout << "\n";

    std::size_t loaded = 0;
    for (const auto& p : plugins)
        loaded += p.loaded ? 1 : 0;
    if (plugins.empty()) {
        std::cout << tr("plugins.none") << "\n";
    } else {
        std::cout << tr("plugins.count", {std::to_string(loaded), std::to_string(plugins.size() - loaded)}) << "\n";
    }

    for (const auto& p : plugins) {
        // Without readable metadata the file name is all there is to call it by.
        std::cout << "\n" << (p.name.empty() ? std::filesystem::path(p.file).filename().string() : p.name);
        if (!p.version.empty()) std::cout << " " << p.version;
        std::cout << " - " << tr(p.loaded ? "plugins.loaded" : "plugins.refused") << "\n";
        const std::string summary = pick(p.summary);
        if (!summary.empty()) std::cout << "  " << summary << "\n";
        std::cout << "  " << tr("plugins.file") << " " << p.file << "\n";
        if (!p.depends.empty()) std::cout << "  " << tr("plugins.depends") << " " << join(p.depends, ", ") << "\n";
        if (!p.loaded) {
            std::cout << "  " << tr("plugins.reason") << " " << p.reason << "\n";
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
    return 0;
}

}  // namespace deepstep::cli
