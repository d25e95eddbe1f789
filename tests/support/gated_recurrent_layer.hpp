#pragma once
// A small gated recurrent layer, written only against the public Layer contract, to
// show that a layer's gates reach the trace as internals (the RNN lecture's LSTM and
// GRU views stand on this). One update gate g and one candidate c per step:
//
//   g_t = σ(x_t Wg + h_{t−1} Ug + bg)
//   c_t = tanh(x_t Wc + h_{t−1} Uc + bc)
//   h_t = (1 − g_t) ⊙ h_{t−1} + g_t ⊙ c_t,   h_0 = 0,   output = h_T
//
// Input N·T·F; W F × H, U H × H, b H (row-major, as a dense layer's weight).
// Internals, each N·T·H with its gradient after backward(): "gate" (g_t),
// "candidate" (c_t), "hidden" (h_t; its gradient is the whole dL/dh_t).

#include "deepstep/layer.hpp"

namespace deepstep::test {

class GatedRecurrentLayer final : public Layer {
public:
    /// requires: hidden >= 1.
    explicit GatedRecurrentLayer(std::size_t hidden);

    std::string type() const override { return "gated_recurrent"; }
    /// requires: inputSample is T × F; throws InputError otherwise. ensures: returns {hidden}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&wg_, &ug_, &bg_, &wc_, &uc_, &bc_}; }
    std::vector<Internal> internals() const override;

private:
    std::size_t hidden_;
    std::size_t steps_ = 0;
    std::size_t features_ = 0;
    Parameter wg_{"gate_weight", {}, {}, true, true};
    Parameter ug_{"gate_recurrent_weight", {}, {}, true, true};
    Parameter bg_{"gate_bias", {}, {}, true, false};
    Parameter wc_{"weight", {}, {}, true, true};
    Parameter uc_{"recurrent_weight", {}, {}, true, true};
    Parameter bc_{"bias", {}, {}, true, false};
    Tensor input_;
    Tensor gate_, candidate_, states_;     // N × T × H
    Tensor gateGrad_, candidateGrad_, hiddenGrad_;  // dL/d of each, after backward()
};

}  // namespace deepstep::test
