// The files a lesson pack names, and where they may be.
//
// A pack is data from anywhere: a download, a classmate, a plugin. Every file it names
// (lesson files, Markdown, experiments, answers) is resolved with symlinks followed and
// must land inside the pack folder or inside one of the shared experiments folders;
// anything else is a problem of the pack and is never opened, so that a pack cannot
// show a student's files as lesson text or quote them in an error.

#include "deepstep/lessons/lesson.hpp"

#include "deepstep/errors.hpp"

#include "deepstep/limits.hpp"
#include "pack_reading.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace deepstep {

std::vector<std::string> lessonExperimentFolders() {
    std::vector<std::string> out;
    std::error_code ec;
    // The program's own folder: an installed DeepStep keeps its experiments in
    // <prefix>/share/deepstep/experiments beside <prefix>/bin.
    const fs::path program = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && program.has_parent_path())
        out.push_back((program.parent_path() / ".." / "share" / "deepstep" / "experiments").lexically_normal().string());
#ifdef DEEPSTEP_SOURCE_EXPERIMENTS
    // A build tree runs the packs of the source tree, which name its experiments.
    out.push_back(fs::path(DEEPSTEP_SOURCE_EXPERIMENTS).lexically_normal().string());
#endif
    return out;
}

}  // namespace deepstep

namespace deepstep::lessons_detail {

namespace {

std::string kindOf(fs::file_type type) {
    switch (type) {
        case fs::file_type::directory: return "a folder";
        case fs::file_type::fifo: return "a FIFO";
        case fs::file_type::character: return "a character device";
        case fs::file_type::block: return "a block device";
        case fs::file_type::socket: return "a socket";
        default: return "not a regular file";
    }
}

/// "an experiment file", "a lesson file".
std::string withArticle(const std::string& what) {
    return (what.find_first_of("aeiouAEIOU") == 0 ? "an " : "a ") + what;
}

}  // namespace

bool isInside(const fs::path& file, const fs::path& root) {
    const auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    return r == root.end();
}

std::vector<fs::path> packRoots(const std::string& folder) {
    std::vector<fs::path> roots;
    std::error_code ec;
    const fs::path pack = fs::canonical(folder, ec);
    if (!ec) roots.push_back(pack);
    for (const auto& shared : lessonExperimentFolders()) {
        const fs::path root = fs::canonical(shared, ec);
        if (!ec && fs::is_directory(root, ec) && std::find(roots.begin(), roots.end(), root) == roots.end())
            roots.push_back(root);
    }
    return roots;
}

std::string readTextFile(const std::string& file, std::uint64_t maxBytes) {
    (void)requireRegularFile(file, maxBytes);
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(file, "cannot open the file");
    std::string text;
    char buffer[1 << 14];
    // The size was checked, but a file may grow while it is read.
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > maxBytes)
            throw InputError(file, "the file is over the limit of " + formatBytes(static_cast<long double>(maxBytes)));
    }
    if (in.bad()) throw InputError(file, "cannot read the file");
    return text;
}

std::optional<std::string> PackReader::locate(const std::string& relative, FileCheck& check, const std::string& path,
                                              const std::string& what) {
    const std::string shown = inQuotes(relative);
    const std::string a = withArticle(what);
    if (fs::path(relative).is_absolute()) {
        check.problem(path, "expected " + a + " relative to the pack folder, got the absolute path " + shown);
        return std::nullopt;
    }
    const std::string file = joined(folder, relative);
    std::error_code ec;
    // Symlinks are followed as far as the path exists; the rest is taken as written.
    const fs::path resolved = fs::weakly_canonical(fs::absolute(file, ec), ec);
    if (ec) {
        const bool loop = ec == std::errc::too_many_symbolic_link_levels;
        check.problem(path, "expected " + a + " that can be found, but " + shown + " cannot be followed (" +
                                ec.message() + (loop ? ": a symbolic link loop" : "") + ")");
        return std::nullopt;
    }
    if (std::none_of(roots.begin(), roots.end(), [&](const fs::path& root) { return isInside(resolved, root); })) {
        check.problem(path, "expected " + a + " inside the pack folder or the experiments folder, but " + shown +
                                " leads outside them (to " + resolved.string() + ")");
        return std::nullopt;
    }
    const fs::file_status status = fs::status(resolved, ec);
    if (status.type() == fs::file_type::not_found) {
        check.problem(path, "expected an existing " + what + ", " + shown + " not found (looked for " + file + ")");
        return std::nullopt;
    }
    if (ec || status.type() != fs::file_type::regular) {
        check.problem(path, "expected " + a + " that is a regular file, but " + shown + " is " +
                                (ec ? "unreadable (" + ec.message() + ")" : kindOf(status.type())));
        return std::nullopt;
    }
    return resolved.string();
}

}  // namespace deepstep::lessons_detail
