// Fuzzes the IDX parser and, for inputs that start with the gzip magic, the in-memory
// gunzip in front of it and the streaming decoder that inflates as it goes (the one
// files go through). Bad input must end in InputError; anything else (another
// exception, a crash, a sanitizer report, a huge allocation) is a finding.

#include "deepstep/data/idx.hpp"
#include "deepstep/errors.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> bytes(data, size);
    try {
        if (deepstep::data::looksGzipped(bytes)) {
            // A small cap: the cap itself is under test, and a gzip bomb must stop at it.
            const auto plain = deepstep::data::gunzip(bytes, "fuzz.gz", std::size_t{1} << 20);
            (void)deepstep::data::parseIdx(plain, "fuzz.gz");
        }
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    }
    try {
        // A gzip image inflates to at most 1032 times its size, so the streaming
        // decoder's allocation stays within a few MiB for the fuzzer's inputs.
        if (deepstep::data::looksGzipped(bytes)) {
            (void)deepstep::data::decodeIdx(bytes, "fuzz.gz");
        } else {
            (void)deepstep::data::parseIdx(bytes, "fuzz.idx");
        }
    } catch (const deepstep::InputError&) {
        // The expected answer to bad input.
    }
    return 0;
}
