// Fuzzes the CSV reader. The first byte picks the options (so that scaling, splits,
// categorical columns and class targets are all reached); the rest is the CSV text.
// Bad input must end in InputError; anything else is a finding.

#include "deepstep/data/csv.hpp"
#include "deepstep/errors.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::uint8_t pick = data[0];
    deepstep::data::CsvOptions options;
    options.classify = (pick & 0x01) != 0;
    static const char* const scales[] = {"none", "standard", "minmax", "none"};
    options.scale = scales[(pick >> 1) & 3];
    static const char* const splits[] = {"all", "train", "test", "all"};
    options.split = splits[(pick >> 3) & 3];
    options.testFraction = (pick & 0x20) != 0 ? 0.3 : 0.0;
    if ((pick & 0x40) != 0) options.categorical = {"c"};
    if ((pick & 0x80) != 0) options.targets = {"a"};
    options.seed = pick;
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        (void)deepstep::data::parseCsv(text, options, "fuzz.csv");
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    }
    return 0;
}
