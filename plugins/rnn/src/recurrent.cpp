// What simple_rnn and lstm share: the checks of their options, sequence shapes and
// gradients, and their three parameters W [F, G·H], U [H, G·H], b [G·H].
#include "deepstep/errors.hpp"
#include "deepstep/random.hpp"
#include "deepstep/rnn/rnn.hpp"

#include <algorithm>
#include <stdexcept>

namespace deepstep::rnn {

RecurrentLayer::RecurrentLayer(std::string type, std::size_t blocks, RecurrentOptions options)
    : type_(std::move(type)), blocks_(blocks), options_(std::move(options)) {
    if (options_.units == 0) {
        throw InputError(type_ + ".units", "expected a positive integer, got 0");
    }
    const auto& names = init::names();
    if (options_.init == "constant" || std::find(names.begin(), names.end(), options_.init) == names.end()) {
        throw InputError(type_ + ".init",
                         "expected one of xavier, he, uniform, normal, zeros, got \"" + options_.init + "\"");
    }
}

Shape RecurrentLayer::buildParameters(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 2 || inputSample[0] == 0 || inputSample[1] == 0) {
        throw InputError(type_, "expected sequences N·T·F (one sample T × F: T steps of F features), got samples of "
                                "shape " + inputSample.str());
    }
    steps_ = inputSample[0];
    features_ = inputSample[1];
    const std::size_t h = options_.units;
    const std::size_t columns = blocks_ * h;
    checkParameterMemory(static_cast<long double>(features_ + h + 1) * static_cast<long double>(columns), "units",
                         "the weights of " + std::to_string(h) + " recurrent units on " + std::to_string(features_) +
                             " features");
    w_.value = Tensor(Shape{features_, columns});
    u_.value = Tensor(Shape{h, columns});
    b_.value = Tensor(Shape{columns});
    init::byName(options_.init, w_.value, rng, features_, columns, options_.initScale);
    init::byName(options_.init, u_.value, rng, h, columns, options_.initScale);
    w_.grad = Tensor(w_.value.shape());
    u_.grad = Tensor(u_.value.shape());
    b_.grad = Tensor(b_.value.shape());
    if (options_.learnedInitialState) {
        for (Parameter* p : {&h0_, &c0_}) {
            p->value = Tensor(Shape{h});
            p->grad = Tensor(Shape{h});
        }
    }
    built_ = true;
    return options_.returnSequences ? Shape{steps_, h} : Shape{h};
}

void RecurrentLayer::startForward(const Tensor& x) {
    if (!built_) {
        throw std::logic_error(type_ + ": forward() before build()");
    }
    const Shape expected = Shape{steps_, features_}.withBatch(x.batch());
    if (x.shape() != expected) {
        throw InputError(type_, "expected input " + expected.str() + ", got " + x.shape().str());
    }
    input_ = x;
    backwardDone_ = false;
}

arma::fmat RecurrentLayer::projectInputs(const arma::fvec* bias) {
    const std::size_t n = input_.batch();
    const std::size_t columns = blocks_ * options_.units;
    const float* x = input_.data();
    // One-hot: exactly one 1 and zeros elsewhere in every step of every sequence.
    hot_.assign(steps_ * n, 0);
    bool oneHot = true;
    for (std::size_t s = 0; s < n && oneHot; ++s) {
        for (std::size_t t = 0; t < steps_ && oneHot; ++t) {
            const float* v = x + (s * steps_ + t) * features_;
            std::size_t ones = 0;
            for (std::size_t f = 0; f < features_; ++f) {
                if (v[f] == 1.0F) {
                    ++ones;
                    hot_[t * n + s] = static_cast<std::uint32_t>(f);
                } else if (v[f] != 0.0F) {
                    oneHot = false;
                    break;
                }
            }
            oneHot = oneHot && ones == 1;
        }
    }
    arma::fmat z(columns, steps_ * n);
    if (oneHot) {
        stepMajorInput_.reset();
        // W is [F, G·H] row-major: row k, the weights of feature k, is contiguous.
        for (std::size_t c = 0; c < steps_ * n; ++c)
            std::copy_n(w_.value.data() + static_cast<std::size_t>(hot_[c]) * columns, columns, z.colptr(c));
    } else {
        hot_.clear();
        stepMajorInput_.set_size(features_, steps_ * n);
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t t = 0; t < steps_; ++t)
                std::copy_n(x + (s * steps_ + t) * features_, features_, stepMajorInput_.colptr(t * n + s));
        const arma::fmat wt(w_.value.data(), columns, features_, false, true);
        z = wt * stepMajorInput_;
    }
    if (bias != nullptr) z.each_col() += *bias;
    return z;
}

void RecurrentLayer::accumulateInputWeightGradient(const arma::fmat& dz) {
    const std::size_t columns = blocks_ * options_.units;
    arma::fmat dwt(w_.grad.data(), columns, features_, false, true);
    if (!hot_.empty()) {
        for (std::size_t c = 0; c < hot_.size(); ++c)
            dwt.col(hot_[c]) += dz.col(c);
    } else {
        dwt += dz * stepMajorInput_.t();
    }
}

Tensor RecurrentLayer::inputGradient(const arma::fmat& dz) const {
    const std::size_t n = input_.batch();
    const std::size_t columns = blocks_ * options_.units;
    const arma::fmat wt(const_cast<float*>(w_.value.data()), columns, features_, false, true);
    const arma::fmat dxs = wt.t() * dz;  // F × (T·N), step-major
    Tensor dx(input_.shape());
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = 0; t < steps_; ++t)
            std::copy_n(dxs.colptr(t * n + s), features_, dx.data() + (s * steps_ + t) * features_);
    return dx;
}

void RecurrentLayer::startBackward(const Tensor& dy) const {
    const std::size_t n = input_.batch();
    const std::size_t h = options_.units;
    const Shape expected = options_.returnSequences ? Shape{n, steps_, h} : Shape{n, h};
    if (dy.shape() != expected) {
        throw std::invalid_argument(type_ + ": gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    expected.str());
    }
}

void RecurrentLayer::zeroGradients() {
    for (Parameter* p : {&w_, &u_, &b_, &h0_, &c0_})
        std::fill(p->grad.values().begin(), p->grad.values().end(), 0.0F);
}

std::vector<Parameter*> RecurrentLayer::parameters() {
    std::vector<Parameter*> out{&w_, &u_, &b_};
    if (options_.learnedInitialState) out.push_back(&h0_);
    return out;
}

arma::fmat RecurrentLayer::initialColumns(const Parameter& state, std::size_t n) const {
    arma::fmat m(options_.units, n, arma::fill::zeros);
    if (options_.learnedInitialState) {
        const arma::fvec v(const_cast<float*>(state.value.data()), options_.units, false, true);
        m.each_col() = v;
    }
    return m;
}

}  // namespace deepstep::rnn
