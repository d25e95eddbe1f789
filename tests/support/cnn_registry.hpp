#pragma once
// The registry the Studio's convolution tests build their layers from: the backprop
// plugin's components (dense, losses, optimizers) and the cnn plugin's, registered
// once per test program.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/registry.hpp"

namespace deepstep::test {

inline Registry& cnnRegistry() {
    static Registry r = [] {
        Registry made;
        backprop::registerComponents(made);
        cnn::registerComponents(made);
        return made;
    }();
    return r;
}

}  // namespace deepstep::test
