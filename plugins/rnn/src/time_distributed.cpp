// time_distributed: the same layers at every step of a sequence. A batch N·T·F… is the
// batch (N·T)·F… to the children (the same numbers, another shape), and their output
// (N·T)·G… is N·T·G… again.
#include "deepstep/errors.hpp"
#include "deepstep/rnn/rnn.hpp"

#include <stdexcept>

namespace deepstep::rnn {

TimeDistributedLayer::TimeDistributedLayer(std::vector<NamedLayer> children) : SequentialLayer(std::move(children)) {}

Shape TimeDistributedLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() < 2 || inputSample[0] == 0) {
        throw InputError("", "time_distributed applies its layers at every step of a sequence: expected samples of "
                             "T steps (T × F…), got samples of shape " +
                                 inputSample.str());
    }
    steps_ = inputSample[0];
    const std::vector<std::size_t>& dims = inputSample.dims();
    const Shape step(std::vector<std::size_t>(dims.begin() + 1, dims.end()));
    const Shape out = SequentialLayer::build(step, rng);
    std::vector<std::size_t> outDims{steps_};
    outDims.insert(outDims.end(), out.dims().begin(), out.dims().end());
    return Shape(outDims);
}

Shape TimeDistributedLayer::perStep(const Shape& shape) const {
    // N·T·rest → (N·T)·rest
    std::vector<std::size_t> dims(shape.dims().begin() + 1, shape.dims().end());
    dims[0] = shape[0] * steps_;
    return Shape(dims);
}

Shape TimeDistributedLayer::perSequence(const Shape& shape, std::size_t batch) const {
    // (N·T)·rest → N·T·rest
    std::vector<std::size_t> dims{batch, steps_};
    dims.insert(dims.end(), shape.dims().begin() + 1, shape.dims().end());
    return Shape(dims);
}

Tensor TimeDistributedLayer::run(const Tensor& x, Mode mode) {
    if (x.shape().rank() < 3 || x.shape()[1] != steps_) {
        throw InputError("time_distributed", "expected input of " + std::to_string(steps_) + " steps, got " +
                                                 x.shape().str());
    }
    batch_ = x.batch();
    // The children see the steps as the batch; the reshaped copy is kept, so that it
    // outlives their backward whether or not x does.
    stepInput_ = x.reshaped(perStep(x.shape()));
    Tensor y = runForward(stepInput_, mode, true);
    y.reshape(perSequence(y.shape(), batch_));
    return y;
}

Tensor TimeDistributedLayer::forward(const Tensor& x, Mode mode) {
    return run(x, mode);
}

Tensor TimeDistributedLayer::forwardRetained(const Tensor& x, Mode mode) {
    return run(x, mode);
}

Tensor TimeDistributedLayer::backward(const Tensor& dy) {
    Tensor dx = runBackward(children_.size(), dy.reshaped(perStep(dy.shape())), true);
    dx.reshape(perSequence(dx.shape(), batch_));
    return dx;
}

void TimeDistributedLayer::backwardParameters(const Tensor& dy) {
    (void)runBackward(children_.size(), dy.reshaped(perStep(dy.shape())), false);
}

Tensor TimeDistributedLayer::backwardFromPreActivation(const Tensor& /*dz*/) {
    throw std::logic_error("time_distributed shows no activation of its own to start the backward pass from");
}

std::vector<Internal> TimeDistributedLayer::internals() const {
    return childOutputs(children_.size());
}

}  // namespace deepstep::rnn
