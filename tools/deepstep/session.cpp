#include "session.hpp"

#include "text.hpp"

#include "deepstep/errors.hpp"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace deepstep::cli {

Session::Session(bool warnRefused) : host_(registry_) {
    host_.loadDefault();
    if (!warnRefused) return;
    for (const auto& p : host_.plugins())
        if (!p.loaded)
            std::cerr << "deepstep: " << terminalSafe(tr("warn.refused", {p.name.empty() ? p.file : p.name, p.reason}))
                      << "\n";
}

std::string fileStem(const std::string& path) {
    return std::filesystem::path(path).stem().string();
}

void createFolder(const std::string& folder) {
    if (folder.empty()) return;
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw RuntimeFailure(tr("err.createFolder", {folder, ec.message()}));
}

void createParentFolder(const std::string& file) {
    createFolder(std::filesystem::path(file).parent_path().string());
}

}  // namespace deepstep::cli

#include <atomic>
#include <csignal>

namespace deepstep::cli {
namespace {

std::atomic<bool> interruptRequested{false};

extern "C" void onInterrupt(int) {
    interruptRequested.store(true);
    std::signal(SIGINT, SIG_DFL);
}

}  // namespace

void catchInterrupt() {
    std::signal(SIGINT, onInterrupt);
}

bool interrupted() {
    return interruptRequested.load();
}

}  // namespace deepstep::cli
