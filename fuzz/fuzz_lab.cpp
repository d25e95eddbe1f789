// Fuzzes the lab readers: the first byte chooses the reader (0: a result file, 1: a lab
// file, 2: a lab.json manifest), the rest is the file's text. Bad input must end in
// InputError; a crash or any other exception is a finding. A result and a manifest that
// were read must also survive a round trip through their writers.

#include "deepstep/errors.hpp"
#include "deepstep/lessons/lab.hpp"
#include "deepstep/limits.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const int reader = data[0] % 3;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        const deepstep::Json doc = deepstep::parseJsonText(text, "lab");
        if (reader == 0) {
            const deepstep::LabResult r = deepstep::labResultFromJson(doc, "result.json");
            try {
                (void)deepstep::labResultFromJson(deepstep::labResultToJson(r), "again");
            } catch (const deepstep::InputError&) {
                std::abort();
            }
        } else if (reader == 1) {
            (void)deepstep::labBundleFromJson(doc, "lab.dslab");
        } else {
            const deepstep::LabManifest m = deepstep::readLabManifest(doc, "lab.json");
            try {
                (void)deepstep::readLabManifest(deepstep::labManifestToJson(m), "again");
            } catch (const deepstep::InputError&) {
                std::abort();
            }
        }
    } catch (const deepstep::InputError&) {
        return 0;  // the expected answer to bad input
    }
    return 0;
}
