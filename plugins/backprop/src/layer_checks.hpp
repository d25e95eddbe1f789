#pragma once
// Input checks shared by the backprop layers (internal to the plugin).

#include "deepstep/errors.hpp"
#include "deepstep/tensor.hpp"

#include <string>

namespace deepstep::backprop {

/// Features per sample of `inputSample`. throws InputError naming `layer` when there are none.
inline std::size_t featuresOf(const Shape& inputSample, const std::string& layer) {
    if (inputSample.rank() == 0 || inputSample.elements() == 0) {
        throw InputError(layer, "expected an input of at least one feature, got shape " + inputSample.str());
    }
    return inputSample.elements();
}

}  // namespace deepstep::backprop
