#pragma once
// The geometry of a 2-D sliding window over N·C·H·W images, shared by the convolution,
// the pooling layers, im2col and the naive reference. The arithmetic of one axis is
// core's (deepstep/conv_arithmetic.hpp); this adds the two axes, channels and groups,
// and the checks that name the option at fault.

#include "deepstep/conv_arithmetic.hpp"
#include "deepstep/tensor.hpp"

#include <cstddef>
#include <string>

namespace deepstep::cnn {

/// A size per axis: [height, width] (a kernel, a stride, a dilation).
struct Pair {
    std::size_t h = 1;
    std::size_t w = 1;
    friend bool operator==(const Pair&, const Pair&) = default;
};

/// Padding as given: explicit zeros per side of each axis, or "same" (resolved against
/// the input at build time, see conv::samePadding).
struct Padding {
    bool same = false;
    Pair size{0, 0};  ///< zeros on each side (top and bottom, left and right) unless `same`
};

/// The options of a sliding window, before an input is known.
struct WindowOptions {
    Pair kernel{1, 1};
    Pair stride{1, 1};
    Padding padding;
    Pair dilation{1, 1};
};

/// Everything about one sliding-window layer on a known input sample C×H×W.
struct Geometry {
    std::size_t channels = 1;  ///< C: input channels
    std::size_t height = 1;    ///< H
    std::size_t width = 1;     ///< W
    std::size_t filters = 1;   ///< output channels (pooling: = channels)
    std::size_t groups = 1;    ///< channels and filters are split into this many groups
    conv::Axis rows;           ///< the vertical axis (its input is H)
    conv::Axis cols;           ///< the horizontal axis (its input is W)
    std::size_t outHeight = 1;
    std::size_t outWidth = 1;

    std::size_t channelsPerGroup() const { return channels / groups; }
    std::size_t filtersPerGroup() const { return filters / groups; }
    /// Inputs one output of a filter reads: (C / groups)·kh·kw, a row of the weight matrix.
    std::size_t patch() const { return channelsPerGroup() * rows.kernel * cols.kernel; }
    /// Output positions per channel: outHeight·outWidth.
    std::size_t positions() const { return outHeight * outWidth; }
    Shape inputSample() const { return Shape{channels, height, width}; }
    Shape outputSample() const { return Shape{filters, outHeight, outWidth}; }
};

/// Checks an input sample shape and window options and works out the output.
/// `layer` is the layer's registry name, used in messages ("conv2d.kernel").
/// requires: every size in `window` >= 1, filters >= 1, groups >= 1.
/// throws InputError before anything is allocated:
///   "<layer>" for a sample that is not C×H×W;
///   "<layer>.groups" when groups does not divide the channels or the filters;
///   "<layer>.kernel" when the (dilated) kernel is larger than the padded input, i.e. the
///   output would have no rows or columns (the message works the formula out).
Geometry geometry(const Shape& inputSample, const WindowOptions& window, std::size_t filters, std::size_t groups,
                  const std::string& layer);

/// Checks that `x` is a batch of the geometry's input samples.
/// throws InputError("<layer>", "expected ... got shape [..]") otherwise.
void checkBatch(const Tensor& x, const Geometry& g, const std::string& layer);

}  // namespace deepstep::cnn
