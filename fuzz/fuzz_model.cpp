// Fuzzes the model-file reader: arbitrary text is parsed (with the nesting limit of
// every reader) and read as a model with the lecture components, as `deepstep eval`
// and `predict` do; a model that was read runs one forward pass on zeros.
// Bad input must end in InputError; anything else is a finding.
//
// Size cap: as in fuzz_experiment.cpp, documents holding an integer above kLargest are
// skipped until sizes are checked against the memory budget before allocation
// (DEEPSTEP_FUZZ_NO_SIZE_CAP=1 turns the cap off).

#include "deepstep/errors.hpp"
#include "fuzz_support.hpp"
#include "deepstep/limits.hpp"
#include "deepstep/model_io.hpp"

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
        deepstep::ModelFile model = deepstep::modelFromJson(doc, deepstep::fuzzing::lectureRegistry(), "fuzz.json");
        const deepstep::Tensor zeros(model.network.inputShape().withBatch(1), 0.0F);
        (void)model.network.forward(zeros, deepstep::Mode::Eval);
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    }
    return 0;
}
