#pragma once
// The CNN lecture's components: convolution and pooling on images N·C·H·W.
//
//   layers  conv2d, max_pool2d, avg_pool2d, global_avg_pool, flatten, batch_norm2d,
//           conv_transpose2d, upsample, depthwise_separable
//
// The loadable plugin "cnn" registers exactly these; tests and static tools link the
// components library and call registerComponents() themselves.

#include "deepstep/cnn/layers.hpp"
#include "deepstep/cnn/more_layers.hpp"
#include "deepstep/registry.hpp"

namespace deepstep::cnn {

/// Adds every layer listed above to `registry`, each with its option schema and
/// English and Korean help.
/// requires: none of these names is registered yet (Registry::addLayer throws
///           std::invalid_argument otherwise); `registry` outlives every factory call,
///           because conv2d looks its activation up in it when it is built (the
///           activations come from the backprop plugin, or any other).
void registerComponents(Registry& registry);

}  // namespace deepstep::cnn
