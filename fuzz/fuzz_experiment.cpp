// Fuzzes the experiment reader: arbitrary text is parsed as an experiment (with the
// nesting limit of every reader) and built with the lecture components and toy data
// sets, as `deepstep train` would before training. Nothing is written and nothing is
// trained; a network that was built runs one forward pass over a small data set.
// Bad input must end in InputError; anything else is a finding.
//
// Size cap: until every size is checked against the memory budget before allocation,
// documents holding an integer above kLargest are skipped, so that a layer of 10^12
// units does not end the run as an allocation beyond libFuzzer's limit. Set
// DEEPSTEP_FUZZ_NO_SIZE_CAP=1 to fuzz without it.

#include "deepstep/errors.hpp"
#include "fuzz_support.hpp"
#include "deepstep/experiment.hpp"
#include "deepstep/limits.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
constexpr double kLargest = 4096;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const deepstep::Json doc = deepstep::parseJsonText(text, "fuzz.json");
        if (deepstep::fuzzing::sizeCapped() && !deepstep::fuzzing::withinCap(doc, kLargest)) return 0;
        deepstep::BuiltExperiment ex = deepstep::buildExperiment(doc, deepstep::fuzzing::lectureRegistry(), "fuzz.json");
        if (ex.dataset->size() <= 64) {
            const deepstep::Batch all = ex.dataset->all();
            (void)ex.network.forward(all.inputs, deepstep::Mode::Eval);
        }
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    }
    return 0;
}
