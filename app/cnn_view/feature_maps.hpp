#pragma once
// The numbers behind the CNN tab's pictures, computed from any network through the
// Layer interface: every layer's output for one image split into maps, the colour
// ranges the maps are drawn with, the kernels of every convolution, and which input
// won a max-pool window. Nothing here knows a plugin's C++ types: a convolution is a
// layer with a rank-4 "weight", a pooling window comes from the layer's options, and
// the winner of a window is found by comparing the layer's input with its output.

#include "deepstep/network.hpp"

#include <optional>
#include <string>
#include <vector>

namespace deepstep::studio::cnn {

/// One map: rows × cols values, row-major.
struct FeatureMap {
    int rows = 0;
    int cols = 0;
    std::vector<float> values;
};

/// One layer's output for one image.
struct LayerMaps {
    std::string name;  ///< the network's layer name
    std::string type;  ///< the layer's type name ("conv2d")
    Shape shape;       ///< output shape of one sample
    /// C maps of H × W for an image output (C × H × W); one 1 × F map for a vector;
    /// one T × F map for a sequence.
    std::vector<FeatureMap> maps;
};

/// Every layer's output for `image`, layer by layer in evaluation mode.
/// requires: net built; image is 1 × net.inputShape() (a batch of one).
/// ensures: result[i] is layer i's output (result.size() == net.layerCount()).
std::vector<Tensor> layerOutputs(Network& net, const Tensor& image);

/// The maps of every layer's output. requires: as layerOutputs.
std::vector<LayerMaps> featureMaps(Network& net, const Tensor& image);

/// How values become shades.
enum class ColourScale {
    Local,   ///< each map from its own smallest to its largest value
    Layer,   ///< every map of a layer over the layer's range
    Global,  ///< every map of every layer over one range
};

struct ValueRange {
    float lo = 0.0F;
    float hi = 0.0F;
    friend bool operator==(const ValueRange&, const ValueRange&) = default;
};

/// The range each map is drawn with: result[layer][map]. A map with no values gets {0, 0}.
std::vector<std::vector<ValueRange>> colourRanges(const std::vector<LayerMaps>& layers, ColourScale scale);

/// Where value v falls in r, in [0, 1]: 0.5 when the range is a single value.
float shadeOf(float v, ValueRange r);

/// The kernels of one convolution: weight[out][in][kh][kw].
struct FilterBank {
    std::string layer;
    int outputs = 0;
    int inputs = 0;  ///< input channels each filter sees (per group)
    int height = 0;
    int width = 0;
    std::vector<float> values;  ///< outputs × inputs × height × width, row-major

    /// requires: indices in range. The kernel of (filter, channel), height × width.
    FeatureMap kernel(int filter, int channel) const;
};

/// Every layer's rank-4 "weight" parameter (convolutions), in layer order.
std::vector<FilterBank> convolutionFilters(Network& net);

/// A pooling window's size, step and padding, as a layer's options give them.
struct PoolGeometry {
    int kernelRows = 2, kernelCols = 2;
    int strideRows = 2, strideCols = 2;
    int padRows = 0, padCols = 0;
};

/// Reads "kernel", "stride" and "padding" (an integer or [height, width]) from a layer
/// spec as the pooling layers take them: stride 0 or missing is the kernel size.
/// Returns nothing when a value is of another form.
std::optional<PoolGeometry> poolGeometry(const Json& spec);

/// The window of one pooled output and the input position that won it.
struct PoolRoute {
    int top = 0, left = 0;      ///< first input row and column of the window (inside the input)
    int bottom = 0, right = 0;  ///< one past the last
    int row = -1, col = -1;     ///< the winner
    float value = 0.0F;         ///< the winner's input value
    /// The winner's value equals the output exactly (a max pool); false when the
    /// largest value in the window differs from the output.
    bool matches = false;
};

/// The input position of one output of a max pool, found by comparing values: the first
/// position in the window (row by row) whose input equals `output`, else the largest.
/// `input` is one channel, rows × cols, row-major.
/// requires: input.size() == rows * cols; the window holds at least one input position.
PoolRoute poolRoute(const std::vector<float>& input, int rows, int cols, float output, int outRow, int outCol,
                    const PoolGeometry& g);

}  // namespace deepstep::studio::cnn
