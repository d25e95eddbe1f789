// bidirectional: one copy of a recurrent layer reads the sequence forwards, another reads
// it backwards, and their outputs are put side by side.
#include "deepstep/errors.hpp"
#include "deepstep/rnn/rnn.hpp"

#include <algorithm>
#include <stdexcept>

namespace deepstep::rnn {

namespace {

/// x (N·T·rest) with its steps in reverse order.
Tensor reversedInTime(const Tensor& x) {
    const std::size_t n = x.batch();
    const std::size_t steps = x.shape()[1];
    const std::size_t step = x.sampleSize() / steps;
    Tensor y(x.shape());
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t t = 0; t < steps; ++t)
            std::copy_n(x.data() + (s * steps + t) * step, step, y.data() + (s * steps + (steps - 1 - t)) * step);
    return y;
}

}  // namespace

BidirectionalLayer::BidirectionalLayer(std::unique_ptr<Layer> forwards, std::unique_ptr<Layer> backwards)
    : forwards_(std::move(forwards)), backwards_(std::move(backwards)) {
    if (!forwards_ || !backwards_) throw std::invalid_argument("BidirectionalLayer: null child");
}

Shape BidirectionalLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 2 || inputSample[0] == 0) {
        throw InputError("", "bidirectional reads sequences: expected samples T × F, got " + inputSample.str());
    }
    steps_ = inputSample[0];
    const Shape f = forwards_->build(inputSample, rng);
    const Shape b = backwards_->build(inputSample, rng);
    // Both copies come from one spec; anything else is a programming error.
    if (f != b) throw std::logic_error("bidirectional: the two directions give different shapes");
    sequences_ = f.rank() == 2;
    if (!(f.rank() == 1 || (sequences_ && f[0] == steps_))) {
        throw InputError("", "bidirectional wraps a recurrent layer (output h_T, or h_t of every step), but its layer "
                             "gives " + f.str() + " for " + inputSample.str());
    }
    units_ = f.dims().back();
    return sequences_ ? Shape{steps_, 2 * units_} : Shape{2 * units_};
}

Tensor BidirectionalLayer::forward(const Tensor& x, Mode mode) {
    const Tensor f = forwards_->forward(x, mode);
    reversed_ = reversedInTime(x);
    Tensor b = backwards_->forwardRetained(reversed_, mode);
    // The backward direction's output for step t is the one it gave after reading x_t
    // last, at its own step T−1−t.
    if (sequences_) b = reversedInTime(b);
    const std::size_t rows = f.size() / units_;
    Tensor y(sequences_ ? Shape{x.batch(), steps_, 2 * units_} : Shape{x.batch(), 2 * units_});
    for (std::size_t r = 0; r < rows; ++r) {
        std::copy_n(f.data() + r * units_, units_, y.data() + r * 2 * units_);
        std::copy_n(b.data() + r * units_, units_, y.data() + r * 2 * units_ + units_);
    }
    return y;
}

std::pair<Tensor, Tensor> BidirectionalLayer::split(const Tensor& dy) const {
    const Shape half = sequences_ ? Shape{dy.batch(), steps_, units_} : Shape{dy.batch(), units_};
    if (dy.size() != 2 * half.elements()) {
        throw std::invalid_argument("bidirectional: gradient of shape " + dy.shape().str());
    }
    Tensor f(half);
    Tensor b(half);
    for (std::size_t r = 0; r < half.elements() / units_; ++r) {
        std::copy_n(dy.data() + r * 2 * units_, units_, f.data() + r * units_);
        std::copy_n(dy.data() + r * 2 * units_ + units_, units_, b.data() + r * units_);
    }
    if (sequences_) b = reversedInTime(b);
    return {std::move(f), std::move(b)};
}

Tensor BidirectionalLayer::backward(const Tensor& dy) {
    auto [f, b] = split(dy);
    Tensor dx = forwards_->backward(f);
    dx += reversedInTime(backwards_->backward(b));
    return dx;
}

void BidirectionalLayer::backwardParameters(const Tensor& dy) {
    auto [f, b] = split(dy);
    forwards_->backwardParameters(f);
    backwards_->backwardParameters(b);
}

std::vector<ChildLayer> BidirectionalLayer::children() const {
    return {ChildLayer{"forward", forwards_.get()}, ChildLayer{"backward", backwards_.get()}};
}

}  // namespace deepstep::rnn
