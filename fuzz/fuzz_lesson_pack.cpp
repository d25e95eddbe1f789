// Fuzzes the lesson pack reader. The input is split at "\n----\n" into pack.json, a
// lesson file l.json and a Markdown file t.md, written to a pack folder in a private
// temporary folder that also holds canary files beside the pack. The structure check
// then reads the pack (the backprop components are registered, so experiments build
// up to their data set). Bad input must end in problems or InputError; a crash, any
// other exception, or a canary's text in any problem or lesson text (a file outside
// the pack was read) is a finding.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/errors.hpp"
#include "deepstep/lessons/lesson.hpp"
#include "deepstep/registry.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace fs = std::filesystem;

namespace {

const fs::path& folder() {
    static const fs::path root = [] {
        std::string pattern = (fs::temp_directory_path() / "fuzz-lesson-pack-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) std::abort();
        const fs::path r(pattern);
        fs::create_directories(r / "pack");
        std::ofstream(r / "canary.md") << "CANARY-MARKDOWN\n";
        std::ofstream(r / "canary.json") << R"({"CANARY-KEY": "CANARY-VALUE", "id": "CANARY"})";
        return r;
    }();
    return root;
}

const deepstep::Registry& registry() {
    static const deepstep::Registry r = [] {
        deepstep::Registry reg;
        deepstep::backprop::registerComponents(reg);
        return reg;
    }();
    return r;
}

void write(const fs::path& file, std::string_view text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
}

void requireNoCanary(const std::string& text) {
    if (text.find("CANARY") != std::string::npos) std::abort();  // a file outside the pack was read
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    static constexpr std::string_view separator = "\n----\n";
    std::string_view parts[3];
    std::string_view rest = input;
    for (int i = 0; i < 3; ++i) {
        const std::size_t at = i < 2 ? rest.find(separator) : std::string_view::npos;
        parts[i] = rest.substr(0, at);
        rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + separator.size());
    }
    const fs::path pack = folder() / "pack";
    write(pack / "pack.json", parts[0]);
    write(pack / "l.json", parts[1]);
    write(pack / "t.md", parts[2]);
    try {
        for (const auto& problem : deepstep::checkLessonPack(pack.string(), registry(), deepstep::LessonCheck::Structure))
            requireNoCanary(problem.str());
        const deepstep::LessonPack loaded = deepstep::loadLessonPack(pack.string(), registry());
        for (const auto& lesson : loaded.lessons) {
            requireNoCanary(lesson.title.en + lesson.title.ko);
            for (const auto& step : lesson.steps)
                requireNoCanary(step.text.en + step.text.ko);
        }
    } catch (const deepstep::InputError& e) {
        requireNoCanary(e.what());
    }
    return 0;
}
