#pragma once
// A plain (Elman) recurrent layer, written only against the public Layer contract,
// to show that the core interfaces carry the RNN lecture: the layer takes a whole
// sequence N·T·F, returns the last hidden state N·H and does backpropagation
// through time inside backward().
//
//   h_0 = 0,  h_t = tanh(x_t W + h_{t−1} U + b),  output = h_T
//   W: F × H, U: H × H, b: H (row-major, as a dense layer's weight).

#include "deepstep/layer.hpp"

#include <vector>

namespace deepstep::test {

class SimpleRecurrentLayer final : public Layer {
public:
    /// requires: hidden >= 1.
    explicit SimpleRecurrentLayer(std::size_t hidden);

    std::string type() const override { return "simple_recurrent"; }
    /// requires: inputSample is T × F; throws InputError otherwise. ensures: returns {hidden}.
    Shape build(const Shape& inputSample, Rng& rng) override;
    Tensor forward(const Tensor& x, Mode mode) override;
    Tensor backward(const Tensor& dy) override;
    std::vector<Parameter*> parameters() override { return {&w_, &u_, &b_}; }

    Parameter& inputWeight() { return w_; }
    Parameter& recurrentWeight() { return u_; }
    Parameter& bias() { return b_; }

private:
    std::size_t hidden_;
    std::size_t steps_ = 0;
    std::size_t features_ = 0;
    Parameter w_{"W", {}, {}, true, true};
    Parameter u_{"U", {}, {}, true, true};
    Parameter b_{"b", {}, {}, true, false};
    Tensor input_;
    /// hiddenStates_[t] is h_t in column form (H × N); [0] is the zero start state.
    std::vector<arma::fmat> hiddenStates_;
};

}  // namespace deepstep::test
