// simple_rnn: h_t = f(x_t W + h_{t−1} U + b), backpropagation through time.
//
// Everything runs on column views (one column per sequence), as the dense layer does:
// a row-major F × H weight read column-major is Wᵀ (H × F), so the row form above
// becomes Z_t = Wᵀ X_t + Uᵀ H_{t−1} + b. One sequence's input column holds T·F values,
// time-major, so X_t is rows [t·F, (t+1)·F) of the input's column view; the same for
// the N·T·H outputs with H.
#include "deepstep/rnn/rnn.hpp"

#include <stdexcept>

namespace deepstep::rnn {

SimpleRnnLayer::SimpleRnnLayer(const SimpleRnnOptions& options, std::unique_ptr<Activation> activation)
    : RecurrentLayer("simple_rnn", 1, options), activation_(std::move(activation)) {
    if (!activation_) {
        throw std::invalid_argument("SimpleRnnLayer: activation must not be null");
    }
}

Shape SimpleRnnLayer::build(const Shape& inputSample, Rng& rng) { return buildParameters(inputSample, rng); }

Tensor SimpleRnnLayer::forward(const Tensor& x, Mode /*mode*/) {
    startForward(x);
    const std::size_t n = x.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), h, h, false, true);
    const arma::fvec b(b_.value.data(), h, false, true);
    // x_t W + b for every step at once; only h_{t−1} U waits for the previous step.
    const arma::fmat zx = projectInputs(&b);
    z_.assign(steps_, Tensor());
    h_.assign(steps_, Tensor());
    zAll_ = Tensor(Shape{n, steps_, h});
    hAll_ = Tensor(Shape{n, steps_, h});
    arma::fmat zAll = zAll_.columns();
    arma::fmat hAll = hAll_.columns();
    for (std::size_t t = 0; t < steps_; ++t) {
        z_[t] = Tensor(Shape{n, h});
        arma::fmat z = z_[t].columns();
        z = zx.cols(t * n, (t + 1) * n - 1);
        if (t > 0) {
            z += ut * h_[t - 1].columns();
        } else if (options_.learnedInitialState) {
            z += ut * initialColumns(h0_, n);
        }
        h_[t] = Tensor(Shape{n, h});
        activation_->forwardInto(z_[t], h_[t]);
        zAll.rows(t * h, (t + 1) * h - 1) = z;
        hAll.rows(t * h, (t + 1) * h - 1) = h_[t].columns();
    }
    return options_.returnSequences ? hAll_ : h_.back();
}

Tensor SimpleRnnLayer::backward(const Tensor& dy) {
    return backwardThroughTime(dy, true);
}

void SimpleRnnLayer::backwardParameters(const Tensor& dy) {
    (void)backwardThroughTime(dy, false);
}

Tensor SimpleRnnLayer::backwardThroughTime(const Tensor& dy, bool inputGradientWanted) {
    startBackward(dy);
    zeroGradients();
    const std::size_t n = input_.batch();
    const std::size_t h = options_.units;
    const arma::fmat ut(u_.value.data(), h, h, false, true);
    arma::fmat dut(u_.grad.data(), h, h, false, true);
    arma::fvec db(b_.grad.data(), h, false, true);
    const arma::fmat dyc = dy.columns();  // aliases dy: only read
    // ∂E/∂z_t of every step, laid out as the forward's input projection.
    arma::fmat dzSteps(h, steps_ * n);
    dzAll_ = Tensor(Shape{n, steps_, h});
    dhAll_ = Tensor(Shape{n, steps_, h});
    arma::fmat dzAll = dzAll_.columns();
    arma::fmat dhAll = dhAll_.columns();
    // ∂E/∂h_t: what the output at t receives, plus what flows back from z_{t+1}.
    arma::fmat fromLater(h, n, arma::fill::zeros);
    Tensor dh(Shape{n, h});
    Tensor dz(Shape{n, h});
    for (std::size_t t = steps_; t-- > 0;) {
        arma::fmat dhc = dh.columns();
        if (options_.returnSequences) {
            dhc = dyc.rows(t * h, (t + 1) * h - 1) + fromLater;
        } else {
            dhc = t + 1 == steps_ ? arma::fmat(dyc) : fromLater;
        }
        activation_->backwardInto(z_[t], h_[t], dh, dz);
        const arma::fmat dzc = dz.columns();
        dzSteps.cols(t * n, (t + 1) * n - 1) = dzc;
        if (t > 0) {
            dut += dzc * h_[t - 1].columns().t();
        } else if (options_.learnedInitialState) {
            dut += dzc * initialColumns(h0_, n).t();
            if (reachesInitialState()) {
                arma::fvec dh0(h0_.grad.data(), h, false, true);
                dh0 = arma::sum(ut.t() * dzc, 1);
            }
        }
        if (carriesBack(t)) {
            fromLater = ut.t() * dzc;
        } else {
            fromLater.zeros();
        }
        dzAll.rows(t * h, (t + 1) * h - 1) = dzc;
        dhAll.rows(t * h, (t + 1) * h - 1) = dh.columns();
    }
    accumulateInputWeightGradient(dzSteps);
    db += arma::sum(dzSteps, 1);
    backwardDone_ = true;
    return inputGradientWanted ? inputGradient(dzSteps) : Tensor();
}

std::vector<Internal> SimpleRnnLayer::internals() const {
    if (input_.empty()) {
        return {};
    }
    return {{"pre_activations",
             &zAll_,
             backwardDone_ ? &dzAll_ : nullptr,
             {"z_t = x_t W + h_{t−1} U + b for every sequence n and step t, N·T·H",
              "모든 시퀀스 n과 시점 t의 z_t = x_t W + h_{t−1} U + b, N·T·H"}},
            {"hidden_states",
             &hAll_,
             backwardDone_ ? &dhAll_ : nullptr,
             {"h_t = f(z_t), N·T·H; its gradient includes what flows back from later steps",
              "h_t = f(z_t), N·T·H. 기울기에는 뒤 시점에서 거슬러 온 몫이 들어 있습니다"}}};
}

}  // namespace deepstep::rnn
