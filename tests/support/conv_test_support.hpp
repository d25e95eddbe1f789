#pragma once
// What the Studio's convolution tests share: the registry they build their layers from
// (the backprop plugin's components and the cnn plugin's, registered once per test
// program), a small two-channel input, and explicit parameter values for a layer.

#include "deepstep/backprop/backprop.hpp"
#include "deepstep/cnn/cnn.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/registry.hpp"
#include "deepstep/tensor.hpp"

#include <QTest>

#include <string>
#include <vector>

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

/// Two channels of 3 × 3: 1 … 9, and a checkerboard.
inline Tensor twoChannels() {
    return Tensor(Shape{2, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9,  //
                                   0, 1, 0, 1, 0, 1, 0, 1, 0});
}

/// Sets `layer`'s parameter `name` to `values`; fails the test when there is no such
/// parameter or its size differs.
inline void setParameter(Layer* layer, const std::string& name, const std::vector<float>& values) {
    for (Parameter* p : layer->parameters()) {
        if (p->name != name) continue;
        QCOMPARE(p->value.size(), values.size());
        for (std::size_t i = 0; i < values.size(); ++i) p->value[i] = values[i];
        return;
    }
    QFAIL("no such parameter");
}

}  // namespace deepstep::test
