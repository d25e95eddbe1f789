#pragma once
// The RNN lecture's components: recurrent layers on sequences N·T·F (N sequences of T
// steps, F features a step).
//
//   layers  simple_rnn
//
// The loadable plugin "rnn" registers exactly these; tests and static tools link the
// components library and call registerComponents() themselves.

#include "deepstep/activation.hpp"
#include "deepstep/layer.hpp"
#include "deepstep/registry.hpp"

#include <memory>
#include <vector>

namespace deepstep::rnn {

struct SimpleRnnOptions {
    std::size_t units = 1;         ///< H: hidden units
    bool returnSequences = false;  ///< output every h_t (N·T·H), else the last (N·H)
    std::string init = "xavier";   ///< how the two weight matrices start
    float initScale = 0.1F;        ///< for init = uniform / normal
};

/// simple_rnn: the Elman recurrent layer of the lecture,
///   h_0 = 0,  z_t = x_t W + h_{t−1} U + b,  h_t = f(z_t)   (f: tanh unless chosen)
/// with backpropagation through the whole sequence in backward().
///
/// Parameters (the lecture's row form, as dense's Y = XW + b):
///   input_weight      W  [F, H]
///   recurrent_weight  U  [H, H]
///   bias              b  [H]
/// To copy them into torch.nn.RNN(F, H, batch_first=True, nonlinearity="tanh"):
///   weight_ih_l0 = Wᵀ, weight_hh_l0 = Uᵀ, bias_ih_l0 = b, bias_hh_l0 = 0.
///
/// Internals after forward(): "pre_activations" z and "hidden_states" h, each N·T·H
/// (h_t of sequence n at [n][t]); after backward() each carries its gradient
/// ∂E/∂z_t and ∂E/∂h_t, the latter with the part that flows back through time.
class SimpleRnnLayer final : public Layer {
public:
    /// requires: options.units >= 1 and a non-null activation (throws otherwise).
    SimpleRnnLayer(SimpleRnnOptions options, std::unique_ptr<Activation> activation);

    std::string type() const override { return "simple_rnn"; }
    /// requires: inputSample is T × F with T, F >= 1; throws InputError("simple_rnn", ...)
    /// otherwise. ensures: returns {T, H} with return_sequences, else {H}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    /// dy: N·T·H with return_sequences, else N·H.
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&w_, &u_, &b_}; }
    std::vector<Internal> internals() const override;

    Parameter& inputWeight() { return w_; }
    Parameter& recurrentWeight() { return u_; }
    Parameter& bias() { return b_; }
    const SimpleRnnOptions& options() const { return options_; }

private:
    SimpleRnnOptions options_;
    std::unique_ptr<Activation> activation_;
    std::size_t steps_ = 0;
    std::size_t features_ = 0;
    bool built_ = false;
    Parameter w_{"input_weight", {}, {}, true, true};
    Parameter u_{"recurrent_weight", {}, {}, true, true};
    Parameter b_{"bias", {}, {}, true, false};
    Tensor input_;
    std::vector<Tensor> z_;  ///< z_t as N × H (memory: H × N column-major), t = 0 … T−1
    std::vector<Tensor> h_;  ///< h_t likewise
    Tensor zAll_, hAll_, dzAll_, dhAll_;  ///< N·T·H, for internals()
    bool backwardDone_ = false;
};

/// Adds every layer listed above to `registry`, each with its option schema and
/// English and Korean help.
/// requires: none of these names is registered yet; `registry` outlives every factory
///           call (simple_rnn looks its activation up in it: the activations come from
///           the backprop plugin, or any other).
void registerComponents(Registry& registry);

}  // namespace deepstep::rnn
