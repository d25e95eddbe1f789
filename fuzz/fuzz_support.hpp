#pragma once
// What the reader fuzzers share: a registry with the lecture components and toy data
// sets, and the size cap they apply until sizes are checked against the memory budget
// before allocation.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/toy/toy_datasets.hpp"

#include <cstdlib>

namespace deepstep::fuzzing {

inline const Registry& lectureRegistry() {
    static const Registry r = [] {
        Registry reg;
        backprop::registerComponents(reg);
        toy::registerComponents(reg);
        return reg;
    }();
    return r;
}

/// Whether every number in `j` lies in [-largest, largest].
inline bool withinCap(const Json& j, double largest) {
    if (j.is_number()) {
        const double v = j.get<double>();
        return v <= largest && v >= -largest;
    }
    if (j.is_array() || j.is_object()) {
        for (const auto& e : j) {
            if (!withinCap(e, largest)) return false;
        }
    }
    return true;
}

/// False when DEEPSTEP_FUZZ_NO_SIZE_CAP is set: fuzz without the size cap.
inline bool sizeCapped() {
    static const bool capped = std::getenv("DEEPSTEP_FUZZ_NO_SIZE_CAP") == nullptr;
    return capped;
}

}  // namespace deepstep::fuzzing
