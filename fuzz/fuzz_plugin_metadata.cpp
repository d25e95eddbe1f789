// Fuzzes the reader of a plugin's DeepStep metadata (the JSON object compiled into the
// library): the input is the JSON text. Bad input must end in std::invalid_argument; a
// crash, a sanitizer report or any other exception is a finding.

#include "deepstep/plugin_host.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const deepstep::PluginStatus status = deepstep::readPluginMetadata(text);
        // What is accepted has a name: the host names every plugin by it.
        if (status.name.empty()) std::abort();
    } catch (const std::invalid_argument&) {
        return 0;  // the expected answer to bad input
    }
    return 0;
}
