// Fuzzes `--option KEY=VALUE` as `deepstep eval` and `dataset inspect` read it: the
// input is one option value, given on a command line and parsed by the CLI's own
// parser (tools/deepstep/args.cpp), then checked against a toy data set's options,
// which the first byte picks. A data set is built only from small values.
// Bad input must end in InputError or UsageError; anything else is a finding.

#include "args.hpp"

#include "deepstep/errors.hpp"
#include "deepstep/registry.hpp"
#include "fuzz_support.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {
constexpr double kLargest = 256;
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const auto datasets = deepstep::fuzzing::lectureRegistry().list(deepstep::Kind::Dataset);
    const std::string dataset = datasets.at(data[0] % datasets.size())->name;
    const std::string value(reinterpret_cast<const char*>(data + 1), size - 1);
    static const deepstep::cli::CommandSpec spec{
        "eval", "MODEL [OPTIONS]", "", "", {"MODEL"}, {{"option", "K=V", "", true}}};
    const deepstep::Registry& registry = deepstep::fuzzing::lectureRegistry();
    try {
        const deepstep::cli::Arguments args = deepstep::cli::parseArguments(spec, {"model.json", "--option", value});
        const deepstep::Json options = args.keyValues("option");
        const deepstep::ComponentInfo* info = registry.find(deepstep::Kind::Dataset, dataset);
        const deepstep::Options resolved = deepstep::resolveReportingAll(info->schema, options, "--option");
        (void)resolved;
        if (deepstep::fuzzing::withinCap(options, kLargest)) (void)registry.makeDataset(dataset, options, "--option");
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    } catch (const deepstep::cli::UsageError&) {
        // A value without KEY=: the CLI's usage message.
    }
    return 0;
}
