#include "support/simple_recurrent_layer.hpp"

#include "deepstep/errors.hpp"

#include <stdexcept>

namespace deepstep::test {

// Everything runs on column views (one column per sample), as the core's dense
// layer does: a row-major F × H weight read column-major is W^T (H × F), so the
// row form h_t = x_t W + h_{t−1} U + b becomes H_t = W^T X_t + U^T H_{t−1} + b.

SimpleRecurrentLayer::SimpleRecurrentLayer(std::size_t hidden) : hidden_(hidden) {
    if (hidden == 0) {
        throw std::invalid_argument("SimpleRecurrentLayer: hidden must be positive");
    }
}

Shape SimpleRecurrentLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 2) {
        throw InputError("simple_recurrent", "expected a sequence sample T × F, got " + inputSample.str());
    }
    steps_ = inputSample[0];
    features_ = inputSample[1];
    w_.value = Tensor(Shape{features_, hidden_});
    init::xavier(w_.value, rng, features_, hidden_);
    u_.value = Tensor(Shape{hidden_, hidden_});
    init::xavier(u_.value, rng, hidden_, hidden_);
    b_.value = Tensor(Shape{hidden_});
    w_.grad = Tensor(w_.value.shape());
    u_.grad = Tensor(u_.value.shape());
    b_.grad = Tensor(b_.value.shape());
    return Shape{hidden_};
}

Tensor SimpleRecurrentLayer::forward(const Tensor& x, Mode /*mode*/) {
    const Shape expected = Shape{steps_, features_}.withBatch(x.batch());
    if (x.shape() != expected) {
        throw InputError("simple_recurrent", "expected input " + expected.str() + ", got " + x.shape().str());
    }
    input_ = x;
    const std::size_t n = x.batch();
    const arma::fmat wt(w_.value.data(), hidden_, features_, false, true);
    const arma::fmat ut(u_.value.data(), hidden_, hidden_, false, true);
    const arma::fvec b(b_.value.data(), hidden_, false, true);
    // One sample's column holds T·F values, time-major: x_t is rows [t·F, (t+1)·F).
    const arma::fmat xc = input_.columns();
    hiddenStates_.assign(1, arma::fmat(hidden_, n, arma::fill::zeros));
    for (std::size_t t = 0; t < steps_; ++t) {
        arma::fmat a = wt * xc.rows(t * features_, (t + 1) * features_ - 1) + ut * hiddenStates_.back();
        a.each_col() += b;
        hiddenStates_.push_back(arma::tanh(a));
    }
    return Tensor::fromColumns(hiddenStates_.back());
}

Tensor SimpleRecurrentLayer::backward(const Tensor& dy) {
    const std::size_t n = input_.batch();
    if (dy.shape() != Shape{n, hidden_}) {
        throw InputError("simple_recurrent", "expected dL/dy " + Shape{n, hidden_}.str() + ", got " + dy.shape().str());
    }
    const arma::fmat wt(w_.value.data(), hidden_, features_, false, true);
    const arma::fmat ut(u_.value.data(), hidden_, hidden_, false, true);
    arma::fmat dwt(w_.grad.data(), hidden_, features_, false, true);
    arma::fmat dut(u_.grad.data(), hidden_, hidden_, false, true);
    arma::fvec db(b_.grad.data(), hidden_, false, true);
    dwt.zeros();
    dut.zeros();
    db.zeros();
    const arma::fmat xc = input_.columns();
    Tensor dx(input_.shape());
    arma::fmat dxc = dx.columns();
    // A const tensor's column view still aliases its memory, and copy-initialising a
    // non-const matrix from it keeps the alias (guaranteed copy elision). dh is
    // rewritten every step, so it must own its values or it would overwrite dy.
    const arma::fmat dyView = dy.columns();
    arma::fmat dh = dyView;
    for (std::size_t t = steps_; t-- > 0;) {
        const arma::fmat& h = hiddenStates_[t + 1];
        const arma::fmat da = dh % (1.0F - h % h);
        dwt += da * xc.rows(t * features_, (t + 1) * features_ - 1).t();
        dut += da * hiddenStates_[t].t();
        db += arma::sum(da, 1);
        dxc.rows(t * features_, (t + 1) * features_ - 1) = wt.t() * da;
        dh = ut.t() * da;
    }
    return dx;
}

}  // namespace deepstep::test
