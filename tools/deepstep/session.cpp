#include "session.hpp"

#include "text.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/file_io.hpp"

#include <sys/stat.h>

#include <cstring>
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

std::string experimentTitle(const Text& name, const std::string& experimentPath) {
    return terminalSafe(name.en.empty() ? fileStem(experimentPath) : pick(name));
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

namespace {

std::string kindText(mode_t mode) {
    if (S_ISREG(mode)) return tr("kind.regular");
    if (S_ISDIR(mode)) return tr("kind.folder");
    if (S_ISFIFO(mode)) return tr("kind.fifo");
    if (S_ISCHR(mode)) return tr("kind.charDevice");
    if (S_ISBLK(mode)) return tr("kind.blockDevice");
    if (S_ISSOCK(mode)) return tr("kind.socket");
    return tr("kind.other");
}

std::string parentOf(const std::string& path) {
    const std::string parent = std::filesystem::path(path).parent_path().string();
    return parent.empty() ? "." : parent;
}

void collectNamedFiles(const Json& value, const std::string& base, std::vector<std::string>& files) {
    if (value.is_string()) {
        const std::string& text = value.get_ref<const std::string&>();
        if (text.empty() || text.size() > 4096 || text.find('\0') != std::string::npos) return;
        for (const std::string& candidate : {text, text.front() == '/' ? std::string() : base + "/" + text}) {
            struct stat st {};
            if (!candidate.empty() && ::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode))
                files.push_back(candidate);
        }
    } else if (value.is_structured()) {
        for (const Json& item : value) collectNamedFiles(item, base, files);
    }
}

}  // namespace

void prepareOutputFolder(const std::string& folder) {
    const std::string place = folder.empty() ? "." : folder;
    struct stat st {};
    if (::stat(place.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) throw InputError(place, tr("out.notFolder", {kindText(st.st_mode)}));
    } else {
        std::error_code ec;
        std::filesystem::create_directories(place, ec);
        if (ec) throw InputError(place, tr("out.cannotCreateFolder", {ec.message()}));
    }
    if (const int error = probeWritableFolder(place); error != 0)
        throw InputError(place, tr("out.folderNotWritable", {std::strerror(error)}));
}

void prepareOutputFile(const std::string& file) {
    const std::string target = resolveOutputPath(file);
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        const std::string where = target == file ? file : file + " (-> " + target + ")";
        throw InputError(where, tr("out.notRegular", {kindText(st.st_mode)}));
    }
    prepareOutputFolder(parentOf(target));
}

void refuseInputAsOutput(const std::string& output, const std::vector<std::string>& inputs) {
    for (const std::string& input : inputs)
        if (sameFile(output, input)) throw InputError(output, tr("out.sameAsInput", {input}));
}

std::vector<std::string> experimentInputs(const std::string& experimentPath) {
    return experimentInputs(experimentPath, readJsonFile(experimentPath));
}

std::vector<std::string> experimentInputs(const std::string& experimentPath, const Json& experiment) {
    std::vector<std::string> files{experimentPath};
    collectNamedFiles(experiment, parentOf(experimentPath), files);
    return files;
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
