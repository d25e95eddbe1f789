// upsample (nearest) and the depthwise-separable block.
#include "deepstep/cnn/more_layers.hpp"
#include "deepstep/errors.hpp"

#include <stdexcept>

namespace deepstep::cnn {

// ---- upsample ----

UpsampleLayer::UpsampleLayer(Pair scale) : scale_(scale) {
    if (scale_.h == 0 || scale_.w == 0) {
        throw InputError("upsample.scale", "expected positive factors, got " + std::to_string(scale_.h) + " and " +
                                               std::to_string(scale_.w));
    }
}

Shape UpsampleLayer::build(const Shape& inputSample, Rng& /*rng*/) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError("upsample", "expected images N·C·H·W (one sample C×H×W), got samples of shape " +
                                         inputSample.str());
    }
    checkParameterMemory(static_cast<long double>(inputSample.elements()) * scale_.h * scale_.w / 2, "scale",
                         "an upsampled sample of " + std::to_string(inputSample.elements()) + " values × " +
                             std::to_string(scale_.h) + "·" + std::to_string(scale_.w));
    input_ = inputSample;
    return Shape{inputSample[0], inputSample[1] * scale_.h, inputSample[2] * scale_.w};
}

Tensor UpsampleLayer::forward(const Tensor& x, Mode /*mode*/) {
    if (x.rank() != 4 || x.batch() == 0 || x.dim(1) != input_[0] || x.dim(2) != input_[1] || x.dim(3) != input_[2]) {
        throw InputError("upsample", "expected a batch of images N×" + std::to_string(input_[0]) + "×" +
                                         std::to_string(input_[1]) + "×" + std::to_string(input_[2]) + ", got shape " +
                                         x.shape().str());
    }
    batch_ = x.batch();
    const std::size_t h = input_[1], w = input_[2];
    const std::size_t ow = w * scale_.w;
    Tensor y(Shape{batch_, input_[0], h * scale_.h, ow});
    std::size_t out = 0;
    for (std::size_t plane = 0; plane < batch_ * input_[0]; ++plane) {
        for (std::size_t i = 0; i < h * scale_.h; ++i) {
            const float* row = x.data() + (plane * h + i / scale_.h) * w;
            for (std::size_t j = 0; j < ow; ++j) y[out++] = row[j / scale_.w];
        }
    }
    return y;
}

Tensor UpsampleLayer::backward(const Tensor& dy) {
    const std::size_t h = input_[1], w = input_[2];
    const std::size_t ow = w * scale_.w;
    const Shape expected{batch_, input_[0], h * scale_.h, ow};
    if (dy.shape() != expected) {
        throw std::invalid_argument("upsample: gradient of shape " + dy.shape().str() + " for a result of shape " +
                                    expected.str());
    }
    Tensor dx(Shape{batch_, input_[0], h, w});
    std::size_t out = 0;
    for (std::size_t plane = 0; plane < batch_ * input_[0]; ++plane) {
        for (std::size_t i = 0; i < h * scale_.h; ++i) {
            float* row = dx.data() + (plane * h + i / scale_.h) * w;
            for (std::size_t j = 0; j < ow; ++j) row[j / scale_.w] += dy[out++];
        }
    }
    return dx;
}

// ---- depthwise_separable ----

namespace {

Conv2dOptions depthwiseOptions(const DepthwiseSeparableOptions& o, std::size_t channels) {
    Conv2dOptions c;
    c.filters = channels * o.depthMultiplier;
    c.window = o.window;
    c.groups = channels;
    c.useBias = o.useBias;
    c.init = o.init;
    c.initScale = o.initScale;
    return c;
}

std::vector<NamedLayer> separableChildren(const DepthwiseSeparableOptions& o,
                                          const DepthwiseSeparableLayer::ActivationMaker& make) {
    // The depthwise child is made again at build(), when the input's channels are known;
    // until then it stands for one channel.
    Conv2dOptions pointwise;
    pointwise.filters = o.filters;
    pointwise.useBias = o.useBias;
    pointwise.init = o.init;
    pointwise.initScale = o.initScale;
    std::vector<NamedLayer> children;
    children.push_back({"depthwise", std::make_unique<Conv2dLayer>(depthwiseOptions(o, 1), make("depthwise"))});
    children.push_back({"pointwise", std::make_unique<Conv2dLayer>(pointwise, make("pointwise"))});
    return children;
}

void checkSeparable(const DepthwiseSeparableOptions& o) {
    if (o.filters == 0) throw InputError("depthwise_separable.filters", "expected a positive integer, got 0");
    if (o.depthMultiplier == 0) {
        throw InputError("depthwise_separable.depth_multiplier", "expected a positive integer, got 0");
    }
}

}  // namespace

DepthwiseSeparableLayer::DepthwiseSeparableLayer(DepthwiseSeparableOptions options, const ActivationMaker& make)
    : SequentialLayer((checkSeparable(options), separableChildren(options, make))),
      options_(std::move(options)),
      depthwiseActivation_(make("depthwise")) {}

Shape DepthwiseSeparableLayer::build(const Shape& inputSample, Rng& rng) {
    if (inputSample.rank() != 3 || inputSample.elements() == 0) {
        throw InputError("depthwise_separable", "expected images N·C·H·W (one sample C×H×W), got samples of shape " +
                                                    inputSample.str());
    }
    const auto* built = dynamic_cast<const Conv2dLayer*>(children_[0].layer.get());
    if (!depthwiseActivation_ && built != nullptr && built->geometry().channels == inputSample[0]) {
        return SequentialLayer::build(inputSample, rng);  // built before, for as many channels
    }
    if (!depthwiseActivation_) {
        throw std::logic_error("depthwise_separable: built again for another number of channels");
    }
    const bool trainable = children_[0].layer->trainable();
    children_[0].layer =
        std::make_unique<Conv2dLayer>(depthwiseOptions(options_, inputSample[0]), std::move(depthwiseActivation_));
    children_[0].layer->setTrainable(trainable);
    return SequentialLayer::build(inputSample, rng);
}

}  // namespace deepstep::cnn
