// Fuzzes the reader of a student's progress file: the input is the file's text. Bad
// input must end in InputError; a crash or any other exception is a finding. What is
// read must also survive a round trip through toJson().

#include "deepstep/errors.hpp"
#include "deepstep/lessons/progress.hpp"
#include "deepstep/limits.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    deepstep::LessonProgress progress;
    try {
        progress = deepstep::LessonProgress::fromJson(deepstep::parseJsonText(text, "progress.json"), "progress.json");
    } catch (const deepstep::InputError&) {
        return 0;  // the expected answer to bad input
    }
    // A progress file DeepStep wrote itself must read back.
    try {
        (void)deepstep::LessonProgress::fromJson(progress.toJson(), "again");
    } catch (const deepstep::InputError&) {
        std::abort();
    }
    return 0;
}
