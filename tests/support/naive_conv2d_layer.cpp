#include "support/naive_conv2d_layer.hpp"

#include "deepstep/errors.hpp"

#include <stdexcept>

namespace deepstep::test {

NaiveConv2dLayer::NaiveConv2dLayer(std::size_t filters, std::size_t kernel) : filters_(filters), kernel_(kernel) {
    if (filters == 0 || kernel == 0) {
        throw std::invalid_argument("NaiveConv2dLayer: filters and kernel must be positive");
    }
}

Shape NaiveConv2dLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 3 || inputSample[1] < kernel_ || inputSample[2] < kernel_) {
        throw InputError("naive_conv2d", "expected an input sample C × H × W with H, W >= " + std::to_string(kernel_) +
                                             ", got " + inputSample.str());
    }
    channels_ = inputSample[0];
    height_ = inputSample[1];
    width_ = inputSample[2];
    weight_.value = Tensor(Shape{filters_, channels_, kernel_, kernel_});
    init::xavier(weight_.value, rng, channels_ * kernel_ * kernel_, filters_ * kernel_ * kernel_);
    weight_.grad = Tensor(weight_.value.shape());
    bias_.value = Tensor(Shape{filters_});
    bias_.grad = Tensor(bias_.value.shape());
    return Shape{filters_, height_ - kernel_ + 1, width_ - kernel_ + 1};
}

Tensor NaiveConv2dLayer::forward(const Tensor& x, Mode /*mode*/) {
    const Shape expected = Shape{channels_, height_, width_}.withBatch(x.batch());
    if (x.shape() != expected) {
        throw InputError("naive_conv2d", "expected input " + expected.str() + ", got " + x.shape().str());
    }
    input_ = x;
    const std::size_t outH = height_ - kernel_ + 1;
    const std::size_t outW = width_ - kernel_ + 1;
    Tensor y(Shape{x.batch(), filters_, outH, outW});
    for (std::size_t n = 0; n < x.batch(); ++n) {
        for (std::size_t o = 0; o < filters_; ++o) {
            for (std::size_t i = 0; i < outH; ++i) {
                for (std::size_t j = 0; j < outW; ++j) {
                    float s = bias_.value[o];
                    for (std::size_t c = 0; c < channels_; ++c) {
                        for (std::size_t p = 0; p < kernel_; ++p) {
                            for (std::size_t q = 0; q < kernel_; ++q) {
                                s += x.at({n, c, i + p, j + q}) * weight_.value.at({o, c, p, q});
                            }
                        }
                    }
                    y.at({n, o, i, j}) = s;
                }
            }
        }
    }
    return y;
}

Tensor NaiveConv2dLayer::backward(const Tensor& dy) {
    const std::size_t outH = height_ - kernel_ + 1;
    const std::size_t outW = width_ - kernel_ + 1;
    const Shape expected{input_.batch(), filters_, outH, outW};
    if (dy.shape() != expected) {
        throw InputError("naive_conv2d", "expected dL/dy " + expected.str() + ", got " + dy.shape().str());
    }
    weight_.grad.fill(0.0F);
    bias_.grad.fill(0.0F);
    Tensor dx(input_.shape());
    for (std::size_t n = 0; n < input_.batch(); ++n) {
        for (std::size_t o = 0; o < filters_; ++o) {
            for (std::size_t i = 0; i < outH; ++i) {
                for (std::size_t j = 0; j < outW; ++j) {
                    const float g = dy.at({n, o, i, j});
                    bias_.grad[o] += g;
                    for (std::size_t c = 0; c < channels_; ++c) {
                        for (std::size_t p = 0; p < kernel_; ++p) {
                            for (std::size_t q = 0; q < kernel_; ++q) {
                                weight_.grad.at({o, c, p, q}) += g * input_.at({n, c, i + p, j + q});
                                dx.at({n, c, i + p, j + q}) += g * weight_.value.at({o, c, p, q});
                            }
                        }
                    }
                }
            }
        }
    }
    return dx;
}

}  // namespace deepstep::test
