#pragma once
// The backprop lecture's components: dense networks trained by backpropagation.
//
//   layers       dense, activation, prelu, maxout, softmax, dropout, batch_norm
//   activations  identity, sigmoid, tanh, relu, leaky_relu, elu, softmax
//   losses       mse, mae, binary_cross_entropy, categorical_cross_entropy
//   optimizers   sgd, momentum, nesterov, adagrad, rmsprop, adam
//
// The loadable plugin "backprop" registers exactly these; tests and static tools
// link the components library and call registerComponents() themselves.

#include "deepstep/backprop/activations.hpp"
#include "deepstep/backprop/layers.hpp"
#include "deepstep/backprop/losses.hpp"
#include "deepstep/backprop/optimizers.hpp"
#include "deepstep/registry.hpp"

namespace deepstep::backprop {

/// Adds every component listed above to `registry`, each with its option schema
/// and English and Korean help.
/// requires: none of these names is registered yet in its kind (Registry::add* throws
///           std::invalid_argument otherwise); `registry` outlives every layer factory
///           call, because "dense" and "activation" look their activation up in it,
///           so activations registered later (by other plugins) work too.
void registerComponents(Registry& registry);

}  // namespace deepstep::backprop
